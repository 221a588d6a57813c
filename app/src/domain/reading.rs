//! What a reader's pages receive: the worklist, the case to read (never its truth, never other
//! readers' reads, and AI output only where the design shows it), and what a submit returns.

use serde::{Deserialize, Serialize};
use vocab::{RatingScale, ReadingDesign, SessionMode, Stage};

/// One session on the worklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionCard {
    /// 0 = practice, then 1 and 2.
    pub session: i64,
    pub mode: SessionMode,
    pub done: i64,
    pub total: i64,
    /// `open`, `done` or `closed`.
    pub state: String,
    /// Why a closed session is closed: `practice-first`, `previous-first` or `washout`.
    pub closed_because: Option<String>,
    /// For a washout: the date (YYYY-MM-DD) the session opens.
    pub opens_on: Option<String>,
}

/// One study on the reader's worklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorklistStudy {
    pub study_id: i64,
    pub name: String,
    pub design: ReadingDesign,
    pub sessions: Vec<SessionCard>,
}

/// A window preset for the viewer, in the image's stored values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowPreset {
    pub name: String,
    pub center: f64,
    pub width: f64,
}

/// The clinical facts a study shows readers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clinical {
    pub age: Option<i64>,
    pub sex: Option<String>,
    pub location: Option<String>,
}

/// What the AI says, shown only in aided reads (sequential: after the unaided commit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AiView {
    /// P(positive class).
    pub probability: f64,
    /// The AI calls the positive class when `probability` is at least this (its operating
    /// point), so a reader can tell a near-coin-flip from a firm call.
    pub threshold: f64,
    /// The class label the AI calls.
    pub predicted_label: String,
    /// The heat-map overlay, authorised per request.
    pub heatmap_url: String,
    /// The AI's marks, in an aided read of a localization study that shows them (`None`
    /// otherwise).
    #[serde(default)]
    pub marks: Option<Vec<vocab::AiMark>>,
}

/// The case in front of the reader.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseToRead {
    /// Database id of the case (not its name in the manifest, which might hint at the truth).
    pub case_ref: i64,
    /// 1-based place in the reader's order.
    pub position: i64,
    pub image_url: String,
    /// `/images/cases/<id>/window`, to which the viewer adds `?center=&width=`.
    pub window_url: String,
    /// `/images/cases/<id>/pixels`: the full-depth samples the viewer windows itself.
    pub pixels_url: String,
    /// The original's size in pixels.
    pub width: i64,
    pub height: i64,
    /// Bits of the stored values, for the bone and soft-tissue presets.
    pub bits_stored: i64,
    pub windows: Vec<WindowPreset>,
    pub clinical: Option<Clinical>,
    /// `single`, `unaided` (sequential, before the AI) or `final` (sequential, with the AI).
    pub stage: Stage,
    pub ai: Option<AiView>,
    /// Sequential final step: the unaided rating already committed, `(positive call, score)`.
    pub unaided: Option<(bool, i64)>,
    /// Going back: the rating this submit will supersede, `(positive call, score)`.
    pub correcting: Option<(bool, i64)>,
}

/// A reading session's state: the next case, or that the session is done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadingState {
    pub study_id: i64,
    pub study_name: String,
    pub session: i64,
    pub mode: SessionMode,
    pub positive_label: String,
    pub negative_label: String,
    pub rating_scale: RatingScale,
    pub done: i64,
    pub total: i64,
    pub case: Option<CaseToRead>,
    /// The image after this one, for the browser to fetch ahead.
    pub prefetch_url: Option<String>,
    /// The study lets readers go back to a case already read in this session.
    pub back_navigation: bool,
    /// Localization studies ask for marks on the image besides the call and rating.
    #[serde(default = "classification")]
    pub task: vocab::StudyTask,
}

fn classification() -> vocab::StudyTask {
    vocab::StudyTask::Classification
}

/// A mark being placed on the reading page: where (fractions of the image) and, once the
/// reader has set it, its rating.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DraftMark {
    pub x: f64,
    pub y: f64,
    pub rating: Option<i64>,
}

impl DraftMark {
    /// The mark to submit, once rated.
    pub fn rated(&self) -> Option<vocab::Mark> {
        self.rating.map(|rating| vocab::Mark {
            x: self.x,
            y: self.y,
            rating,
        })
    }
}

/// The answer to a submitted read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmitOutcome {
    /// Practice only: the truth, and whether the call matched it.
    pub feedback: Option<(String, bool)>,
    /// Practice in a localization study: the answered case's lesion outline, to lay over it.
    #[serde(default)]
    pub outline_url: Option<String>,
    pub next: ReadingState,
}

/// The longest active reading time one case may report: six hours (the clock pauses while the
/// tab is hidden or the reader idle, so a real read never comes near it).
pub const MAX_ACTIVE_MS: i64 = 6 * 3600 * 1000;
/// The most viewer events one read keeps (the page stops logging past it).
pub const MAX_INTERACTIONS: usize = 2_000;
/// The largest interaction log accepted, in bytes of JSON.
pub const MAX_INTERACTIONS_BYTES: usize = 256 * 1024;
/// The longest idempotency key accepted (the page makes 32 hex digits).
pub const MAX_KEY_LEN: usize = 64;

/// A rating of the case in front of the reader, as the reading page sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub case_ref: i64,
    /// The step rated.
    pub stage: Stage,
    pub call_positive: bool,
    /// 0–100 confidence, or 1–5 on the ordinal scale.
    pub score: i64,
    /// Active reading time (paused while hidden or idle).
    pub active_ms: i64,
    /// Viewer events as a JSON array.
    pub interactions: String,
    /// Made by the page once per case and step, so a doubled or retried submit saves one read.
    pub idempotency_key: String,
    /// Marks on the image (localization studies only; none is an answer).
    #[serde(default)]
    pub marks: Vec<vocab::Mark>,
}
