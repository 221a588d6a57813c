//! Shared helpers of the reference tests: fixture paths, the reference JSON and tolerances.
#![allow(dead_code)]

use std::sync::OnceLock;

use serde_json::Value;

/// Folder of the MRMC/ROC fixtures (`fixtures/mrmc/` at the repo root).
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/mrmc");

pub fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// `reference_results.json`, parsed once.
pub fn reference() -> &'static Value {
    static REF: OnceLock<Value> = OnceLock::new();
    REF.get_or_init(|| {
        let text = std::fs::read_to_string(fixture("reference_results.json"))
            .expect("reference_results.json is readable");
        serde_json::from_str(&text).expect("reference_results.json is valid JSON")
    })
}

/// The number at a JSON pointer of the reference file.
pub fn number(pointer: &str) -> f64 {
    reference()
        .pointer(pointer)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("no number at {pointer} in reference_results.json"))
}

/// Full-precision sources: agreement to 1e-9 relative (absolute 1e-12 near zero).
pub fn assert_full(actual: f64, pointer: &str) {
    let expected = number(pointer);
    let tol = 1e-9 * expected.abs() + 1e-15;
    assert!(
        (actual - expected).abs() <= tol,
        "{pointer}: got {actual:.15e}, reference {expected:.15e} (diff {:.3e})",
        actual - expected
    );
}

/// Decimal places of a printed number, read from its shortest round-trip representation.
fn printed_decimals(x: f64) -> i32 {
    let s = format!("{x}");
    s.split_once('.').map_or(0, |(_, frac)| frac.len() as i32)
}

/// Printed sources: agreement to half a unit of the last printed digit.
pub fn assert_printed(actual: f64, pointer: &str) {
    let expected = number(pointer);
    let tol = 0.5 * 10f64.powi(-printed_decimals(expected)) + 1e-12;
    assert!(
        (actual - expected).abs() <= tol,
        "{pointer}: got {actual}, printed reference {expected} (tolerance {tol:e})"
    );
}
