//! pROC reference tests on the aSAH data (xrobin/pROC@ee2877e8, tests/testthat; numbers in
//! `reference_results.json` under `/aSAH_pROC`): DeLong AUC, variance, covariance, CI, paired
//! and unpaired tests, placements and partial AUCs.

mod common;

use analysis::delong::{self, auc_interval, paired_test, placements, unpaired_test, Placements};
use analysis::roc;
use common::{assert_full, assert_printed, fixture};

struct Patient {
    poor: bool,
    female: bool,
    wfns: f64,
    s100b: f64,
    ndka: f64,
}

fn patients() -> Vec<Patient> {
    let text = std::fs::read_to_string(fixture("aSAH_pROC.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            // row,gos6,outcome,gender,age,wfns,s100b,ndka
            let f: Vec<&str> = line.split(',').collect();
            Patient {
                poor: f[2] == "Poor",
                female: f[3] == "Female",
                wfns: f[5].parse().unwrap(),
                s100b: f[6].parse().unwrap(),
                ndka: f[7].parse().unwrap(),
            }
        })
        .collect()
}

/// pROC's roc(outcome, marker): cases = Poor, controls = Good, direction "<".
fn marker(name: &str, keep: impl Fn(&Patient) -> bool) -> Placements {
    let value = |p: &Patient| match name {
        "wfns" => p.wfns,
        "s100b" => p.s100b,
        _ => p.ndka,
    };
    let all = patients();
    let kept: Vec<&Patient> = all.iter().filter(|p| keep(p)).collect();
    let cases: Vec<f64> = kept.iter().filter(|p| p.poor).map(|p| value(p)).collect();
    let controls: Vec<f64> = kept.iter().filter(|p| !p.poor).map(|p| value(p)).collect();
    placements(&cases, &controls).unwrap()
}

fn all(name: &str) -> Placements {
    marker(name, |_| true)
}

#[test]
fn aucs_match_proc() {
    assert_full(all("wfns").auc, "/aSAH_pROC/auc/wfns");
    assert_full(all("ndka").auc, "/aSAH_pROC/auc/ndka");
    assert_full(
        all("s100b").auc,
        "/aSAH_pROC/auc/s100b/full_from_placements_helper",
    );
}

#[test]
fn delong_variances_match_proc_var() {
    for m in ["wfns", "ndka", "s100b"] {
        assert_full(
            delong::variance(&all(m)),
            &format!("/aSAH_pROC/delong_var/{m}"),
        );
    }
}

#[test]
fn delong_covariances_match_proc_cov() {
    let c = |a: &str, b: &str| delong::covariance(&all(a), &all(b)).unwrap();
    assert_full(c("wfns", "ndka"), "/aSAH_pROC/delong_cov/wfns_ndka");
    assert_full(c("ndka", "s100b"), "/aSAH_pROC/delong_cov/ndka_s100b");
    assert_full(c("s100b", "wfns"), "/aSAH_pROC/delong_cov/s100b_wfns");
}

#[test]
fn ndka_confidence_interval_matches_proc_ci_auc() {
    let ci = auc_interval(&all("ndka"), 0.95).unwrap();

    assert_full(ci.lower, "/aSAH_pROC/ci_auc_delong_ndka/0");
    assert_full(ci.upper, "/aSAH_pROC/ci_auc_delong_ndka/2");
}

#[test]
fn female_subset_interval_matches_proc_to_the_printed_digit() {
    let ci = auc_interval(&marker("ndka", |p| p.female), 0.95).unwrap();

    assert_printed(ci.lower, "/aSAH_pROC/ci_auc_delong_ndka_female_subset/0");
    assert_printed(ci.auc, "/aSAH_pROC/ci_auc_delong_ndka_female_subset/1");
    assert_printed(ci.upper, "/aSAH_pROC/ci_auc_delong_ndka_female_subset/2");
}

#[test]
fn paired_delong_tests_match_proc_roc_test() {
    for (i, (a, b)) in [("wfns", "s100b"), ("wfns", "ndka"), ("ndka", "s100b")]
        .into_iter()
        .enumerate()
    {
        let t = paired_test(&all(a), &all(b), 0.95).unwrap();
        let at = |k: &str| format!("/aSAH_pROC/roc_test_delong_paired/{i}/{k}");
        assert_full(t.z, &at("Z"));
        assert_full(t.p_two_sided, &at("p"));
        assert_full(t.ci_lower, &at("ci95_diff/0"));
        assert_full(t.ci_upper, &at("ci95_diff/1"));
        if i == 0 {
            assert_full(t.p_greater, &at("p_greater"));
            assert_full(t.p_less, &at("p_less"));
        }
    }
}

#[test]
fn unpaired_delong_tests_match_proc_roc_test() {
    for (i, (a, b)) in [("wfns", "s100b"), ("wfns", "ndka"), ("ndka", "s100b")]
        .into_iter()
        .enumerate()
    {
        let t = unpaired_test(&all(a), &all(b)).unwrap();
        let at = |k: &str| format!("/aSAH_pROC/roc_test_delong_unpaired/{i}/{k}");
        assert_full(t.d, &at("D"));
        assert_full(t.p_two_sided, &at("p"));
        if i == 0 {
            assert_full(t.p_greater, &at("p_greater"));
            assert_full(t.p_less, &at("p_less"));
        }
    }
}

#[test]
fn placements_match_proc_delong_placements_cpp() {
    let text =
        std::fs::read_to_string(fixture("aSAH_delong_placements_pROC_expected.json")).unwrap();
    let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
    for m in ["wfns", "ndka", "s100b"] {
        let p = all(m);
        let x: Vec<f64> = serde_json::from_value(expected[m]["X"].clone()).unwrap();
        let y: Vec<f64> = serde_json::from_value(expected[m]["Y"].clone()).unwrap();
        // The file prints 15 significant digits.
        for (got, want) in p.positives.iter().zip(&x).chain(p.negatives.iter().zip(&y)) {
            assert!(
                (got - want).abs() < 1e-14,
                "{m}: placement {got} vs pROC {want}"
            );
        }
        assert_eq!((p.positives.len(), p.negatives.len()), (x.len(), y.len()));
    }
}

#[test]
fn partial_aucs_match_proc() {
    let curve = |m: &str| {
        let all = patients();
        let v = |p: &Patient| match m {
            "wfns" => p.wfns,
            _ => p.ndka,
        };
        let cases: Vec<f64> = all.iter().filter(|p| p.poor).map(v).collect();
        let controls: Vec<f64> = all.iter().filter(|p| !p.poor).map(v).collect();
        roc::curve(&cases, &controls).unwrap()
    };
    for m in ["wfns", "ndka"] {
        let c = curve(m);
        let at = |k: &str| format!("/aSAH_pROC/partial_auc/{m}_{k}");
        assert_full(
            roc::partial_auc_specificity(&c, 0.9, 1.0).unwrap(),
            &at("sp_1_0p9"),
        );
        assert_full(
            roc::partial_auc_specificity(&c, 0.8, 0.9).unwrap(),
            &at("sp_0p9_0p8"),
        );
        assert_full(
            roc::partial_auc_specificity(&c, 0.0, 0.5).unwrap(),
            &at("sp_0p5_0"),
        );
        assert_full(
            roc::partial_auc_sensitivity(&c, 0.9, 1.0).unwrap(),
            &at("se_1_0p9"),
        );
    }
}
