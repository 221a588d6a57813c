//! The rating scales a study can ask for, and what a rating on each may be.

use std::ops::RangeInclusive;

use crate::word::word;

word!(
    /// What a reader gives per case besides the call: a 0–100 confidence in the call, or a
    /// 5-point scale (1 = definitely negative … 5 = definitely positive).
    RatingScale, "rating scale" {
        Confidence => "confidence", "scale-confidence",
        Ordinal5 => "ordinal5", "scale-ordinal5",
    }
);

impl RatingScale {
    /// The ratings a reader may submit.
    pub fn range(self) -> RangeInclusive<i64> {
        match self {
            RatingScale::Confidence => 0..=100,
            RatingScale::Ordinal5 => 1..=5,
        }
    }

    /// The catalogue key of the reading page's prompt for a rating on this scale.
    pub fn prompt_key(self) -> &'static str {
        match self {
            RatingScale::Confidence => "reading-confidence",
            RatingScale::Ordinal5 => "reading-ordinal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scale_accepts_only_its_own_ratings() {
        assert!(RatingScale::Confidence.range().contains(&0));
        assert!(RatingScale::Confidence.range().contains(&100));
        assert!(!RatingScale::Ordinal5.range().contains(&0));
        assert!(!RatingScale::Ordinal5.range().contains(&6));
    }
}
