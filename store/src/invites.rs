//! Invitations: a one-time, expiring link through which a new account chooses its password.
//! The token is returned once in clear for the link; only its SHA-256 is stored.
//!
//! An account has at most one live link, and only while it has no password: making a link
//! revokes the account's earlier unused ones, using one revokes the rest, and a link never sets
//! the password of an account that already has one (that would hand the account to whoever
//! holds an old link, or to any coordinator who enrols it in another study).

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
    /// When a newer link replaced this one, or another link of the account was used.
    pub revoked_at: Option<String>,
    /// Whether the account already has a password (then no link may set one).
    pub account_has_password: bool,
    pub account_disabled: bool,
}

/// What a link can do now, and if nothing, why not (each reason is told apart on the page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InviteState {
    Usable,
    /// This link was used, or the account got its password another way: sign in instead.
    Used,
    /// A newer link replaced this one.
    Superseded,
    Expired,
    AccountDisabled,
}

impl Invite {
    /// The first reason that applies, in the order most useful to the person holding the link:
    /// once the account has a password, signing in is the way on, whatever else is true.
    pub fn state(&self) -> InviteState {
        if self.used_at.is_some() || self.account_has_password {
            InviteState::Used
        } else if self.revoked_at.is_some() {
            InviteState::Superseded
        } else if self.expires_at <= rfc3339(SystemTime::now()) {
            InviteState::Expired
        } else if self.account_disabled {
            InviteState::AccountDisabled
        } else {
            InviteState::Usable
        }
    }

    /// Whether the link may still be used.
    pub fn is_usable(&self) -> bool {
        self.state() == InviteState::Usable
    }
}

/// The message for an account that has a password and so gets no link.
fn has_password(user_id: i64) -> StoreError {
    StoreError::Invalid(format!(
        "the account {user_id} already has a password; it signs in with it and needs no invitation"
    ))
}

/// Revokes an account's (`$2`) live links at time `$1`: one account has at most one live link,
/// and none once its password is set.
pub(crate) const REVOKE_LIVE_INVITES: &str = "UPDATE invites SET revoked_at = $1 \
     WHERE user_id = $2 AND used_at IS NULL AND revoked_at IS NULL";

impl Store {
    /// Creates an invitation for an account without a password, valid for `valid_for`, and
    /// returns its token. The account's earlier unused links stop working.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] when there is no such account or it already has a password;
    /// [`StoreError::Query`] when the database fails.
    pub async fn create_invite(
        &self,
        user_id: i64,
        valid_for: Duration,
    ) -> Result<String, StoreError> {
        let token = new_token();
        let now = now_rfc3339();
        let created: bool = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            // A no-op write on the account first: it takes SQLite's write lock and the
            // account's row lock in PostgreSQL, the same lock `use_invite` takes first, so a
            // link cannot be made while another is being used (nor deadlock with it), and the
            // password check below cannot go stale.
            let lockable: Option<(i64,)> = sqlx::query_as(
                "UPDATE users SET password_hash = password_hash \
                 WHERE id = $1 AND password_hash IS NULL RETURNING id",
            )
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
            if lockable.is_none() {
                false
            } else {
                sqlx::query(REVOKE_LIVE_INVITES)
                .bind(&now)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO invites (token_hash, user_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash(&token))
                .bind(user_id)
                .bind(&now)
                .bind(after(valid_for))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                true
            }
        });
        if created {
            return Ok(token);
        }
        match self.user_by_id(user_id).await? {
            Some(_) => Err(has_password(user_id)),
            None => Err(StoreError::Invalid(format!(
                "there is no account with id {user_id} to invite"
            ))),
        }
    }

    /// The invitation a token names, whatever its state; `None` for an unknown token.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn invite_by_token(&self, token: &str) -> Result<Option<Invite>, StoreError> {
        const SQL: &str = "SELECT i.user_id, u.email, u.name, i.created_at, i.expires_at, \
             i.used_at, i.revoked_at, (u.password_hash IS NOT NULL) AS account_has_password, \
             u.disabled AS account_disabled \
             FROM invites i JOIN users u ON u.id = i.user_id WHERE i.token_hash = $1";
        let hash = token_hash(token);
        Ok(on_pool!(self, pool => sqlx::query_as(SQL).bind(&hash).fetch_optional(pool).await)?)
    }

    /// Uses an invitation: sets the password of its account, which must have none yet, marks
    /// the link used, revokes the account's other links and ends its sessions, all in one
    /// transaction, so that two concurrent uses (of one link or two) cannot both succeed.
    /// Returns the account, or `None` when the link is unknown, used, revoked, expired, its
    /// account is disabled or already has a password (nothing changes then).
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
            // The account first (as in `create_invite`): on PostgreSQL a concurrent use waits
            // for this row and then finds the password set; on SQLite this takes the write
            // lock before anything is read.
            let set: Option<(i64,)> = sqlx::query_as(
                "UPDATE users SET password_hash = $1 \
                 WHERE id = (SELECT user_id FROM invites WHERE token_hash = $2 \
                             AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $3) \
                   AND password_hash IS NULL AND disabled = $4 \
                 RETURNING id",
            )
            .bind(password_hash)
            .bind(&hash)
            .bind(&now)
            .bind(false)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((user_id,)) = set else {
                return Ok(None);
            };
            // Claimed again under the lock: a link revoked by a `create_invite` that committed
            // while this transaction waited for the account must not count.
            let claimed = sqlx::query(
                "UPDATE invites SET used_at = $1 \
                 WHERE token_hash = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
            )
            .bind(&now)
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
            if claimed.rows_affected() == 0 {
                return Ok(None);
            }
            sqlx::query(REVOKE_LIVE_INVITES)
            .bind(&now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query(crate::sessions::END_SESSIONS_OF_USER)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
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
    use crate::testing::each_backend;
    use crate::{NewUser, Role};

    const WEEK: Duration = Duration::from_secs(7 * 86_400);
    const HOUR: Duration = Duration::from_secs(3600);

    async fn invited(store: &Store, email: &str) -> User {
        store
            .create_user(&NewUser {
                email: email.into(),
                name: "Rui Costa".into(),
                role: Role::Reader,
                password_hash: None,
            })
            .await
            .unwrap()
    }

    async fn state(store: &Store, token: &str) -> InviteState {
        store
            .invite_by_token(token)
            .await
            .unwrap()
            .expect("the link is known")
            .state()
    }

    #[tokio::test]
    async fn an_invitation_sets_the_password_once() {
        for t in each_backend().await {
            let store = &t.store;
            let user = invited(store, "rui@example.org").await;
            let token = store.create_invite(user.id, WEEK).await.unwrap();
            assert_eq!(
                state(store, &token).await,
                InviteState::Usable,
                "{}",
                t.backend
            );

            let first = store.use_invite(&token, "$argon2id$chosen").await.unwrap();
            let second = store.use_invite(&token, "$argon2id$again").await.unwrap();

            assert_eq!(first.map(|u| u.id), Some(user.id), "{}", t.backend);
            assert_eq!(second, None, "{}", t.backend);
            assert_eq!(
                store.password_hash_of(user.id).await.unwrap().as_deref(),
                Some("$argon2id$chosen"),
                "{}",
                t.backend
            );
            assert_eq!(
                state(store, &token).await,
                InviteState::Used,
                "{}",
                t.backend
            );
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn an_expired_invitation_changes_nothing() {
        for t in each_backend().await {
            let store = &t.store;
            let user = invited(store, "rui@example.org").await;
            let token = store.create_invite(user.id, Duration::ZERO).await.unwrap();

            let used = store.use_invite(&token, "$argon2id$chosen").await.unwrap();

            assert_eq!(used, None, "{}", t.backend);
            assert_eq!(
                state(store, &token).await,
                InviteState::Expired,
                "{}",
                t.backend
            );
            assert_eq!(store.password_hash_of(user.id).await.unwrap(), None);
            assert_eq!(store.invite_by_token("unknown").await.unwrap(), None);
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn a_disabled_account_cannot_use_its_invitation() {
        for t in each_backend().await {
            let store = &t.store;
            let user = invited(store, "rui@example.org").await;
            let token = store.create_invite(user.id, WEEK).await.unwrap();
            store.set_user_disabled(user.id, true).await.unwrap();

            assert_eq!(store.use_invite(&token, "$argon2id$x").await.unwrap(), None);
            assert_eq!(
                state(store, &token).await,
                InviteState::AccountDisabled,
                "{}",
                t.backend
            );
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn a_new_link_supersedes_the_accounts_earlier_unused_one() {
        for t in each_backend().await {
            let store = &t.store;
            let user = invited(store, "rui@example.org").await;
            let old = store.create_invite(user.id, WEEK).await.unwrap();

            let new = store.create_invite(user.id, WEEK).await.unwrap();

            assert_eq!(
                state(store, &old).await,
                InviteState::Superseded,
                "{}",
                t.backend
            );
            assert_eq!(store.use_invite(&old, "$argon2id$old").await.unwrap(), None);
            assert!(store
                .use_invite(&new, "$argon2id$new")
                .await
                .unwrap()
                .is_some());
            assert_eq!(
                state(store, &old).await,
                InviteState::Used,
                "once the account has its password, every old link says so"
            );
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn an_account_with_a_password_gets_no_link_and_no_old_link_resets_it() {
        for t in each_backend().await {
            let store = &t.store;
            let user = invited(store, "rui@example.org").await;
            let first = store.create_invite(user.id, WEEK).await.unwrap();
            store.use_invite(&first, "$argon2id$own").await.unwrap();
            // A link left over from before links were revoked, still unused.
            on_pool!(store, pool => {
                sqlx::query("INSERT INTO invites (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                    .bind(token_hash("leftover"))
                    .bind(user.id)
                    .bind(now_rfc3339())
                    .bind(after(WEEK))
                    .execute(pool)
                    .await
                    .map(|_| ())
            })
            .unwrap();

            let refused = store.create_invite(user.id, WEEK).await.unwrap_err();
            let reset = store
                .use_invite("leftover", "$argon2id$taken")
                .await
                .unwrap();

            assert!(
                refused.to_string().contains("already has a password"),
                "{refused}"
            );
            assert_eq!(reset, None, "{}", t.backend);
            assert_eq!(state(store, "leftover").await, InviteState::Used);
            assert_eq!(
                store.password_hash_of(user.id).await.unwrap().as_deref(),
                Some("$argon2id$own"),
                "{}",
                t.backend
            );
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn using_a_link_ends_the_accounts_other_sessions() {
        for t in each_backend().await {
            let store = &t.store;
            let user = invited(store, "rui@example.org").await;
            let stolen = store.create_session(user.id, HOUR).await.unwrap();
            let token = store.create_invite(user.id, WEEK).await.unwrap();

            store.use_invite(&token, "$argon2id$own").await.unwrap();

            assert_eq!(
                store.session_user(&stolen).await.unwrap(),
                None,
                "{}",
                t.backend
            );
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn concurrent_uses_of_one_link_set_one_password() {
        for t in each_backend().await {
            let user = invited(&t.store, "rui@example.org").await;
            let token = t.store.create_invite(user.id, WEEK).await.unwrap();

            let uses = (0..8)
                .map(|n| {
                    let (store, token) = (t.store.clone(), token.clone());
                    tokio::spawn(async move {
                        store.use_invite(&token, &format!("$argon2id${n}")).await
                    })
                })
                .collect::<Vec<_>>();
            let mut succeeded = 0;
            for used in uses {
                if used.await.unwrap().unwrap().is_some() {
                    succeeded += 1;
                }
            }

            assert_eq!(succeeded, 1, "{}", t.backend);
            t.finish().await;
        }
    }
}
