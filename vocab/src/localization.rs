//! Localization (free-response) studies: what a study asks of its readers, how a mark is judged
//! to be on a lesion, and the mark itself with the rules a submitted mark must keep.

use serde::{Deserialize, Serialize};

use crate::scale::RatingScale;
use crate::word::word;

/// The most marks one read may carry: more is not a reading, it is a scan of the image.
pub const MAX_MARKS: usize = 20;

/// The acceptance radius a study may set, in percent of the image's width.
pub const RADIUS_PERCENT: std::ops::RangeInclusive<i64> = 1..=50;

word!(
    /// What a reader gives per case: a call and a rating (classification), or in addition
    /// marks on every suspicious spot, each with its own rating (localization, FROC).
    StudyTask, "study task" {
        Classification => "classification", "task-classification",
        Localization => "localization", "task-localization",
    }
);

word!(
    /// When a mark counts as a lesion localization: inside the lesion's mask, or within the
    /// acceptance radius of the lesion's centre.
    MarkRule, "mark scoring rule" {
        InMask => "mask", "mark-rule-mask",
        Radius => "radius", "mark-rule-radius",
    }
);

/// One mark a reader placed: where, as fractions of the image's width and height from its top
/// left corner (so it means the same spot at any zoom and any rendition), and its rating on
/// the study's scale.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub rating: i64,
}

impl Mark {
    /// Whether the mark lies on the image and its rating on the scale.
    pub fn is_valid(&self, scale: RatingScale) -> bool {
        let on_image = |v: f64| v.is_finite() && (0.0..=1.0).contains(&v);
        on_image(self.x) && on_image(self.y) && scale.range().contains(&self.rating)
    }
}

/// A mark the AI placed, as a reader of the study: where (fractions of the image, as for
/// [`Mark`]) and its rating, the AI's probability that a lesion is there, in `[0, 1]`. Its
/// ratings are continuous, unlike a reader's, and never cross the study's scale.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AiMark {
    pub x: f64,
    pub y: f64,
    pub rating: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_must_lie_on_the_image_and_be_rated_on_the_scale() {
        let mark = |x, y, rating| Mark { x, y, rating };
        let scale = RatingScale::Ordinal5;

        assert!(mark(0.0, 1.0, 5).is_valid(scale));
        assert!(!mark(-0.01, 0.5, 3).is_valid(scale));
        assert!(!mark(0.5, f64::NAN, 3).is_valid(scale));
        assert!(!mark(0.5, 0.5, 0).is_valid(scale));
        assert!(mark(0.5, 0.5, 0).is_valid(RatingScale::Confidence));
    }
}
