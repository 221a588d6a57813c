//! Each reader's stored case order per session, so a resume or an export sees the same order.

use crate::pool::on_pool;
use crate::{Store, StoreError};

impl Store {
    /// Stores a reader's order for a session (replacing any order not yet read from).
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails; nothing changes then.
    pub async fn store_order(
        &self,
        reader_id: i64,
        session: i64,
        case_refs: &[i64],
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM case_orders WHERE reader_id = $1 AND session = $2")
                .bind(reader_id)
                .bind(session as i32)
                .execute(&mut *tx)
                .await?;
            for (position, case_ref) in case_refs.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO case_orders (reader_id, session, position, case_ref) VALUES ($1, $2, $3, $4)",
                )
                .bind(reader_id)
                .bind(session as i32)
                .bind(position as i32 + 1)
                .bind(case_ref)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok::<(), StoreError>(())
        })
    }

    /// A reader's order for a session: case database ids by position (1-based), empty when none
    /// was dealt yet.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn order_of(&self, reader_id: i64, session: i64) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(i64,)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT case_ref FROM case_orders WHERE reader_id = $1 AND session = $2 ORDER BY position",
            )
            .bind(reader_id)
            .bind(session as i32)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}

impl Store {
    /// Drops every order of a study's readers, so they are dealt again (after the case set or
    /// the seed changed; reading has not begun then).
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn clear_orders(&self, study_id: i64) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query(
                "DELETE FROM case_orders WHERE reader_id IN (SELECT id FROM readers WHERE study_id = $1)",
            )
            .bind(study_id)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        Ok(())
    }
}
