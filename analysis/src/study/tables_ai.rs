//! The AI, behaviour and design tables of the results page: CNN vs readers, CNN vs clinical
//! model, automation bias, sequential changes, reading time, agreement and sample size.

use super::ai::internal_vs_external_interval;
use super::bias::{Rate, SequentialChange};
use super::cells::{
    alpha_note, ci, count, covariance_note, interval_alpha_note, label, notes, num, p, pct, pct_ci,
    power_note, table, threshold_note,
};
use super::StudyResults;
use crate::delong::UnpairedTest;
use crate::table::{Cell, Table};

/// [ai_vs_readers] Standalone CNN AUC (DeLong CI) against each group's mean unaided AUC, by the
/// single-modality OR test with readers random (Hillis 2005; RJafroc 1T-RRRC).
pub(super) fn ai_vs_readers(results: &StudyResults) -> Table {
    let rows = results
        .ai_vs_readers
        .iter()
        .map(|a| {
            let d = &a.difference;
            vec![
                label(a.group.key()),
                count(a.readers),
                count(a.cases),
                num(a.cnn.auc, 3),
                ci(a.cnn.lower, a.cnn.upper, 3),
                num(a.readers_mean_auc, 3),
                num(d.estimate, 3),
                num(d.se, 4),
                d.df.map_or(Cell::Empty, |x| num(x, 2)),
                ci(d.ci_lower, d.ci_upper, 3),
                p(d.p),
            ]
        })
        .collect();
    let mut notes = notes(&["results-note-cad-vs-readers", covariance_note(results)]);
    notes.extend([interval_alpha_note(), threshold_note(results)]);
    if results.cases_without_cnn > 0 {
        notes.push("results-note-cases-without-cnn".into());
    }
    table(
        "ai_vs_readers",
        &[
            "results-col-group",
            "results-col-readers",
            "results-col-cases",
            "results-col-cnn-auc",
            "results-col-cnn-auc-ci",
            "results-col-readers-auc",
            "results-col-difference-readers-cnn",
            "results-col-se",
            "results-col-df",
            "results-col-difference-ci",
            "results-col-p",
        ],
        rows,
        notes,
    )
}

/// The CNN's internal − external row: both AUCs are the CNN's, so neither goes under a model's
/// AUC column (each set's row above gives it).
fn internal_vs_external_row(t: &UnpairedTest) -> Vec<Cell> {
    let interval = internal_vs_external_interval(t).map_or(Cell::Empty, |(l, u)| ci(l, u, 3));
    let mut row = vec![label("results-row-cnn-internal-vs-external")];
    row.extend((0..5).map(|_| Cell::Empty));
    row.extend([num(t.difference, 3), interval, p(t.p_two_sided)]);
    row
}

/// [ai_models] CNN vs clinical model (paired DeLong) per test set, then the CNN internal vs
/// external (unpaired DeLong).
pub(super) fn ai_models(results: &StudyResults) -> Table {
    let models = &results.ai_models;
    let mut rows: Vec<Vec<Cell>> = models
        .comparisons
        .iter()
        .map(|c| {
            vec![
                label(&format!("results-set-{}", c.set)),
                count(c.cases),
                num(c.cnn.auc, 3),
                ci(c.cnn.lower, c.cnn.upper, 3),
                num(c.clinical.auc, 3),
                ci(c.clinical.lower, c.clinical.upper, 3),
                num(c.test.difference, 3),
                ci(c.test.ci_lower, c.test.ci_upper, 3),
                p(c.test.p_two_sided),
            ]
        })
        .collect();
    rows.extend(
        models
            .internal_vs_external
            .iter()
            .map(internal_vs_external_row),
    );
    let mut notes = notes(&["results-note-delong-paired", "results-note-delong-unpaired"]);
    notes.extend([interval_alpha_note(), threshold_note(results)]);
    if models.cases_missing_probability > 0 {
        notes.push("results-note-cases-missing-probability".into());
    }
    table(
        "ai_models",
        &[
            "results-col-test-set",
            "results-col-cases",
            "results-col-cnn-auc",
            "results-col-cnn-auc-ci",
            "results-col-clinical-auc",
            "results-col-clinical-auc-ci",
            "results-col-difference",
            "results-col-difference-ci",
            "results-col-p",
        ],
        rows,
        notes,
    )
}

fn rate_cells(r: Rate) -> [Cell; 4] {
    [
        count(r.count),
        count(r.total),
        pct(r.rate),
        pct_ci(r.lower, r.upper),
    ]
}

/// [automation_bias] By group and CNN-right/-wrong stratum: accuracy unaided and aided, and the
/// switches towards and away from the CNN's call.
pub(super) fn automation_bias(results: &StudyResults) -> Table {
    let rows = results
        .automation_bias
        .iter()
        .map(|b| {
            let mut row = vec![label(b.group.key()), label(b.stratum.key()), count(b.cases)];
            for r in [b.unaided_correct, b.aided_correct] {
                row.extend([pct(r.rate), pct_ci(r.lower, r.upper)]);
            }
            row.extend(rate_cells(b.towards_ai));
            row.extend(rate_cells(b.away_from_ai));
            row
        })
        .collect();
    table(
        "automation_bias",
        &[
            "results-col-group",
            "results-col-stratum",
            "results-col-cases",
            "results-col-accuracy-unaided",
            "results-col-accuracy-ci-unaided",
            "results-col-accuracy-aided",
            "results-col-accuracy-ci-aided",
            "results-col-towards-ai",
            "results-col-towards-ai-eligible",
            "results-col-towards-ai-rate",
            "results-col-towards-ai-ci",
            "results-col-away-from-ai",
            "results-col-away-from-ai-eligible",
            "results-col-away-from-ai-rate",
            "results-col-away-from-ai-ci",
        ],
        rows,
        vec![
            threshold_note(results),
            "results-note-switches".to_string(),
            "results-note-clustered-ci".to_string(),
            interval_alpha_note(),
        ],
    )
}

/// [sequential_changes] Per reader in the sequential design: final calls that differ from the
/// unaided impression, and where they went.
pub(super) fn sequential_changes(changes: &[SequentialChange]) -> Table {
    let rows = changes
        .iter()
        .map(|c| {
            vec![
                Cell::Text(c.reader.clone()),
                label(c.group.key()),
                count(c.changed.count),
                pct(c.changed.rate),
                pct_ci(c.changed.lower, c.changed.upper),
                count(c.to_correct),
                count(c.to_incorrect),
                count(c.to_ai),
            ]
        })
        .collect();
    table(
        "sequential_changes",
        &[
            "results-col-reader",
            "results-col-group",
            "results-col-changed",
            "results-col-rate",
            "results-col-rate-ci",
            "results-col-to-correct",
            "results-col-to-incorrect",
            "results-col-to-ai",
        ],
        rows,
        vec![
            "results-note-sequential".to_string(),
            "results-note-wilson".to_string(),
            interval_alpha_note(),
        ],
    )
}

/// [reading_time] Active seconds per case by group, unaided and aided, with the paired t test.
pub(super) fn reading_time(results: &StudyResults) -> Table {
    let rows = results
        .reading_time
        .iter()
        .map(|t| {
            let mut row = vec![label(t.group.key())];
            for s in [&t.unaided, &t.aided] {
                row.extend([num(s.median, 1), num(s.mean, 1), ci(s.q1, s.q3, 1)]);
            }
            match &t.test {
                Some(x) => row.extend([num(x.estimate, 1), ci(x.ci_lower, x.ci_upper, 1), p(x.p)]),
                None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
            }
            row
        })
        .collect();
    table(
        "reading_time",
        &[
            "results-col-group",
            "results-col-median-unaided",
            "results-col-mean-unaided",
            "results-col-iqr-unaided",
            "results-col-median-aided",
            "results-col-mean-aided",
            "results-col-iqr-aided",
            "results-col-time-difference",
            "results-col-time-difference-ci",
            "results-col-p",
        ],
        rows,
        vec![
            "results-note-reading-time".to_string(),
            interval_alpha_note(),
        ],
    )
}

/// [agreement] Fleiss' κ of the calls by group and modality.
pub(super) fn agreement(results: &StudyResults) -> Table {
    let rows = results
        .agreement
        .iter()
        .map(|k| {
            vec![
                label(k.group.key()),
                label(&format!("results-{}", k.modality.as_str())),
                count(k.readers),
                num(k.kappa, 3),
                k.interval
                    .map_or(Cell::Empty, |(lower, upper)| Cell::Interval {
                        lower,
                        upper,
                        digits: 3,
                    }),
            ]
        })
        .collect();
    table(
        "agreement",
        &[
            "results-col-group",
            "results-col-modality",
            "results-col-readers",
            "results-col-kappa",
            "results-col-kappa-ci",
        ],
        rows,
        vec![
            "results-note-fleiss".to_string(),
            "results-note-kappa-ci".to_string(),
            interval_alpha_note(),
        ],
    )
}

/// [sample_size] Cases needed per reader count for the target power.
pub(super) fn sample_size(results: &StudyResults) -> Table {
    let mut notes = notes(&["results-note-sample-size"]);
    notes.push(alpha_note(results.options.alpha));
    notes.push(power_note(results.options.power));
    let rows = match &results.sample_size {
        Some(s) => {
            notes.push(
                if s.entered {
                    "results-note-sample-size-entered"
                } else {
                    "results-note-sample-size-observed"
                }
                .into(),
            );
            if s.rows.iter().any(|r| r.cases.is_none()) {
                notes.push("results-note-sample-size-cap".into());
            }
            s.rows
                .iter()
                .map(|r| {
                    vec![
                        num(s.effect, 3),
                        count(r.readers),
                        r.cases.map_or(Cell::Empty, count),
                        r.power.map_or(Cell::Empty, pct),
                    ]
                })
                .collect()
        }
        None => {
            notes.push("results-note-sample-size-undefined".into());
            Vec::new()
        }
    };
    table(
        "sample_size",
        &[
            "results-col-effect",
            "results-col-readers",
            "results-col-cases",
            "results-col-power",
        ],
        rows,
        notes,
    )
}
