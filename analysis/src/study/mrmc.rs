//! The MRMC analyses of each seniority group and of all complete readers: Obuchowski–Rockette
//! and DBM of the AUC (chosen covariance) and OR of accuracy, sensitivity and specificity, each
//! through [`crate::analyze`] on the group's complete readers, so a group is analysed exactly as
//! `lector analyze` would analyse the same reads.

use serde::Serialize;

use super::prepare::{call, rating, Group, Prepared};
use crate::covariance::Covariance;
use crate::dbm::DbmAnalysis;
use crate::error::{AnalysisError, Result};
use crate::fom::{fom_table, Fom};
use crate::inference::{Difference, ModalityInterval};
use crate::or::OrAnalysis;
use crate::report::{analyze, AnalyzeOptions, Report};

/// The four MRMC analyses of one group (all with random readers and random cases available).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMrmc {
    pub auc: Report,
    pub accuracy: Report,
    pub sensitivity: Report,
    pub specificity: Report,
}

/// One group's readers, mean AUCs and, with at least two complete readers, its MRMC analyses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResults {
    pub group: Group,
    /// Complete readers in the group.
    pub readers: usize,
    /// Reader-averaged figures (`None` without readers).
    pub means: Option<GroupMeans>,
    /// `None` with fewer than two complete readers, or when the analysis is not estimable
    /// (the reason is in `problem`).
    pub mrmc: Option<GroupMrmc>,
    pub problem: Option<String>,
}

/// An aided − unaided effect with its 95 % CI and two-sided p.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Effect {
    pub estimate: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    pub p: f64,
}

impl Effect {
    /// Aided − unaided from a difference computed as unaided − aided (modality order).
    pub fn aided_minus_unaided(d: &Difference) -> Self {
        Self {
            estimate: -d.estimate,
            ci_lower: -d.ci_upper,
            ci_upper: -d.ci_lower,
            p: d.p,
        }
    }
}

impl GroupMrmc {
    /// The report of a figure of merit.
    pub fn report(&self, fom: Fom) -> &Report {
        match fom {
            Fom::Auc => &self.auc,
            Fom::Accuracy => &self.accuracy,
            Fom::Sensitivity => &self.sensitivity,
            Fom::Specificity => &self.specificity,
        }
    }

    /// The OR analysis of a figure of merit.
    pub fn or(&self, fom: Fom) -> &OrAnalysis {
        self.report(fom)
            .or
            .as_ref()
            .expect("group_mrmc analyses two modalities and at least two readers")
    }

    /// The DBM analysis of the AUC.
    pub fn dbm(&self) -> &DbmAnalysis {
        self.auc
            .dbm
            .as_ref()
            .expect("group_mrmc analyses two modalities and at least two readers")
    }

    /// The OR-RRRC single-modality interval of a figure (modality 0 unaided, 1 aided).
    pub fn interval(&self, fom: Fom, modality: usize) -> &ModalityInterval {
        &self.or(fom).rrrc.modalities[modality]
    }

    /// The OR-RRRC aided − unaided effect of a figure.
    pub fn effect(&self, fom: Fom) -> Effect {
        Effect::aided_minus_unaided(&self.or(fom).rrrc.differences[0])
    }
}

/// Runs the four analyses on some complete readers over all cases.
///
/// AUC uses the ROC ratings and the chosen covariance; accuracy, sensitivity and specificity
/// use the calls (0/1) with the jackknife, which for a proportion equals every other method.
///
/// # Errors
/// As [`analyze`]: `TooFew` with fewer than two readers or too few cases of a class,
/// `Degenerate` for a negative error term.
pub fn group_mrmc(
    prepared: &Prepared<'_>,
    readers: &[usize],
    covariance: Covariance,
) -> Result<GroupMrmc> {
    // The MRMC tests need two readers; `analyze` would give one reader the single-reader
    // analysis instead, which is not what a group's table shows.
    if readers.len() < 2 {
        return Err(AnalysisError::TooFew {
            what: "the MRMC analysis of a group",
            needed: 2,
            unit: "complete readers",
            found: readers.len(),
        });
    }
    let cases = prepared.all_cases();
    let ratings = prepared.reads(readers, &cases, rating)?;
    let calls = prepared.reads(readers, &cases, call)?;
    let binary = |fom| {
        analyze(
            &calls,
            &AnalyzeOptions {
                covariance: Covariance::Jackknife,
                fom,
                threshold: None,
            },
        )
    };
    Ok(GroupMrmc {
        auc: analyze(
            &ratings,
            &AnalyzeOptions {
                covariance,
                fom: Fom::Auc,
                threshold: None,
            },
        )?,
        accuracy: binary(Fom::Accuracy)?,
        sensitivity: binary(Fom::Sensitivity)?,
        specificity: binary(Fom::Specificity)?,
    })
}

/// Reader-averaged figures of a group, unaided then aided (descriptive, whatever its size).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupMeans {
    pub auc: [f64; 2],
    pub accuracy: [f64; 2],
    pub sensitivity: [f64; 2],
    pub specificity: [f64; 2],
}

impl GroupMeans {
    /// The means of a figure of merit.
    pub fn of(&self, fom: Fom) -> [f64; 2] {
        match fom {
            Fom::Auc => self.auc,
            Fom::Accuracy => self.accuracy,
            Fom::Sensitivity => self.sensitivity,
            Fom::Specificity => self.specificity,
        }
    }
}

/// Mean empirical AUC, accuracy, sensitivity and specificity of some complete readers.
///
/// # Errors
/// `TooFew` when the cases hold fewer than two cases of a truth class.
pub fn means(prepared: &Prepared<'_>, readers: &[usize]) -> Result<Option<GroupMeans>> {
    if readers.is_empty() {
        return Ok(None);
    }
    let cases = prepared.all_cases();
    let ratings = prepared.reads(readers, &cases, rating)?;
    let calls = prepared.reads(readers, &cases, call)?;
    let r = readers.len() as f64;
    let mean = |reads: &crate::design::Reads, fom| -> Result<[f64; 2]> {
        let table = fom_table(reads, fom, None)?;
        Ok([0, 1].map(|m| (0..readers.len()).map(|j| table.value(m, j)).sum::<f64>() / r))
    };
    Ok(Some(GroupMeans {
        auc: mean(&ratings, Fom::Auc)?,
        accuracy: mean(&calls, Fom::Accuracy)?,
        sensitivity: mean(&calls, Fom::Sensitivity)?,
        specificity: mean(&calls, Fom::Specificity)?,
    }))
}

/// Every group's results, junior, intermediate, senior, then all readers.
///
/// # Errors
/// Only for the all-readers group (a group's own failure becomes its `problem`).
pub fn groups(prepared: &Prepared<'_>, covariance: Covariance) -> Result<Vec<GroupResults>> {
    Group::ALL
        .iter()
        .map(|&group| {
            let readers = prepared.group(group);
            let means = means(prepared, &readers)?;
            let (mrmc, problem) = if readers.len() < 2 {
                (None, None)
            } else {
                match group_mrmc(prepared, &readers, covariance) {
                    Ok(m) => (Some(m), None),
                    Err(e) if group != Group::All => (None, Some(e.to_string())),
                    Err(e) => return Err(e),
                }
            };
            Ok(GroupResults {
                group,
                readers: readers.len(),
                means,
                mrmc,
                problem,
            })
        })
        .collect()
}
