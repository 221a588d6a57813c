//! Login throttling: every sign-in attempt is recorded (email, client address, outcome, time),
//! and an email or an address with too many recent failures is locked out for a while.
//!
//! An email is locked after `max_failures_per_email` failures in a row (a success resets the
//! count) within `window`; an address after `max_failures_per_ip` failures within `window`,
//! whatever the emails (one guesser trying many accounts). The lock lifts when the oldest of
//! those failures leaves the window.
//!
//! An attempt is recorded, as a failure, before its password is checked, in the same
//! transaction that checks the lock (see [`Store::begin_login_attempt`]); a right password
//! then marks it a success. Checking and recording apart would let parallel guesses all pass
//! the check before any of them is recorded.

use std::time::{Duration, SystemTime};

use crate::pool::on_pool;
use crate::secret::{before, parse, rfc3339};
use crate::users::{email_too_long, normalize_email};
use crate::{Backend, Store, StoreError};

/// Client addresses are the listener's (at most 45 characters for IPv6); anything longer is
/// cut, so that no caller can store more.
const MAX_IP_CHARS: usize = 64;

/// How many failures lock an email or an address, and for how long they count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub max_failures_per_email: i64,
    pub max_failures_per_ip: i64,
    pub window: Duration,
}

impl Default for ThrottlePolicy {
    /// Five failures per email or twenty per address within fifteen minutes.
    fn default() -> Self {
        ThrottlePolicy {
            max_failures_per_email: 5,
            max_failures_per_ip: 20,
            window: Duration::from_secs(15 * 60),
        }
    }
}

/// Attempts older than this are deleted when new ones are recorded.
const KEEP_ATTEMPTS: Duration = Duration::from_secs(30 * 86_400);

/// The latest failures of an email since its last success, newest first (`$5` excludes one
/// attempt: the caller's own).
const EMAIL_FAILURES: &str = "SELECT at FROM login_attempts \
    WHERE email = $1 AND succeeded = $2 AND at >= $3 AND id <> $5 AND id > COALESCE( \
      (SELECT MAX(id) FROM login_attempts WHERE email = $1 AND succeeded = $4), 0) \
    ORDER BY id DESC LIMIT $6";
/// The latest failures from an address, newest first (`$4` excludes the caller's own).
const IP_FAILURES: &str = "SELECT at FROM login_attempts \
    WHERE ip = $1 AND succeeded = $2 AND at >= $3 AND id <> $4 ORDER BY id DESC LIMIT $5";

/// Whether a sign-in attempt may check its password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginAttempt {
    /// Recorded as a failure until [`Store::mark_login_succeeded`] says otherwise.
    Allowed { id: i64 },
    /// Refused without being recorded: the email or the address is locked until then.
    Locked { until: SystemTime },
}

/// Runs the two failure queries on `$executor` and says until when the email or the address
/// is locked (`None` when neither is), not counting the attempt `$own`.
macro_rules! locked_until {
    ($executor:expr, $email:expr, $ip:expr, $own:expr, $policy:expr) => {{
        let policy: &ThrottlePolicy = $policy;
        let since = before(policy.window);
        let email_failures: Vec<(String,)> = sqlx::query_as(EMAIL_FAILURES)
            .bind($email)
            .bind(false)
            .bind(&since)
            .bind(true)
            .bind($own)
            .bind(policy.max_failures_per_email)
            .fetch_all(&mut *$executor)
            .await?;
        let ip_failures: Vec<(String,)> = sqlx::query_as(IP_FAILURES)
            .bind($ip)
            .bind(false)
            .bind(&since)
            .bind($own)
            .bind(policy.max_failures_per_ip)
            .fetch_all(&mut *$executor)
            .await?;
        lock_end(&email_failures, &ip_failures, policy)
    }};
}

/// When the lock lifts: when the oldest of the last `limit` failures leaves the window, for
/// whichever of email and address holds out longer; `None` when neither reached its limit.
fn lock_end(
    email_failures: &[(String,)],
    ip_failures: &[(String,)],
    policy: &ThrottlePolicy,
) -> Option<SystemTime> {
    let lifted = |failures: &[(String,)], limit: i64| -> Option<SystemTime> {
        let limit = usize::try_from(limit).ok().filter(|&n| n > 0)?;
        let oldest = failures.get(limit - 1)?;
        parse(&oldest.0).map(|at| at + policy.window)
    };
    [
        lifted(email_failures, policy.max_failures_per_email),
        lifted(ip_failures, policy.max_failures_per_ip),
    ]
    .into_iter()
    .flatten()
    .max()
    .filter(|&until| until > SystemTime::now())
}

impl Store {
    /// Starts a sign-in attempt, before its password is checked: refuses it while the email
    /// or the address is locked, else records it as a failure and returns its id.
    ///
    /// Checking and recording are one transaction that holds a lock on the email and the
    /// address (PostgreSQL advisory locks; SQLite's write lock, which the first statement, an
    /// INSERT, takes), so that parallel attempts are counted one after another: of thirty
    /// simultaneous guesses, only as many as the limit reach the password check.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an email longer than [`crate::MAX_EMAIL_CHARS`] (nothing is
    /// recorded); [`StoreError::Query`] when the database fails.
    pub async fn begin_login_attempt(
        &self,
        email: &str,
        ip: &str,
        policy: &ThrottlePolicy,
    ) -> Result<LoginAttempt, StoreError> {
        if email_too_long(email) {
            return Err(StoreError::Invalid(
                "the email address is too long to sign in with".into(),
            ));
        }
        let email = normalize_email(email);
        let ip: String = ip.chars().take(MAX_IP_CHARS).collect();
        self.forget_old_attempts().await?;
        let postgres = self.backend() == Backend::Postgres;
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            if postgres {
                // Email first, then address, always: no two attempts wait on each other in a
                // circle. The first key keeps the two kinds of lock apart.
                sqlx::query("SELECT pg_advisory_xact_lock(1, hashtext($1))")
                    .bind(&email)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("SELECT pg_advisory_xact_lock(2, hashtext($1))")
                    .bind(&ip)
                    .execute(&mut *tx)
                    .await?;
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO login_attempts (email, ip, succeeded, at) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(&email)
            .bind(&ip)
            .bind(false)
            .bind(rfc3339(SystemTime::now()))
            .fetch_one(&mut *tx)
            .await?;
            match locked_until!(tx, &email, &ip, id, policy) {
                // Dropping the transaction rolls the attempt's row back.
                Some(until) => Ok(LoginAttempt::Locked { until }),
                None => {
                    tx.commit().await?;
                    Ok(LoginAttempt::Allowed { id })
                }
            }
        })
    }

    /// Marks an attempt begun with [`Store::begin_login_attempt`] as a success, which resets
    /// its email's count of failures.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn mark_login_succeeded(&self, attempt_id: i64) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query("UPDATE login_attempts SET succeeded = $1 WHERE id = $2")
                .bind(true)
                .bind(attempt_id)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    /// Records one finished sign-in attempt in one go (for arranging tests and tools; the
    /// sign-in itself uses [`Store::begin_login_attempt`]).
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an email longer than [`crate::MAX_EMAIL_CHARS`];
    /// [`StoreError::Query`] when the database fails.
    pub async fn record_login_attempt(
        &self,
        email: &str,
        ip: &str,
        succeeded: bool,
    ) -> Result<(), StoreError> {
        if email_too_long(email) {
            return Err(StoreError::Invalid(
                "the email address is too long to sign in with".into(),
            ));
        }
        let email = normalize_email(email);
        let ip: String = ip.chars().take(MAX_IP_CHARS).collect();
        self.forget_old_attempts().await?;
        on_pool!(self, pool => {
            sqlx::query("INSERT INTO login_attempts (email, ip, succeeded, at) VALUES ($1, $2, $3, $4)")
                .bind(&email)
                .bind(&ip)
                .bind(succeeded)
                .bind(rfc3339(SystemTime::now()))
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Until when sign-ins for this email or from this address are refused; `None` when
    /// neither is locked. Only a look: [`Store::begin_login_attempt`] checks and records at
    /// once.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn login_locked_until(
        &self,
        email: &str,
        ip: &str,
        policy: &ThrottlePolicy,
    ) -> Result<Option<SystemTime>, StoreError> {
        let email = normalize_email(email);
        on_pool!(self, pool => {
            let mut conn = pool.acquire().await?;
            Ok(locked_until!(conn, &email, ip, 0_i64, policy))
        })
    }

    /// Every attempt that no longer counts for anything.
    async fn forget_old_attempts(&self) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query("DELETE FROM login_attempts WHERE at < $1")
                .bind(before(KEEP_ATTEMPTS))
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::fresh_store;

    async fn fail(store: &Store, email: &str, ip: &str, times: usize) {
        for _ in 0..times {
            store.record_login_attempt(email, ip, false).await.unwrap();
        }
    }

    #[tokio::test]
    async fn five_failures_lock_the_email_for_the_window() {
        let (_dir, store) = fresh_store().await;
        let policy = ThrottlePolicy::default();
        fail(&store, "ana@example.org", "10.0.0.1", 4).await;
        assert_eq!(
            store
                .login_locked_until("ana@example.org", "10.0.0.1", &policy)
                .await
                .unwrap(),
            None
        );

        fail(&store, "ANA@example.org", "10.0.0.2", 1).await;

        let until = store
            .login_locked_until("ana@example.org", "10.0.0.3", &policy)
            .await
            .unwrap()
            .expect("the email is locked");
        assert!(until > SystemTime::now() + Duration::from_secs(14 * 60));
    }

    #[tokio::test]
    async fn a_success_resets_the_count_of_an_email() {
        let (_dir, store) = fresh_store().await;
        let policy = ThrottlePolicy::default();
        fail(&store, "ana@example.org", "10.0.0.1", 4).await;
        store
            .record_login_attempt("ana@example.org", "10.0.0.1", true)
            .await
            .unwrap();

        fail(&store, "ana@example.org", "10.0.0.1", 4).await;

        assert_eq!(
            store
                .login_locked_until("ana@example.org", "10.0.0.1", &policy)
                .await
                .unwrap(),
            None
        );
    }

    #[tokio::test]
    async fn many_failures_from_one_address_lock_it_for_every_email() {
        let (_dir, store) = fresh_store().await;
        let policy = ThrottlePolicy::default();
        for n in 0..20 {
            fail(&store, &format!("guess{n}@example.org"), "10.6.6.6", 1).await;
        }

        let from_guesser = store
            .login_locked_until("new@example.org", "10.6.6.6", &policy)
            .await
            .unwrap();
        let from_elsewhere = store
            .login_locked_until("new@example.org", "10.0.0.1", &policy)
            .await
            .unwrap();

        assert!(from_guesser.is_some());
        assert_eq!(from_elsewhere, None);
    }

    #[tokio::test]
    async fn failures_outside_the_window_do_not_count() {
        let (_dir, store) = fresh_store().await;
        let policy = ThrottlePolicy {
            window: Duration::ZERO,
            ..ThrottlePolicy::default()
        };
        fail(&store, "ana@example.org", "10.0.0.1", 6).await;
        tokio::time::sleep(Duration::from_millis(1100)).await;

        assert_eq!(
            store
                .login_locked_until("ana@example.org", "10.0.0.1", &policy)
                .await
                .unwrap(),
            None
        );
    }

    #[tokio::test]
    async fn thirty_parallel_attempts_let_only_the_limit_through() {
        for t in crate::testing::each_backend().await {
            let policy = ThrottlePolicy::default();
            let attempts = (0..30)
                .map(|_| {
                    let store = t.store.clone();
                    tokio::spawn(async move {
                        store
                            .begin_login_attempt("ana@example.org", "10.0.0.1", &policy)
                            .await
                    })
                })
                .collect::<Vec<_>>();
            let mut allowed = 0;
            for attempt in attempts {
                if let LoginAttempt::Allowed { .. } = attempt.await.unwrap().unwrap() {
                    allowed += 1;
                }
            }

            assert_eq!(allowed, policy.max_failures_per_email, "{}", t.backend);
            assert!(t
                .store
                .login_locked_until("ana@example.org", "10.0.0.2", &policy)
                .await
                .unwrap()
                .is_some());
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn a_success_marked_after_the_check_resets_the_count() {
        for t in crate::testing::each_backend().await {
            let policy = ThrottlePolicy::default();
            fail(&t.store, "ana@example.org", "10.0.0.1", 4).await;
            let LoginAttempt::Allowed { id } = t
                .store
                .begin_login_attempt("ana@example.org", "10.0.0.1", &policy)
                .await
                .unwrap()
            else {
                panic!("the fifth attempt may check its password");
            };
            assert!(t
                .store
                .login_locked_until("ana@example.org", "10.0.0.1", &policy)
                .await
                .unwrap()
                .is_some());

            t.store.mark_login_succeeded(id).await.unwrap();

            assert_eq!(
                t.store
                    .login_locked_until("ana@example.org", "10.0.0.1", &policy)
                    .await
                    .unwrap(),
                None,
                "{}",
                t.backend
            );
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn an_overlong_email_is_refused_and_not_recorded() {
        for t in crate::testing::each_backend().await {
            let email = format!("{}@example.org", "a".repeat(2_000_000));

            let begun = t
                .store
                .begin_login_attempt(&email, "10.0.0.1", &ThrottlePolicy::default())
                .await;
            let recorded = t
                .store
                .record_login_attempt(&email, "10.0.0.1", false)
                .await;

            assert!(matches!(begun, Err(StoreError::Invalid(_))), "{begun:?}");
            assert!(matches!(recorded, Err(StoreError::Invalid(_))));
            let rows: i64 = on_pool!(t.store, pool => {
                sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts").fetch_one(pool).await
            })
            .unwrap();
            assert_eq!(rows, 0, "{}", t.backend);
            t.finish().await;
        }
    }
}
