//! What `synchronous=FULL` costs a saved read on SQLite: the same read-plus-audit transaction
//! (one INSERT and one UPDATE, committed) timed under `synchronous=NORMAL` (the baseline, in
//! the same process and on the same disk) and `FULL`, in alternating rounds so that other load
//! on the machine falls on both alike; the medians of the rounds are printed.
//! Run: `cargo bench -p store --bench durability`.

use std::str::FromStr;
use std::time::{Duration, Instant};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::Executor;

const N: usize = 200;
const ROUNDS: usize = 7;

async fn commits(dir: &std::path::Path, round: usize, synchronous: SqliteSynchronous) -> Duration {
    let url = format!(
        "sqlite://{}",
        dir.join(format!("{synchronous:?}-{round}.db")).display()
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

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let per = |d: Duration| d.as_secs_f64() * 1000.0 / N as f64;
    let (mut normal, mut full, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let n = per(commits(dir.path(), round, SqliteSynchronous::Normal).await);
        let f = per(commits(dir.path(), round, SqliteSynchronous::Full).await);
        normal.push(n);
        full.push(f);
        ratio.push(f / n);
    }
    let (n, f) = (median(normal), median(full));
    println!("read + audit commit, synchronous=NORMAL (baseline): {n:.3} ms (median of {ROUNDS} rounds of {N})");
    println!("read + audit commit, synchronous=FULL:              {f:.3} ms");
    println!(
        "FULL / NORMAL: {:.2}x median ratio  (+{:.3} ms per saved read)",
        median(ratio),
        f - n
    );
}
