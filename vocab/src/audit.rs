//! Which part of a study's audit trail a coordinator looks at.

use crate::word::word;

word!(
    /// A kind of audited event of a study, for filtering its trail.
    AuditKind, "kind of audit event" {
        All => "all", "audit-kind-all",
        Reads => "reads", "audit-kind-reads",
        Sessions => "sessions", "audit-kind-sessions",
        Settings => "settings", "audit-kind-settings",
        Readers => "readers", "audit-kind-readers",
        Cases => "cases", "audit-kind-cases",
        Ai => "ai", "audit-kind-ai",
    }
);

impl AuditKind {
    /// The SQL `LIKE` pattern its events' action names match (`read.save`, `read.correct`…).
    pub fn action_pattern(self) -> &'static str {
        match self {
            AuditKind::All => "%",
            AuditKind::Reads => "read.%",
            AuditKind::Sessions => "session.%",
            AuditKind::Settings => "study.%",
            AuditKind::Readers => "reader%",
            AuditKind::Cases => "cases.%",
            AuditKind::Ai => "ai.%",
        }
    }
}
