//! Which part of the data set a case belongs to.

use crate::word::word;

word!(
    /// The split of a case: the network trains on `train`; readers read `internal` and
    /// `external` test cases; `practice` cases are shown with feedback before session 1.
    Split, "split" {
        Train => "train", "split-train",
        Internal => "internal", "split-internal",
        External => "external", "split-external",
        Practice => "practice", "split-practice",
    }
);

impl Split {
    /// The test splits readers read by default, and the AI is evaluated on.
    pub const TEST: [Split; 2] = [Split::Internal, Split::External];

    /// Whether the split is a test set (the AI's reported performance comes from these only).
    pub fn is_test(self) -> bool {
        Split::TEST.contains(&self)
    }
}
