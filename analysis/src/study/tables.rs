//! The MRMC tables of the results page: by seniority group, the full OR and DBM tables of all
//! complete readers, and per reader with McNemar tests.

use super::cells::{
    ci, count, covariance_note, cut_points_note, interval_alpha_note, label, num, p, pct, pct_ci,
    table,
};
use super::mrmc::{Effect, GroupMrmc, GroupResults};
use super::prepare::{Group, Prepared};
use super::{ReaderResult, StudyResults};
use crate::dbm::DbmTest;
use crate::fom::Fom;
use crate::inference::{Difference, ModalityInterval};
use crate::table::{Cell, Table};

fn proportion_cells(g: &GroupResults, fom: Fom, m: usize) -> [Cell; 2] {
    let estimate = g.means.map_or(Cell::Empty, |x| pct(x.of(fom)[m]));
    let interval = g.mrmc.as_ref().map_or(Cell::Empty, |x| {
        let i: &ModalityInterval = x.interval(fom, m);
        // A proportion's t interval can pass 0 or 1; it is shown cut to the possible range.
        pct_ci(i.ci_lower.max(0.0), i.ci_upper.min(1.0))
    });
    [estimate, interval]
}

fn auc_cells(g: &GroupResults, m: usize) -> [Cell; 2] {
    let estimate = g.means.map_or(Cell::Empty, |x| num(x.auc[m], 3));
    let interval = g.mrmc.as_ref().map_or(Cell::Empty, |x| {
        let i = x.interval(Fom::Auc, m);
        ci(i.ci_lower, i.ci_upper, 3)
    });
    [estimate, interval]
}

fn effect_cells(effect: Option<Effect>, digits: u8) -> [Cell; 3] {
    effect.map_or([Cell::Empty, Cell::Empty, Cell::Empty], |e| {
        [
            num(e.estimate, digits),
            ci(e.ci_lower, e.ci_upper, digits),
            p(e.p),
        ]
    })
}

/// An accuracy change in percentage points with its interval and P.
fn change_cells(effect: Option<Effect>) -> [Cell; 3] {
    effect.map_or([Cell::Empty, Cell::Empty, Cell::Empty], |e| {
        [pct(e.estimate), pct_ci(e.ci_lower, e.ci_upper), p(e.p)]
    })
}

/// The seniority table's headings: each names its figure, its modality and its unit, so no
/// two are alike and a CSV or data frame gets self-explanatory column names.
const SENIORITY_COLUMNS: [&str; 24] = [
    "results-col-group",
    "results-col-readers",
    "results-col-accuracy-unaided",
    "results-col-accuracy-ci-unaided",
    "results-col-accuracy-aided",
    "results-col-accuracy-ci-aided",
    "results-col-sensitivity-unaided",
    "results-col-sensitivity-ci-unaided",
    "results-col-sensitivity-aided",
    "results-col-sensitivity-ci-aided",
    "results-col-specificity-unaided",
    "results-col-specificity-ci-unaided",
    "results-col-specificity-aided",
    "results-col-specificity-ci-aided",
    "results-col-auc-unaided",
    "results-col-auc-ci-unaided",
    "results-col-auc-aided",
    "results-col-auc-ci-aided",
    "results-col-auc-difference",
    "results-col-auc-difference-ci",
    "results-col-auc-difference-p",
    "results-col-accuracy-change",
    "results-col-accuracy-change-ci",
    "results-col-accuracy-change-p",
];

/// [seniority] Per group: readers, accuracy/sensitivity/specificity (%) unaided and aided and
/// the mean AUCs, each with its OR-RRRC CI, the AUC difference and the accuracy change (pp)
/// with their OR-RRRC CIs and tests.
pub(super) fn seniority(results: &StudyResults) -> Table {
    let rows = results
        .groups
        .iter()
        .map(|g| {
            let mut row = vec![label(g.group.key()), count(g.readers)];
            for fom in [Fom::Accuracy, Fom::Sensitivity, Fom::Specificity] {
                for m in 0..2 {
                    row.extend(proportion_cells(g, fom, m));
                }
            }
            for m in 0..2 {
                row.extend(auc_cells(g, m));
            }
            let mrmc: Option<&GroupMrmc> = g.mrmc.as_ref();
            row.extend(effect_cells(mrmc.map(|x| x.effect(Fom::Auc)), 3));
            row.extend(change_cells(mrmc.map(|x| x.effect(Fom::Accuracy))));
            row
        })
        .collect();
    let mut notes = vec![
        "results-note-ci-or-rrrc".to_string(),
        covariance_note(results).to_string(),
        interval_alpha_note(),
        cut_points_note(results),
    ];
    if results.groups.iter().any(|g| g.readers < 2) {
        notes.push("results-note-group-too-few".into());
    }
    if results.groups.iter().any(|g| g.problem.is_some()) {
        notes.push("results-note-group-not-estimable".into());
    }
    if results.readers_in_progress > 0 {
        notes.push("results-note-readers-in-progress".into());
    }
    table("seniority", &SENIORITY_COLUMNS, rows, notes)
}

fn all(results: &StudyResults) -> &GroupMrmc {
    results
        .groups
        .iter()
        .find(|g| g.group == Group::All)
        .and_then(|g| g.mrmc.as_ref())
        .expect("study_results refuses studies without an all-readers analysis")
}

fn mean_row(key: &str, i: &ModalityInterval) -> Vec<Cell> {
    let df = i.df.map_or(Cell::Empty, |d| num(d, 2));
    vec![
        label(key),
        num(i.estimate, 4),
        num(i.se, 4),
        ci(i.ci_lower, i.ci_upper, 4),
        df,
        Cell::Empty,
    ]
}

fn difference_row(key: &str, d: &Difference) -> Vec<Cell> {
    let e = Effect::aided_minus_unaided(d);
    let df = d.df.map_or(Cell::Empty, |x| num(x, 2));
    vec![
        label(key),
        num(e.estimate, 4),
        num(d.se, 4),
        ci(e.ci_lower, e.ci_upper, 4),
        df,
        p(e.p),
    ]
}

const MRMC_COLUMNS: [&str; 6] = [
    "results-col-quantity",
    "results-col-estimate",
    "results-col-se",
    "results-col-ci",
    "results-col-df",
    "results-col-p",
];

/// [mrmc_or] OR analysis of the AUC, all complete readers: modality means (RRRC intervals) and
/// the aided − unaided difference under RRRC, FRRC and RRFC.
pub(super) fn mrmc_or(results: &StudyResults) -> Table {
    let or = all(results).or(Fom::Auc);
    let rows = vec![
        mean_row("results-row-mean-unaided", &or.rrrc.modalities[0]),
        mean_row("results-row-mean-aided", &or.rrrc.modalities[1]),
        difference_row("results-row-difference-rrrc", &or.rrrc.differences[0]),
        difference_row("results-row-difference-frrc", &or.frrc.differences[0]),
        difference_row("results-row-difference-rrfc", &or.rrfc.differences[0]),
    ];
    table(
        "mrmc_or",
        &MRMC_COLUMNS,
        rows,
        vec![
            "results-note-or-method".to_string(),
            covariance_note(results).to_string(),
            interval_alpha_note(),
        ],
    )
}

fn dbm_rows(key: &str, test: &DbmTest) -> Vec<Cell> {
    difference_row(key, &test.differences[0])
}

/// [mrmc_dbm] DBM analysis of the AUC (jackknife pseudovalues), RRRC, FRRC and RRFC.
pub(super) fn mrmc_dbm(results: &StudyResults) -> Table {
    let dbm = all(results).dbm();
    let rows = vec![
        mean_row("results-row-mean-unaided", &dbm.rrrc.modalities[0]),
        mean_row("results-row-mean-aided", &dbm.rrrc.modalities[1]),
        dbm_rows("results-row-difference-rrrc", &dbm.rrrc),
        dbm_rows("results-row-difference-frrc", &dbm.frrc),
        dbm_rows("results-row-difference-rrfc", &dbm.rrfc),
    ];
    table(
        "mrmc_dbm",
        &MRMC_COLUMNS,
        rows,
        vec!["results-note-dbm-method".to_string(), interval_alpha_note()],
    )
}

/// Per complete reader: figures from the all-readers reports, McNemar from the accuracy one.
pub(super) fn reader_results(prepared: &Prepared<'_>, all: &GroupMrmc) -> Vec<ReaderResult> {
    let r = prepared.complete.len();
    let pair = |fom: Fom, j: usize| {
        let rep = all.report(fom);
        [rep.per_reader[j].fom, rep.per_reader[r + j].fom]
    };
    let intervals = |fom: Fom, j: usize| {
        let rep = all.report(fom);
        [j, r + j].map(|k| [rep.per_reader[k].ci_lower, rep.per_reader[k].ci_upper])
    };
    let mcnemar = &all
        .accuracy
        .binary
        .as_ref()
        .expect("a binary analysis has McNemar tests")
        .mcnemar;
    prepared
        .complete
        .iter()
        .enumerate()
        .map(|(j, &reader)| {
            let info = &prepared.data.readers[reader];
            ReaderResult {
                id: info.id.clone(),
                name: info.name.clone(),
                group: Group::of(info.seniority),
                auc: pair(Fom::Auc, j),
                accuracy: pair(Fom::Accuracy, j),
                sensitivity: pair(Fom::Sensitivity, j),
                specificity: pair(Fom::Specificity, j),
                auc_ci: intervals(Fom::Auc, j),
                accuracy_ci: intervals(Fom::Accuracy, j),
                sensitivity_ci: intervals(Fom::Sensitivity, j),
                specificity_ci: intervals(Fom::Specificity, j),
                mcnemar_p: mcnemar[j].test.p,
                mcnemar_p_holm: mcnemar[j].p_holm,
            }
        })
        .collect()
}

/// [readers] Per complete reader: AUC, accuracy, sensitivity, specificity unaided and aided,
/// each with the reader's own 95 % interval (DeLong, Wilson), exact McNemar p of the per-case
/// correctness and its Holm adjustment across readers.
pub(super) fn readers(results: &StudyResults) -> Table {
    let rows = results
        .readers
        .iter()
        .map(|r| {
            let mut row = vec![Cell::Text(r.name.clone()), label(r.group.key())];
            for m in 0..2 {
                let [lower, upper] = r.auc_ci[m];
                row.extend([num(r.auc[m], 3), ci(lower, upper, 3)]);
            }
            for (x, interval) in [
                (r.accuracy, r.accuracy_ci),
                (r.sensitivity, r.sensitivity_ci),
                (r.specificity, r.specificity_ci),
            ] {
                for m in 0..2 {
                    let [lower, upper] = interval[m];
                    row.extend([pct(x[m]), pct_ci(lower, upper)]);
                }
            }
            row.extend([p(r.mcnemar_p), p(r.mcnemar_p_holm)]);
            row
        })
        .collect();
    table(
        "readers",
        &[
            "results-col-reader",
            "results-col-group",
            "results-col-auc-unaided",
            "results-col-auc-ci-unaided",
            "results-col-auc-aided",
            "results-col-auc-ci-aided",
            "results-col-accuracy-unaided",
            "results-col-accuracy-ci-unaided",
            "results-col-accuracy-aided",
            "results-col-accuracy-ci-aided",
            "results-col-sensitivity-unaided",
            "results-col-sensitivity-ci-unaided",
            "results-col-sensitivity-aided",
            "results-col-sensitivity-ci-aided",
            "results-col-specificity-unaided",
            "results-col-specificity-ci-unaided",
            "results-col-specificity-aided",
            "results-col-specificity-ci-aided",
            "results-col-mcnemar-p",
            "results-col-holm-p",
        ],
        rows,
        vec![
            "results-note-reader-intervals".to_string(),
            "results-note-mcnemar".to_string(),
            "results-note-holm".to_string(),
            interval_alpha_note(),
        ],
    )
}
