//! Raw SQL against a test database, for tests that must tamper with stored rows (e.g. to prove
//! the audit chain notices).

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
