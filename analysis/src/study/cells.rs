//! Cell, note and table helpers shared by the results tables: numbers that are not finite
//! become empty cells, proportions are numbers of percent (the heading carries the unit),
//! titles follow the table id (`results-table-…`).

use super::StudyResults;
use crate::inference::LEVEL;
use crate::table::{note_with, Cell, Table};

pub(super) fn num(value: f64, digits: u8) -> Cell {
    if value.is_finite() {
        Cell::Number { value, digits }
    } else {
        Cell::Empty
    }
}

/// A proportion (or a change of one) as a plain number of percent (or percentage points): a
/// journal states the unit once, in the column heading, and a spreadsheet gets the number.
pub(super) fn pct(value: f64) -> Cell {
    num(100.0 * value, 1)
}

/// A confidence interval of a proportion (or of a change of one), in percent as [`pct`].
pub(super) fn pct_ci(lower: f64, upper: f64) -> Cell {
    ci(100.0 * lower, 100.0 * upper, 1)
}

pub(super) fn ci(lower: f64, upper: f64, digits: u8) -> Cell {
    if lower.is_finite() && upper.is_finite() {
        Cell::Interval {
            lower,
            upper,
            digits,
        }
    } else {
        Cell::Empty
    }
}

pub(super) fn p(value: f64) -> Cell {
    if value.is_nan() {
        Cell::Empty
    } else {
        Cell::PValue(value)
    }
}

pub(super) fn label(key: &str) -> Cell {
    Cell::Label(key.to_string())
}

pub(super) fn count(n: usize) -> Cell {
    Cell::Count(n as i64)
}

pub(super) fn table<N: Into<String>>(
    id: &str,
    columns: &[&str],
    rows: Vec<Vec<Cell>>,
    notes: Vec<N>,
) -> Table {
    Table {
        id: id.into(),
        title: format!("results-table-{}", id.replace('_', "-")),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
        notes: notes.into_iter().map(Into::into).collect(),
    }
}

/// The covariance note of the AUC analyses.
pub(super) fn covariance_note(results: &StudyResults) -> &'static str {
    match results.options.covariance {
        crate::Covariance::Jackknife => "results-note-covariance-jackknife",
        crate::Covariance::DeLong => "results-note-covariance-delong",
        crate::Covariance::Unbiased => "results-note-covariance-unbiased",
    }
}

/// Notes that are plain message keys, to which a table adds those with arguments.
pub(super) fn notes(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

/// A number as a note states it: no float noise (`1 − 0.95` is 0.05), no trailing zeros.
fn plain(value: f64) -> String {
    let text = format!("{value:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The target power of the sample-size table, in percent.
pub(super) fn power_note(power: f64) -> String {
    note_with(
        "results-note-sample-size-target",
        &[("power", plain(100.0 * power))],
    )
}

/// The significance level of a table's tests and intervals, two-sided.
pub(super) fn alpha_note(alpha: f64) -> String {
    note_with("results-note-alpha", &[("alpha", plain(alpha))])
}

/// The α of every 95 % interval and test of the results (the sample size has its own).
pub(super) fn interval_alpha_note() -> String {
    alpha_note(1.0 - LEVEL)
}

/// The probability at which the CNN calls a case positive.
pub(super) fn threshold_note(results: &StudyResults) -> String {
    note_with(
        "results-note-cnn-call",
        &[("threshold", plain(results.cnn_threshold))],
    )
}

/// The years of experience bounding the seniority groups.
pub(super) fn cut_points_note(results: &StudyResults) -> String {
    let cut = results.cut_points;
    note_with(
        "results-note-cut-points",
        &[
            ("junior", cut.junior_max.to_string()),
            ("intermediate_from", (cut.junior_max + 1).to_string()),
            ("intermediate", cut.intermediate_max.to_string()),
        ],
    )
}
