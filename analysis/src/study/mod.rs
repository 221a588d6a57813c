//! A reader study's results: every table and figure of the results page, computed from the
//! study's reads ([`StudyData`]) with the MRMC engine of this crate.
//!
//! [`study_results`] keeps the *complete* readers (every case read unaided and aided) and runs
//! on them: OR/DBM by seniority group ([`mrmc`]), per-reader McNemar, the CNN against the readers
//! and against the clinical model ([`ai`]), automation bias ([`bias`]), reading time
//! ([`timing`]), Fleiss' κ ([`agreement`]), the follow-up sample size ([`power`]) and, in the
//! crossover design, the period and sequence effects ([`crossover`]). The
//! [`StudyResults`] it returns lays itself out as [`Table`]s, [`RocFigure`]s and a [`BarChart`]
//! whose texts are message keys (`results-…`) listed by [`StudyResults::message_keys`].
//!
//! With fewer than two complete readers there is no random-reader analysis to show, so
//! [`study_results`] returns `TooFew` (the page shows progress instead); a seniority group with
//! fewer than two shows its descriptive cells and empty MRMC cells with a note.

pub mod agreement;
pub mod ai;
pub mod bias;
mod cells;
pub mod crossover;
pub mod data;
pub mod figures;
mod keys;
pub mod mrmc;
pub mod power;
pub mod prepare;
pub mod simulate;
mod tables;
mod tables_ai;
mod tables_crossover;
pub mod timing;

use serde::Serialize;

pub use data::{
    rating_from_confidence, CutPoints, Modality, ReadingDesign, Seniority, Split, StudyCase,
    StudyData, StudyRead, StudyReader,
};
pub use figures::{ModelCurve, ReaderCurves};
pub use prepare::Group;

use crate::covariance::Covariance;
use crate::error::{AnalysisError, Result};
use crate::figure::{BarChart, RocFigure};
use crate::table::Table;

/// What the results page computes with; `Default` is jackknife covariance, α = 0.05, power 0.8
/// and the observed AUC difference as the effect a follow-up study should detect.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ResultsOptions {
    /// Covariance method of the AUC analyses (OR and the CNN-vs-readers test).
    pub covariance: Covariance,
    /// Significance level of the sample-size calculation.
    pub alpha: f64,
    /// Target power of the sample-size calculation.
    pub power: f64,
    /// The AUC difference the planned study should detect; `None` takes the observed one.
    pub effect: Option<f64>,
}

impl Default for ResultsOptions {
    fn default() -> Self {
        Self {
            covariance: Covariance::Jackknife,
            alpha: 0.05,
            power: 0.8,
            effect: None,
        }
    }
}

/// One complete reader's figures, unaided then aided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderResult {
    pub id: String,
    pub name: String,
    pub group: Group,
    pub auc: [f64; 2],
    pub accuracy: [f64; 2],
    pub sensitivity: [f64; 2],
    pub specificity: [f64; 2],
    /// 95 % intervals `[lower, upper]` of the four figures above, unaided then aided: DeLong's
    /// for the AUC, Wilson's for the proportions; one reader on these cases.
    pub auc_ci: [[f64; 2]; 2],
    pub accuracy_ci: [[f64; 2]; 2],
    pub sensitivity_ci: [[f64; 2]; 2],
    pub specificity_ci: [[f64; 2]; 2],
    /// Exact McNemar p of the per-case correctness, unaided vs aided.
    pub mcnemar_p: f64,
    /// Holm-adjusted across the complete readers.
    pub mcnemar_p_holm: f64,
}

/// Everything the results page shows, as typed numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudyResults {
    pub design: ReadingDesign,
    pub options: ResultsOptions,
    pub cases: usize,
    pub positives: usize,
    pub negatives: usize,
    /// Complete readers, who enter every analysis.
    pub complete_readers: usize,
    /// Readers who have started but not finished, left out of every analysis.
    pub readers_in_progress: usize,
    /// Junior, intermediate, senior, all.
    pub groups: Vec<mrmc::GroupResults>,
    pub readers: Vec<ReaderResult>,
    /// Crossover design only: period and sequence effects with readers as subjects.
    pub crossover: Option<crossover::CrossoverResults>,
    pub ai_vs_readers: Vec<ai::AiVsReaders>,
    /// Cases without a CNN probability, left out of the CNN comparisons.
    pub cases_without_cnn: usize,
    pub ai_models: ai::AiModels,
    pub automation_bias: Vec<bias::BiasRow>,
    /// Sequential design only.
    pub sequential_changes: Option<Vec<bias::SequentialChange>>,
    pub reading_time: Vec<timing::TimeRow>,
    pub agreement: Vec<agreement::KappaRow>,
    /// `None` when the pilot's variance of the AUC difference is not positive.
    pub sample_size: Option<power::SampleSize>,
    pub reader_curves: Vec<ReaderCurves>,
    pub cnn_curve: Option<ModelCurve>,
    pub clinical_curve: Option<ModelCurve>,
    /// The CNN's operating threshold, stated under the AI tables.
    pub cnn_threshold: f64,
    /// The seniority cut-points, stated under the seniority table.
    pub cut_points: CutPoints,
}

/// Computes every table and figure of a study's results page.
///
/// # Errors
/// `TooFew` with fewer than two complete readers or fewer than two cases of a truth class;
/// `Degenerate` when the all-readers OR error term is negative (unbiased covariance on a small
/// sample); `InvalidArgument` for alpha or power outside (0, 1).
pub fn study_results(data: &StudyData, opts: &ResultsOptions) -> Result<StudyResults> {
    if !(opts.alpha > 0.0 && opts.alpha < 1.0 && opts.power > 0.0 && opts.power < 1.0) {
        return Err(AnalysisError::InvalidArgument(format!(
            "alpha ({}) and power ({}) must lie strictly between 0 and 1",
            opts.alpha, opts.power
        )));
    }
    let prepared = prepare::Prepared::new(data);
    if prepared.complete.len() < 2 {
        return Err(AnalysisError::TooFew {
            what: "the study results (a random-reader analysis)",
            needed: 2,
            unit: "complete readers (every case read unaided and aided)",
            found: prepared.complete.len(),
        });
    }
    let groups = mrmc::groups(&prepared, opts.covariance)?;
    let all = groups
        .iter()
        .find(|g| g.group == Group::All)
        .and_then(|g| g.mrmc.as_ref())
        .expect("the all-readers group has two readers and propagates its errors");
    let readers = tables::reader_results(&prepared, all);
    let positives = data.cases.iter().filter(|c| c.truth).count();
    let sample_size = {
        let inputs = power::PowerInputs::from_components(
            &all.or(crate::Fom::Auc).components,
            data.cases.len(),
        );
        // Planning, not post-hoc power: the coordinator's effect when given, else the observed
        // difference, labelled as such in the table.
        let effect = opts
            .effect
            .unwrap_or_else(|| all.effect(crate::Fom::Auc).estimate.abs());
        power::sample_size(inputs, effect, opts.alpha, opts.power)
            .ok()
            .map(|s| power::SampleSize {
                entered: opts.effect.is_some(),
                ..s
            })
    };
    let (cnn_curve, clinical_curve) = figures::model_curves(data)?;
    Ok(StudyResults {
        design: data.design,
        options: *opts,
        cases: data.cases.len(),
        positives,
        negatives: data.cases.len() - positives,
        complete_readers: prepared.complete.len(),
        readers_in_progress: prepared.in_progress,
        crossover: (data.design == ReadingDesign::Crossover)
            .then(|| crossover::crossover(&prepared, &readers)),
        readers,
        ai_vs_readers: ai::ai_vs_readers(&prepared, opts.covariance)?,
        cases_without_cnn: data.cases.len() - prepared.cnn_cases().len(),
        ai_models: ai::ai_models(&data.cases)?,
        automation_bias: bias::automation_bias(&prepared),
        sequential_changes: (data.design == ReadingDesign::Sequential)
            .then(|| bias::sequential_changes(&prepared)),
        reading_time: timing::reading_time(&prepared),
        agreement: agreement::agreement(&prepared)?,
        sample_size,
        reader_curves: figures::reader_curves(&prepared)?,
        cnn_curve,
        clinical_curve,
        groups,
        cnn_threshold: data.cnn_threshold,
        cut_points: data.cut_points,
    })
}

impl StudyResults {
    /// Every table, in page order: `seniority`, `mrmc_or`, `mrmc_dbm`, `readers`, `crossover`
    /// (crossover design only), `ai_vs_readers`, `ai_models`, `automation_bias`,
    /// `sequential_changes` (sequential design only), `reading_time`, `agreement`,
    /// `sample_size`.
    pub fn tables(&self) -> Vec<Table> {
        let mut out = vec![
            tables::seniority(self),
            tables::mrmc_or(self),
            tables::mrmc_dbm(self),
            tables::readers(self),
        ];
        if let Some(crossover) = &self.crossover {
            out.push(tables_crossover::crossover(crossover));
        }
        out.extend([
            tables_ai::ai_vs_readers(self),
            tables_ai::ai_models(self),
            tables_ai::automation_bias(self),
        ]);
        if let Some(changes) = &self.sequential_changes {
            out.push(tables_ai::sequential_changes(changes));
        }
        out.push(tables_ai::reading_time(self));
        out.push(tables_ai::agreement(self));
        out.push(tables_ai::sample_size(self));
        out
    }

    /// ROC plots: all readers, then each seniority group with complete readers.
    pub fn roc_figures(&self) -> Vec<RocFigure> {
        figures::roc_figures(self)
    }

    /// Accuracy by group, unaided vs aided, with OR-RRRC 95 % CI whiskers.
    pub fn accuracy_chart(&self) -> BarChart {
        figures::accuracy_chart(self)
    }

    /// Every message key a table, figure or chart of the results can use.
    pub fn message_keys() -> Vec<&'static str> {
        keys::MESSAGE_KEYS.to_vec()
    }
}

#[cfg(test)]
mod crossover_tests;
#[cfg(test)]
mod planning_tests;
#[cfg(test)]
mod tests;
