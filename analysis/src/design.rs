//! The validated, fully crossed reader-study design: who read which case under which modality.

use serde::Serialize;

use crate::error::{AnalysisError, Result};

/// Ratings of a fully crossed study: every reader rated every case under every modality.
///
/// Readers, modalities and cases keep their string IDs in order of first appearance in the input.
/// Ratings are stored modality-major: `[modality][reader][case]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reads {
    readers: Vec<String>,
    modalities: Vec<String>,
    cases: Vec<String>,
    truth: Vec<bool>,
    ratings: Vec<f64>,
}

/// Counts describing a design, as printed in every report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DesignSummary {
    pub readers: Vec<String>,
    pub modalities: Vec<String>,
    pub cases: usize,
    pub positives: usize,
    pub negatives: usize,
}

impl Reads {
    /// Builds a design from its parts; `ratings` is `[modality][reader][case]`, flattened.
    ///
    /// # Errors
    /// `InvalidArgument` when the lengths disagree or a rating is not finite; `TooFew` when a
    /// truth class is empty.
    pub fn new(
        readers: Vec<String>,
        modalities: Vec<String>,
        cases: Vec<String>,
        truth: Vec<bool>,
        ratings: Vec<f64>,
    ) -> Result<Self> {
        if truth.len() != cases.len() {
            return Err(AnalysisError::InvalidArgument(format!(
                "{} truths given for {} cases",
                truth.len(),
                cases.len()
            )));
        }
        let expected = modalities.len() * readers.len() * cases.len();
        if ratings.len() != expected {
            return Err(AnalysisError::InvalidArgument(format!(
                "{} ratings given, a fully crossed design of {} modalities x {} readers x {} cases needs {expected}",
                ratings.len(),
                modalities.len(),
                readers.len(),
                cases.len()
            )));
        }
        if let Some(i) = ratings.iter().position(|r| !r.is_finite()) {
            return Err(AnalysisError::InvalidArgument(format!(
                "rating number {} is {}; ratings must be finite numbers",
                i + 1,
                ratings[i]
            )));
        }
        if readers.is_empty() || modalities.is_empty() {
            return Err(AnalysisError::TooFew {
                what: "a reader study",
                needed: 1,
                unit: "reader and modality",
                found: 0,
            });
        }
        let positives = truth.iter().filter(|&&t| t).count();
        if positives == 0 || positives == truth.len() {
            return Err(AnalysisError::TooFew {
                what: "an ROC analysis",
                needed: 1,
                unit: "case of each truth class (0 and 1)",
                found: 0,
            });
        }
        Ok(Self {
            readers,
            modalities,
            cases,
            truth,
            ratings,
        })
    }

    /// Reader IDs in order of first appearance.
    pub fn readers(&self) -> &[String] {
        &self.readers
    }

    /// Modality IDs in order of first appearance.
    pub fn modalities(&self) -> &[String] {
        &self.modalities
    }

    /// Case IDs in order of first appearance.
    pub fn cases(&self) -> &[String] {
        &self.cases
    }

    /// Truth of each case (true = positive / diseased).
    pub fn truth(&self) -> &[bool] {
        &self.truth
    }

    /// Number of positive (truth 1) cases.
    pub fn positives(&self) -> usize {
        self.truth.iter().filter(|&&t| t).count()
    }

    /// Number of negative (truth 0) cases.
    pub fn negatives(&self) -> usize {
        self.truth.len() - self.positives()
    }

    /// The ratings one reader gave under one modality, in case order.
    pub fn scores(&self, modality: usize, reader: usize) -> &[f64] {
        let c = self.cases.len();
        let start = (modality * self.readers.len() + reader) * c;
        &self.ratings[start..start + c]
    }

    /// The design's counts, for reports.
    pub fn summary(&self) -> DesignSummary {
        DesignSummary {
            readers: self.readers.clone(),
            modalities: self.modalities.clone(),
            cases: self.cases.len(),
            positives: self.positives(),
            negatives: self.negatives(),
        }
    }

    /// A copy restricted to some modalities and readers (by index), keeping all cases.
    pub fn subset(&self, modalities: &[usize], readers: &[usize]) -> Self {
        let mut ratings = Vec::with_capacity(modalities.len() * readers.len() * self.cases.len());
        for &m in modalities {
            for &r in readers {
                ratings.extend_from_slice(self.scores(m, r));
            }
        }
        Self {
            readers: readers.iter().map(|&r| self.readers[r].clone()).collect(),
            modalities: modalities
                .iter()
                .map(|&m| self.modalities[m].clone())
                .collect(),
            cases: self.cases.clone(),
            truth: self.truth.clone(),
            ratings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i}")).collect()
    }

    #[test]
    fn scores_returns_one_reader_under_one_modality() {
        let ratings: Vec<f64> = (0..12).map(f64::from).collect();
        let reads = Reads::new(
            ids("r", 2),
            ids("m", 2),
            ids("c", 3),
            vec![true, false, true],
            ratings,
        )
        .unwrap();

        assert_eq!(reads.scores(1, 0), &[6.0, 7.0, 8.0]);
    }

    #[test]
    fn a_single_truth_class_is_refused() {
        let err = Reads::new(
            ids("r", 1),
            ids("m", 1),
            ids("c", 2),
            vec![true, true],
            vec![1.0, 2.0],
        );

        assert!(matches!(err, Err(AnalysisError::TooFew { .. })));
    }
}
