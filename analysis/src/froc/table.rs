//! The localization results table of a reader study: per seniority group, the readers' mean
//! wAFROC unaided and AI-aided with their 95% CIs, the aided − unaided difference with its CI,
//! and the OR random-reader random-case F test (jackknife covariance, Hillis df), as RJafroc.
//! A group with one reader gets its own jackknife CIs and the paired z-test instead.

use vocab::Modality;

use super::report::LocalizationReport;
use crate::table::{Cell, Table};

/// Message keys of the table (all in both catalogues of the app).
pub const KEYS: [&str; 12] = [
    "results-localization-title",
    "results-col-group",
    "results-col-readers",
    "results-localization-unaided",
    "results-localization-unaided-ci",
    "results-localization-aided",
    "results-localization-aided-ci",
    "results-localization-difference",
    "results-localization-difference-ci",
    "results-localization-f",
    "results-localization-p",
    "results-localization-note",
];

/// A figure to 3 decimals; empty when not finite.
pub(super) fn number(value: f64) -> Cell {
    if value.is_finite() {
        Cell::Number { value, digits: 3 }
    } else {
        Cell::Empty
    }
}

/// A 95 % interval to 3 decimals; empty unless both ends are finite.
pub(super) fn interval(lower: f64, upper: f64) -> Cell {
    if lower.is_finite() && upper.is_finite() {
        Cell::Interval {
            lower,
            upper,
            digits: 3,
        }
    } else {
        Cell::Empty
    }
}

/// One row: the group's label key and its report, whose modalities are `unaided` and `aided`.
fn row(group_key: &str, report: &LocalizationReport) -> Vec<Cell> {
    let at = |m: Modality| {
        report
            .design
            .modalities
            .iter()
            .position(|x| x == m.as_str())
    };
    let (Some(u), Some(a)) = (at(Modality::Unaided), at(Modality::Aided)) else {
        return Vec::new();
    };
    let mut cells = vec![
        Cell::Label(group_key.to_string()),
        Cell::Count(report.design.readers.len() as i64),
    ];
    if let Some(or) = &report.or {
        let modality = |i: usize| &or.rrrc.modalities[i];
        // OR's differences are first − second in file order; the table shows aided − unaided.
        let d = &or.rrrc.differences[0];
        let sign = if d.modality_a == Modality::Aided.as_str() {
            1.0
        } else {
            -1.0
        };
        let (lo, hi) = if sign > 0.0 {
            (d.ci_lower, d.ci_upper)
        } else {
            (-d.ci_upper, -d.ci_lower)
        };
        cells.extend([
            number(modality(u).estimate),
            interval(modality(u).ci_lower, modality(u).ci_upper),
            number(modality(a).estimate),
            interval(modality(a).ci_lower, modality(a).ci_upper),
            number(sign * d.estimate),
            interval(lo, hi),
            number(or.rrrc.f),
            Cell::PValue(or.rrrc.p),
        ]);
    } else if let Some(single) = &report.single_reader {
        let reading = |i: usize| &single.readings[i];
        let c = &single.comparisons[0];
        let sign = if c.modality_a == Modality::Aided.as_str() {
            1.0
        } else {
            -1.0
        };
        let (lo, hi) = if sign > 0.0 {
            (c.ci_lower, c.ci_upper)
        } else {
            (-c.ci_upper, -c.ci_lower)
        };
        cells.extend([
            number(reading(u).estimate),
            interval(reading(u).ci_lower, reading(u).ci_upper),
            number(reading(a).estimate),
            interval(reading(a).ci_lower, reading(a).ci_upper),
            number(sign * c.estimate),
            interval(lo, hi),
            Cell::Empty,
            Cell::PValue(c.p),
        ]);
    } else {
        return Vec::new();
    }
    cells
}

/// The table over the groups given, in order (e.g. each seniority group, then all readers);
/// groups whose reports compare no unaided with aided reads are left out.
pub fn seniority_table(groups: &[(String, LocalizationReport)]) -> Table {
    Table {
        id: "localization".into(),
        title: KEYS[0].into(),
        columns: KEYS[1..11].iter().map(|k| k.to_string()).collect(),
        rows: groups
            .iter()
            .map(|(key, report)| row(key, report))
            .filter(|r| !r.is_empty())
            .collect(),
        notes: vec![KEYS[11].into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::froc::test_support::one_lesion_truth;
    use crate::froc::{analyze, CaseMarks, Localization, LocalizationFom};

    /// Three readers; aided reads rate every lesion higher, so the aided wAFROC is higher.
    fn study(readers: usize) -> Localization {
        let truth = one_lesion_truth(3, 3);
        let mut marks = Vec::new();
        for m in 0..2 {
            for j in 0..readers {
                for k in 0..6 {
                    let lesion = if k < 3 {
                        vec![]
                    } else {
                        vec![(1 + m + (k + j) % 3) as f64]
                    };
                    let nl = if k == j % 3 { vec![2.0] } else { vec![] };
                    marks.push(CaseMarks { nl, ll: lesion });
                }
            }
        }
        Localization::new(
            truth,
            (0..readers).map(|j| format!("r{j}")).collect(),
            vec!["unaided".into(), "aided".into()],
            marks,
        )
        .unwrap()
    }

    #[test]
    fn each_group_shows_both_means_and_the_aided_minus_unaided_difference() {
        let report = analyze(&study(3), LocalizationFom::Wafroc).unwrap();
        let means: Vec<f64> = report.modality_means.iter().map(|m| m.1).collect();

        let table = seniority_table(&[("results-group-all".into(), report)]);

        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].len(), table.columns.len());
        assert_eq!(table.rows[0][1], Cell::Count(3));
        let Cell::Number { value, .. } = table.rows[0][6] else {
            panic!("a difference")
        };
        assert!((value - (means[1] - means[0])).abs() < 1e-12);
        assert!(value > 0.0);
        assert!(matches!(table.rows[0][9], Cell::PValue(_)));
    }

    #[test]
    fn a_group_of_one_reader_gets_the_paired_test_and_no_f() {
        let report = analyze(&study(1), LocalizationFom::Wafroc).unwrap();

        let table = seniority_table(&[("results-group-junior".into(), report)]);

        assert_eq!(table.rows[0][8], Cell::Empty);
        assert!(matches!(table.rows[0][9], Cell::PValue(_)));
    }
}
