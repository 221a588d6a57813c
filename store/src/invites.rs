//! Invitations: a one-time, expiring link through which a new account chooses its password.
//! The token is returned once in clear for the link; only its SHA-256 is stored.

use std::time::{Duration, SystemTime};

use crate::pool::on_pool;
use crate::secret::{after, new_token, rfc3339, token_hash};
use crate::users::User;
use crate::{now_rfc3339, Store, StoreError};

/// An invitation as stored, with the account it is for.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Invite {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub created_at: String,
    pub expires_at: String,
    pub used_at: Option<String>,
}

impl Invite {
    /// Whether the link may still be used: never used and not expired.
    pub fn is_usable(&self) -> bool {
        self.used_at.is_none() && self.expires_at > rfc3339(SystemTime::now())
    }
}

impl Store {
    /// Creates an invitation for an account, valid for `valid_for`, and returns its token.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] when there is no such account; [`StoreError::Query`] when
    /// the database fails.
    pub async fn create_invite(
        &self,
        user_id: i64,
        valid_for: Duration,
    ) -> Result<String, StoreError> {
        if self.user_by_id(user_id).await?.is_none() {
            return Err(StoreError::Invalid(format!(
                "there is no account with id {user_id} to invite"
            )));
        }
        let token = new_token();
        const SQL: &str = "INSERT INTO invites (token_hash, user_id, created_at, expires_at) \
                           VALUES ($1, $2, $3, $4)";
        on_pool!(self, pool => {
            sqlx::query(SQL)
                .bind(token_hash(&token))
                .bind(user_id)
                .bind(now_rfc3339())
                .bind(after(valid_for))
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(token)
    }

    /// The invitation a token names, used or not; `None` for an unknown token.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn invite_by_token(&self, token: &str) -> Result<Option<Invite>, StoreError> {
        const SQL: &str =
            "SELECT i.user_id, u.email, u.name, i.created_at, i.expires_at, i.used_at \
                           FROM invites i JOIN users u ON u.id = i.user_id WHERE i.token_hash = $1";
        let hash = token_hash(token);
        Ok(on_pool!(self, pool => sqlx::query_as(SQL).bind(&hash).fetch_optional(pool).await)?)
    }

    /// Uses an invitation: marks it used and sets the account's password hash, in one
    /// transaction, so that two concurrent uses cannot both succeed. Returns the account, or
    /// `None` when the token is unknown, used, expired, or its account is disabled (nothing
    /// changes then).
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn use_invite(
        &self,
        token: &str,
        password_hash: &str,
    ) -> Result<Option<User>, StoreError> {
        let hash = token_hash(token);
        let now = now_rfc3339();
        let user_id: Option<i64> = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let claimed: Option<(i64,)> = sqlx::query_as(
                "UPDATE invites SET used_at = $1 \
                 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
            )
            .bind(&now)
            .bind(&hash)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((user_id,)) = claimed else {
                return Ok(None);
            };
            let updated = sqlx::query(
                "UPDATE users SET password_hash = $1 WHERE id = $2 AND disabled = $3",
            )
            .bind(password_hash)
            .bind(user_id)
            .bind(false)
            .execute(&mut *tx)
            .await?;
            if updated.rows_affected() == 0 {
                return Ok(None);
            }
            tx.commit().await?;
            Some(user_id)
        });
        match user_id {
            Some(id) => self.user_by_id(id).await,
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{fresh_store, new_coordinator};

    const WEEK: Duration = Duration::from_secs(7 * 86_400);

    #[tokio::test]
    async fn an_invitation_sets_the_password_once() {
        let (_dir, store) = fresh_store().await;
        let user = new_coordinator(&store, "ana@example.org").await;
        let token = store.create_invite(user.id, WEEK).await.unwrap();
        assert!(store
            .invite_by_token(&token)
            .await
            .unwrap()
            .unwrap()
            .is_usable());

        let first = store.use_invite(&token, "$argon2id$chosen").await.unwrap();
        let second = store.use_invite(&token, "$argon2id$again").await.unwrap();

        assert_eq!(first.map(|u| u.id), Some(user.id));
        assert_eq!(second, None);
        assert_eq!(
            store.password_hash_of(user.id).await.unwrap().as_deref(),
            Some("$argon2id$chosen")
        );
        assert!(!store
            .invite_by_token(&token)
            .await
            .unwrap()
            .unwrap()
            .is_usable());
    }

    #[tokio::test]
    async fn an_expired_invitation_changes_nothing() {
        let (_dir, store) = fresh_store().await;
        let user = new_coordinator(&store, "ana@example.org").await;
        let token = store.create_invite(user.id, Duration::ZERO).await.unwrap();

        let used = store.use_invite(&token, "$argon2id$chosen").await.unwrap();

        assert_eq!(used, None);
        assert!(!store
            .invite_by_token(&token)
            .await
            .unwrap()
            .unwrap()
            .is_usable());
        assert_eq!(store.invite_by_token("unknown").await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_disabled_account_cannot_use_its_invitation() {
        let (_dir, store) = fresh_store().await;
        let user = new_coordinator(&store, "ana@example.org").await;
        let token = store.create_invite(user.id, WEEK).await.unwrap();
        store.set_user_disabled(user.id, true).await.unwrap();

        assert_eq!(store.use_invite(&token, "$argon2id$x").await.unwrap(), None);
    }
}
