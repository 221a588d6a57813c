//! Obuchowski–Rockette reference tests: Van Dyke and Franken against RJafroc
//! (dpc10ster/RJafroc@44b0e39e goodValues361, full precision), OR-DBM MRMC 2.51 (Iowa, printed)
//! and MRMCaov (brian-j-smith/MRMCaov@d79e49bc docs/jss, printed); the iMRMC example against
//! iMRMC 4.0.3 U-statistics (DIDSR/iMRMC@ad589e57). Pointers name the entry of
//! `reference_results.json` each number comes from.

mod common;

use analysis::covariance::covariance_matrix;
use analysis::fom::fom_table;
use analysis::input::read_csv_path;
use analysis::or::{obuchowski_rockette, OrAnalysis};
use analysis::{Covariance, Fom, Reads};
use common::{assert_full, assert_printed, fixture};

fn reads(file: &str) -> Reads {
    read_csv_path(fixture(file)).unwrap()
}

fn or_analysis(reads: &Reads, method: Covariance) -> OrAnalysis {
    let table = fom_table(reads, Fom::Auc, None).unwrap();
    let cov = covariance_matrix(reads, &table, method).unwrap();
    obuchowski_rockette(
        &table.values(),
        &cov,
        method,
        reads.modalities(),
        reads.readers(),
    )
    .unwrap()
}

/// Checks every number RJafroc's `St(method = "OR")` stores, except VarR/VarTR (see callers).
fn check_rjafroc_or(or: &OrAnalysis, values: &[f64], base: &str, trt: [&str; 2], rdr: &[&str]) {
    let r = rdr.len();
    for (i, tr) in trt.iter().enumerate() {
        for j in 0..r {
            assert_full(values[i * r + j], &format!("{base}/FOMs/foms/{i}/{j}"));
        }
        let it = format!("{base}/ANOVA/IndividualTrt/{tr}");
        assert_full(
            or.components.ms_r_each_modality[i],
            &format!("{it}/msREachTrt"),
        );
        assert_full(
            or.components.var_each_modality[i],
            &format!("{it}/varEachTrt"),
        );
        assert_full(
            or.components.cov2_each_modality[i],
            &format!("{it}/cov2EachTrt"),
        );
    }
    let c = &or.components;
    for (v, k) in [(c.ms_t, "T"), (c.ms_r, "R"), (c.ms_tr, "TR")] {
        assert_full(v, &format!("{base}/ANOVA/TRanova/{k}/MS"));
    }
    for (v, k) in [
        (c.cov1, "Cov1"),
        (c.cov2, "Cov2"),
        (c.cov3, "Cov3"),
        (c.var_error, "Var"),
    ] {
        assert_full(v, &format!("{base}/ANOVA/VarCom/{k}/Estimates"));
    }
    for (j, rd) in rdr.iter().enumerate() {
        let ir = format!("{base}/ANOVA/IndividualRdr/{rd}");
        assert_full(c.ms_t_each_reader[j], &format!("{ir}/msTEachRdr"));
        assert_full(c.var_each_reader[j], &format!("{ir}/varEachRdr"));
        assert_full(c.cov1_each_reader[j], &format!("{ir}/cov1EachRdr"));
    }
    let diff = format!("{}-{}", trt[0], trt[1]);

    let rrrc = format!("{base}/RRRC");
    assert_full(or.rrrc.f, &format!("{rrrc}/FTests/Treatment/FStat"));
    assert_full(or.rrrc.p, &format!("{rrrc}/FTests/Treatment/p"));
    assert_full(or.rrrc.df2, &format!("{rrrc}/FTests/Error/DF"));
    assert_full(or.rrrc.denominator, &format!("{rrrc}/FTests/Error/MS"));
    let d = &or.rrrc.differences[0];
    for (v, k) in [
        (d.estimate, "Estimate"),
        (d.se, "StdErr"),
        (d.statistic, "t"),
        (d.p, "PrGTt"),
        (d.ci_lower, "CILower"),
        (d.ci_upper, "CIUpper"),
    ] {
        assert_full(v, &format!("{rrrc}/ciDiffTrt/{diff}/{k}"));
    }
    for (i, tr) in trt.iter().enumerate() {
        let m = &or.rrrc.modalities[i];
        for (v, k) in [
            (m.estimate, "Estimate"),
            (m.se, "StdErr"),
            (m.df.unwrap(), "DF"),
            (m.ci_lower, "CILower"),
            (m.ci_upper, "CIUpper"),
        ] {
            assert_full(v, &format!("{rrrc}/ciAvgRdrEachTrt/{tr}/{k}"));
        }
    }

    let frrc = format!("{base}/FRRC");
    assert_full(or.frrc.chi2, &format!("{frrc}/FTests/Treatment/Chisq"));
    assert_full(or.frrc.p, &format!("{frrc}/FTests/Treatment/p"));
    assert_full(or.frrc.denominator, &format!("{frrc}/FTests/Error/MS"));
    let d = &or.frrc.differences[0];
    for (v, k) in [
        (d.se, "StdErr"),
        (d.statistic, "z"),
        (d.p, "PrGTz"),
        (d.ci_lower, "CILower"),
        (d.ci_upper, "CIUpper"),
    ] {
        assert_full(v, &format!("{frrc}/ciDiffTrt/{diff}/{k}"));
    }
    for (i, tr) in trt.iter().enumerate() {
        let m = &or.frrc.modalities[i];
        for (v, k) in [
            (m.se, "StdErr"),
            (m.ci_lower, "CILower"),
            (m.ci_upper, "CIUpper"),
        ] {
            assert_full(v, &format!("{frrc}/ciAvgRdrEachTrt/trt{tr}/{k}"));
        }
    }
    for (j, rd) in rdr.iter().enumerate() {
        let d = &or.frrc.readers[j].differences[0];
        for (v, k) in [
            (d.estimate, "Estimate"),
            (d.se, "StdErr"),
            (d.statistic, "z"),
            (d.p, "PrGTz"),
            (d.ci_lower, "CILower"),
            (d.ci_upper, "CIUpper"),
        ] {
            assert_full(v, &format!("{frrc}/ciDiffTrtEachRdr/{rd}::{diff}/{k}"));
        }
        assert_full(
            or.frrc.readers[j].p,
            &format!("{frrc}/ciDiffTrtEachRdr/{rd}::{diff}/PrGTz"),
        );
    }

    let rrfc = format!("{base}/RRFC");
    assert_full(or.rrfc.f, &format!("{rrfc}/FTests/T/F"));
    assert_full(or.rrfc.p, &format!("{rrfc}/FTests/T/p"));
    let d = &or.rrfc.differences[0];
    for (v, k) in [
        (d.se, "StdErr"),
        (d.statistic, "t"),
        (d.p, "PrGTt"),
        (d.ci_lower, "CILower"),
        (d.ci_upper, "CIUpper"),
    ] {
        assert_full(v, &format!("{rrfc}/ciDiffTrt/{diff}/{k}"));
    }
    for (i, tr) in trt.iter().enumerate() {
        let m = &or.rrfc.modalities[i];
        for (v, k) in [
            (m.se, "StdErr"),
            (m.ci_lower, "CILower"),
            (m.ci_upper, "CIUpper"),
        ] {
            assert_full(v, &format!("{rrfc}/ciAvgRdrEachTrt/{tr}/{k}"));
        }
    }
}

const VD_RDR: [&str; 5] = ["rdr0", "rdr1", "rdr2", "rdr3", "rdr4"];

#[test]
fn van_dyke_jackknife_matches_rjafroc_in_full() {
    let reads = reads("vandyke_mrmcaov.csv");
    let or = or_analysis(&reads, Covariance::Jackknife);
    let values = fom_table(&reads, Fom::Auc, None).unwrap().values();
    let base = "/vandyke/RJafroc_OR_jackknife_full_precision/value";

    check_rjafroc_or(&or, &values, base, ["trt0", "trt1"], &VD_RDR);
    assert_full(
        or.components.var_r,
        &format!("{base}/ANOVA/VarCom/VarR/Estimates"),
    );
    assert_full(
        or.components.var_tr,
        &format!("{base}/ANOVA/VarCom/VarTR/Estimates"),
    );
}

#[test]
fn van_dyke_jackknife_matches_the_printed_iowa_output() {
    let or = or_analysis(&reads("vandyke_mrmcaov.csv"), Covariance::Jackknife);
    let base = "/vandyke/Iowa_ORDBM_MRMC_2_51_jackknife";
    let c = &or.components;

    assert_printed(c.var_r, &format!("{base}/OR_varcomp/var_R"));
    assert_printed(c.var_tr, &format!("{base}/OR_varcomp/var_TR"));
    assert_printed(c.cov2, &format!("{base}/OR_varcomp/Cov2"));
    assert_printed(or.rrrc.df2, &format!("{base}/RRRC/ddf"));
    assert_printed(or.rrrc.p, &format!("{base}/RRRC/p"));
    for j in 0..5 {
        assert_printed(
            or.frrc.readers[j].p,
            &format!("{base}/FRRC/per_reader/{j}/p"),
        );
    }
}

#[test]
fn van_dyke_delong_components_match_rjafroc_and_mrmcaov() {
    let or = or_analysis(&reads("vandyke_mrmcaov.csv"), Covariance::DeLong);
    let c = &or.components;
    let base = "/vandyke/RJafroc_UtilORVarComp/DeLong/value";
    for (v, k) in [
        (c.var_r, "VarR"),
        (c.var_tr, "VarTR"),
        (c.cov1, "Cov1"),
        (c.cov2, "Cov2"),
        (c.cov3, "Cov3"),
        (c.var_error, "Var"),
    ] {
        assert_full(v, &format!("{base}/VarCom/{k}/Estimates"));
    }
    for (j, rd) in VD_RDR.iter().enumerate() {
        assert_full(
            c.var_each_reader[j],
            &format!("{base}/IndividualRdr/{rd}/varEachRdr"),
        );
        assert_full(
            c.cov1_each_reader[j],
            &format!("{base}/IndividualRdr/{rd}/cov1EachRdr"),
        );
    }

    let m = "/vandyke/MRMCaov_empirical_auc/DeLong_RRRC";
    assert_printed(or.rrrc.denominator, &format!("{m}/denominator"));
    assert_printed(or.rrrc.f, &format!("{m}/F"));
    assert_printed(or.rrrc.df2, &format!("{m}/df2"));
    assert_printed(or.rrrc.p, &format!("{m}/p"));
    let d = &or.rrrc.differences[0];
    assert_printed(d.se, &format!("{m}/se"));
    assert_printed(d.statistic, &format!("{m}/t"));
    assert_printed(d.ci_lower, &format!("{m}/ci95/0"));
    assert_printed(d.ci_upper, &format!("{m}/ci95/1"));
    for i in 0..2 {
        let s = &or.rrrc.modalities[i];
        assert_printed(
            or.components.cov2_each_modality[i],
            &format!("{m}/single_trt/{i}/cov2"),
        );
        assert_printed(s.se, &format!("{m}/single_trt/{i}/se"));
        assert_printed(s.df.unwrap(), &format!("{m}/single_trt/{i}/df"));
        assert_printed(s.ci_lower, &format!("{m}/single_trt/{i}/ci95/0"));
        assert_printed(s.ci_upper, &format!("{m}/single_trt/{i}/ci95/1"));
    }
}

#[test]
fn van_dyke_unbiased_matches_mrmcaov() {
    let or = or_analysis(&reads("vandyke_mrmcaov.csv"), Covariance::Unbiased);
    let c = &or.components;
    let m = "/vandyke/MRMCaov_empirical_auc/unbiased_RRRC";
    for (v, k) in [
        (c.var_r, "var_R"),
        (c.var_tr, "var_TR"),
        (c.var_error, "Var_error"),
        (c.cov1, "Cov1"),
        (c.cov2, "Cov2"),
        (c.cov3, "Cov3"),
    ] {
        assert_printed(v, &format!("{m}/{k}"));
    }
    assert_printed(or.rrrc.denominator, &format!("{m}/denominator"));
    assert_printed(or.rrrc.f, &format!("{m}/F"));
    assert_printed(or.rrrc.df2, &format!("{m}/df2"));
    assert_printed(or.rrrc.p, &format!("{m}/p"));
    let d = &or.rrrc.differences[0];
    assert_printed(d.se, &format!("{m}/se"));
    assert_printed(d.statistic, &format!("{m}/t"));
    assert_printed(d.ci_lower, &format!("{m}/ci95/0"));
    assert_printed(d.ci_upper, &format!("{m}/ci95/1"));
    for i in 0..2 {
        let s = &or.rrrc.modalities[i];
        assert_printed(c.cov2_each_modality[i], &format!("{m}/single_trt/{i}/cov2"));
        assert_printed(s.se, &format!("{m}/single_trt/{i}/se"));
        assert_printed(s.df.unwrap(), &format!("{m}/single_trt/{i}/df"));
        assert_printed(s.ci_lower, &format!("{m}/single_trt/{i}/ci95/0"));
        assert_printed(s.ci_upper, &format!("{m}/single_trt/{i}/ci95/1"));
    }
}

const FR_RDR: [&str; 4] = ["rdrREADER_1", "rdrREADER_2", "rdrREADER_3", "rdrREADER_4"];

#[test]
fn franken_jackknife_matches_rjafroc_where_cov2_is_below_cov3() {
    let reads = reads("franken_mrmcaov.csv");
    let or = or_analysis(&reads, Covariance::Jackknife);
    let values = fom_table(&reads, Fom::Auc, None).unwrap().values();
    let base = "/franken/RJafroc_OR_jackknife_full_precision/value";

    check_rjafroc_or(&or, &values, base, ["trtTREAT1", "trtTREAT2"], &FR_RDR);
    assert!(or.components.cov2 < or.components.cov3);
    // the Hillis ddf collapses to (t − 1)(r − 1)
    assert_eq!(or.rrrc.df2, 3.0);
    // RJafroc clamps Cov2 − Cov3 at 0 inside var_TR; its var_R/var_TR follow from that.
    assert_full(
        or.components.rjafroc_var_r(2),
        &format!("{base}/ANOVA/VarCom/VarR/Estimates"),
    );
    assert_full(
        or.components.rjafroc_var_tr(),
        &format!("{base}/ANOVA/VarCom/VarTR/Estimates"),
    );
}

#[test]
fn franken_variance_components_follow_iowa_and_mrmcaov_without_clamping() {
    let or = or_analysis(&reads("franken_mrmcaov.csv"), Covariance::Jackknife);
    let base = "/franken/Iowa_ORDBM_MRMC_2_51_jackknife/OR_varcomp";

    assert_printed(or.components.var_r, &format!("{base}/var_R"));
    assert_printed(or.components.var_tr, &format!("{base}/var_TR"));
    assert!(
        or.components.var_tr < 0.0,
        "a negative var_TR is reported as estimated"
    );
}

#[test]
fn imrmc_example_matches_imrmc_u_statistics() {
    let reads = reads("imrmc_example_input_long.csv");
    let or = or_analysis(&reads, Covariance::Unbiased);
    let base = "/imrmc_example/Ustat";
    let values = fom_table(&reads, Fom::Auc, None).unwrap().values();

    for (j, v) in values.iter().enumerate() {
        let (m, r) = (j / 5, j % 5);
        assert_printed(
            *v,
            &format!("/imrmc_example/perReader/{}/AUCA", m * 5 + r + 1),
        );
    }
    for i in 0..2 {
        let s = &or.rrrc.modalities[i];
        assert_printed(s.estimate, &format!("{base}/{}/AUCA", i + 1));
        assert_printed(s.se * s.se, &format!("{base}/{}/varAUCA", i + 1));
        assert_printed(s.df.unwrap(), &format!("{base}/{}/dfHillis", i + 1));
        let (lo, hi) = imrmc_interval(s.estimate, s.se, s.df.unwrap());
        assert_printed(lo, &format!("{base}/{}/botCIHillis", i + 1));
        assert_printed(hi, &format!("{base}/{}/topCIHillis", i + 1));
    }
    let d = &or.rrrc.differences[0];
    assert_printed(d.estimate, &format!("{base}/3/AUCAminusAUCB"));
    assert_printed(d.se * d.se, &format!("{base}/3/varAUCAminusAUCB"));
    assert_printed(or.rrrc.df2, &format!("{base}/3/dfHillis"));
    let (lo, hi) = imrmc_interval(d.estimate, d.se, or.rrrc.df2);
    assert_printed(lo, &format!("{base}/3/botCIHillis"));
    assert_printed(hi, &format!("{base}/3/topCIHillis"));
}

/// iMRMC truncates the Hillis df to an integer before using Student's t (StatTest.java:
/// `new StudentDist((int) DF_Hillis)`); Lector keeps the fractional df, so its own CI differs
/// slightly and the iMRMC interval is rebuilt here from Lector's estimate and SE.
fn imrmc_interval(estimate: f64, se: f64, df: f64) -> (f64, f64) {
    let q = analysis::dist::t_quantile(0.975, df.trunc());
    (estimate - q * se, estimate + q * se)
}

#[test]
fn a_single_reader_fixed_reader_test_matches_the_iowa_subset_run() {
    // OR-DBM MRMC 2.51 on Van Dyke reader 1 only (RJafroc inst/Iowa/VanDyke1R.txt), printed.
    let reads = reads("vandyke_mrmcaov.csv").subset(&[0, 1], &[0]);
    let table = fom_table(&reads, Fom::Auc, None).unwrap();
    let cov = covariance_matrix(&reads, &table, Covariance::Jackknife).unwrap();
    let values = table.values();
    let c = analysis::or::components(&values, &cov, 2, 1);

    let frrc = analysis::or::frrc(&values, &c, reads.modalities(), reads.readers()).unwrap();

    let base = "/vandyke/Iowa_single_reader_subset_reader1";
    assert_printed(frrc.chi2, &format!("{base}/FRRC/X2"));
    assert_printed(frrc.p, &format!("{base}/FRRC/p"));
    assert_printed(frrc.differences[0].se, &format!("{base}/FRRC/se"));
    assert_printed(frrc.differences[0].ci_lower, &format!("{base}/FRRC/ci95/0"));
    for i in 0..2 {
        assert_printed(frrc.modalities[i].se, &format!("{base}/single_trt/{i}/se"));
        assert_printed(
            frrc.modalities[i].ci_upper,
            &format!("{base}/single_trt/{i}/ci95/1"),
        );
    }
}

#[test]
fn three_modalities_give_a_global_test_and_every_pairwise_difference() {
    // Van Dyke with a third modality that repeats modality 2's ratings exactly.
    let vd = reads("vandyke_mrmcaov.csv");
    let mut ratings = Vec::new();
    for m in [0, 1, 1] {
        for j in 0..5 {
            ratings.extend_from_slice(vd.scores(m, j));
        }
    }
    let modalities = vec!["1".to_string(), "2".to_string(), "2 again".to_string()];
    let three = Reads::new(
        vd.readers().to_vec(),
        modalities,
        vd.cases().to_vec(),
        vd.truth().to_vec(),
        ratings,
    )
    .unwrap();

    let or = or_analysis(&three, Covariance::Jackknife);

    assert_eq!((or.rrrc.df1, or.frrc.df), (2.0, 2.0));
    let pairs: Vec<(&str, &str)> = or
        .rrrc
        .differences
        .iter()
        .map(|d| (d.modality_a.as_str(), d.modality_b.as_str()))
        .collect();
    assert_eq!(pairs, [("1", "2"), ("1", "2 again"), ("2", "2 again")]);
    let same = &or.rrrc.differences[2];
    assert_eq!((same.estimate, same.p), (0.0, 1.0));
    // modality 1 − 2 keeps Van Dyke's estimate
    assert_full(
        or.rrrc.differences[0].estimate,
        "/vandyke/RJafroc_OR_jackknife_full_precision/value/FOMs/trtMeanDiffs/trt0-trt1/Estimate",
    );
    assert!(or.rrrc.p > 0.0 && or.rrrc.p < 1.0);
}
