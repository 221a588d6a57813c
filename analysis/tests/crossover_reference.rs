//! Reference test of the two-period crossover analysis (period, sequence and treatment effects
//! with readers as subjects) against an independent computation: `crossover_reference.py`
//! (scipy.stats.ttest_ind with pooled variance on the within-reader differences and sums, checked
//! there against statsmodels' OLS fit of y ~ reader + period + treatment), whose output
//! `crossover_reference.json` is committed beside its input `crossover_input.json` in
//! `fixtures/crossover/`. Python never runs at test time.

use analysis::study::crossover::{two_period, CrossoverEffect};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/crossover");

fn json(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn pairs(v: &Value) -> Vec<[f64; 2]> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| [p[0].as_f64().unwrap(), p[1].as_f64().unwrap()])
        .collect()
}

fn assert_close(actual: f64, expected: &Value, what: &str) {
    let expected = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: no number"));
    let tol = 1e-9 * expected.abs().max(1e-3);
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual:.15e}, scipy {expected:.15e}"
    );
}

fn check(effect: &CrossoverEffect, expected: &Value, what: &str) {
    for (field, value) in [
        ("estimate", effect.estimate),
        ("se", effect.se),
        ("ci_lower", effect.ci_lower),
        ("ci_upper", effect.ci_upper),
        ("t", effect.t),
        ("df", effect.df),
        ("p", effect.p),
    ] {
        assert_close(value, &expected[field], &format!("{what}/{field}"));
    }
}

#[test]
fn period_sequence_and_treatment_effects_match_scipy_and_statsmodels() {
    let input = json("crossover_input.json");
    let reference = json("crossover_reference.json");
    let cases = input["cases"].as_object().unwrap();
    assert_eq!(cases.len(), 2, "an AUC and an accuracy study");

    for (name, case) in cases {
        let x = two_period(&pairs(&case["unaided_first"]), &pairs(&case["aided_first"])).unwrap();

        let expected = &reference["cases"][name];
        check(&x.period, &expected["period"], &format!("{name}/period"));
        check(
            &x.sequence,
            &expected["sequence"],
            &format!("{name}/sequence"),
        );
        check(
            &x.treatment,
            &expected["treatment"],
            &format!("{name}/treatment"),
        );
    }
}
