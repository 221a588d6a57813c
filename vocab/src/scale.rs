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

    /// Whether a call and a rating say the same thing. On the 5-point scale 1–2 lean negative
    /// and 4–5 positive, so a positive call rated 1–2 (or a negative call rated 4–5) contradicts
    /// itself and the ROC analysis (the rating) and accuracy (the call) would count the read
    /// differently; 3 goes with either call. A confidence in the call always agrees with it.
    pub fn agrees(self, call_positive: bool, score: i64) -> bool {
        match self {
            RatingScale::Confidence => true,
            RatingScale::Ordinal5 => {
                if call_positive {
                    score >= 3
                } else {
                    score <= 3
                }
            }
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
    fn a_five_point_rating_must_lean_the_way_of_the_call() {
        let scale = RatingScale::Ordinal5;
        assert!(scale.agrees(true, 4) && scale.agrees(true, 3) && !scale.agrees(true, 2));
        assert!(scale.agrees(false, 1) && scale.agrees(false, 3) && !scale.agrees(false, 4));
        assert!(RatingScale::Confidence.agrees(false, 100));
    }

    #[test]
    fn each_scale_accepts_only_its_own_ratings() {
        assert!(RatingScale::Confidence.range().contains(&0));
        assert!(RatingScale::Confidence.range().contains(&100));
        assert!(!RatingScale::Ordinal5.range().contains(&0));
        assert!(!RatingScale::Ordinal5.range().contains(&6));
    }
}
