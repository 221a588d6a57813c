//! Figures of merit per reader and modality, and their closed-form leave-one-case-out values.
//!
//! Every figure of merit here is a U-statistic over cases, so deleting one case has a closed
//! form and a jackknife costs O(cases) per reading instead of re-computing it per case:
//! - AUC (Wilcoxon, ties ½): deleting positive i gives (m θ̂ − V₁₀ᵢ)/(m − 1), deleting negative
//!   j gives (n θ̂ − V₀₁ⱼ)/(n − 1), with V the DeLong placements (DeLong 1988).
//! - Sensitivity (mean call over the m positives), specificity (mean non-call over the n
//!   negatives), accuracy (mean correct call over all c cases): deleting case k from a mean of
//!   K values xₖ gives (K θ̂ − xₖ)/(K − 1).
//!
//! The jackknife runs over the cases a figure depends on: all cases for AUC and accuracy, the
//! positives for sensitivity, the negatives for specificity (as MRMCaov does).

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::delong::{placements, Placements};
use crate::design::Reads;
use crate::error::{AnalysisError, Result};

/// The figure of merit an MRMC analysis compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Fom {
    /// Empirical (trapezoidal, Wilcoxon) area under the ROC curve.
    #[default]
    Auc,
    /// Fraction of positives called positive.
    Sensitivity,
    /// Fraction of negatives called negative.
    Specificity,
    /// Fraction of all cases called correctly.
    Accuracy,
}

impl Fom {
    /// The CLI spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Fom::Auc => "auc",
            Fom::Sensitivity => "sensitivity",
            Fom::Specificity => "specificity",
            Fom::Accuracy => "accuracy",
        }
    }
}

impl fmt::Display for Fom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Fom {
    type Err = AnalysisError;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auc" => Ok(Fom::Auc),
            "sensitivity" => Ok(Fom::Sensitivity),
            "specificity" => Ok(Fom::Specificity),
            "accuracy" => Ok(Fom::Accuracy),
            _ => Err(AnalysisError::UnknownOption {
                kind: "figure of merit",
                value: s.to_string(),
                expected: "auc, sensitivity, specificity, accuracy",
            }),
        }
    }
}

/// One reading's figure of merit with what its (co)variance estimators need.
#[derive(Debug, Clone)]
pub struct ReadingFom {
    pub value: f64,
    /// θ̂ with case k deleted, over the jackknife case set (see the module doc).
    pub leave_one_out: Vec<f64>,
    /// DeLong placements (AUC only).
    pub placements: Option<Placements>,
    /// Per-case contributions xₖ whose mean is the figure (binary figures only).
    pub contributions: Option<Vec<f64>>,
}

/// Figures of merit of every reading, ordered `[modality][reader]`. `F` names the figure: a
/// ROC-type [`Fom`] or a localization figure ([`crate::froc::LocalizationFom`]); the jackknife
/// covariance and the DBM analysis need only the values and their leave-one-out values.
#[derive(Debug, Clone)]
pub struct FomTable<F = Fom> {
    pub fom: F,
    pub modalities: usize,
    pub readers: usize,
    pub readings: Vec<ReadingFom>,
}

impl<F> FomTable<F> {
    /// θ̂ of one modality and reader.
    pub fn value(&self, modality: usize, reader: usize) -> f64 {
        self.readings[modality * self.readers + reader].value
    }

    /// All values, `[modality][reader]` flattened.
    pub fn values(&self) -> Vec<f64> {
        self.readings.iter().map(|r| r.value).collect()
    }

    /// Number of cases the jackknife runs over.
    pub fn jackknife_cases(&self) -> usize {
        self.readings[0].leave_one_out.len()
    }
}

/// Binary call of a rating: the rating itself when ratings are 0/1 and no threshold is given,
/// else rating ≥ threshold.
fn calls(scores: &[f64], threshold: Option<f64>) -> Result<Vec<bool>> {
    match threshold {
        Some(t) => Ok(scores.iter().map(|&s| s >= t).collect()),
        None => scores
            .iter()
            .map(|&s| {
                if s == 1.0 {
                    Ok(true)
                } else if s == 0.0 {
                    Ok(false)
                } else {
                    Err(AnalysisError::InvalidArgument(format!(
                        "rating {s} is not a binary call; give a threshold (rating >= threshold is a positive call) or use 0/1 ratings"
                    )))
                }
            })
            .collect(),
    }
}

fn mean_with_loo(x: Vec<f64>) -> Result<ReadingFom> {
    let k = x.len();
    if k < 2 {
        return Err(AnalysisError::TooFew {
            what: "a jackknife of a proportion",
            needed: 2,
            unit: "cases in its denominator",
            found: k,
        });
    }
    let sum: f64 = x.iter().sum();
    let value = sum / k as f64;
    let leave_one_out = x.iter().map(|&xi| (sum - xi) / (k - 1) as f64).collect();
    Ok(ReadingFom {
        value,
        leave_one_out,
        placements: None,
        contributions: Some(x),
    })
}

fn auc_reading(scores: &[f64], truth: &[bool]) -> Result<ReadingFom> {
    let pos: Vec<f64> = scores
        .iter()
        .zip(truth)
        .filter(|(_, &t)| t)
        .map(|(&s, _)| s)
        .collect();
    let neg: Vec<f64> = scores
        .iter()
        .zip(truth)
        .filter(|(_, &t)| !t)
        .map(|(&s, _)| s)
        .collect();
    let p = placements(&pos, &neg)?;
    let (m, n) = (pos.len() as f64, neg.len() as f64);
    if pos.len() < 2 || neg.len() < 2 {
        return Err(AnalysisError::TooFew {
            what: "a jackknife of the AUC",
            needed: 2,
            unit: "cases of each truth class",
            found: pos.len().min(neg.len()),
        });
    }
    let leave_one_out = p
        .positives
        .iter()
        .map(|&v| (m * p.auc - v) / (m - 1.0))
        .chain(p.negatives.iter().map(|&v| (n * p.auc - v) / (n - 1.0)))
        .collect();
    Ok(ReadingFom {
        value: p.auc,
        leave_one_out,
        placements: Some(p),
        contributions: None,
    })
}

/// One reading's figure of merit from its ratings.
///
/// # Errors
/// `InvalidArgument` when a binary figure gets non-binary ratings and no threshold; `TooFew`
/// when the jackknife case set has fewer than two cases.
pub fn reading_fom(
    scores: &[f64],
    truth: &[bool],
    fom: Fom,
    threshold: Option<f64>,
) -> Result<ReadingFom> {
    if fom == Fom::Auc {
        return auc_reading(scores, truth);
    }
    let called = calls(scores, threshold)?;
    let pairs = called.iter().zip(truth);
    let x: Vec<f64> = match fom {
        Fom::Sensitivity => pairs
            .filter(|(_, &t)| t)
            .map(|(&c, _)| f64::from(u8::from(c)))
            .collect(),
        Fom::Specificity => pairs
            .filter(|(_, &t)| !t)
            .map(|(&c, _)| f64::from(u8::from(!c)))
            .collect(),
        _ => pairs.map(|(&c, &t)| f64::from(u8::from(c == t))).collect(),
    };
    mean_with_loo(x)
}

/// Figures of merit of every reading of a study.
///
/// # Errors
/// As [`reading_fom`].
pub fn fom_table(reads: &Reads, fom: Fom, threshold: Option<f64>) -> Result<FomTable> {
    let (t, r) = (reads.modalities().len(), reads.readers().len());
    let mut readings = Vec::with_capacity(t * r);
    for m in 0..t {
        for j in 0..r {
            readings.push(reading_fom(
                reads.scores(m, j),
                reads.truth(),
                fom,
                threshold,
            )?);
        }
    }
    Ok(FomTable {
        fom,
        modalities: t,
        readers: r,
        readings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_form_leave_one_out_auc_equals_recomputing_without_the_case() {
        let scores = [0.9, 0.2, 0.6, 0.6, 0.3, 0.8, 0.1];
        let truth = [true, false, true, false, false, true, true];

        let r = reading_fom(&scores, &truth, Fom::Auc, None).unwrap();

        // the jackknife order is positives then negatives, each in case order
        let order: Vec<usize> = (0..7)
            .filter(|&i| truth[i])
            .chain((0..7).filter(|&i| !truth[i]))
            .collect();
        for (k, &case) in order.iter().enumerate() {
            let (s, t): (Vec<f64>, Vec<bool>) = (0..7)
                .filter(|&i| i != case)
                .map(|i| (scores[i], truth[i]))
                .unzip();
            let direct = reading_fom(&s, &t, Fom::Auc, None).unwrap().value;
            assert!((r.leave_one_out[k] - direct).abs() < 1e-15);
        }
    }

    #[test]
    fn non_binary_ratings_need_a_threshold_for_sensitivity() {
        let err = reading_fom(
            &[0.5, 1.0, 0.0],
            &[true, true, false],
            Fom::Sensitivity,
            None,
        );

        assert!(matches!(err, Err(AnalysisError::InvalidArgument(_))));
    }

    #[test]
    fn fom_spellings_parse_as_on_the_command_line() {
        assert_eq!("accuracy".parse::<Fom>().unwrap(), Fom::Accuracy);
        assert!("kappa".parse::<Fom>().is_err());
    }
}
