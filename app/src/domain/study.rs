//! A study as the pages show it.

use serde::{Deserialize, Serialize};
use vocab::{BackNavigation, Locale, MarkRule, RatingScale, ReadingDesign, Split, StudyTask};

/// One row of the study list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudySummary {
    pub id: i64,
    pub name: String,
    pub positive_label: String,
    pub negative_label: String,
    pub design: ReadingDesign,
    /// The creation date, `YYYY-MM-DD` (UTC).
    pub created_on: String,
}

/// A study's settings as the create and settings forms edit them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyForm {
    pub name: String,
    pub positive_label: String,
    pub negative_label: String,
    pub design: ReadingDesign,
    pub rating_scale: RatingScale,
    pub washout_days: i64,
    /// Splits readers read, e.g. internal and external.
    pub read_splits: Vec<Split>,
    pub practice_cases: i64,
    pub seed: i64,
    pub back_navigation: BackNavigation,
    pub show_clinical: bool,
    pub junior_max_years: i64,
    pub intermediate_max_years: i64,
    pub default_locale: Locale,
    /// Classification, or localization (readers mark lesions).
    #[serde(default = "classification")]
    pub task: StudyTask,
    #[serde(default = "in_mask")]
    pub mark_rule: MarkRule,
    /// In percent of the image's width.
    #[serde(default = "five")]
    pub acceptance_radius_pct: i64,
    /// Aided reads of a localization study show the AI's marks.
    #[serde(default = "yes")]
    pub show_ai_marks: bool,
    /// DICOM de-identification on import: keep the patient's age, sex, size and weight.
    #[serde(default = "yes")]
    pub deid_keep_characteristics: bool,
    /// ...keep study, series and image descriptions.
    #[serde(default)]
    pub deid_keep_descriptions: bool,
    /// ...accept images with burned-in annotation.
    #[serde(default)]
    pub deid_accept_burned_in: bool,
}

// Forms saved by a page from before localization studies carry none of these fields.
fn classification() -> StudyTask {
    StudyTask::Classification
}

fn in_mask() -> MarkRule {
    MarkRule::InMask
}

fn five() -> i64 {
    5
}

fn yes() -> bool {
    true
}

impl Default for StudyForm {
    /// The defaults of the seed study: OS vs GCT, crossover with a four-week washout.
    fn default() -> Self {
        StudyForm {
            name: String::new(),
            positive_label: "OS".into(),
            negative_label: "GCT".into(),
            design: ReadingDesign::Crossover,
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
            deid_keep_characteristics: true,
            deid_keep_descriptions: false,
            deid_accept_burned_in: false,
        }
    }
}

/// How many cases a study holds, by split and class.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCounts {
    pub total: usize,
    pub positive: usize,
    /// `(split, count)` in the order train, internal, external, practice (absent splits omitted).
    pub by_split: Vec<(Split, usize)>,
}

/// Everything the study overview and settings pages show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyDetail {
    pub id: i64,
    pub settings: StudyForm,
    /// Reading has begun: the settings can no longer change.
    pub locked: bool,
    pub created_on: String,
    pub cases: CaseCounts,
    pub readers: usize,
}

impl StudySummary {
    /// Whether the study matches a free-text filter (name or class labels, any case).
    pub fn matches(&self, filter: &str) -> bool {
        let needle = filter.trim().to_lowercase();
        needle.is_empty()
            || [&self.name, &self.positive_label, &self.negative_label]
                .iter()
                .any(|field| field.to_lowercase().contains(&needle))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn knee() -> StudySummary {
        StudySummary {
            id: 1,
            name: "Knee tumours 2026".into(),
            positive_label: "OS".into(),
            negative_label: "GCT".into(),
            design: ReadingDesign::Crossover,
            created_on: "2026-11-27".into(),
        }
    }

    #[test]
    fn the_filter_matches_names_and_labels_in_any_case() {
        assert!(knee().matches("knee"));
        assert!(knee().matches("gct"));
        assert!(knee().matches("  "));
        assert!(!knee().matches("lung"));
    }
}
