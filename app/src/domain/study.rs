//! A study as the pages show it.

use serde::{Deserialize, Serialize};

/// One row of the study list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudySummary {
    pub id: i64,
    pub name: String,
    pub positive_label: String,
    pub negative_label: String,
    /// `crossover` or `sequential`.
    pub design: String,
    /// The creation date, `YYYY-MM-DD` (UTC).
    pub created_on: String,
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
            design: "crossover".into(),
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
