//! Raw SQL against a test database, for tests that must tamper with stored rows (e.g. to prove
//! the audit chain notices) or look at rows no store function reads.

use sqlx::{Connection, Executor};

/// Runs one statement on the database at `url` (SQLite or PostgreSQL).
///
/// # Panics
/// When the database cannot be opened or the statement fails.
pub async fn execute(url: &str, sql: &str) {
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        conn.execute(sql).await.unwrap();
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        conn.execute(sql).await.unwrap();
    }
}

/// The one number a query returns (write it to return a BIGINT on both backends, e.g.
/// `SELECT CAST(COUNT(*) AS BIGINT) ...`), to look at rows no store function reads.
///
/// # Panics
/// When the database cannot be opened or the query fails.
pub async fn fetch_i64(url: &str, sql: &str) -> i64 {
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
    }
}
