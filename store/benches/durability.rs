//! What `synchronous=FULL` costs a saved read on SQLite: the same read-plus-audit transaction
//! (one INSERT and one UPDATE, committed) timed under `synchronous=NORMAL` (the baseline, in
//! the same process and on the same disk) and `FULL`, then `Store::save_read` itself (FULL).
//! Run: `cargo bench -p store --bench durability`.

use std::str::FromStr;
use std::time::{Duration, Instant};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::Executor;

const N: usize = 400;

async fn commits(dir: &std::path::Path, synchronous: SqliteSynchronous) -> Duration {
    let url = format!(
        "sqlite://{}",
        dir.join(format!("{synchronous:?}.db")).display()
    );
    let options = SqliteConnectOptions::from_str(&url)
        .unwrap()
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(synchronous);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    pool.execute("CREATE TABLE reads (id INTEGER PRIMARY KEY, score INTEGER, detail TEXT)")
        .await
        .unwrap();
    pool.execute("CREATE TABLE head (id INTEGER PRIMARY KEY, seq INTEGER)")
        .await
        .unwrap();
    pool.execute("INSERT INTO head VALUES (1, 0)")
        .await
        .unwrap();
    let started = Instant::now();
    for i in 0..N {
        let mut tx = pool.begin().await.unwrap();
        sqlx::query("INSERT INTO reads (score, detail) VALUES ($1, $2)")
            .bind(i as i64)
            .bind("{\"read\":1,\"score\":70}")
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query("UPDATE head SET seq = seq + 1 WHERE id = 1")
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    started.elapsed()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let normal = commits(dir.path(), SqliteSynchronous::Normal).await;
    let full = commits(dir.path(), SqliteSynchronous::Full).await;
    let per = |d: Duration| d.as_secs_f64() * 1000.0 / N as f64;
    println!(
        "read + audit commit, synchronous=NORMAL (baseline): {:.3} ms",
        per(normal)
    );
    println!(
        "read + audit commit, synchronous=FULL:              {:.3} ms",
        per(full)
    );
    println!(
        "FULL / NORMAL: {:.2}x  (+{:.3} ms per saved read)",
        full.as_secs_f64() / normal.as_secs_f64(),
        per(full) - per(normal)
    );
}
