//! Sign-in sessions: a random token in the browser's cookie, its SHA-256 here. A session
//! lasts `ttl` after its last use (sliding expiry, renewed at most once a minute to spare
//! writes) and ends at once when its account is disabled.

use std::time::{Duration, SystemTime};

use crate::pool::on_pool;
use crate::roles::Role;
use crate::secret::{after, new_token, parse, rfc3339, token_hash};
use crate::users::User;
use crate::{Store, StoreError};

/// How often a session's expiry is pushed forward, at most.
const RENEW_EVERY: Duration = Duration::from_secs(60);

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    password_hash: Option<String>,
    locale: Option<String>,
    created_at: String,
    disabled: bool,
    last_seen_at: String,
    ttl_seconds: i64,
}

/// Ends every session of an account (`$1`): run inside the transaction of the change that
/// requires it (a new password, a disabled account, an invitation used).
pub(crate) const END_SESSIONS_OF_USER: &str = "DELETE FROM sessions WHERE user_id = $1";

impl Store {
    /// Starts a session for an account and returns its token (shown once, to put in a cookie).
    /// Expired sessions of every account are removed on the way.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn create_session(&self, user_id: i64, ttl: Duration) -> Result<String, StoreError> {
        let token = new_token();
        let now = rfc3339(SystemTime::now());
        let expires_at = after(ttl);
        let ttl_seconds = i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX);
        on_pool!(self, pool => {
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(&now)
                .execute(pool)
                .await?;
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ttl_seconds) \
                 VALUES ($1, $2, $3, $3, $4, $5)",
            )
            .bind(token_hash(&token))
            .bind(user_id)
            .bind(&now)
            .bind(&expires_at)
            .bind(ttl_seconds)
            .execute(pool)
            .await?;
        });
        Ok(token)
    }

    /// The account a session token belongs to; `None` when the token is unknown, expired, or
    /// its account is disabled. Pushes the expiry forward when the session was last seen more
    /// than a minute ago.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn session_user(&self, token: &str) -> Result<Option<User>, StoreError> {
        const SQL: &str = "SELECT u.id, u.email, u.name, u.role, u.password_hash, u.locale, \
                           u.created_at, u.disabled, s.last_seen_at, s.ttl_seconds \
                           FROM sessions s JOIN users u ON u.id = s.user_id \
                           WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = $3";
        let hash = token_hash(token);
        let now = SystemTime::now();
        let row: Option<SessionRow> = on_pool!(self, pool => {
            sqlx::query_as(SQL)
                .bind(&hash)
                .bind(rfc3339(now))
                .bind(false)
                .fetch_optional(pool)
                .await
        })?;
        let Some(row) = row else {
            return Ok(None);
        };
        let stale = parse(&row.last_seen_at)
            .and_then(|seen| now.duration_since(seen).ok())
            .is_none_or(|age| age >= RENEW_EVERY);
        if stale {
            let ttl = Duration::from_secs(u64::try_from(row.ttl_seconds).unwrap_or(0));
            on_pool!(self, pool => {
                sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3")
                    .bind(rfc3339(now))
                    .bind(after(ttl))
                    .bind(&hash)
                    .execute(pool)
                    .await
                    .map(|_| ())
            })?;
        }
        Ok(Some(User {
            id: row.id,
            email: row.email,
            name: row.name,
            role: Role::parse(&row.role)?,
            has_password: row.password_hash.is_some(),
            locale: row
                .locale
                .as_deref()
                .map(vocab::Locale::parse)
                .transpose()?,
            created_at: row.created_at,
            disabled: row.disabled,
        }))
    }

    /// Ends one session (signing out). Unknown tokens are ignored.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        let hash = token_hash(token);
        on_pool!(self, pool => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(&hash).execute(pool).await.map(|_| ())
        })?;
        Ok(())
    }

    /// Ends every session of an account and returns how many there were.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn delete_sessions_of(&self, user_id: i64) -> Result<u64, StoreError> {
        let deleted = on_pool!(self, pool => {
            sqlx::query(END_SESSIONS_OF_USER)
                .bind(user_id)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(deleted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{fresh_store, new_coordinator};

    const HOUR: Duration = Duration::from_secs(3600);

    #[tokio::test]
    async fn a_session_token_leads_back_to_its_account() {
        let (_dir, store) = fresh_store().await;
        let user = new_coordinator(&store, "ana@example.org").await;

        let token = store.create_session(user.id, HOUR).await.unwrap();

        let found = store.session_user(&token).await.unwrap().unwrap();
        assert_eq!(found.id, user.id);
        assert_eq!(store.session_user("not-a-token").await.unwrap(), None);
    }

    #[tokio::test]
    async fn an_expired_session_signs_nobody_in() {
        let (_dir, store) = fresh_store().await;
        let user = new_coordinator(&store, "ana@example.org").await;

        let token = store.create_session(user.id, Duration::ZERO).await.unwrap();

        assert_eq!(store.session_user(&token).await.unwrap(), None);
    }

    #[tokio::test]
    async fn signing_out_and_disabling_end_sessions() {
        let (_dir, store) = fresh_store().await;
        let user = new_coordinator(&store, "ana@example.org").await;
        let first = store.create_session(user.id, HOUR).await.unwrap();
        let second = store.create_session(user.id, HOUR).await.unwrap();

        store.delete_session(&first).await.unwrap();
        assert_eq!(store.session_user(&first).await.unwrap(), None);
        assert!(store.session_user(&second).await.unwrap().is_some());
        store.set_user_disabled(user.id, true).await.unwrap();

        assert_eq!(store.session_user(&second).await.unwrap(), None);
        assert_eq!(store.delete_sessions_of(user.id).await.unwrap(), 0);
    }
}
