//! Files with one modality or one reader, against the tools that analyse them: the
//! single-modality OR interval against MRMCaov's single-treatment analysis of Van Dyke
//! (brian-j-smith/MRMCaov@d79e49bc, printed; `reference_results.json` under
//! `/vandyke/MRMCaov_empirical_auc/*/single_trt`), and the one-reader paired DeLong test against
//! pROC's `roc.test` on aSAH (xrobin/pROC@ee2877e8; under `/aSAH_pROC/roc_test_delong_paired`).

mod common;

use analysis::input::read_csv_path;
use analysis::{analyze, AnalyzeOptions, Covariance, Reads};
use common::{assert_full, assert_printed, fixture};

fn van_dyke_modality(index: usize) -> Reads {
    let all = read_csv_path(fixture("vandyke_mrmcaov.csv")).unwrap();
    let readers: Vec<usize> = (0..all.readers().len()).collect();
    all.subset(&[index], &readers)
}

/// aSAH as one reader ("pROC") reading three "modalities", the markers wfns, s100b and ndka.
fn asah_one_reader() -> Reads {
    let text = std::fs::read_to_string(fixture("aSAH_pROC.csv")).unwrap();
    let rows: Vec<Vec<String>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let markers = [("wfns", 5), ("s100b", 6), ("ndka", 7)];
    let ratings = markers
        .iter()
        .flat_map(|&(_, column)| rows.iter().map(move |r| r[column].parse::<f64>().unwrap()))
        .collect();
    Reads::new(
        vec!["pROC".into()],
        markers.iter().map(|(m, _)| m.to_string()).collect(),
        rows.iter().map(|r| r[0].clone()).collect(),
        rows.iter().map(|r| r[2] == "Poor").collect(),
        ratings,
    )
    .unwrap()
}

#[test]
fn one_modality_of_van_dyke_gives_mrmcaovs_single_treatment_interval() {
    for (method, name) in [
        (Covariance::DeLong, "DeLong_RRRC"),
        (Covariance::Unbiased, "unbiased_RRRC"),
    ] {
        for i in 0..2 {
            let options = AnalyzeOptions {
                covariance: method,
                ..AnalyzeOptions::default()
            };

            let report = analyze(&van_dyke_modality(i), &options).unwrap();

            let mean = report.single_modality.unwrap().mean.unwrap();
            let at = format!("/vandyke/MRMCaov_empirical_auc/{name}/single_trt/{i}");
            // The mean AUC does not depend on the covariance; MRMCaov prints it once.
            assert_printed(
                mean.estimate,
                &format!("/vandyke/MRMCaov_empirical_auc/DeLong_RRRC/single_trt/{i}/auc"),
            );
            assert_printed(mean.se, &format!("{at}/se"));
            assert_printed(mean.df.unwrap(), &format!("{at}/df"));
            assert_printed(mean.ci_lower, &format!("{at}/ci95/0"));
            assert_printed(mean.ci_upper, &format!("{at}/ci95/1"));
        }
    }
}

#[test]
fn one_reader_reading_three_markers_gives_procs_paired_delong_tests() {
    let report = analyze(&asah_one_reader(), &AnalyzeOptions::default()).unwrap();

    let single = report.single_reader.unwrap();
    assert_eq!(single.comparisons.len(), 3);
    for (k, (a, b)) in [("wfns", "s100b"), ("wfns", "ndka"), ("s100b", "ndka")]
        .into_iter()
        .enumerate()
    {
        let c = &single.comparisons[k];
        assert_eq!((c.modality_a.as_str(), c.modality_b.as_str()), (a, b));
        // pROC lists ndka before s100b in its third test: the same test with the sign flipped.
        let at = format!("/aSAH_pROC/roc_test_delong_paired/{k}");
        let sign = if k == 2 { -1.0 } else { 1.0 };
        assert_full(sign * c.z, &format!("{at}/Z"));
        assert_full(c.p, &format!("{at}/p"));
    }
    let ndka = &single.readings[2];
    assert_full(ndka.ci_lower, "/aSAH_pROC/ci_auc_delong_ndka/0");
    assert_full(ndka.estimate, "/aSAH_pROC/ci_auc_delong_ndka/1");
    assert_full(ndka.ci_upper, "/aSAH_pROC/ci_auc_delong_ndka/2");
}
