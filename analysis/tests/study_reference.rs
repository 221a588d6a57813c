//! Reference tests of the study-results statistics: the single-modality random-reader interval
//! behind the CNN-vs-readers test against RJafroc's `ciAvgRdrEachTrt` (RRRC), and the OR sample
//! size against RJafroc's `SsPowerGivenJK` / `SsSampleSizeKGivenJ`
//! (dpc10ster/RJafroc@44b0e39e, tests/testthat/test-SsSampleSizeRoc.R and goodValues361/SsPower,
//! as stored in `reference_results.json`; pointers name each number's entry).

mod common;

use analysis::covariance::covariance_matrix;
use analysis::fom::fom_table;
use analysis::input::read_csv_path;
use analysis::or::obuchowski_rockette;
use analysis::study::ai::{cad_vs_readers, single_modality_rrrc};
use analysis::study::power::PowerInputs;
use analysis::{Covariance, Fom, Reads};
use common::{assert_full, fixture, number};

const VAN_DYKE_OR: &str = "/vandyke/RJafroc_OR_jackknife_full_precision/value";
const SAMPLE_SIZE: &str = "/vandyke/RJafroc_sample_size";

fn reads(file: &str) -> Reads {
    read_csv_path(fixture(file)).unwrap()
}

fn first_modality(reads: &Reads) -> Reads {
    let readers: Vec<usize> = (0..reads.readers().len()).collect();
    reads.subset(&[0], &readers)
}

fn pilot(file: &str) -> PowerInputs {
    let reads = reads(file);
    let table = fom_table(&reads, Fom::Auc, None).unwrap();
    let cov = covariance_matrix(&reads, &table, Covariance::Jackknife).unwrap();
    let or = obuchowski_rockette(
        &table.values(),
        &cov,
        Covariance::Jackknife,
        reads.modalities(),
        reads.readers(),
    )
    .unwrap();
    PowerInputs::from_components(&or.components, reads.cases().len())
}

#[test]
fn the_single_modality_random_reader_interval_matches_rjafroc_for_van_dyke_modality_one() {
    let reads = first_modality(&reads("vandyke_mrmcaov.csv"));
    let table = fom_table(&reads, Fom::Auc, None).unwrap();
    let cov = covariance_matrix(&reads, &table, Covariance::Jackknife).unwrap();

    let interval = single_modality_rrrc(&table.values(), &cov, "trt0").unwrap();

    let base = format!("{VAN_DYKE_OR}/RRRC/ciAvgRdrEachTrt/trt0");
    assert_full(interval.estimate, &format!("{base}/Estimate"));
    assert_full(interval.se, &format!("{base}/StdErr"));
    assert_full(interval.df.unwrap(), &format!("{base}/DF"));
    assert_full(interval.ci_lower, &format!("{base}/CILower"));
    assert_full(interval.ci_upper, &format!("{base}/CIUpper"));
}

#[test]
fn readers_against_a_cnn_of_constant_auc_keep_the_readers_interval_shifted_by_the_cnn_auc() {
    // A CNN scoring every case 0.5 has AUC ½ with no case-sampling variance, so the
    // differences θⱼ − ½ carry the readers' covariance unchanged.
    let reads = first_modality(&reads("vandyke_mrmcaov.csv"));
    let cnn = vec![0.5; reads.cases().len()];

    for method in [Covariance::Jackknife, Covariance::DeLong] {
        let (difference, cnn_auc) = cad_vs_readers(&reads, &cnn, method).unwrap();

        assert_eq!(cnn_auc.auc, 0.5);
        let base = format!("{VAN_DYKE_OR}/RRRC/ciAvgRdrEachTrt/trt0");
        let expected = number(&format!("{base}/Estimate")) - 0.5;
        assert!((difference.estimate - expected).abs() < 1e-12);
        if method == Covariance::Jackknife {
            assert_full(difference.se, &format!("{base}/StdErr"));
            assert_full(difference.df.unwrap(), &format!("{base}/DF"));
        }
    }
}

#[test]
fn power_for_ten_readers_and_165_cases_matches_rjafroc_for_van_dyke() {
    let inputs = pilot("vandyke_mrmcaov.csv");
    let base = format!("{SAMPLE_SIZE}/RRRC_J10_K165/value/1");
    // The effect RJafroc was called with (its printed observed difference, trt0 − trt1).
    let effect = -0.043800322;

    let (ncp, ddf) = inputs.ncp_ddf(effect, 10, 165);
    let power = inputs.power(effect, 10, 165, 0.05).unwrap();

    assert_full(ncp, &format!("{base}/ncpRRRC"));
    assert_full(ddf, &format!("{base}/df2RRRC"));
    let expected = number(&format!("{base}/powerRRRC"));
    assert!(
        (power - expected).abs() < 1e-7,
        "power {power}, RJafroc {expected}"
    );
}

#[test]
fn the_fewest_cases_for_six_readers_match_rjafroc_for_franken() {
    let inputs = pilot("franken_mrmcaov.csv");
    let base = format!("{SAMPLE_SIZE}/Franken_K_given_J6/value/1");

    let (cases, power) = inputs.cases_for(0.05, 6, 0.05, 0.8).unwrap().unwrap();

    assert_eq!(cases as f64, number(&format!("{base}/KRRRC")));
    let expected = number(&format!("{base}/powerRRRC"));
    assert!(
        (power - expected).abs() < 1e-7,
        "power {power}, RJafroc {expected}"
    );
}
