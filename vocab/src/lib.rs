//! The study's vocabulary: every word a study is described in has one enum here, one text
//! form (stored, exported, on the wire and on the command line), one catalogue key for its
//! label, and the rules that are pure functions of it. Every layer, from the database to the
//! browser, uses these types; none spells a word again.

mod word;

pub mod ai;
pub mod analysis;
pub mod audit;
pub mod cases;
pub mod design;
pub mod locale;
pub mod localization;
pub mod order;
pub mod people;
pub mod rng;
pub mod scale;

pub use ai::JobState;
pub use analysis::{Covariance, ExportKind};
pub use audit::AuditKind;
pub use cases::Split;
pub use design::{
    BackNavigation, CrossoverGroup, Modality, ReadingDesign, SessionMode, Stage, PRACTICE_SESSION,
};
pub use locale::Locale;
pub use localization::{AiMark, Mark, MarkRule, StudyTask, MAX_MARKS, RADIUS_PERCENT};
pub use people::{CutPoints, Role, Seniority};
pub use rng::SplitMix64;
pub use scale::RatingScale;
pub use word::{UnknownWord, Word};
