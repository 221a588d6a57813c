//! A study's settings: the reading design, rating scale, washout, splits read, practice cases,
//! seed, back-navigation policy, clinical information shown and seniority cut-points.

use crate::StoreError;

/// Declares a text-backed enum: its stored spelling, and parsing that names the valid ones.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// # Errors
            /// [`StoreError::Invalid`] naming the valid spellings.
            pub fn parse(text: &str) -> Result<Self, StoreError> {
                match text {
                    $($text => Ok($name::$variant),)+
                    other => Err(StoreError::Invalid(format!(
                        concat!("unknown ", $what, " '{}'; use one of: {}"),
                        other,
                        [$($text),+].join(", ")
                    ))),
                }
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(
    /// How readers meet the AI: in separate sessions apart by a washout, or per case after an
    /// unaided rating is committed.
    ReadingDesign, "reading design" { Crossover => "crossover", Sequential => "sequential" }
);

text_enum!(
    /// What a reader gives per case besides the call: a 0–100 confidence, or a 5-point scale.
    RatingScale, "rating scale" { Confidence => "confidence", Ordinal5 => "ordinal5" }
);

text_enum!(
    /// Whether a reader may go back to a case already read in the same session.
    BackNavigation, "back-navigation policy" { Never => "none", WithinSession => "within_session" }
);

/// The part of a study a coordinator configures and that locks with the first read.
#[derive(Clone, Debug, PartialEq)]
pub struct StudyConfig {
    pub rating_scale: RatingScale,
    /// Days between a reader's two crossover sessions.
    pub washout_days: i64,
    /// Case splits readers read, e.g. `internal` and `external`.
    pub read_splits: Vec<String>,
    /// Practice cases shown (with feedback) before session 1.
    pub practice_cases: i64,
    /// Seed of every random choice (case orders, practice cases, group ties).
    pub seed: i64,
    pub back_navigation: BackNavigation,
    /// Whether readers see age, sex and lesion site.
    pub show_clinical: bool,
    /// Seniority cut-points: junior ≤ this many years of experience...
    pub junior_max_years: i64,
    /// ...intermediate ≤ this many, senior above.
    pub intermediate_max_years: i64,
    /// The language pages use for readers with no preference of their own.
    pub default_locale: String,
}

impl Default for StudyConfig {
    fn default() -> Self {
        StudyConfig {
            rating_scale: RatingScale::Confidence,
            washout_days: 28,
            read_splits: vec!["internal".into(), "external".into()],
            practice_cases: 5,
            seed: 2024,
            back_navigation: BackNavigation::Never,
            show_clinical: true,
            junior_max_years: 5,
            intermediate_max_years: 10,
            default_locale: "en".into(),
        }
    }
}

/// The splits a case may belong to.
pub const SPLITS: [&str; 4] = ["train", "internal", "external", "practice"];

impl StudyConfig {
    /// # Errors
    /// [`StoreError::Invalid`] saying which setting is out of range and what is allowed.
    pub fn validate(&self) -> Result<(), StoreError> {
        let invalid = |msg: String| Err(StoreError::Invalid(msg));
        if !(0..=365).contains(&self.washout_days) {
            return invalid("the washout must be between 0 and 365 days".into());
        }
        if self.read_splits.is_empty() {
            return invalid("choose at least one split for readers to read".into());
        }
        if let Some(bad) = self
            .read_splits
            .iter()
            .find(|s| !SPLITS.contains(&s.as_str()))
        {
            return invalid(format!(
                "unknown split '{bad}'; use train, internal, external or practice"
            ));
        }
        if !(0..=50).contains(&self.practice_cases) {
            return invalid("practice cases must be between 0 and 50".into());
        }
        if self.junior_max_years < 0 || self.intermediate_max_years <= self.junior_max_years {
            return invalid(
                "the seniority cut-points must satisfy 0 ≤ junior < intermediate (years)".into(),
            );
        }
        if !matches!(self.default_locale.as_str(), "en" | "zh-CN") {
            return invalid("the default language must be en or zh-CN".into());
        }
        Ok(())
    }
}
