//! Cell and table helpers shared by the results tables: numbers that are not finite become
//! empty cells, titles follow the table id (`results-table-…`).

use super::StudyResults;
use crate::table::{Cell, Table};

pub(super) fn num(value: f64, digits: u8) -> Cell {
    if value.is_finite() {
        Cell::Number { value, digits }
    } else {
        Cell::Empty
    }
}

pub(super) fn pct(value: f64) -> Cell {
    if value.is_finite() {
        Cell::Percent { value, digits: 1 }
    } else {
        Cell::Empty
    }
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

pub(super) fn table(id: &str, columns: &[&str], rows: Vec<Vec<Cell>>, notes: Vec<&str>) -> Table {
    Table {
        id: id.into(),
        title: format!("results-table-{}", id.replace('_', "-")),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
        notes: notes.into_iter().map(String::from).collect(),
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
