//! Changing an account: its password hash (which ends its sessions), whether it is disabled
//! (which also ends its sessions), and its preferred language.

use crate::pool::on_pool;
use crate::users::not_found;
use crate::{now_rfc3339, Store, StoreError};

impl Store {
    /// Replaces an account's password hash, and ends every session of the account and revokes
    /// its unused invitation links: whoever held the old password (or a session made with it,
    /// or a link) must not stay signed in after the change. A person changing their own
    /// password signs in again.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] when there is no such account.
    pub async fn set_password_hash(&self, user_id: i64, hash: &str) -> Result<(), StoreError> {
        let now = now_rfc3339();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let changed = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(hash)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            if changed.rows_affected() == 0 {
                return Err(not_found(user_id));
            }
            sqlx::query(crate::sessions::END_SESSIONS_OF_USER)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(crate::invites::REVOKE_LIVE_INVITES)
            .bind(&now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Disables or re-enables an account. Disabling also ends all its sessions at once.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] when there is no such account.
    pub async fn set_user_disabled(&self, user_id: i64, disabled: bool) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let done = sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
                .bind(disabled)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(not_found(user_id));
            }
            if disabled {
                sqlx::query(crate::sessions::END_SESSIONS_OF_USER)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// Saves (or clears) an account's preferred language tag.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] when there is no such account.
    pub async fn set_user_locale(
        &self,
        user_id: i64,
        locale: Option<vocab::Locale>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE users SET locale = $1 WHERE id = $2";
        let changed = on_pool!(self, pool => {
            sqlx::query(SQL).bind(locale.map(|l| l.as_str())).bind(user_id).execute(pool).await.map(|done| done.rows_affected())
        })?;
        if changed == 0 {
            return Err(not_found(user_id));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::test_support::{fresh_store, new_coordinator};
    use crate::testing::each_backend;

    #[tokio::test]
    async fn passwords_locales_and_disabling_are_saved() {
        let (_dir, store) = fresh_store().await;
        let user = new_coordinator(&store, "a@example.org").await;

        store
            .set_password_hash(user.id, "$argon2id$new")
            .await
            .unwrap();
        store
            .set_user_locale(user.id, Some(vocab::Locale::ZhCn))
            .await
            .unwrap();
        store.set_user_disabled(user.id, true).await.unwrap();

        let saved = store.user_by_id(user.id).await.unwrap().unwrap();
        assert_eq!(
            store.password_hash_of(user.id).await.unwrap().as_deref(),
            Some("$argon2id$new")
        );
        assert_eq!(saved.locale, Some(vocab::Locale::ZhCn));
        assert!(saved.disabled);
        assert!(store.set_user_disabled(999, true).await.is_err());
    }

    #[tokio::test]
    async fn a_new_password_ends_every_session_of_the_account() {
        for t in each_backend().await {
            let store = &t.store;
            let user = new_coordinator(store, "a@example.org").await;
            let session = store
                .create_session(user.id, Duration::from_secs(3600))
                .await
                .unwrap();

            store
                .set_password_hash(user.id, "$argon2id$new")
                .await
                .unwrap();

            assert_eq!(
                store.session_user(&session).await.unwrap(),
                None,
                "{}",
                t.backend
            );
            assert!(store.set_password_hash(999, "$argon2id$x").await.is_err());
            t.finish().await;
        }
    }
}
