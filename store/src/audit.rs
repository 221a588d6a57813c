//! The hash-chained audit trail: appending events, listing them, and verifying the chain.
//!
//! Each row's hash is SHA-256 over its own fields and the previous row's hash, so editing,
//! deleting or reordering any row breaks every later link; the `audit_head` row holds the last
//! hash, so removing rows from the end is caught too.

use sha2::{Digest, Sha256};

use crate::pool::on_pool;
use crate::{now_rfc3339, Store, StoreError};

/// The hash the first row links back to.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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
}

/// The outcome of checking the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditVerification {
    /// Rows checked.
    pub rows: i64,
    /// The first link that does not hold, if any.
    pub first_broken: Option<BrokenLink>,
}

/// Where and why the chain breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    pub seq: i64,
    pub reason: String,
}

/// SHA-256 (hex) of a row's fields and the previous hash, fields separated by a unit separator
/// so that no two different rows serialise alike.
// One argument per hashed column keeps the hashed fields explicit at every call.
#[allow(clippy::too_many_arguments)]
fn row_hash(
    seq: i64,
    at: &str,
    actor_id: Option<i64>,
    actor: &str,
    action: &str,
    study_id: Option<i64>,
    detail: &str,
    prev_hash: &str,
) -> String {
    let mut hasher = Sha256::new();
    let fields = [
        seq.to_string(),
        at.to_string(),
        actor_id.map(|id| id.to_string()).unwrap_or_default(),
        actor.to_string(),
        action.to_string(),
        study_id.map(|id| id.to_string()).unwrap_or_default(),
        detail.to_string(),
        prev_hash.to_string(),
    ];
    for field in &fields {
        hasher.update(field.as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn entry_hash(entry: &AuditEntry) -> String {
    row_hash(
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

const SELECT: &str =
    "SELECT seq, at, actor_id, actor, action, study_id, detail, prev_hash, hash FROM audit_log";

impl Store {
    /// Appends an event to the trail and returns its sequence number.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails; nothing is appended then.
    pub async fn append_audit(&self, event: &AuditEvent) -> Result<i64, StoreError> {
        let at = now_rfc3339();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            // The UPDATE comes first so this transaction holds the write lock before it reads
            // the previous hash.
            let (seq, prev_hash): (i64, String) = sqlx::query_as(
                "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
            )
            .fetch_one(&mut *tx)
            .await?;
            let hash = row_hash(
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
                "INSERT INTO audit_log (seq, at, actor_id, actor, action, study_id, detail, prev_hash, hash) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
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
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
                .bind(&hash)
                .execute(&mut *tx)
                .await?;
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

    /// Every event in order, for exports.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn audit_trail(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = format!("{SELECT} ORDER BY seq");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
    }

    /// Recomputes every link of the chain and reports the first that does not hold.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        let entries = self.audit_trail().await?;
        let (head_seq, head_hash): (i64, String) = on_pool!(self, pool => {
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(pool).await
        })?;
        Ok(verify_chain(&entries, head_seq, &head_hash))
    }
}

/// Checks `entries` (in sequence order) against each other and the head row.
pub fn verify_chain(entries: &[AuditEntry], head_seq: i64, head_hash: &str) -> AuditVerification {
    let broken = |seq: i64, reason: String| AuditVerification {
        rows: entries.len() as i64,
        first_broken: Some(BrokenLink { seq, reason }),
    };
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut expected_seq = 1;
    for entry in entries {
        if entry.seq != expected_seq {
            return broken(
                expected_seq,
                format!(
                    "row {expected_seq} is missing (the next row is {})",
                    entry.seq
                ),
            );
        }
        if entry.prev_hash != prev_hash {
            return broken(
                entry.seq,
                "its previous-hash does not match the row before it".into(),
            );
        }
        if entry_hash(entry) != entry.hash {
            return broken(
                entry.seq,
                "its contents do not match its hash (the row was edited)".into(),
            );
        }
        prev_hash = entry.hash.clone();
        expected_seq += 1;
    }
    if head_seq != expected_seq - 1 || head_hash != prev_hash {
        return broken(
            expected_seq,
            format!(
                "the trail ends at row {} but {head_seq} rows were appended (rows were removed from the end)",
                expected_seq - 1
            ),
        );
    }
    AuditVerification {
        rows: entries.len() as i64,
        first_broken: None,
    }
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
    async fn an_edited_row_is_the_first_broken_link() {
        let t = crate::testing::postgres().await;
        let store = t.store.clone();
        for action in ["a", "b", "c"] {
            store.append_audit(&event(action)).await.unwrap();
        }
        on_pool!(store, pool => sqlx::query("UPDATE audit_log SET detail = '{}' WHERE seq = 2").execute(pool).await.map(|_| ())).unwrap();

        let verification = store.verify_audit().await.unwrap();

        let link = verification.first_broken.expect("the edit is detected");
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
