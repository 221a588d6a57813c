//! The clinical logistic model against statsmodels, and its comparison with a CNN.

use std::collections::HashMap;
use std::path::Path;

use model::clinical::{evaluate, fit};
use model::data::{read_manifest, Split};

fn fixture() -> Vec<model::data::CaseMeta> {
    read_manifest(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/clinical_reference.csv"
    )))
    .unwrap()
}

/// Reference: statsmodels 0.15.0, `sm.Logit(y, X).fit(tol=1e-12)` on
/// `tests/data/clinical_reference.csv` (120 rows from the fixed LCG in
/// `tests/data/make_clinical_reference.py`; fit script `tests/data/statsmodels_clinical_reference.py`) with X = [intercept, age, male, site:distal_femur,
/// site:proximal_fibula] (reference site proximal_tibia, the most frequent):
/// ```text
/// intercept              coef  0.187493424375 se 0.536566433193 p 0.726765093485
/// age                    coef -0.015325571188 se 0.016473523219 p 0.352207842892
/// male                   coef  0.021619757835 se 0.377945122739 p 0.954383144917
/// site:distal_femur      coef -0.097307356034 se 0.385566789105 p 0.800751346974
/// site:proximal_fibula   coef  0.849406730195 se 1.005482231740 p 0.398236209982
/// ```
#[test]
fn irls_matches_statsmodels_logit() {
    let expected = [
        ("intercept", 0.187493424375, 0.536566433193, 0.726765093485),
        ("age", -0.015325571188, 0.016473523219, 0.352207842892),
        ("male", 0.021619757835, 0.377945122739, 0.954383144917),
        (
            "site:distal_femur",
            -0.097307356034,
            0.385566789105,
            0.800751346974,
        ),
        (
            "site:proximal_fibula",
            0.849406730195,
            1.005482231740,
            0.398236209982,
        ),
    ];

    let m = fit(&fixture()).unwrap();

    assert_eq!(m.reference_site, "proximal_tibia");
    for (term, (name, coef, se, p)) in m.terms.iter().zip(expected) {
        assert_eq!(term.name, name);
        assert!((term.coef - coef).abs() < 1e-9, "{name} coef {}", term.coef);
        assert!((term.se - se).abs() < 1e-9, "{name} se {}", term.se);
        assert!((term.p - p).abs() < 1e-9, "{name} p {}", term.p);
        assert!((term.odds_ratio - coef.exp()).abs() < 1e-9);
        assert!(term.or_lo < term.odds_ratio && term.odds_ratio < term.or_hi);
    }
}

#[test]
fn a_perfect_cnn_beats_the_clinical_model_by_paired_delong() {
    let mut cases = fixture();
    for c in cases.iter_mut().step_by(2) {
        c.split = Split::External;
    }
    let cnn: HashMap<String, f64> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                c.case_id.clone(),
                if c.is_os { 0.9 } else { 0.1 } + i as f64 * 1e-4,
            )
        })
        .collect();

    let report = evaluate(&cases, Split::External, Some(&cnn)).unwrap();

    assert_eq!(report.cnn_auc.unwrap().auc, 1.0);
    assert!(report.clinical_auc.auc < 0.8);
    let (z, p) = report.delong.unwrap();
    assert!(z > 0.0 && p < 0.05, "z {z} p {p}");
}

#[test]
fn a_missing_cnn_score_names_the_case() {
    let mut cases = fixture();
    for c in cases.iter_mut().step_by(10) {
        c.split = Split::Internal;
    }

    let err = evaluate(&cases, Split::Internal, Some(&HashMap::new())).unwrap_err();

    assert!(err.to_string().contains(&cases[0].case_id), "{err}");
}
