//! Reference test of the intervals of pooled rates (two-way cluster-robust, readers and cases)
//! and of Fleiss' κ (jackknife over cases) against an independent computation:
//! `fixtures/clustered/clustered_reference.py` — statsmodels 0.15.0's `cov_cluster_2groups` on an
//! intercept-only OLS fit for the variance, Wilson's bounds on the effective sample size and the
//! jackknife of statsmodels' `fleiss_kappa` written from their definitions, scipy 1.17.1's t.
//! Its output `clustered_reference.json` is committed beside the made-up, seeded reads
//! `clustered_input.json`; Python never runs at test time.

use analysis::clustered::{pooled_proportion, Read};
use analysis::study::agreement::fleiss_kappa_interval;
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/clustered");

fn json(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn assert_close(actual: f64, expected: &Value, what: &str) {
    let expected = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: no number"));
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1e-3),
        "{what}: got {actual:.15e}, statsmodels {expected:.15e}"
    );
}

#[test]
fn pooled_rates_match_statsmodels_two_way_clustered_variance_and_the_effective_n_wilson_interval() {
    let input = json("clustered_input.json");
    let reference = json("clustered_reference.json");

    for (name, expected) in reference["pooled"].as_object().unwrap() {
        let reads: Vec<Read> = input["reads"][name]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| Read {
                reader: r[0].as_u64().unwrap() as usize,
                case: r[1].as_u64().unwrap() as usize,
                success: r[2].as_bool().unwrap(),
            })
            .collect();

        let pooled = pooled_proportion(&reads, 0.95).unwrap();

        assert_eq!(
            pooled.successes as u64,
            expected["successes"].as_u64().unwrap()
        );
        assert_eq!(pooled.total as u64, expected["total"].as_u64().unwrap());
        for (field, value) in [
            ("estimate", pooled.estimate),
            ("se", pooled.se),
            ("effective_n", pooled.effective_n),
            ("df", pooled.df),
            ("lower", pooled.lower),
            ("upper", pooled.upper),
        ] {
            assert_close(value, &expected[field], &format!("{name} {field}"));
        }
    }
}

#[test]
fn kappas_jackknife_interval_matches_statsmodels_fleiss_kappa_left_out_case_by_case() {
    let input = json("clustered_input.json");
    let reference = json("clustered_reference.json");

    for (name, expected) in reference["kappa"].as_object().unwrap() {
        let counts: Vec<Vec<usize>> = input["kappa_counts"][name]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                row.as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_u64().unwrap() as usize)
                    .collect()
            })
            .collect();

        let (kappa, interval) = fleiss_kappa_interval(&counts, 0.95).unwrap();
        let (lower, upper) = interval.expect("estimable");

        assert_close(kappa, &expected["kappa"], &format!("{name} kappa"));
        assert_close(lower, &expected["lower"], &format!("{name} lower"));
        assert_close(upper, &expected["upper"], &format!("{name} upper"));
    }
}
