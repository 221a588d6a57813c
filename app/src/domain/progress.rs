//! The progress dashboard and the audit view.

use serde::{Deserialize, Serialize};
use vocab::{CrossoverGroup, Seniority, SessionMode};

/// One reader's progress in one session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRow {
    pub reader_id: i64,
    pub reader: String,
    pub seniority: Seniority,
    pub group: CrossoverGroup,
    /// 0 = practice, then 1 and 2.
    pub session: i64,
    pub mode: SessionMode,
    pub done: i64,
    pub total: i64,
    pub median_seconds: Option<i64>,
    /// RFC 3339 time of the last saved read.
    pub last_activity: Option<String>,
    /// For crossover session 2: the date (YYYY-MM-DD) the washout ends, once session 1 is done.
    pub opens_on: Option<String>,
    /// The session waits for its washout (session 1 done, the date not reached, not opened
    /// early yet): a coordinator may open it now, giving a reason.
    pub can_open_early: bool,
}

/// One audit-trail row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

/// The audit view: the newest rows and whether the whole chain verifies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub chain_intact: bool,
    /// Where the chain breaks, when it does.
    pub broken_at: Option<i64>,
}
