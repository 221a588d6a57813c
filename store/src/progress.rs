//! Reading progress per reader and session, for the coordinator's dashboard and the worklist.

use std::collections::{BTreeMap, BTreeSet};

use crate::pool::on_pool;
use crate::{Store, StoreError};

/// How far one reader is in one session.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionProgress {
    pub reader_id: i64,
    /// 0 = practice, then 1 and 2.
    pub session: i64,
    /// Cases with a committed (final) rating.
    pub done: i64,
    /// Cases in the reader's order for the session.
    pub total: i64,
    /// Median active reading time per case, milliseconds.
    pub median_active_ms: Option<i64>,
    /// When the reader last saved a read in this session.
    pub last_activity: Option<String>,
}

/// Median of a non-empty slice (mean of the middle two for an even count).
fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        // In i128: two stored times near i64::MAX must not overflow (and take the study down).
        ((i128::from(values[mid - 1]) + i128::from(values[mid])) / 2) as i64
    })
}

#[derive(Default)]
struct Tally {
    cases: BTreeSet<i64>,
    times: Vec<i64>,
    last: Option<String>,
}

impl Store {
    /// Progress of every reader of a study in every session they have an order for.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn study_progress(&self, study_id: i64) -> Result<Vec<SessionProgress>, StoreError> {
        let totals: Vec<(i64, i32, i64)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT o.reader_id, o.session, COUNT(*) FROM case_orders o \
                 JOIN readers r ON r.id = o.reader_id WHERE r.study_id = $1 \
                 GROUP BY o.reader_id, o.session ORDER BY o.reader_id, o.session",
            )
            .bind(study_id)
            .fetch_all(pool)
            .await
        })?;
        // Only committed ratings count: a sequential case is done at its final rating.
        let reads: Vec<(i64, i32, i64, i64, String)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT reader_id, session, case_ref, active_ms, saved_at FROM reads \
                 WHERE study_id = $1 AND stage <> 'unaided' AND supersedes IS NULL",
            )
            .bind(study_id)
            .fetch_all(pool)
            .await
        })?;
        let mut tallies: BTreeMap<(i64, i64), Tally> = BTreeMap::new();
        for (reader_id, session, case_ref, active_ms, saved_at) in reads {
            let tally = tallies.entry((reader_id, session.into())).or_default();
            tally.cases.insert(case_ref);
            tally.times.push(active_ms);
            if tally
                .last
                .as_deref()
                .is_none_or(|last| last < saved_at.as_str())
            {
                tally.last = Some(saved_at);
            }
        }
        Ok(totals
            .into_iter()
            .map(|(reader_id, session, total)| {
                let mut tally = tallies
                    .remove(&(reader_id, session.into()))
                    .unwrap_or_default();
                SessionProgress {
                    reader_id,
                    session: session.into(),
                    done: tally.cases.len() as i64,
                    total,
                    median_active_ms: median(&mut tally.times),
                    last_activity: tally.last,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2));
        assert_eq!(median(&mut [5, 1, 3]), Some(3));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn the_median_of_two_huge_times_does_not_overflow() {
        assert_eq!(median(&mut [i64::MAX, i64::MAX]), Some(i64::MAX));
    }
}
