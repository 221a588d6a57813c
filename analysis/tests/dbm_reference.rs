//! DBM reference tests: Van Dyke and Franken against RJafroc `St(method = "DBM")`
//! (dpc10ster/RJafroc@44b0e39e goodValues361/UtilOutputReport, full precision) and JAFROC 4.2.1
//! (printed), as stored in `reference_results.json`.

mod common;

use analysis::dbm::{dbm, DbmAnalysis, DbmTest};
use analysis::fom::fom_table;
use analysis::input::read_csv_path;
use analysis::{Fom, Reads};
use common::{assert_full, assert_printed, fixture};

fn run(file: &str) -> (Reads, DbmAnalysis) {
    let reads = read_csv_path(fixture(file)).unwrap();
    let table = fom_table(&reads, Fom::Auc, None).unwrap();
    let analysis = dbm(&table, reads.modalities(), reads.readers()).unwrap();
    (reads, analysis)
}

fn check_test(t: &DbmTest, base: &str, ftests: [&str; 2], stat: &str, diff: &str, trt: [&str; 2]) {
    assert_full(t.f, &format!("{base}/FTests/{}/{stat}", ftests[0]));
    assert_full(t.p, &format!("{base}/FTests/{}/p", ftests[0]));
    assert_full(t.df2, &format!("{base}/FTests/{}/DF", ftests[1]));
    assert_full(t.denominator, &format!("{base}/FTests/{}/MS", ftests[1]));
    let d = &t.differences[0];
    for (v, k) in [
        (d.estimate, "Estimate"),
        (d.se, "StdErr"),
        (d.statistic, "t"),
        (d.p, "PrGTt"),
        (d.ci_lower, "CILower"),
        (d.ci_upper, "CIUpper"),
    ] {
        assert_full(v, &format!("{base}/ciDiffTrt/{diff}/{k}"));
    }
    for (i, tr) in trt.iter().enumerate() {
        let m = &t.modalities[i];
        for (v, k) in [
            (m.se, "StdErr"),
            (m.df.unwrap(), "DF"),
            (m.ci_lower, "CILower"),
            (m.ci_upper, "CIUpper"),
        ] {
            assert_full(v, &format!("{base}/ciAvgRdrEachTrt/{tr}/{k}"));
        }
    }
}

fn check_rjafroc_dbm(a: &DbmAnalysis, base: &str, trt: [&str; 2], rdr: &[&str]) {
    let ms = &a.mean_squares;
    for (v, k) in [
        (ms.t, "T"),
        (ms.r, "R"),
        (ms.c, "C"),
        (ms.tr, "TR"),
        (ms.tc, "TC"),
        (ms.rc, "RC"),
        (ms.trc, "TRC"),
    ] {
        assert_full(v, &format!("{base}/ANOVA/TRCanova/{k}/MS"));
    }
    let c = &a.components;
    for (v, k) in [
        (c.var_r, "VarR"),
        (c.var_c, "VarC"),
        (c.var_tr, "VarTR"),
        (c.var_tc, "VarTC"),
        (c.var_rc, "VarRC"),
        (c.var_error, "VarErr"),
    ] {
        assert_full(v, &format!("{base}/ANOVA/VarCom/{k}/Estimates"));
    }
    for (i, tr) in trt.iter().enumerate() {
        assert_full(
            ms.r_each_modality[i],
            &format!("{base}/ANOVA/IndividualTrt/msR/{tr}"),
        );
        assert_full(
            ms.c_each_modality[i],
            &format!("{base}/ANOVA/IndividualTrt/msC/{tr}"),
        );
        assert_full(
            ms.rc_each_modality[i],
            &format!("{base}/ANOVA/IndividualTrt/msRC/{tr}"),
        );
    }
    for (j, rd) in rdr.iter().enumerate() {
        assert_full(
            ms.t_each_reader[j],
            &format!("{base}/ANOVA/IndividualRdr/msT/{rd}"),
        );
        assert_full(
            ms.tc_each_reader[j],
            &format!("{base}/ANOVA/IndividualRdr/msTC/{rd}"),
        );
    }
    let diff = format!("{}-{}", trt[0], trt[1]);
    check_test(
        &a.rrrc,
        &format!("{base}/RRRC"),
        ["Treatment", "Error"],
        "FStat",
        &diff,
        trt,
    );
    check_test(
        &a.frrc,
        &format!("{base}/FRRC"),
        ["Treatment", "Error"],
        "FStat",
        &diff,
        trt,
    );
    check_test(
        &a.rrfc,
        &format!("{base}/RRFC"),
        ["Treatment", "Error"],
        "FStat",
        &diff,
        trt,
    );
    for (j, rd) in rdr.iter().enumerate() {
        let d = &a.frrc_readers[j].differences[0];
        let at = |k: &str| format!("{base}/FRRC/ciDiffTrtEachRdr/{rd}::{diff}/{k}");
        for (v, k) in [
            (d.estimate, "Estimate"),
            (d.se, "StdErr"),
            (d.statistic, "t"),
            (d.p, "PrGTt"),
            (d.ci_lower, "CILower"),
            (d.ci_upper, "CIUpper"),
        ] {
            assert_full(v, &at(k));
        }
        assert_full(a.frrc_readers[j].p, &at("PrGTt"));
    }
}

#[test]
fn van_dyke_dbm_matches_rjafroc_in_full() {
    let (_, a) = run("vandyke_mrmcaov.csv");

    check_rjafroc_dbm(
        &a,
        "/vandyke/RJafroc_DBM_full_precision/value",
        ["trt0", "trt1"],
        &["rdr0", "rdr1", "rdr2", "rdr3", "rdr4"],
    );
}

#[test]
fn van_dyke_dbm_matches_jafroc_4_2_1_printed_output() {
    let (_, a) = run("vandyke_mrmcaov.csv");
    let base = "/vandyke/JAFROC_4_2_1_DBM";

    assert_printed(a.rrrc.df2, &format!("{base}/RRRC/ddf"));
    assert_printed(a.frrc.p, &format!("{base}/FRRC/p"));
    for j in 0..5 {
        assert_printed(
            a.frrc_readers[j].p,
            &format!("{base}/FRRC/per_reader_p/{j}"),
        );
    }
}

#[test]
fn franken_dbm_matches_rjafroc_in_full() {
    let (_, a) = run("franken_mrmcaov.csv");

    check_rjafroc_dbm(
        &a,
        "/franken/RJafroc_DBM_full_precision/value",
        ["trtTREAT1", "trtTREAT2"],
        &["rdrREADER_1", "rdrREADER_2", "rdrREADER_3", "rdrREADER_4"],
    );
}

#[test]
fn dbm_random_reader_test_equals_or_with_jackknife_covariance() {
    // Hillis (2005, 2008): DBM with the Hillis denominator is OR with jackknife covariance.
    let (_, a) = run("vandyke_mrmcaov.csv");

    assert_full(
        a.rrrc.f,
        "/vandyke/RJafroc_OR_jackknife_full_precision/value/RRRC/FTests/Treatment/FStat",
    );
}
