//! Empirical ROC reference tests: pooled Van Dyke curve metrics against MRMCaov
//! (brian-j-smith/MRMCaov@d79e49bc docs/jss, printed) and the aSAH s100b operating points
//! against pROC's coords (xrobin/pROC@ee2877e8 tests, `aSAH_s100b_coords_pROC_expected.csv`).

mod common;

use analysis::input::read_csv_path;
use analysis::roc;
use common::{assert_printed, fixture};

/// All 1,140 Van Dyke readings pooled into one positive and one negative sample.
fn pooled_van_dyke() -> (Vec<f64>, Vec<f64>) {
    let reads = read_csv_path(fixture("vandyke_mrmcaov.csv")).unwrap();
    let (mut pos, mut neg) = (Vec::new(), Vec::new());
    for m in 0..reads.modalities().len() {
        for j in 0..reads.readers().len() {
            for (&s, &t) in reads.scores(m, j).iter().zip(reads.truth()) {
                if t {
                    pos.push(s)
                } else {
                    neg.push(s)
                }
            }
        }
    }
    (pos, neg)
}

#[test]
fn pooled_van_dyke_curve_metrics_match_mrmcaov() {
    let (pos, neg) = pooled_van_dyke();
    let curve = roc::curve(&pos, &neg).unwrap();
    let base = "/vandyke/MRMCaov_empirical_auc/pooled_metrics_all_rows";

    assert_printed(
        roc::auc(&pos, &neg).unwrap(),
        &format!("{base}/empirical_auc"),
    );
    assert_printed(
        roc::partial_auc_specificity(&curve, 0.7, 1.0).unwrap(),
        &format!("{base}/pauc_spec_0p7_to_1"),
    );
    assert_printed(
        roc::partial_auc_sensitivity(&curve, 0.7, 1.0).unwrap(),
        &format!("{base}/pauc_sens_0p7_to_1"),
    );
    assert_printed(
        roc::sensitivity_at_specificity(&curve, 0.8).unwrap(),
        &format!("{base}/sens_at_spec_0p8"),
    );
    assert_printed(
        roc::specificity_at_sensitivity(&curve, 0.8).unwrap(),
        &format!("{base}/spec_at_sens_0p8"),
    );
}

#[test]
fn pooled_van_dyke_binary_rates_at_rating_three_match_mrmcaov() {
    let (pos, neg) = pooled_van_dyke();
    let base = "/vandyke/MRMCaov_empirical_auc/pooled_metrics_all_rows";

    let sens = pos.iter().filter(|&&s| s >= 3.0).count() as f64 / pos.len() as f64;
    let spec = neg.iter().filter(|&&s| s < 3.0).count() as f64 / neg.len() as f64;

    assert_printed(sens, &format!("{base}/binary_sens_rating_ge3"));
    assert_printed(spec, &format!("{base}/binary_spec_rating_ge3"));
}

#[test]
fn s100b_operating_points_match_proc_coords() {
    let text = std::fs::read_to_string(fixture("aSAH_pROC.csv")).unwrap();
    let (mut cases, mut controls) = (Vec::new(), Vec::new());
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let s100b: f64 = f[6].parse().unwrap();
        if f[2] == "Poor" {
            cases.push(s100b)
        } else {
            controls.push(s100b)
        }
    }
    let coords = std::fs::read_to_string(fixture("aSAH_s100b_coords_pROC_expected.csv")).unwrap();
    // threshold,specificity,sensitivity,... ordered by increasing threshold
    let expected: Vec<(f64, f64)> = coords
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1].parse().unwrap(), f[2].parse().unwrap())
        })
        .collect();

    let curve = roc::curve(&cases, &controls).unwrap();

    // The empirical curve from (1, 1) down to (0, 0) visits pROC's points in its order.
    let ours: Vec<(f64, f64)> = curve.iter().rev().map(|p| (1.0 - p.fpr, p.tpr)).collect();
    assert_eq!(ours.len(), expected.len());
    for ((spec, sens), (e_spec, e_sens)) in ours.iter().zip(&expected) {
        assert!(
            (spec - e_spec).abs() < 1e-14 && (sens - e_sens).abs() < 1e-14,
            "({spec}, {sens}) vs pROC ({e_spec}, {e_sens})"
        );
    }
}
