//! The crossover table of the results page: period, sequence and treatment effects of the AUC
//! and of accuracy from the two-period crossover analysis ([`super::crossover`]).

use super::cells::{ci, count, label, num, p, table};
use super::crossover::{CrossoverEffect, CrossoverResults, TwoPeriod};
use crate::table::{Cell, Table};

/// The rows of each figure of merit: the name in their message keys and the effect they show.
type Pick = fn(&TwoPeriod) -> CrossoverEffect;
const EFFECTS: [(&str, Pick); 3] = [
    ("period", |t| t.period),
    ("sequence", |t| t.sequence),
    ("treatment", |t| t.treatment),
];

/// Accuracy is a proportion; its effects are shown in percentage points (the row says so).
const PERCENTAGE_POINTS: f64 = 100.0;

fn effect_cells(effect: Option<CrossoverEffect>, scale: f64, digits: u8) -> [Cell; 6] {
    effect.map_or(std::array::from_fn(|_| Cell::Empty), |e| {
        [
            num(e.estimate * scale, digits),
            num(e.se * scale, digits + 1),
            ci(e.ci_lower * scale, e.ci_upper * scale, digits),
            num(e.t, 2),
            num(e.df, 0),
            p(e.p),
        ]
    })
}

/// [crossover] Per figure of merit (AUC, then accuracy in percentage points): the period effect
/// (session 2 − session 1), the sequence effect (unaided first − aided first, on the readers'
/// sums of both sessions) and the same model's aided − unaided, with readers per group.
pub(super) fn crossover(x: &CrossoverResults) -> Table {
    let rows = [
        ("auc", x.auc, 1.0, 3),
        ("accuracy", x.accuracy, PERCENTAGE_POINTS, 1),
    ]
    .into_iter()
    .flat_map(|(fom, effects, scale, digits)| {
        EFFECTS.map(|(name, of)| {
            let mut row = vec![
                label(&format!("results-row-crossover-{name}-{fom}")),
                count(x.unaided_first),
                count(x.aided_first),
            ];
            row.extend(effect_cells(effects.as_ref().map(of), scale, digits));
            row
        })
    })
    .collect();
    let mut notes = vec![
        "results-note-crossover-method",
        "results-note-crossover-sequence",
        "results-note-crossover-treatment",
    ];
    if x.auc.is_none() {
        notes.push("results-note-crossover-too-few");
    }
    if x.unassigned > 0 {
        notes.push("results-note-crossover-unassigned");
    }
    table(
        "crossover",
        &[
            "results-col-quantity",
            "results-col-readers-unaided-first",
            "results-col-readers-aided-first",
            "results-col-estimate",
            "results-col-se",
            "results-col-ci",
            "results-col-t",
            "results-col-df",
            "results-col-p",
        ],
        rows,
        notes,
    )
}
