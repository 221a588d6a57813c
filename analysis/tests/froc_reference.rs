//! Localization (FROC) reference tests on the FED study (RJafroc `dataset04`: 5 modalities × 4
//! readers × 200 cases). Every expected number is RJafroc 2.1.3's own output
//! (dpc10ster/RJafroc@44b0e39), stored in `fixtures/froc/fed/rjafroc_reference.json`:
//! `UtilFigureOfMerit` for the figures of merit and `St(method = "OR" | "DBM",
//! covEstMethod = "jackknife")` for the significance tests. Figures, statistics, variance
//! components, CIs and the p values of differences agree to 1e-9 relative; the p values of the
//! F and χ² tests to 1e-12 absolute (RJafroc computes p as 1 − pf(…), good to about 1e-16).
//!
//! Why the differences' p values are held to 1e-9 relative and not 1e-12 absolute: RJafroc sums
//! the wAFROC kernel term by term, so its figures carry up to 3e-14 of rounding (e.g. 0.779266666666642
//! where the exact rational is 0.77926666666666666…), and a per-reader difference of 0.011 inherits
//! 4e-12 relative. In exact rational arithmetic (`fixtures/froc/exact_check.py`, Python
//! `fractions`) the p of reader 3's wAFROC FRRC difference trt2 − trt3 is 0.7136663620173616:
//! ours is within 1e-14 of it, RJafroc's 0.713666362018396 is 1e-12 away (test below).

use std::sync::OnceLock;

use analysis::dbm::DbmAnalysis;
use analysis::froc::input::read_paths;
use analysis::froc::{analyze, reading_summary, Localization, LocalizationFom};
use analysis::inference::{Difference, ModalityInterval};
use analysis::or::OrAnalysis;
use serde_json::Value;

const FED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/froc/fed");

fn study() -> &'static Localization {
    static STUDY: OnceLock<Localization> = OnceLock::new();
    STUDY
        .get_or_init(|| read_paths(format!("{FED}/marks.csv"), format!("{FED}/truth.csv")).unwrap())
}

fn reference() -> &'static Value {
    static REF: OnceLock<Value> = OnceLock::new();
    REF.get_or_init(|| {
        let text = std::fs::read_to_string(format!("{FED}/rjafroc_reference.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    })
}

fn expected(pointer: &str) -> f64 {
    reference()
        .pointer(pointer)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("no number at {pointer}"))
}

fn close(actual: f64, pointer: &str) {
    let e = expected(pointer);
    let tol = 1e-9 * e.abs() + 1e-15;
    assert!(
        (actual - e).abs() <= tol,
        "{pointer}: got {actual:.15e}, RJafroc {e:.15e}"
    );
}

fn close_p(actual: f64, pointer: &str) {
    let e = expected(pointer);
    assert!(
        (actual - e).abs() <= 1e-12,
        "{pointer}: got p {actual:.15e}, RJafroc {e:.15e}"
    );
}

/// RJafroc's label of modality `m` (`trt1`…) and reader `j` (`rdr1`, `rdr3`, … by reader id).
fn trt(m: &str) -> String {
    let i = study().modalities().iter().position(|x| x == m).unwrap();
    format!("trt{}", i + 1)
}

fn rdr(j: usize) -> String {
    format!("rdr{}", study().readers()[j])
}

fn differences(rows: &[Difference], base: &str, prefix: &str, stat: &str, prob: &str) {
    assert_eq!(rows.len(), 10, "every pair of the 5 modalities");
    for d in rows {
        let at = |k: &str| {
            format!(
                "{base}/{prefix}{}-{}/{k}",
                trt(&d.modality_a),
                trt(&d.modality_b)
            )
        };
        close(d.estimate, &at("Estimate"));
        close(d.se, &at("StdErr"));
        close(d.statistic, &at(stat));
        close(d.p, &at(prob));
        close(d.ci_lower, &at("CILower"));
        close(d.ci_upper, &at("CIUpper"));
        if let Some(df) = d.df {
            close(df, &at("DF"));
        }
    }
}

fn modalities(rows: &[ModalityInterval], base: &str, with_df: bool) {
    for m in rows {
        let at = |k: &str| format!("{base}/{}/{k}", trt(&m.modality));
        close(m.estimate, &at("Estimate"));
        close(m.se, &at("StdErr"));
        close(m.ci_lower, &at("CILower"));
        close(m.ci_upper, &at("CIUpper"));
        if with_df {
            close(m.df.unwrap(), &at("DF"));
        }
    }
}

fn check_or(or: &OrAnalysis, fom: &str) {
    let base = format!("/St/{fom}/OR");
    let anova = format!("{base}/RRRC/ANOVA");
    let c = &or.components;
    for (v, k) in [(c.ms_t, "T"), (c.ms_r, "R"), (c.ms_tr, "TR")] {
        close(v, &format!("{anova}/TRanova/{k}/MS"));
    }
    for (v, k) in [
        (c.cov1, "Cov1"),
        (c.cov2, "Cov2"),
        (c.cov3, "Cov3"),
        (c.var_error, "Var"),
        (c.rjafroc_var_tr(), "VarTR"),
        (c.rjafroc_var_r(5), "VarR"),
    ] {
        close(v, &format!("{anova}/VarCom/{k}/Estimates"));
    }
    for i in 0..5 {
        let it = format!("{anova}/IndividualTrt/trt{}", i + 1);
        close(c.ms_r_each_modality[i], &format!("{it}/msREachTrt"));
        close(c.var_each_modality[i], &format!("{it}/varEachTrt"));
        close(c.cov2_each_modality[i], &format!("{it}/cov2EachTrt"));
    }
    for j in 0..4 {
        let ir = format!("{anova}/IndividualRdr/{}", rdr(j));
        close(c.ms_t_each_reader[j], &format!("{ir}/msTEachRdr"));
        close(c.var_each_reader[j], &format!("{ir}/varEachRdr"));
        close(c.cov1_each_reader[j], &format!("{ir}/cov1EachRdr"));
    }

    let rrrc = format!("{base}/RRRC/RRRC");
    close(or.rrrc.f, &format!("{rrrc}/FTests/Treatment/FStat"));
    close_p(or.rrrc.p, &format!("{rrrc}/FTests/Treatment/p"));
    close(or.rrrc.df2, &format!("{rrrc}/FTests/Error/DF"));
    close(or.rrrc.denominator, &format!("{rrrc}/FTests/Error/MS"));
    differences(
        &or.rrrc.differences,
        &format!("{rrrc}/ciDiffTrt"),
        "",
        "t",
        "PrGTt",
    );
    modalities(
        &or.rrrc.modalities,
        &format!("{rrrc}/ciAvgRdrEachTrt"),
        true,
    );

    let frrc = format!("{base}/FRRC/FRRC");
    close(or.frrc.chi2, &format!("{frrc}/FTests/Treatment/Chisq"));
    close_p(or.frrc.p, &format!("{frrc}/FTests/Treatment/p"));
    close(or.frrc.denominator, &format!("{frrc}/FTests/Error/MS"));
    differences(
        &or.frrc.differences,
        &format!("{frrc}/ciDiffTrt"),
        "",
        "z",
        "PrGTz",
    );
    modalities(
        &or.frrc.modalities,
        &format!("{frrc}/ciAvgRdrEachTrt"),
        false,
    );
    for (j, t) in or.frrc.readers.iter().enumerate() {
        differences(
            &t.differences,
            &format!("{frrc}/ciDiffTrtEachRdr"),
            &format!("{}::", rdr(j)),
            "z",
            "PrGTz",
        );
    }

    let rrfc = format!("{base}/RRFC/RRFC");
    close(or.rrfc.f, &format!("{rrfc}/FTests/T/F"));
    close_p(or.rrfc.p, &format!("{rrfc}/FTests/T/p"));
    differences(
        &or.rrfc.differences,
        &format!("{rrfc}/ciDiffTrt"),
        "",
        "t",
        "PrGTt",
    );
    modalities(
        &or.rrfc.modalities,
        &format!("{rrfc}/ciAvgRdrEachTrt"),
        true,
    );
}

fn check_dbm(dbm: &DbmAnalysis, fom: &str) {
    let base = format!("/St/{fom}/DBM");
    let anova = format!("{base}/RRRC/ANOVA");
    let ms = &dbm.mean_squares;
    for (v, k) in [
        (ms.t, "T"),
        (ms.r, "R"),
        (ms.c, "C"),
        (ms.tr, "TR"),
        (ms.tc, "TC"),
        (ms.rc, "RC"),
        (ms.trc, "TRC"),
    ] {
        close(v, &format!("{anova}/TRCanova/{k}/MS"));
    }
    let c = &dbm.components;
    for (v, k) in [
        (c.var_r, "VarR"),
        (c.var_c, "VarC"),
        (c.var_tr, "VarTR"),
        (c.var_tc, "VarTC"),
        (c.var_rc, "VarRC"),
        (c.var_error, "VarErr"),
    ] {
        close(v, &format!("{anova}/VarCom/{k}/Estimates"));
    }
    for i in 0..5 {
        let it = |k: &str| format!("{anova}/IndividualTrt/{k}/trt{}", i + 1);
        close(ms.r_each_modality[i], &it("msR"));
        close(ms.c_each_modality[i], &it("msC"));
        close(ms.rc_each_modality[i], &it("msRC"));
    }
    for j in 0..4 {
        let ir = |k: &str| format!("{anova}/IndividualRdr/{k}/{}", rdr(j));
        close(ms.t_each_reader[j], &ir("msT"));
        close(ms.tc_each_reader[j], &ir("msTC"));
    }
    for (name, t) in [
        ("RRRC", &dbm.rrrc),
        ("FRRC", &dbm.frrc),
        ("RRFC", &dbm.rrfc),
    ] {
        let at = format!("{base}/{name}/{name}");
        close(t.f, &format!("{at}/FTests/Treatment/FStat"));
        close_p(t.p, &format!("{at}/FTests/Treatment/p"));
        close(t.df2, &format!("{at}/FTests/Error/DF"));
        close(t.denominator, &format!("{at}/FTests/Error/MS"));
        differences(&t.differences, &format!("{at}/ciDiffTrt"), "", "t", "PrGTt");
        modalities(&t.modalities, &format!("{at}/ciAvgRdrEachTrt"), true);
    }
    for (j, t) in dbm.frrc_readers.iter().enumerate() {
        differences(
            &t.differences,
            &format!("{base}/FRRC/FRRC/ciDiffTrtEachRdr"),
            &format!("{}::", rdr(j)),
            "t",
            "PrGTt",
        );
    }
}

fn check_figure(fom: LocalizationFom, name: &str) {
    let report = analyze(study(), fom).unwrap();
    for f in &report.per_reader {
        let j = study()
            .readers()
            .iter()
            .position(|r| r == &f.reader)
            .unwrap();
        close(
            f.fom,
            &format!("/UtilFigureOfMerit/{name}/{}/{}", trt(&f.modality), rdr(j)),
        );
    }
}

#[test]
fn fed_wafroc_afroc_and_their_all_case_variants_match_rjafroc_per_reading() {
    for (fom, name) in [
        (LocalizationFom::Wafroc, "wAFROC"),
        (LocalizationFom::Afroc, "AFROC"),
        (LocalizationFom::Wafroc1, "wAFROC1"),
        (LocalizationFom::Afroc1, "AFROC1"),
        (LocalizationFom::HrAuc, "HrAuc"),
    ] {
        check_figure(fom, name);
    }
}

#[test]
fn fed_descriptive_figures_match_rjafroc_per_reading() {
    for m in 0..5 {
        for j in 0..4 {
            let s = reading_summary(study(), m, j);
            let at = |k: &str| format!("/UtilFigureOfMerit/{k}/trt{}/{}", m + 1, rdr(j));
            close(s.hr_se, &at("HrSe"));
            close(s.hr_sp, &at("HrSp"));
            close(s.max_llf, &at("MaxLLF"));
            close(s.max_nlf, &at("MaxNLF"));
            close(s.max_nlf_all_cases, &at("MaxNLFAllCases"));
        }
    }
}

#[test]
fn fed_wafroc_or_and_dbm_match_rjafroc_st_in_full() {
    let report = analyze(study(), LocalizationFom::Wafroc).unwrap();

    check_or(report.or.as_ref().unwrap(), "wAFROC");
    check_dbm(report.dbm.as_ref().unwrap(), "wAFROC");
}

#[test]
fn fed_afroc_or_and_dbm_match_rjafroc_st_in_full() {
    let report = analyze(study(), LocalizationFom::Afroc).unwrap();

    check_or(report.or.as_ref().unwrap(), "AFROC");
    check_dbm(report.dbm.as_ref().unwrap(), "AFROC");
}

#[test]
fn fed_hrauc_or_and_dbm_match_rjafroc_st_in_full() {
    let report = analyze(study(), LocalizationFom::HrAuc).unwrap();

    check_or(report.or.as_ref().unwrap(), "HrAuc");
    check_dbm(report.dbm.as_ref().unwrap(), "HrAuc");
}

#[test]
fn the_key_numbers_of_the_fixture_readme_come_out() {
    let report = analyze(study(), LocalizationFom::Wafroc).unwrap();
    let or = report.or.unwrap();

    assert!((or.rrrc.f - 7.8002996671251).abs() < 1e-9);
    assert!((or.rrrc.df2 - 36.7933427334845).abs() < 1e-9);
    assert!((or.frrc.chi2 - 15.4030264135941).abs() < 1e-9);
    assert!((or.rrfc.f - 13.6585717194704).abs() < 1e-9);
    let means: Vec<f64> = report.modality_means.iter().map(|m| m.1).collect();
    for (m, e) in means
        .iter()
        .zip([0.75321875, 0.760075, 0.722604167, 0.769254167, 0.714375])
    {
        assert!((m - e).abs() < 1e-9, "{m} vs {e}");
    }
}

#[test]
fn the_json_report_has_the_roc_reports_keys_plus_dbm_and_readings() {
    let json = analyze(study(), LocalizationFom::Wafroc).unwrap().to_json();

    for key in ["per_reader", "modality_means", "dbm", "readings", "design"] {
        assert!(!json[key].is_null(), "{key}");
    }
    for test in ["rrrc", "frrc", "rrfc"] {
        assert!(json["or"][test]["p"].is_number(), "or.{test}.p");
    }
    assert_eq!(json["fom"], "wafroc");
    assert_eq!(json["per_reader"].as_array().unwrap().len(), 20);
}

#[test]
fn a_per_reader_difference_p_agrees_with_exact_rational_arithmetic() {
    let report = analyze(study(), LocalizationFom::Wafroc).unwrap();
    let reader = study().readers().iter().position(|r| r == "3").unwrap();
    let test = &report.or.unwrap().frrc.readers[reader];

    let d = test
        .differences
        .iter()
        .find(|d| d.modality_a == "2" && d.modality_b == "3")
        .unwrap();

    // fixtures/froc/exact_check.py: the same statistic with every sum in Python fractions.
    assert!((d.p - 0.713_666_362_017_361_6).abs() < 1e-14, "{:.17}", d.p);
}

#[test]
fn a_one_modality_file_gets_rjafrocs_interval_of_that_modalitys_reader_mean() {
    let marks = std::fs::read_to_string(format!("{FED}/marks.csv")).unwrap();
    let first_modality: String = marks
        .lines()
        .enumerate()
        .filter(|(i, line)| *i == 0 || line.split(',').nth(1) == Some("1"))
        .map(|(_, line)| format!("{line}\n"))
        .collect();
    let truth = std::fs::read(format!("{FED}/truth.csv")).unwrap();
    let one = analysis::froc::input::read_bytes(first_modality.as_bytes(), &truth).unwrap();

    let report = analyze(&one, LocalizationFom::Wafroc).unwrap();

    // The single-modality OR interval uses MS_R(1) and Cov2(1), as RJafroc's RRRC per-modality CI.
    let mean = report.single_modality.unwrap().mean.unwrap();
    let at = |k: &str| format!("/St/wAFROC/OR/RRRC/RRRC/ciAvgRdrEachTrt/trt1/{k}");
    close(mean.estimate, &at("Estimate"));
    close(mean.se, &at("StdErr"));
    close(mean.df.unwrap(), &at("DF"));
    close(mean.ci_lower, &at("CILower"));
    close(mean.ci_upper, &at("CIUpper"));
}
