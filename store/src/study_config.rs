//! A study's settings: the reading design, rating scale, washout, splits read, practice cases,
//! seed, back-navigation policy, clinical information shown, seniority cut-points, how DICOM
//! files are de-identified and, for localization studies, how a mark is scored.

use crate::StoreError;

pub use vocab::{BackNavigation, MarkRule, RatingScale, ReadingDesign, StudyTask};
use vocab::{CutPoints, Locale, Split};

/// The part of a study a coordinator configures and that locks with the first read.
#[derive(Clone, Debug, PartialEq)]
pub struct StudyConfig {
    pub rating_scale: RatingScale,
    /// Days between a reader's two crossover sessions.
    pub washout_days: i64,
    /// Case splits readers read, e.g. `internal` and `external`.
    pub read_splits: Vec<Split>,
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
    pub default_locale: Locale,
    /// A call and a rating per case, or marks as well (a localization study).
    pub task: StudyTask,
    /// When a mark is on a lesion (localization studies).
    pub mark_rule: MarkRule,
    /// The acceptance radius of [`MarkRule::Radius`], in percent of the image's width.
    pub acceptance_radius_pct: i64,
    /// Whether aided reads of a localization study show the AI's marks beside its heat map.
    pub show_ai_marks: bool,
    /// How imported DICOM files are de-identified.
    pub deid: DeidChoices,
}

/// What a study keeps of a DICOM file when it de-identifies it on import (DICOM PS3.15 Annex E,
/// Basic Application Level Confidentiality Profile). These apply to every import into the
/// study, so they cannot change once it holds cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeidChoices {
    /// Patient age, sex, size and weight (the Retain Patient Characteristics Option): the
    /// clinical facts a study may show readers.
    pub keep_characteristics: bool,
    /// Study, series and image descriptions and comments, which may name a patient or a
    /// doctor (otherwise removed).
    pub keep_descriptions: bool,
    /// Images whose Burned In Annotation is YES; their pixels may show a name, which Lector
    /// does not clean (otherwise such an image refuses its import).
    pub accept_burned_in: bool,
}

impl Default for DeidChoices {
    fn default() -> Self {
        DeidChoices {
            keep_characteristics: true,
            keep_descriptions: false,
            accept_burned_in: false,
        }
    }
}

impl Default for StudyConfig {
    fn default() -> Self {
        StudyConfig {
            rating_scale: RatingScale::Confidence,
            washout_days: 28,
            read_splits: Split::TEST.to_vec(),
            practice_cases: 5,
            seed: 2024,
            back_navigation: BackNavigation::Never,
            show_clinical: true,
            junior_max_years: 5,
            intermediate_max_years: 10,
            default_locale: Locale::En,
            task: StudyTask::Classification,
            mark_rule: MarkRule::InMask,
            acceptance_radius_pct: 5,
            show_ai_marks: true,
            deid: DeidChoices::default(),
        }
    }
}

impl StudyConfig {
    /// The seniority cut-points.
    pub fn cut_points(&self) -> CutPoints {
        CutPoints {
            junior_max: self.junior_max_years,
            intermediate_max: self.intermediate_max_years,
        }
    }

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
        if !(0..=50).contains(&self.practice_cases) {
            return invalid("practice cases must be between 0 and 50".into());
        }
        if !vocab::RADIUS_PERCENT.contains(&self.acceptance_radius_pct) {
            return invalid(format!(
                "the acceptance radius must be between {} and {} % of the image's width",
                vocab::RADIUS_PERCENT.start(),
                vocab::RADIUS_PERCENT.end()
            ));
        }
        if !self.cut_points().are_ordered() {
            return invalid(
                "the seniority cut-points must satisfy 0 ≤ junior < intermediate (years)".into(),
            );
        }
        Ok(())
    }
}
