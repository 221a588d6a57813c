//! The keyed, hash-chained audit trail: appending events (alone, or inside the transaction of
//! the change they record), listing them, and verifying the chain and the reads against it.
//!
//! Each row's link is HMAC-SHA256, under a key kept outside the database ([`AuditKey`]), over
//! its own fields and the previous row's link: editing, deleting or reordering any row breaks
//! every later link, and without the key nobody can recompute them. The `audit_head` row holds
//! the last link, so removing rows from the end is caught too; `lector audit head` prints it so
//! a coordinator can record it outside Lector, and a later trail must still contain that link.
//! Every saved read has an audit row holding its rating; verification checks each read against
//! it, so a rating edited in the database is named.

use std::collections::HashMap;

use crate::audit_key::AuditKey;
use crate::pool::on_pool;
use crate::{Store, StoreError};

/// The link the first row points back to.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// Rows written before the chain was keyed: plain SHA-256 links.
pub const SCHEME_PLAIN: &str = "sha256";
/// Every row written now.
pub const SCHEME_KEYED: &str = "hmac-sha256";

/// A state change to record.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditEvent {
    /// The account that acted, if any (none for the CLI or an anonymous login attempt).
    pub actor_id: Option<i64>,
    /// Who acted, readable without a join: an email, `cli`, or `anonymous`.
    pub actor: String,
    /// What happened, dotted: `user.login`, `study.create`, `cases.import`, `read.save`, ...
    pub action: String,
    pub study_id: Option<i64>,
    /// Details as JSON text (kept verbatim; hashed as stored).
    pub detail: String,
}

/// One stored row of the trail.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub study_id: Option<i64>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
    pub scheme: String,
}

/// The outcome of checking the chain and the reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditVerification {
    /// Rows checked.
    pub rows: i64,
    /// Of those, rows written before the chain was keyed (checked by plain hash only).
    pub plain_rows: i64,
    /// Reads whose rating was checked against their audit row.
    pub reads_checked: i64,
    /// The id of the key the keyed rows were checked with.
    pub key_id: String,
    /// Where that key came from.
    pub key_origin: String,
    /// The first link (or read) that does not hold, if any.
    pub first_broken: Option<BrokenLink>,
}

/// Where and why the trail breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    /// The audit row at fault (0 when a read has no audit row at all).
    pub seq: i64,
    /// The read at fault, when a read does not match the trail.
    pub read_id: Option<i64>,
    pub reason: String,
}

/// The current end of the chain, for anchoring outside Lector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
    pub key_id: String,
}

/// The link of a row: its fields and the previous link, separated by a unit separator so that
/// no two different rows serialise alike; keyed rows under HMAC, plain rows under SHA-256.
// One argument per hashed column keeps the hashed fields explicit at every call.
#[allow(clippy::too_many_arguments)]
pub(crate) fn row_link(
    key: &AuditKey,
    scheme: &str,
    seq: i64,
    at: &str,
    actor_id: Option<i64>,
    actor: &str,
    action: &str,
    study_id: Option<i64>,
    detail: &str,
    prev_hash: &str,
) -> String {
    let seq = seq.to_string();
    let actor_id = actor_id.map(|id| id.to_string()).unwrap_or_default();
    let study_id = study_id.map(|id| id.to_string()).unwrap_or_default();
    let fields = [
        seq.as_str(),
        at,
        &actor_id,
        actor,
        action,
        &study_id,
        detail,
        prev_hash,
    ];
    if scheme == SCHEME_KEYED {
        key.mac(&fields)
    } else {
        plain_hash(&fields)
    }
}

fn plain_hash(fields: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for field in fields {
        hasher.update(field.as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn entry_link(key: &AuditKey, entry: &AuditEntry) -> String {
    row_link(
        key,
        &entry.scheme,
        entry.seq,
        &entry.at,
        entry.actor_id,
        &entry.actor,
        &entry.action,
        entry.study_id,
        &entry.detail,
        &entry.prev_hash,
    )
}

/// Appends `$event` (an [`AuditEvent`]) inside the open transaction `$tx`, keyed with `$key`,
/// and evaluates to its sequence number; `?` leaves the enclosing block on a database error,
/// which rolls the whole transaction back. A macro because the two backends' transactions are
/// different types; it is expanded inside each arm of `on_pool!`.
macro_rules! append_in_tx {
    ($tx:ident, $key:expr, $event:expr) => {{
        let event: &$crate::audit::AuditEvent = $event;
        let at = $crate::now_rfc3339();
        // The UPDATE comes first so this transaction holds the head's lock before it reads
        // the previous link: concurrent appends queue instead of forking the chain.
        let (seq, prev_hash): (i64, String) = sqlx::query_as(
            "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
        )
        .fetch_one(&mut *$tx)
        .await?;
        let hash = $crate::audit::row_link(
            $key,
            $crate::audit::SCHEME_KEYED,
            seq,
            &at,
            event.actor_id,
            &event.actor,
            &event.action,
            event.study_id,
            &event.detail,
            &prev_hash,
        );
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor_id, actor, action, study_id, detail, prev_hash, hash, scheme) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(seq)
        .bind(&at)
        .bind(event.actor_id)
        .bind(&event.actor)
        .bind(&event.action)
        .bind(event.study_id)
        .bind(&event.detail)
        .bind(&prev_hash)
        .bind(&hash)
        .bind($crate::audit::SCHEME_KEYED)
        .execute(&mut *$tx)
        .await?;
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
            .bind(&hash)
            .execute(&mut *$tx)
            .await?;
        seq
    }};
}
pub(crate) use append_in_tx;

const SELECT: &str = "SELECT seq, at, actor_id, actor, action, study_id, detail, prev_hash, hash, \
     scheme FROM audit_log";

impl Store {
    /// Appends an event to the trail and returns its sequence number.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails; nothing is appended then.
    pub async fn append_audit(&self, event: &AuditEvent) -> Result<i64, StoreError> {
        let key = self.audit_key.clone();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let seq = append_in_tx!(tx, &key, event);
            tx.commit().await?;
            Ok(seq)
        })
    }

    /// The newest `limit` events, newest first; of one study when `study_id` is given.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn list_audit(
        &self,
        study_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = match study_id {
            Some(id) => {
                let sql = format!("{SELECT} WHERE study_id = $1 ORDER BY seq DESC LIMIT $2");
                on_pool!(self, pool => sqlx::query_as(&sql).bind(id).bind(limit).fetch_all(pool).await)?
            }
            None => {
                let sql = format!("{SELECT} ORDER BY seq DESC LIMIT $1");
                on_pool!(self, pool => sqlx::query_as(&sql).bind(limit).fetch_all(pool).await)?
            }
        };
        Ok(rows)
    }

    /// One page of a study's trail, newest first: up to `limit` events of the kinds whose action
    /// matches `action_pattern` (a fixed `LIKE` pattern, see `vocab::AuditKind`), older than
    /// `before` (a `seq`; `i64::MAX` for the newest).
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn study_audit_page(
        &self,
        study_id: i64,
        action_pattern: &str,
        before: i64,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE study_id = $1 AND action LIKE $2 AND seq < $3 ORDER BY seq DESC LIMIT $4"
        );
        Ok(on_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(study_id)
                .bind(action_pattern)
                .bind(before)
                .bind(limit)
                .fetch_all(pool)
                .await
        })?)
    }

    /// Every event in order, for exports.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn audit_trail(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = format!("{SELECT} ORDER BY seq");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
    }

    /// The current end of the chain and the id of the key it is keyed with.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn audit_head(&self) -> Result<AuditHead, StoreError> {
        let (seq, hash): (i64, String) = on_pool!(self, pool => {
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(pool).await
        })?;
        Ok(AuditHead {
            seq,
            hash,
            key_id: self.audit_key.id(),
        })
    }

    /// Recomputes every link of the chain with this store's key, then checks every read
    /// against its audit row, and reports the first thing that does not hold.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        let entries = self.audit_trail().await?;
        let head = self.audit_head().await?;
        let mut verification = verify_chain(&self.audit_key, &entries, head.seq, &head.hash);
        if verification.first_broken.is_none() {
            let reads = self.all_reads().await?;
            let (checked, broken) = crate::audit_reads::check_reads(&entries, &reads);
            verification.reads_checked = checked;
            verification.first_broken = broken;
        }
        Ok(verification)
    }
}

/// Checks `entries` (in sequence order) against each other and the head row, keyed rows with
/// `key`. Plain (pre-key) rows are accepted only before the first keyed row.
pub fn verify_chain(
    key: &AuditKey,
    entries: &[AuditEntry],
    head_seq: i64,
    head_hash: &str,
) -> AuditVerification {
    let mut verification = AuditVerification {
        rows: entries.len() as i64,
        plain_rows: 0,
        reads_checked: 0,
        key_id: key.id(),
        key_origin: key.origin().to_string(),
        first_broken: None,
    };
    let broken = |seq: i64, reason: String| {
        Some(BrokenLink {
            seq,
            read_id: None,
            reason,
        })
    };
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut expected_seq = 1;
    let mut keyed_seen = false;
    for entry in entries {
        let problem = if entry.seq != expected_seq {
            Some((
                expected_seq,
                format!(
                    "row {expected_seq} is missing (the next row is {})",
                    entry.seq
                ),
            ))
        } else if entry.scheme != SCHEME_KEYED && (keyed_seen || entry.scheme != SCHEME_PLAIN) {
            Some((
                entry.seq,
                format!(
                    "it claims the '{}' scheme after the chain was keyed (the row was rewritten)",
                    entry.scheme
                ),
            ))
        } else if entry.prev_hash != prev_hash {
            Some((
                entry.seq,
                "its previous link does not match the row before it".into(),
            ))
        } else if entry_link(key, entry) != entry.hash {
            Some((
                entry.seq,
                format!(
                    "its contents do not match its link under key {} (the row was edited, or \
                     the trail was written with another key)",
                    key.id()
                ),
            ))
        } else {
            None
        };
        if let Some((seq, reason)) = problem {
            verification.first_broken = broken(seq, reason);
            return verification;
        }
        keyed_seen |= entry.scheme == SCHEME_KEYED;
        verification.plain_rows += i64::from(entry.scheme == SCHEME_PLAIN);
        prev_hash = entry.hash.clone();
        expected_seq += 1;
    }
    if head_seq != expected_seq - 1 || head_hash != prev_hash {
        verification.first_broken = broken(
            expected_seq,
            format!(
                "the trail ends at row {} but {head_seq} rows were appended (rows were removed from the end)",
                expected_seq - 1
            ),
        );
    }
    verification
}

/// Events of one read in the trail, by read id: what `check_reads` compares against.
pub(crate) fn read_events(entries: &[AuditEntry]) -> HashMap<i64, &AuditEntry> {
    entries
        .iter()
        .filter(|e| e.action == "read.save" || e.action == "read.correct")
        .filter_map(|e| {
            let detail: serde_json::Value = serde_json::from_str(&e.detail).ok()?;
            Some((detail.get("read")?.as_i64()?, e))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(action: &str) -> AuditEvent {
        AuditEvent {
            actor_id: None,
            actor: "cli".into(),
            action: action.into(),
            study_id: Some(7),
            detail: r#"{"n":1}"#.into(),
        }
    }

    #[tokio::test]
    async fn appended_events_form_an_intact_chain() {
        let t = crate::testing::postgres().await;
        let store = t.store.clone();
        for action in ["study.create", "cases.import", "read.save"] {
            store.append_audit(&event(action)).await.unwrap();
        }

        let verification = store.verify_audit().await.unwrap();

        assert_eq!(verification.rows, 3);
        assert_eq!(verification.first_broken, None);
        let newest = store.list_audit(Some(7), 10).await.unwrap();
        assert_eq!(newest[0].action, "read.save");
        assert_eq!(newest[2].prev_hash, GENESIS_HASH);
        t.finish().await;
    }

    #[tokio::test]
    async fn a_studys_trail_pages_backwards_through_one_kind_of_event() {
        for t in crate::testing::each_backend().await {
            let store = &t.store;
            let mut reads = Vec::new();
            for action in [
                "read.save",
                "study.configure",
                "read.save",
                "read.correct",
                "ai.run",
            ] {
                let seq = store.append_audit(&event(action)).await.unwrap();
                if action.starts_with("read.") {
                    reads.push(seq);
                }
            }

            let first = store
                .study_audit_page(7, "read.%", i64::MAX, 2)
                .await
                .unwrap();
            let rest = store
                .study_audit_page(7, "read.%", first[1].seq, 2)
                .await
                .unwrap();
            let other = store.study_audit_page(8, "%", i64::MAX, 10).await.unwrap();

            let seqs: Vec<i64> = first.iter().chain(&rest).map(|e| e.seq).collect();
            reads.reverse();
            assert_eq!(seqs, reads, "{}", t.backend);
            assert!(other.is_empty());
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn an_edited_row_is_the_first_broken_link() {
        let t = crate::testing::postgres().await;
        let store = t.store.clone();
        for action in ["a", "b", "c"] {
            store.append_audit(&event(action)).await.unwrap();
        }
        on_pool!(store, pool => sqlx::query("UPDATE audit_log SET detail = '{}' WHERE seq = 2").execute(pool).await.map(|_| ())).unwrap();

        let verification = store.verify_audit().await.unwrap();

        let link = verification.first_broken.expect("the edit is detected");
        assert_eq!(
            verification.key_id,
            store.audit_head().await.unwrap().key_id
        );
        assert_eq!(link.seq, 2);
        assert!(link.reason.contains("edited"), "{}", link.reason);
        t.finish().await;
    }

    #[tokio::test]
    async fn removing_the_last_rows_is_detected() {
        let t = crate::testing::postgres().await;
        let store = t.store.clone();
        for action in ["a", "b", "c"] {
            store.append_audit(&event(action)).await.unwrap();
        }
        on_pool!(store, pool => sqlx::query("DELETE FROM audit_log WHERE seq = 3").execute(pool).await.map(|_| ())).unwrap();

        let verification = store.verify_audit().await.unwrap();

        assert_eq!(verification.first_broken.unwrap().seq, 3);
        t.finish().await;
    }

    #[tokio::test]
    async fn concurrent_appends_never_fork_the_chain() {
        for t in crate::testing::each_backend().await {
            let tasks: Vec<_> = (0..16)
                .map(|i| {
                    let store = t.store.clone();
                    tokio::spawn(async move { store.append_audit(&event(&format!("e{i}"))).await })
                })
                .collect();
            for task in tasks {
                task.await.unwrap().unwrap();
            }

            let verification = t.store.verify_audit().await.unwrap();

            assert_eq!(verification.rows, 16, "{}", t.backend);
            assert_eq!(verification.first_broken, None);
            t.finish().await;
        }
    }
}
