//! Catalogue keys for the values the pages show: designs, splits, seniority groups, session
//! modes, rating scales.

/// The catalogue key of a stored value, or the value itself when it has none.
pub fn value_key(value: &str) -> &'static str {
    match value {
        "crossover" => "design-crossover",
        "sequential" => "design-sequential",
        "train" => "split-train",
        "internal" => "split-internal",
        "external" => "split-external",
        "practice" => "split-practice",
        "junior" => "seniority-junior",
        "intermediate" => "seniority-intermediate",
        "senior" => "seniority-senior",
        "unaided" => "mode-unaided",
        "aided" => "mode-aided",
        "confidence" => "scale-confidence",
        "ordinal5" => "scale-ordinal5",
        "none" => "backnav-none",
        "within_session" => "backnav-within-session",
        "idle" => "ai-state-idle",
        "running" => "ai-state-running",
        "done" => "ai-state-done",
        "failed" => "ai-state-failed",
        _ => "value-unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::value_key;
    use crate::i18n::{message_keys, Locale};

    #[test]
    fn every_stored_value_has_a_label_in_both_languages() {
        let values = [
            "crossover",
            "sequential",
            "train",
            "internal",
            "external",
            "practice",
            "junior",
            "intermediate",
            "senior",
            "unaided",
            "aided",
            "confidence",
            "ordinal5",
            "none",
            "within_session",
            "idle",
            "running",
            "done",
            "failed",
        ];
        for locale in Locale::ALL {
            let keys = message_keys(locale);
            for value in values {
                assert!(
                    keys.contains(value_key(value)),
                    "{value} in {}",
                    locale.tag()
                );
            }
        }
    }
}
