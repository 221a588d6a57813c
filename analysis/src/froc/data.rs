//! The validated localization study: each case's lesions with their weights, and every reading's
//! marks, fully crossed (every reader read every case under every modality).

use serde::Serialize;

use crate::error::{AnalysisError, Result};

/// How far the lesion weights of one case may sum from 1 (they are often written as 0.333).
const WEIGHT_TOLERANCE: f64 = 1e-6;

/// One lesion of an abnormal case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lesion {
    /// The lesion's number within its case (1, 2, …), as in RJafroc's `lesionID`.
    pub id: u32,
    /// Its share of the case in wAFROC; a case's weights sum to 1.
    pub weight: f64,
}

/// The truth of a localization study: its cases in order, each with its lesions (none: normal).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocalizationTruth {
    cases: Vec<String>,
    lesions: Vec<Vec<Lesion>>,
}

impl LocalizationTruth {
    /// Builds the truth from case ids and each case's lesions.
    ///
    /// # Errors
    /// `InvalidArgument` when the lengths disagree, a case id repeats, a lesion id repeats within
    /// a case, a weight is not positive or a case's weights do not sum to 1; `TooFew` without a
    /// normal or an abnormal case.
    pub fn new(cases: Vec<String>, lesions: Vec<Vec<Lesion>>) -> Result<Self> {
        if cases.len() != lesions.len() {
            return Err(AnalysisError::InvalidArgument(format!(
                "{} cases but lesions for {}",
                cases.len(),
                lesions.len()
            )));
        }
        let mut seen = std::collections::HashSet::new();
        for (case, ls) in cases.iter().zip(&lesions) {
            if !seen.insert(case.as_str()) {
                return Err(AnalysisError::InvalidArgument(format!(
                    "case '{case}' appears twice in the truth"
                )));
            }
            let mut ids = std::collections::HashSet::new();
            for l in ls {
                if !ids.insert(l.id) {
                    return Err(AnalysisError::InvalidArgument(format!(
                        "case '{case}' lists lesion {} twice",
                        l.id
                    )));
                }
                if !(l.weight.is_finite() && l.weight > 0.0) {
                    return Err(AnalysisError::InvalidArgument(format!(
                        "case '{case}', lesion {}: the weight {} is not a positive number",
                        l.id, l.weight
                    )));
                }
            }
            let sum: f64 = ls.iter().map(|l| l.weight).sum();
            if !ls.is_empty() && (sum - 1.0).abs() > WEIGHT_TOLERANCE {
                return Err(AnalysisError::InvalidArgument(format!(
                    "case '{case}': its lesion weights sum to {sum}, not 1"
                )));
            }
        }
        let truth = Self { cases, lesions };
        for (found, what) in [(truth.normals(), "normal"), (truth.abnormals(), "abnormal")] {
            if found == 0 {
                return Err(AnalysisError::TooFew {
                    what: "a localization figure of merit",
                    needed: 1,
                    unit: if what == "normal" {
                        "normal cases"
                    } else {
                        "abnormal cases"
                    },
                    found,
                });
            }
        }
        Ok(truth)
    }

    /// Case ids in order.
    pub fn cases(&self) -> &[String] {
        &self.cases
    }

    /// The lesions of case `k` (empty for a normal case).
    pub fn lesions(&self, k: usize) -> &[Lesion] {
        &self.lesions[k]
    }

    /// Whether case `k` has a lesion.
    pub fn is_abnormal(&self, k: usize) -> bool {
        !self.lesions[k].is_empty()
    }

    /// Number of normal cases (K1).
    pub fn normals(&self) -> usize {
        self.lesions.iter().filter(|l| l.is_empty()).count()
    }

    /// Number of abnormal cases (K2).
    pub fn abnormals(&self) -> usize {
        self.cases.len() - self.normals()
    }

    /// Number of lesions over all cases.
    pub fn total_lesions(&self) -> usize {
        self.lesions.iter().map(Vec::len).sum()
    }
}

/// One reader's marks on one case under one modality.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CaseMarks {
    /// Ratings of the non-lesion localizations, in any order.
    pub nl: Vec<f64>,
    /// One rating per lesion of the case, in the truth's lesion order; −∞ when unmarked.
    pub ll: Vec<f64>,
}

impl CaseMarks {
    /// The case's highest NL rating, −∞ without NL marks.
    pub fn highest_nl(&self) -> f64 {
        self.nl.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    }

    /// The case's highest rating of any mark, −∞ without marks.
    pub fn highest(&self) -> f64 {
        self.ll.iter().copied().fold(self.highest_nl(), f64::max)
    }

    /// Number of lesions marked.
    pub fn marked_lesions(&self) -> usize {
        self.ll.iter().filter(|x| x.is_finite()).count()
    }
}

/// A fully crossed localization study: marks ordered `[modality][reader][case]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Localization {
    truth: LocalizationTruth,
    readers: Vec<String>,
    modalities: Vec<String>,
    marks: Vec<CaseMarks>,
}

impl Localization {
    /// Builds the study; `marks` is `[modality][reader][case]`, flattened.
    ///
    /// # Errors
    /// `InvalidArgument` when the number of case marks is not modalities × readers × cases, a
    /// case's LL ratings do not match its lesions, or a rating is not finite (−∞ only for an
    /// unmarked lesion); `TooFew` without a reader or a modality.
    pub fn new(
        truth: LocalizationTruth,
        readers: Vec<String>,
        modalities: Vec<String>,
        marks: Vec<CaseMarks>,
    ) -> Result<Self> {
        for (list, unit) in [(&readers, "readers"), (&modalities, "modalities")] {
            if list.is_empty() {
                return Err(AnalysisError::TooFew {
                    what: "a localization analysis",
                    needed: 1,
                    unit,
                    found: 0,
                });
            }
        }
        let k = truth.cases.len();
        let expected = readers.len() * modalities.len() * k;
        if marks.len() != expected {
            return Err(AnalysisError::InvalidArgument(format!(
                "{} case marks given, {} modalities x {} readers x {k} cases need {expected}",
                marks.len(),
                modalities.len(),
                readers.len()
            )));
        }
        for (i, m) in marks.iter().enumerate() {
            let case = &truth.cases[i % k];
            if m.ll.len() != truth.lesions[i % k].len() {
                return Err(AnalysisError::InvalidArgument(format!(
                    "case '{case}' has {} lesions but {} lesion ratings",
                    truth.lesions[i % k].len(),
                    m.ll.len()
                )));
            }
            let bad_nl = m.nl.iter().any(|x| !x.is_finite());
            let bad_ll = m.ll.iter().any(|x| x.is_nan() || *x == f64::INFINITY);
            if bad_nl || bad_ll {
                return Err(AnalysisError::InvalidArgument(format!(
                    "case '{case}': a mark's rating is not a finite number"
                )));
            }
        }
        Ok(Self {
            truth,
            readers,
            modalities,
            marks,
        })
    }

    /// The truth.
    pub fn truth(&self) -> &LocalizationTruth {
        &self.truth
    }

    /// Reader ids in order.
    pub fn readers(&self) -> &[String] {
        &self.readers
    }

    /// Modality ids in order.
    pub fn modalities(&self) -> &[String] {
        &self.modalities
    }

    /// Every case's marks of one reading, in case order.
    pub fn reading(&self, modality: usize, reader: usize) -> &[CaseMarks] {
        let k = self.truth.cases.len();
        let start = (modality * self.readers.len() + reader) * k;
        &self.marks[start..start + k]
    }
}
