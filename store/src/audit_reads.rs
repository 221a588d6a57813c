//! Checking every saved read against the audit row written in the same transaction: the row
//! holds the rating as saved, so a rating edited in the database afterwards is found and named.

use serde_json::Value;

use crate::audit::{read_events, AuditEntry, BrokenLink, SCHEME_PLAIN};
use crate::reads::Read;

/// The fields of a read its audit row records, as JSON: what [`check_reads`] compares.
pub(crate) fn read_detail(read: &Read, simulated: bool) -> Value {
    let r = &read.read;
    let mut detail = serde_json::json!({
        "read": read.id,
        "reader": r.reader_id,
        "case": r.case_ref,
        "session": r.session,
        "position": r.position,
        "modality": r.modality(),
        "stage": r.stage,
        "call_positive": r.call_positive,
        "score": r.score,
        "ai_shown": r.ai_shown,
        "active_ms": r.active_ms,
        "supersedes": r.supersedes,
        "key": r.idempotency_key,
    });
    // Classification reads keep the detail they were audited with before marks existed.
    if !r.marks.is_empty() {
        detail["marks"] = serde_json::to_value(&r.marks).expect("marks always serialise");
    }
    if simulated {
        detail["simulated"] = Value::Bool(true);
    }
    detail
}

/// Compares each read with its audit row. Returns how many reads were checked and the first
/// that does not match (or has no row). Reads recorded before ratings were audited (their row
/// is a plain, pre-key row) are skipped and not counted.
pub(crate) fn check_reads(entries: &[AuditEntry], reads: &[Read]) -> (i64, Option<BrokenLink>) {
    let events = read_events(entries);
    let mut checked = 0;
    for read in reads {
        let describe = format!(
            "read {} (reader {}, case {}, session {}, {})",
            read.id, read.read.reader_id, read.read.case_ref, read.read.session, read.read.stage
        );
        let Some(entry) = events.get(&read.id) else {
            return (
                checked,
                Some(BrokenLink {
                    seq: 0,
                    read_id: Some(read.id),
                    reason: format!("{describe} has no audit row (it was written outside Lector)"),
                }),
            );
        };
        if entry.scheme == SCHEME_PLAIN {
            continue;
        }
        let recorded: Value = serde_json::from_str(&entry.detail).unwrap_or(Value::Null);
        let stored = read_detail(read, false);
        // Both ways: a field the trail has and the database lost (marks emptied) is an edit too.
        let differs = stored
            .as_object()
            .into_iter()
            .flatten()
            .find(|(field, value)| recorded.get(field.as_str()) != Some(value))
            .map(|(field, value)| (field.clone(), value.clone()))
            .or_else(|| {
                recorded
                    .as_object()
                    .into_iter()
                    .flatten()
                    .find_map(|(field, _)| {
                        (field != "simulated" && stored.get(field.as_str()).is_none())
                            .then(|| (field.clone(), Value::Null))
                    })
            });
        if let Some((field, value)) = differs {
            let was = recorded.get(field.as_str()).cloned().unwrap_or(Value::Null);
            return (
                checked,
                Some(BrokenLink {
                    seq: entry.seq,
                    read_id: Some(read.id),
                    reason: format!(
                        "{describe} does not match its audit row {}: {field} is {value} in the \
                         database but {was} in the trail (the read was edited)",
                        entry.seq
                    ),
                }),
            );
        }
        checked += 1;
    }
    (checked, None)
}
