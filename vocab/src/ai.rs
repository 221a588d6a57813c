//! Words of the AI's runs over a study's cases.

use crate::word::word;

word!(
    /// Where the AI's run over a study stands.
    JobState, "AI run state" {
        Idle => "idle", "ai-state-idle",
        Running => "running", "ai-state-running",
        Done => "done", "ai-state-done",
        Failed => "failed", "ai-state-failed",
    }
);
