//! Login throttling: every sign-in attempt is recorded (email, client address, outcome, time),
//! and an email or an address with too many recent failures is locked out for a while.
//!
//! An email is locked after `max_failures_per_email` failures in a row (a success resets the
//! count) within `window`; an address after `max_failures_per_ip` failures within `window`,
//! whatever the emails (one guesser trying many accounts). The lock lifts when the oldest of
//! those failures leaves the window.

use std::time::{Duration, SystemTime};

use crate::pool::on_pool;
use crate::secret::{before, parse, rfc3339};
use crate::users::normalize_email;
use crate::{Store, StoreError};

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

impl Store {
    /// Records one sign-in attempt.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn record_login_attempt(
        &self,
        email: &str,
        ip: &str,
        succeeded: bool,
    ) -> Result<(), StoreError> {
        let email = normalize_email(email);
        let now = rfc3339(SystemTime::now());
        on_pool!(self, pool => {
            sqlx::query("DELETE FROM login_attempts WHERE at < $1")
                .bind(before(KEEP_ATTEMPTS))
                .execute(pool)
                .await?;
            sqlx::query("INSERT INTO login_attempts (email, ip, succeeded, at) VALUES ($1, $2, $3, $4)")
                .bind(&email)
                .bind(ip)
                .bind(succeeded)
                .bind(&now)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Until when sign-ins for this email or from this address are refused; `None` when
    /// neither is locked.
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
        let since = before(policy.window);
        const BY_EMAIL: &str = "SELECT at FROM login_attempts \
            WHERE email = $1 AND succeeded = $2 AND at >= $3 AND id > COALESCE( \
              (SELECT MAX(id) FROM login_attempts WHERE email = $1 AND succeeded = $4), 0) \
            ORDER BY id DESC LIMIT $5";
        const BY_IP: &str = "SELECT at FROM login_attempts \
            WHERE ip = $1 AND succeeded = $2 AND at >= $3 ORDER BY id DESC LIMIT $4";
        let email_failures: Vec<(String,)> = on_pool!(self, pool => {
            sqlx::query_as(BY_EMAIL)
                .bind(&email)
                .bind(false)
                .bind(&since)
                .bind(true)
                .bind(policy.max_failures_per_email)
                .fetch_all(pool)
                .await
        })?;
        let ip_failures: Vec<(String,)> = on_pool!(self, pool => {
            sqlx::query_as(BY_IP)
                .bind(ip)
                .bind(false)
                .bind(&since)
                .bind(policy.max_failures_per_ip)
                .fetch_all(pool)
                .await
        })?;
        let lifted = |failures: &[(String,)], limit: i64| -> Option<SystemTime> {
            let limit = usize::try_from(limit).ok().filter(|&n| n > 0)?;
            let oldest = failures.get(limit - 1)?;
            parse(&oldest.0).map(|at| at + policy.window)
        };
        let until = [
            lifted(&email_failures, policy.max_failures_per_email),
            lifted(&ip_failures, policy.max_failures_per_ip),
        ]
        .into_iter()
        .flatten()
        .max();
        Ok(until.filter(|&until| until > SystemTime::now()))
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
}
