//! What one reader's request needs, and nothing of anyone else's: that reader's sessions (cases
//! in order, cases done, last activity, a coordinator's override) and the steps of their reads,
//! each from queries that walk only that reader's rows in an index (`case_orders`' primary key,
//! `reads_by_reader`, `session_overrides`' primary key). A reader's request so costs the same in
//! a study of 16 readers as in one of 64; only the coordinator's dashboard aggregates a study.

use std::collections::BTreeMap;

use crate::pool::on_pool;
use crate::{Store, StoreError};

/// One of a reader's sessions, as the worklist and the reading loop see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderSession {
    /// 0 = practice, then 1 and 2.
    pub session: i64,
    /// Cases in the reader's order for the session.
    pub total: i64,
    /// Cases with a committed (final) rating.
    pub done: i64,
    /// When the reader last saved a committed rating in this session.
    pub last_activity: Option<String>,
    /// A coordinator opened the session before its washout ended.
    pub overridden: bool,
}

/// One saved rating, without its viewer log: what deciding the next step, going back and
/// correcting need to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadStep {
    pub id: i64,
    pub case_ref: i64,
    pub stage: vocab::Stage,
    pub call_positive: bool,
    pub score: i64,
}

impl Store {
    /// Every session a reader has an order for, with how far they are in it.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn reader_sessions(&self, reader_id: i64) -> Result<Vec<ReaderSession>, StoreError> {
        let totals: Vec<(i32, i64)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT session, COUNT(*) FROM case_orders WHERE reader_id = $1 \
                 GROUP BY session ORDER BY session",
            )
            .bind(reader_id)
            .fetch_all(pool)
            .await
        })?;
        // Committed ratings only (a sequential case is done at its final rating); a correction
        // supersedes an earlier row and is neither a new case nor new activity.
        let done: Vec<(i32, i64, Option<String>)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT session, COUNT(DISTINCT case_ref), MAX(saved_at) FROM reads \
                 WHERE reader_id = $1 AND stage <> 'unaided' AND supersedes IS NULL \
                 GROUP BY session",
            )
            .bind(reader_id)
            .fetch_all(pool)
            .await
        })?;
        let overridden: Vec<(i32,)> = on_pool!(self, pool => {
            sqlx::query_as("SELECT session FROM session_overrides WHERE reader_id = $1")
                .bind(reader_id)
                .fetch_all(pool)
                .await
        })?;
        let mut done: BTreeMap<i32, (i64, Option<String>)> = done
            .into_iter()
            .map(|(session, count, last)| (session, (count, last)))
            .collect();
        Ok(totals
            .into_iter()
            .map(|(session, total)| {
                let (done, last_activity) = done.remove(&session).unwrap_or((0, None));
                ReaderSession {
                    session: session.into(),
                    total,
                    done,
                    last_activity,
                    overridden: overridden.iter().any(|(s,)| *s == session),
                }
            })
            .collect())
    }

    /// The steps of a reader's ratings in a session, in the order saved, without the viewer
    /// logs (up to 256 KiB each) that only exports need.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn read_steps(
        &self,
        reader_id: i64,
        session: i64,
    ) -> Result<Vec<ReadStep>, StoreError> {
        let rows: Vec<(i64, i64, String, bool, i32)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, case_ref, stage, call_positive, score FROM reads \
                 WHERE reader_id = $1 AND session = $2 ORDER BY id",
            )
            .bind(reader_id)
            .bind(session as i32)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(id, case_ref, stage, call_positive, score)| {
                Ok(ReadStep {
                    id,
                    case_ref,
                    stage: vocab::Stage::parse(&stage)?,
                    call_positive,
                    score: score.into(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{case, each_backend};
    use crate::{
        CrossoverGroup, ImportRecord, NewReader, NewStudy, ReadAuthor, ReadingDesign, Seniority,
    };

    fn reader(user_id: i64) -> NewReader {
        NewReader {
            user_id,
            name: format!("Reader {user_id}"),
            email: format!("r{user_id}@x"),
            hospital: "H1".into(),
            years_experience: 4,
            seniority: Seniority::Junior,
            seniority_overridden: false,
            group: CrossoverGroup::A,
        }
    }

    use crate::testing::read;

    const AUTHOR: ReadAuthor<'static> = ReadAuthor {
        user_id: 1,
        email: "r@x",
        simulated: false,
    };

    #[tokio::test]
    async fn a_readers_sessions_count_their_own_committed_reads_and_nobody_elses() {
        for t in each_backend().await {
            // Arrange: two readers with the same two cases in session 1; the first reads one
            // case and corrects it, the second reads both.
            let store = &t.store;
            let study = store
                .create_study(
                    &NewStudy::new("Knee", "OS", "GCT", ReadingDesign::Crossover),
                    Some(9),
                )
                .await
                .unwrap();
            let record = ImportRecord {
                kind: "folder".into(),
                source: "/data".into(),
                imported_by: "cli".into(),
            };
            let cases = [case("c1", true, "internal"), case("c2", false, "internal")];
            store.store_import(study.id, &record, &cases).await.unwrap();
            let refs: Vec<i64> = store
                .list_cases(study.id)
                .await
                .unwrap()
                .iter()
                .map(|c| c.id)
                .collect();
            let ids = store
                .enrol_readers(study.id, &[reader(5), reader(6)])
                .await
                .unwrap();
            for id in &ids {
                store.store_order(*id, 1, &refs).await.unwrap();
                store.store_order(*id, 2, &refs).await.unwrap();
            }
            let (first, _) = store
                .save_read(&read(study.id, ids[0], refs[0], "a1"), AUTHOR)
                .await
                .unwrap();
            let mut correction = read(study.id, ids[0], refs[0], "a2");
            correction.supersedes = Some(first.id);
            correction.score = 40;
            store.save_read(&correction, AUTHOR).await.unwrap();
            for (i, case_ref) in refs.iter().enumerate() {
                let mut other = read(study.id, ids[1], *case_ref, &format!("b{i}"));
                other.position = i as i64 + 1;
                store.save_read(&other, AUTHOR).await.unwrap();
            }
            store
                .override_session(ids[0], 2, "travels", "c@x")
                .await
                .unwrap();

            // Act
            let sessions = store.reader_sessions(ids[0]).await.unwrap();
            let steps = store.read_steps(ids[0], 1).await.unwrap();

            // Assert: what the study-wide tally says for this reader, and only this reader's.
            let wide: Vec<_> = store
                .study_progress(study.id)
                .await
                .unwrap()
                .into_iter()
                .filter(|p| p.reader_id == ids[0])
                .collect();
            assert_eq!(sessions.len(), 2, "{}", t.backend);
            for (mine, all) in sessions.iter().zip(&wide) {
                assert_eq!(
                    (mine.session, mine.total, mine.done, &mine.last_activity),
                    (all.session, all.total, all.done, &all.last_activity),
                    "{}",
                    t.backend
                );
            }
            assert_eq!((sessions[0].done, sessions[0].total), (1, 2));
            assert!(!sessions[0].overridden && sessions[1].overridden);
            let scores: Vec<i64> = steps.iter().map(|s| s.score).collect();
            assert_eq!(scores, vec![70, 40], "{}", t.backend);
            assert!(store.read_steps(ids[0], 2).await.unwrap().is_empty());
            t.finish().await;
        }
    }
}
