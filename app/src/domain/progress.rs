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

/// An event's detail (a JSON object) as `key: value` pairs for people, in its own order;
/// anything else as it is.
pub fn readable_detail(detail: &str) -> String {
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(detail) {
        Ok(object) => object
            .iter()
            .map(|(key, value)| match value {
                serde_json::Value::String(text) => format!("{key}: {text}"),
                other => format!("{key}: {other}"),
            })
            .collect::<Vec<_>>()
            .join(" · "),
        Err(_) => detail.to_string(),
    }
}

/// The audit view: one page of rows, newest first, and whether the whole chain verifies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// Where the next, older page starts (pass it as `before`); `None` on the last page.
    pub older: Option<i64>,
    pub chain_intact: bool,
    /// Where the chain breaks, when it does.
    pub broken_at: Option<i64>,
}
