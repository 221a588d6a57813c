//! The input of the study results: a reader study's readers, test cases and reads as plain
//! data, filled by the app from its database or by `lector analyze --study` from a long CSV.

use serde::{Deserialize, Serialize};

pub use vocab::{CutPoints, Modality, ReadingDesign, Seniority, Split};

/// A reader taking part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudyReader {
    /// Stable ID (as in exports).
    pub id: String,
    pub name: String,
    pub hospital: String,
    pub years_experience: i64,
    pub seniority: Seniority,
}

/// A test case readers read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudyCase {
    pub id: String,
    /// True for the study's positive class (e.g. osteosarcoma).
    pub truth: bool,
    /// The test set it belongs to (internal or external).
    pub split: Split,
    /// The CNN's probability of the positive class, when the AI has scored the case.
    pub cnn_probability: Option<f64>,
    /// The clinical logistic model's probability of the positive class (age, sex, site).
    pub clinical_probability: Option<f64>,
}

/// One saved read: the latest of its reader, case and modality (corrections already applied,
/// practice reads left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudyRead {
    /// Index into [`StudyData::readers`].
    pub reader: usize,
    /// Index into [`StudyData::cases`].
    pub case: usize,
    /// 1 or 2 (crossover); 1 (sequential).
    pub session: i64,
    /// 1-based place in the reader's order for the session.
    pub position: i64,
    /// Aided when the AI was on screen. In the sequential design the first, unaided impression
    /// is `Unaided` and the final read `Aided`.
    pub modality: Modality,
    /// The reader's call: true for the positive class.
    pub call: bool,
    /// The ROC rating, higher meaning more likely positive: on the call + confidence scale
    /// `50 ± confidence/2` (see [`rating_from_confidence`]); on the 5-point scale the point.
    pub rating: f64,
    /// Active reading time in milliseconds (paused while the tab is hidden or idle).
    pub active_ms: i64,
}

/// A whole study's results input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudyData {
    pub design: ReadingDesign,
    /// Display names of the classes, e.g. `osteosarcoma` / `giant-cell tumour`.
    pub positive_label: String,
    pub negative_label: String,
    pub readers: Vec<StudyReader>,
    pub cases: Vec<StudyCase>,
    pub reads: Vec<StudyRead>,
    /// The CNN calls a case positive when its probability is at least this (0.5).
    pub cnn_threshold: f64,
    /// The years of experience that split the readers into seniority groups, stated under
    /// the seniority table (absent from older serialised studies: the default, ≤ 5 and ≤ 10).
    #[serde(default)]
    pub cut_points: CutPoints,
}

/// The ROC rating of a call with a 0–100 confidence: `50 + c/2` for a positive call and
/// `50 − c/2` for a negative one, so every positive call ranks above every negative call and a
/// more confident call further out; a call with zero confidence ties at 50 whatever its side.
pub fn rating_from_confidence(call: bool, confidence: f64) -> f64 {
    if call {
        50.0 + confidence / 2.0
    } else {
        50.0 - confidence / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confident_positive_calls_rank_above_hesitant_ones_and_all_negative_calls() {
        let sure = rating_from_confidence(true, 90.0);
        let hesitant = rating_from_confidence(true, 10.0);
        let negative = rating_from_confidence(false, 10.0);
        assert!(sure > hesitant && hesitant > negative);
        assert_eq!(
            rating_from_confidence(true, 0.0),
            rating_from_confidence(false, 0.0)
        );
    }
}
