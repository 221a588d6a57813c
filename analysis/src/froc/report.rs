//! The analysis of a localization study: [`analyze`] computes a figure of merit for every
//! reading, its jackknife covariance, and the Obuchowski–Rockette and DBM analyses exactly as
//! for ROC data (RJafroc's `St(method = "OR" | "DBM", covEstMethod = "jackknife")`); with one
//! modality or one reader it reports what applies instead:
//! - each reading's figure with a normal-approximation 95% CI from its jackknife variance;
//! - one modality, r ≥ 2 readers: the single-modality OR CI of the readers' mean (as for ROC);
//! - one reader, t ≥ 2 modalities: the paired z-test of each pair of modalities,
//!   Z = (θ̂_a − θ̂_b)/√(V_a + V_b − 2C_ab) with the jackknife (co)variances.
//!
//! The rendered JSON has the ROC report's keys (`per_reader`, `modality_means`, `or`, `dbm`, …)
//! plus `readings`, the descriptive figures of every reading.

use serde::Serialize;

use super::data::Localization;
use super::fom::{localization_table, LocalizationFom};
use super::summary::{reading_summary, ReadingSummary};
use crate::covariance::{jackknife, CovMatrix};
use crate::dbm::{dbm, DbmAnalysis};
use crate::dist::{normal_quantile, z_two_sided};
use crate::error::Result;
use crate::fom::FomTable;
use crate::inference::{interval, satterthwaite, statistic, LEVEL};
use crate::or::{components, obuchowski_rockette, OrAnalysis};
use crate::report::single::{PairedComparison, ReadingInterval, SingleModality, SingleReader};
use crate::report::{mrmc_notes, ReaderFom};
use crate::Covariance;

/// The counts of a localization design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocalizationDesign {
    pub readers: Vec<String>,
    pub modalities: Vec<String>,
    pub cases: usize,
    pub normal: usize,
    pub abnormal: usize,
    pub lesions: usize,
}

/// Every table of one localization analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocalizationReport {
    pub design: LocalizationDesign,
    pub fom: LocalizationFom,
    pub per_reader: Vec<ReaderFom>,
    pub modality_means: Vec<(String, f64)>,
    pub or: Option<OrAnalysis>,
    pub dbm: Option<DbmAnalysis>,
    pub single_modality: Option<SingleModality>,
    pub single_reader: Option<SingleReader>,
    /// HrSe, HrSp, MaxLLF, MaxNLF and the mark counts of every reading.
    pub readings: Vec<ReadingSummary>,
    pub notes: Vec<String>,
}

fn reading_intervals(
    study: &Localization,
    table: &FomTable<LocalizationFom>,
    cov: &CovMatrix,
) -> Result<Vec<ReadingInterval>> {
    let r = study.readers().len();
    let q = normal_quantile(0.5 + LEVEL / 2.0);
    Ok(table
        .readings
        .iter()
        .enumerate()
        .map(|(k, reading)| {
            let se = cov.get(k, k).max(0.0).sqrt();
            ReadingInterval {
                reader: study.readers()[k % r].clone(),
                modality: study.modalities()[k / r].clone(),
                estimate: reading.value,
                se,
                ci_lower: reading.value - q * se,
                ci_upper: reading.value + q * se,
                method: "jackknife",
            }
        })
        .collect())
}

fn single_modality(
    study: &Localization,
    table: &FomTable<LocalizationFom>,
    cov: &CovMatrix,
) -> Result<SingleModality> {
    let r = study.readers().len();
    let modality = study.modalities()[0].clone();
    let values = table.values();
    let mean = if r >= 2 {
        let comps = components(&values[..r], cov, 1, r);
        let estimate = values[..r].iter().sum::<f64>() / r as f64;
        let num = comps.ms_r + r as f64 * comps.cov2.max(0.0);
        let df = satterthwaite(num, comps.ms_r, r as f64 - 1.0);
        Some(interval(&modality, estimate, num / r as f64, Some(df))?)
    } else {
        None
    };
    Ok(SingleModality {
        modality,
        readings: reading_intervals(study, table, cov)?,
        mean,
    })
}

fn single_reader(
    study: &Localization,
    table: &FomTable<LocalizationFom>,
    cov: &CovMatrix,
) -> Result<SingleReader> {
    let t = study.modalities().len();
    let q = normal_quantile(0.5 + LEVEL / 2.0);
    let mut comparisons = Vec::new();
    for a in 0..t {
        for b in a + 1..t {
            let estimate = table.value(a, 0) - table.value(b, 0);
            let se = (cov.get(a, a) + cov.get(b, b) - 2.0 * cov.get(a, b))
                .max(0.0)
                .sqrt();
            let z = statistic(estimate, se);
            comparisons.push(PairedComparison {
                modality_a: study.modalities()[a].clone(),
                modality_b: study.modalities()[b].clone(),
                estimate,
                se,
                z,
                ci_lower: estimate - q * se,
                ci_upper: estimate + q * se,
                p: z_two_sided(z),
            });
        }
    }
    Ok(SingleReader {
        reader: study.readers()[0].clone(),
        readings: reading_intervals(study, table, cov)?,
        comparisons,
    })
}

impl LocalizationReport {
    /// The report with only the MRMC analysis `method` names (`None` keeps both).
    pub fn with_method(mut self, method: Option<crate::report::MrmcMethod>) -> Self {
        crate::report::keep_method(method, &mut self.or, &mut self.dbm);
        self
    }
}

/// Runs the whole analysis of a localization study (module doc).
///
/// # Errors
/// `TooFew` with fewer than two normal or abnormal cases; `Degenerate` when an error term or a
/// modality variance is negative.
pub fn analyze(study: &Localization, fom: LocalizationFom) -> Result<LocalizationReport> {
    let table = localization_table(study, fom)?;
    let cov = jackknife(&table);
    let (modalities, readers) = (study.modalities(), study.readers());
    let (t, r) = (modalities.len(), readers.len());
    let values = table.values();
    let (or, dbm) = if t >= 2 && r >= 2 {
        (
            Some(obuchowski_rockette(
                &values,
                &cov,
                Covariance::Jackknife,
                modalities,
                readers,
            )?),
            Some(dbm(&table, modalities, readers)?),
        )
    } else {
        (None, None)
    };
    let single_modality = (t == 1)
        .then(|| single_modality(study, &table, &cov))
        .transpose()?;
    let single_reader = (r == 1 && t >= 2)
        .then(|| single_reader(study, &table, &cov))
        .transpose()?;
    let mut notes = match (&or, &dbm) {
        (Some(or), Some(dbm)) => mrmc_notes(or, dbm),
        _ => Vec::new(),
    };
    match (t, r) {
        (1, _) => notes.push("The file has one modality: the MRMC tests (OR, DBM) have nothing to compare, so the single-modality analysis is reported.".into()),
        (_, 1) => notes.push("The file has one reader: the MRMC tests (OR, DBM) need readers to vary, so the single-reader analysis is reported.".into()),
        _ => {}
    }
    let truth = study.truth();
    Ok(LocalizationReport {
        design: LocalizationDesign {
            readers: readers.to_vec(),
            modalities: modalities.to_vec(),
            cases: truth.cases().len(),
            normal: truth.normals(),
            abnormal: truth.abnormals(),
            lesions: truth.total_lesions(),
        },
        fom,
        // Each reading's jackknife interval, as the single-modality section gives it.
        per_reader: reading_intervals(study, &table, &cov)?
            .into_iter()
            .map(|i| ReaderFom {
                reader: i.reader,
                modality: i.modality,
                fom: i.estimate,
                se: i.se,
                ci_lower: i.ci_lower,
                ci_upper: i.ci_upper,
            })
            .collect(),
        modality_means: modalities
            .iter()
            .cloned()
            .zip(crate::or::modality_means(&values, t, r))
            .collect(),
        or,
        dbm,
        single_modality,
        single_reader,
        readings: (0..t * r)
            .map(|k| reading_summary(study, k / r, k % r))
            .collect(),
        notes,
    })
}
