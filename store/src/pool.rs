//! Connecting to SQLite or PostgreSQL from a `DATABASE_URL`, and running their migrations.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::StoreError;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// Which database engine a [`Store`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a URL names, from its scheme.
    ///
    /// # Errors
    /// [`StoreError::UnsupportedUrl`] when the scheme is neither `sqlite:` nor `postgres(ql):`.
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(redact(url)))
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A handle on the database; cheap to clone (it wraps a connection pool).
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: Pool,
    /// Keys the audit chain; never stored in the database.
    pub(crate) audit_key: std::sync::Arc<crate::AuditKey>,
}

/// Runs the same sqlx expression against whichever pool the store holds. Queries are written
/// once with `$1`-style placeholders, which both SQLite and PostgreSQL accept.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.pool {
            $crate::pool::Pool::Sqlite($pool) => $body,
            $crate::pool::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

impl Store {
    /// Opens a pool on `url`, keying the audit chain with `audit_key`. A SQLite file is created
    /// if missing and put in WAL mode so that readers never block the writer, with
    /// `synchronous=FULL`: each commit (an acknowledged read) is synced to disk before it
    /// returns, so a power cut cannot lose it (NORMAL would keep it safe from a crash of
    /// Lector but not of the machine).
    ///
    /// # Errors
    /// [`StoreError::UnsupportedUrl`] for an unknown scheme, [`StoreError::Connect`] when the
    /// database cannot be reached or opened.
    pub async fn connect(url: &str, audit_key: crate::AuditKey) -> Result<Self, StoreError> {
        let connect_err = |source| StoreError::Connect {
            url: redact(url),
            source,
        };
        let pool = match Backend::from_url(url)? {
            Backend::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)
                    .map_err(connect_err)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .connect_with(options)
                    .await
                    .map_err(connect_err)?;
                Pool::Sqlite(pool)
            }
            Backend::Postgres => {
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect(url)
                    .await
                    .map_err(connect_err)?;
                Pool::Postgres(pool)
            }
        };
        Ok(Store {
            pool,
            audit_key: std::sync::Arc::new(audit_key),
        })
    }

    /// A secret for `purpose` derived from the installation's audit key
    /// ([`crate::AuditKey::derive`]): the same on every instance sharing the key.
    pub fn derived_secret(&self, purpose: &str) -> [u8; 32] {
        self.audit_key.derive(purpose)
    }

    /// Applies every embedded migration not yet applied; safe to call at each start.
    ///
    /// # Errors
    /// [`StoreError::Migrate`] when a migration fails or the database has migrations this
    /// binary does not know (a newer Lector wrote it).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Pool::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// A round trip to the database, for health checks.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database does not answer.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Waits for in-flight queries and closes every connection (graceful shutdown).
    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await);
    }
}

/// The URL without its password, safe to log or show.
pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{}@{}", &url[..scheme_end], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_removed_from_urls_before_they_are_shown() {
        assert_eq!(
            redact("postgres://lector:secret@db/lector"),
            "postgres://lector@db/lector"
        );
        assert_eq!(redact("sqlite://data/lector.db"), "sqlite://data/lector.db");
    }

    #[test]
    fn the_backend_is_chosen_by_the_url_scheme() {
        assert_eq!(Backend::from_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::from_url("postgresql://h/db").unwrap(),
            Backend::Postgres
        );
        let err = Backend::from_url("mysql://h/db").unwrap_err();
        assert!(err.to_string().contains("unsupported database url"));
    }
}
