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
    assert_eq!(
        cases.len(),
        4,
        "an AUC and an accuracy study, and two published trials"
    );

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

/// Two published AB/BA trials (input `senn_2002_asthma_pef` and `jones_kenward_copd_pefr`, read
/// as reader studies with the treatment the source estimates as "aided"): besides scipy's
/// numbers above, the estimates their sources print. Senn (2002, Cross-over Trials in Clinical
/// Research, ch. 3), formoterol − salbutamol in 13 children: 46.6 L/min (the data as SAS/STAT's
/// PROC TTEST documentation lists them, "AB/BA Crossover Design", which prints 46.6071); Jones
/// & Kenward (Design and Analysis of Cross-Over Trials, ch. 2), A − B in mean morning PEFR of
/// 56 patients: 10.40 L/min, t = 3.05 on 54 df (the data as the R package xover ships them,
/// data-raw/pefr.csv).
#[test]
fn published_crossover_trials_give_the_treatment_effects_their_sources_print() {
    let input = json("crossover_input.json");
    let run = |name: &str| {
        let case = &input["cases"][name];
        two_period(&pairs(&case["unaided_first"]), &pairs(&case["aided_first"])).unwrap()
    };

    let senn = run("senn_2002_asthma_pef");
    let jones_kenward = run("jones_kenward_copd_pefr");

    assert_eq!(format!("{:.4}", senn.treatment.estimate), "46.6071");
    assert_eq!(senn.treatment.df, 11.0);
    assert_eq!(format!("{:.2}", jones_kenward.treatment.estimate), "10.40");
    assert_eq!(format!("{:.2}", jones_kenward.treatment.t), "3.05");
    assert_eq!(jones_kenward.treatment.df, 54.0);
}
