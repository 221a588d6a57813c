//! After a run: is every acknowledged rating in the database exactly once? Read straight from
//! the server's database, not through the server, so a server that acknowledged a read it
//! never committed cannot vouch for itself.

use std::collections::HashSet;

/// What the database holds of the run's acknowledged ratings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    /// Acknowledged keys with no row.
    pub lost: usize,
    /// (reader, session, case, step) saved more than once, or a key stored twice.
    pub duplicated: usize,
}

const KEYS: &str = "SELECT idempotency_key FROM reads WHERE study_id = $1";
const DOUBLES: &str = "SELECT COUNT(*) FROM (SELECT reader_id FROM reads \
     WHERE study_id = $1 AND supersedes IS NULL \
     GROUP BY reader_id, session, case_ref, stage HAVING COUNT(*) > 1) AS doubled";

/// Checks `acknowledged` against the reads of `study_id` in the database at `url`.
///
/// # Errors
/// [`sqlx::Error`] when the database cannot be opened or read.
pub async fn stored_once(
    url: &str,
    study_id: i64,
    acknowledged: &[String],
) -> Result<Stored, sqlx::Error> {
    let (keys, doubles): (Vec<(String,)>, (i64,)) = if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await?;
        let keys = sqlx::query_as(KEYS).bind(study_id).fetch_all(&pool).await?;
        let doubles = sqlx::query_as(DOUBLES)
            .bind(study_id)
            .fetch_one(&pool)
            .await?;
        pool.close().await;
        (keys, doubles)
    } else {
        let pool = sqlx::PgPool::connect(url).await?;
        let keys = sqlx::query_as(KEYS).bind(study_id).fetch_all(&pool).await?;
        let doubles = sqlx::query_as(DOUBLES)
            .bind(study_id)
            .fetch_one(&pool)
            .await?;
        pool.close().await;
        (keys, doubles)
    };
    let stored_keys: Vec<String> = keys.into_iter().map(|(k,)| k).collect();
    let distinct: HashSet<&String> = stored_keys.iter().collect();
    let lost = acknowledged
        .iter()
        .filter(|k| !distinct.contains(k))
        .count();
    let duplicated = doubles.0 as usize + (stored_keys.len() - distinct.len());
    Ok(Stored { lost, duplicated })
}
