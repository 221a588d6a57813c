//! Cases, imports and the AI batch run as the coordinator's pages show them.

use serde::{Deserialize, Serialize};

/// One case in the coordinator's case table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    pub id: i64,
    pub case_id: String,
    pub truth_label: String,
    pub split: vocab::Split,
    pub site: Option<String>,
    pub age: Option<i64>,
    pub sex: Option<String>,
    pub location: Option<String>,
    /// The AI's probability of the positive class, once the batch run has reached the case.
    pub ai_probability: Option<f64>,
}

/// A problem that rejected an import, with the manifest row it is on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// 1-based manifest row (the header is row 1); 0 for a problem with the upload as a whole.
    pub row: usize,
    pub case_id: Option<String>,
    pub reason: String,
}

/// The report shown after an import: what was added, or every reason it was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub accepted: bool,
    pub rows_checked: usize,
    pub imported: usize,
    /// Rows deliberately left out (e.g. BTXRD rows of other tumour types).
    pub skipped: usize,
    /// `(split, count)` of the imported cases.
    pub by_split: Vec<(vocab::Split, usize)>,
    pub problems: Vec<ImportProblem>,
    /// The re-identification key of a DICOM import (CSV: case, attribute, original,
    /// replacement), only when the coordinator asked for it; Lector keeps no copy.
    #[serde(default)]
    pub key: Option<String>,
}

/// How far a PACS import has come.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProgress {
    /// Manifest rows fetched (or found fetched by an earlier run, or refused).
    pub done: usize,
    pub total: usize,
    /// Every row is in; the copies are being checked and stored.
    pub preparing: bool,
}

/// The batch AI run's state for the progress display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiStatus {
    pub model_version: String,
    pub status: vocab::JobState,
    pub done: i64,
    pub total: i64,
    /// Cases with an output of the current model.
    pub cases_with_output: usize,
    pub cases: usize,
    pub error: Option<String>,
}
