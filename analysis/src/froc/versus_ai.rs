//! The AI as a reader of a localization study, against the readers: its wAFROC beside theirs
//! and the 1T-RRRC test of the readers' mean minus the AI's ([`crate::standalone`]), for the
//! readers unaided and AI-aided, per seniority group.

use super::data::Localization;
use super::fom::{localization_table, LocalizationFom};
use super::table::{interval, number};
use crate::error::Result;
use crate::standalone::{standalone, Standalone};
use crate::table::{Cell, Table};

/// Message keys of the table (all in both catalogues of the app).
pub const KEYS: [&str; 13] = [
    "results-versus-ai-title",
    "results-col-group",
    "results-col-readers",
    "results-versus-ai-ai",
    "results-versus-ai-ai-ci",
    "results-versus-ai-unaided",
    "results-versus-ai-unaided-difference",
    "results-versus-ai-unaided-difference-ci",
    "results-versus-ai-unaided-p",
    "results-versus-ai-aided",
    "results-versus-ai-aided-difference",
    "results-versus-ai-aided-difference-ci",
    "results-versus-ai-aided-p",
];

/// The note under the table.
pub const NOTE: &str = "results-versus-ai-note";

/// The AI (reader 0 of a one-modality study) against the other readers.
///
/// # Errors
/// As [`localization_table`] and [`standalone`].
pub fn ai_versus_readers(study: &Localization, fom: LocalizationFom) -> Result<Standalone> {
    standalone(&localization_table(study, fom)?)
}

/// One group: its label key, the AI against its readers unaided, and against them aided.
pub struct VersusAi {
    pub group_key: String,
    pub unaided: Standalone,
    pub aided: Standalone,
}

/// The table over the groups given, in order.
pub fn versus_ai_table(groups: &[VersusAi]) -> Table {
    Table {
        id: "versus_ai".into(),
        title: KEYS[0].into(),
        columns: KEYS[1..].iter().map(|k| k.to_string()).collect(),
        rows: groups
            .iter()
            .map(|g| {
                let mut row = vec![
                    Cell::Label(g.group_key.clone()),
                    Cell::Count(g.unaided.readers as i64),
                    number(g.unaided.ai),
                    interval(g.unaided.ai_ci.0, g.unaided.ai_ci.1),
                ];
                for s in [&g.unaided, &g.aided] {
                    row.extend([
                        number(s.readers_mean),
                        number(s.difference),
                        interval(s.difference_ci.0, s.difference_ci.1),
                        Cell::PValue(s.p),
                    ]);
                }
                row
            })
            .collect(),
        notes: vec![NOTE.into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::froc::test_support::one_lesion_truth;
    use crate::froc::CaseMarks;

    /// An AI and three readers on eight cases; the readers rate lesions `boost` higher.
    fn study(boost: f64) -> Localization {
        let truth = one_lesion_truth(4, 4);
        let mut marks = Vec::new();
        for j in 0..4 {
            let lift = if j == 0 { 0.0 } else { boost };
            for k in 0..8 {
                let nl = vec![(1 + (k + j) % 4) as f64];
                let ll = if k < 4 {
                    vec![]
                } else {
                    vec![(k % 4) as f64 + 1.5 + lift + j as f64 * 0.1]
                };
                marks.push(CaseMarks { nl, ll });
            }
        }
        Localization::new(
            truth,
            ["AI", "a", "b", "c"].map(String::from).to_vec(),
            vec!["unaided".into()],
            marks,
        )
        .unwrap()
    }

    #[test]
    fn readers_who_rate_lesions_higher_than_the_ai_have_a_positive_difference() {
        let s = ai_versus_readers(&study(2.0), LocalizationFom::Wafroc).unwrap();

        assert_eq!(s.readers, 3);
        assert!(s.difference > 0.0);
        assert!((s.difference - (s.readers_mean - s.ai)).abs() < 1e-12);
        assert!(s.difference_ci.0 <= s.difference && s.difference <= s.difference_ci.1);
    }

    #[test]
    fn each_group_row_has_one_cell_per_column() {
        let s = ai_versus_readers(&study(1.0), LocalizationFom::Wafroc).unwrap();

        let table = versus_ai_table(&[VersusAi {
            group_key: "results-group-all".into(),
            unaided: s.clone(),
            aided: s,
        }]);

        assert_eq!(table.rows[0].len(), table.columns.len());
        assert!(matches!(table.rows[0][7], Cell::PValue(_)));
    }
}
