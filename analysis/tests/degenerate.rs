//! Degenerate studies get a defined, documented result or a clear error, never a silent NaN.

use analysis::{analyze, AnalyzeOptions, Reads};
use serde_json::Value;

/// `t` modalities × `r` readers × 3 negatives + 3 positives, ratings from `rate(m, j, k)`.
fn study(t: usize, r: usize, rate: impl Fn(usize, usize, usize) -> f64) -> Reads {
    let ids = |p: &str, n: usize| (0..n).map(|i| format!("{p}{i}")).collect::<Vec<_>>();
    let truth: Vec<bool> = (0..6).map(|k| k >= 3).collect();
    let ratings = (0..t)
        .flat_map(|m| (0..r).flat_map(move |j| (0..6).map(move |k| (m, j, k))))
        .map(|(m, j, k)| rate(m, j, k))
        .collect();
    Reads::new(ids("r", r), ids("m", t), ids("c", 6), truth, ratings).unwrap()
}

/// Every null in the JSON, by path.
fn nulls(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Null => out.push(path.to_string()),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| nulls(x, &format!("{path}/{i}"), out)),
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| nulls(x, &format!("{path}/{k}"), out)),
        _ => {}
    }
}

fn only_explained_nulls(json: &Value) {
    let mut found = Vec::new();
    nulls(json, "", &mut found);
    for path in found {
        let allowed = path.ends_with("/df2")
            || path.ends_with("/df")
            || path == "/threshold"
            || path == "/binary"
            // The sections that do not apply to the file's shape.
            || ["/or", "/dbm", "/single_modality", "/single_reader"].contains(&path.as_str());
        assert!(allowed, "unexplained null at {path}");
    }
}

#[test]
fn perfect_separation_everywhere_reports_no_difference_with_p_one() {
    let reads = study(2, 3, |_, _, k| k as f64);

    let report = analyze(&reads, &AnalyzeOptions::default()).unwrap();

    assert_eq!(
        (
            report.or.as_ref().unwrap().rrrc.f,
            report.or.as_ref().unwrap().rrrc.p
        ),
        (0.0, 1.0)
    );
    assert_eq!(
        (
            report.dbm.as_ref().unwrap().frrc.f,
            report.dbm.as_ref().unwrap().frrc.p
        ),
        (0.0, 1.0)
    );
    assert!(report
        .notes
        .iter()
        .any(|n| n.contains("zero case-sampling variance")));
    only_explained_nulls(&report.to_json());
}

#[test]
fn all_ties_give_auc_one_half_and_p_one() {
    let reads = study(2, 3, |_, _, _| 3.0);

    let report = analyze(&reads, &AnalyzeOptions::default()).unwrap();

    assert!(report
        .per_reader
        .iter()
        .all(|f| f.fom == 0.5 && f.se == 0.0));
    assert_eq!(report.or.as_ref().unwrap().frrc.p, 1.0);
    only_explained_nulls(&report.to_json());
}

#[test]
fn perfect_separation_in_one_modality_only_still_gives_finite_tests() {
    // modality 1 separates perfectly; modality 2 reverses two pairs per reader differently
    let reads = study(2, 3, |m, j, k| {
        if m == 0 {
            k as f64
        } else {
            ((k * 5 + j) % 6) as f64
        }
    });

    let report = analyze(&reads, &AnalyzeOptions::default()).unwrap();

    assert!(
        report.or.as_ref().unwrap().rrrc.f.is_finite()
            && report.or.as_ref().unwrap().rrrc.p.is_finite()
    );
    only_explained_nulls(&report.to_json());
}

#[test]
fn a_single_reader_gets_the_single_reader_analysis_instead_of_the_mrmc_tests() {
    let reads = study(2, 1, |m, _, k| ((k * (m + 2)) % 5) as f64);

    let report = analyze(&reads, &AnalyzeOptions::default()).unwrap();

    assert!(report.or.is_none() && report.dbm.is_none());
    let single = report.single_reader.as_ref().unwrap();
    assert_eq!(single.readings.len(), 2);
    assert_eq!(single.comparisons.len(), 1);
    assert!(report.single_modality.is_none());
    only_explained_nulls(&report.to_json());
}

#[test]
fn a_single_modality_gets_the_single_modality_analysis_instead_of_a_comparison() {
    let reads = study(1, 3, |_, j, k| ((k * (j + 2)) % 5) as f64);

    let report = analyze(&reads, &AnalyzeOptions::default()).unwrap();

    assert!(report.or.is_none() && report.dbm.is_none());
    let single = report.single_modality.as_ref().unwrap();
    assert_eq!(single.readings.len(), 3);
    let mean = single.mean.as_ref().unwrap();
    assert!(mean.ci_lower <= mean.estimate && mean.estimate <= mean.ci_upper);
    assert!(report.to_markdown().contains("single-modality"));
}

#[test]
fn one_reader_and_one_modality_give_the_one_auc_with_its_interval() {
    let reads = study(1, 1, |_, _, k| k as f64);

    let report = analyze(&reads, &AnalyzeOptions::default()).unwrap();

    let single = report.single_modality.as_ref().unwrap();
    assert!(single.mean.is_none());
    assert_eq!(single.readings.len(), 1);
    assert!(report
        .single_reader
        .as_ref()
        .unwrap()
        .comparisons
        .is_empty());
    assert_eq!(report.to_csv().matches("reading_ci,").count(), 1);
}

#[test]
fn a_negative_variance_estimate_is_an_error_not_a_nan() {
    let err = analysis::inference::interval("aided", 0.9, -1e-4, Some(4.0)).unwrap_err();

    assert!(
        err.to_string()
            .contains("variance estimate of its mean is negative"),
        "{err}"
    );
}

#[test]
fn a_difference_without_variance_has_an_infinite_statistic_and_p_zero() {
    let d = analysis::inference::difference("a", "b", 0.1, 0.0, None, "test").unwrap();

    assert_eq!(
        (d.statistic, d.p, d.ci_lower, d.ci_upper),
        (f64::INFINITY, 0.0, 0.1, 0.1)
    );
}

#[test]
fn a_negative_error_term_is_an_error() {
    let err = analysis::inference::difference("a", "b", 0.1, -1e-6, Some(4.0), "test").unwrap_err();

    assert!(
        err.to_string().contains("negative variance estimate"),
        "{err}"
    );
}

#[test]
fn readers_that_all_change_by_the_same_amount_give_p_zero_in_the_fixed_case_test() {
    // every reader's AUC rises from 8/9 to 1 in modality 2: MS_TR is 0 up to rounding while
    // MS_T > 0, so F is huge (or infinite) and p = 0; the Hillis ddf is astronomically large.
    let reads = study(2, 3, |m, _, k| {
        if m == 1 {
            k as f64
        } else {
            [0.0, 1.0, 4.0, 3.0, 5.0, 6.0][k]
        }
    });

    let report = analyze(&reads, &AnalyzeOptions::default()).unwrap();

    assert!(
        report.or.as_ref().unwrap().rrfc.f > 1e12,
        "F = {}",
        report.or.as_ref().unwrap().rrfc.f
    );
    assert_eq!(report.or.as_ref().unwrap().rrfc.p, 0.0);
    assert!(
        report.or.as_ref().unwrap().rrrc.p.is_finite()
            && report.dbm.as_ref().unwrap().rrrc.p.is_finite()
    );
    only_explained_nulls(&report.to_json());
}
