//! Reads: saving a rating exactly once per idempotency key, reading them back, and the
//! coordinator's session overrides (e.g. ending a washout early, with the reason).

use crate::audit::append_in_tx;
use crate::pool::on_pool;
use crate::{now_rfc3339, Store, StoreError};
use vocab::{Mark, Modality, Stage};

/// A rating to save.
#[derive(Clone, Debug, PartialEq)]
pub struct NewRead {
    pub study_id: i64,
    pub reader_id: i64,
    pub case_ref: i64,
    pub session: i64,
    /// The case's 1-based place in the reader's order for the session.
    pub position: i64,
    /// `single` (crossover, practice), `unaided` or `final` (the two steps of a sequential read).
    pub stage: Stage,
    pub call_positive: bool,
    /// 0–100 confidence in the call, or 1–5 on the ordinal scale.
    pub score: i64,
    /// Whether the AI's output was on screen; the read's modality follows from it.
    pub ai_shown: bool,
    /// Active reading time: paused while the tab is hidden or the reader idle.
    pub active_ms: i64,
    /// Viewer events (window/level, zoom, heat-map toggles) as a JSON array.
    pub interactions: String,
    /// The marks of a localization study's read (empty otherwise, or when nothing was marked).
    pub marks: Vec<Mark>,
    /// Made by the client, so a retried or doubled submit saves one row.
    pub idempotency_key: String,
    /// The read this one corrects, when the study allows going back.
    pub supersedes: Option<i64>,
}

/// Where in a reader's order a read sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadPlace {
    pub study_id: i64,
    pub reader_id: i64,
    pub case_ref: i64,
    pub session: i64,
    /// The case's 1-based place in the reader's order for the session.
    pub position: i64,
    pub stage: Stage,
}

/// What a reader gave for a case.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub call_positive: bool,
    /// On the study's scale.
    pub score: i64,
    pub active_ms: i64,
    /// Viewer events as a JSON array.
    pub interactions: String,
    /// Marks on the image (localization studies).
    pub marks: Vec<Mark>,
}

impl NewRead {
    /// A reader's answer at a place in their order, with the AI on screen or not, under the
    /// client's idempotency key, superseding an earlier rating when it corrects one: the one
    /// way every read is made (the reading page, its corrections, the demo's readers).
    pub fn new(
        place: ReadPlace,
        answer: Answer,
        ai_shown: bool,
        idempotency_key: String,
        supersedes: Option<i64>,
    ) -> NewRead {
        NewRead {
            study_id: place.study_id,
            reader_id: place.reader_id,
            case_ref: place.case_ref,
            session: place.session,
            position: place.position,
            stage: place.stage,
            call_positive: answer.call_positive,
            score: answer.score,
            ai_shown,
            active_ms: answer.active_ms,
            interactions: answer.interactions,
            marks: answer.marks,
            idempotency_key,
            supersedes,
        }
    }

    /// Aided exactly when the AI was shown: the one place the modality is worked out.
    pub fn modality(&self) -> Modality {
        Modality::from_ai_shown(self.ai_shown)
    }
}

/// A saved read.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    pub id: i64,
    pub read: NewRead,
    pub saved_at: String,
}

#[derive(sqlx::FromRow)]
struct ReadRow {
    id: i64,
    study_id: i64,
    reader_id: i64,
    case_ref: i64,
    session: i32,
    position: i32,
    modality: String,
    stage: String,
    call_positive: bool,
    score: i32,
    ai_shown: bool,
    active_ms: i64,
    interactions: String,
    marks: String,
    idempotency_key: String,
    supersedes: Option<i64>,
    saved_at: String,
}

impl TryFrom<ReadRow> for Read {
    type Error = StoreError;

    fn try_from(r: ReadRow) -> Result<Self, StoreError> {
        // The column is kept for SQL readers of the database; it must agree with ai_shown.
        if Modality::parse(&r.modality)? != Modality::from_ai_shown(r.ai_shown) {
            return Err(StoreError::Invalid(format!(
                "read {} is stored as {} but with ai_shown = {}",
                r.id, r.modality, r.ai_shown
            )));
        }
        let marks = serde_json::from_str(&r.marks).map_err(|err| {
            StoreError::Invalid(format!("read {} has unreadable marks: {err}", r.id))
        })?;
        Ok(Read {
            id: r.id,
            saved_at: r.saved_at,
            read: NewRead {
                study_id: r.study_id,
                reader_id: r.reader_id,
                case_ref: r.case_ref,
                session: r.session.into(),
                position: r.position.into(),
                stage: Stage::parse(&r.stage)?,
                call_positive: r.call_positive,
                score: r.score.into(),
                ai_shown: r.ai_shown,
                active_ms: r.active_ms,
                interactions: r.interactions,
                marks,
                idempotency_key: r.idempotency_key,
                supersedes: r.supersedes,
            },
        })
    }
}

const SELECT: &str =
    "SELECT id, study_id, reader_id, case_ref, session, position, modality, stage, \
     call_positive, score, ai_shown, active_ms, interactions, marks, idempotency_key, supersedes, \
     saved_at FROM reads";

/// Who saved a read, for its audit row.
#[derive(Clone, Copy, Debug)]
pub struct ReadAuthor<'a> {
    pub user_id: i64,
    pub email: &'a str,
    /// Saved by `lector demo`'s simulated readers, not a person.
    pub simulated: bool,
}

impl Store {
    /// Saves a read once, together with its audit row (one transaction: both or neither).
    /// A second call with the same idempotency key and the same rating, or a resubmission of
    /// the same rating under a new key, returns the row saved first (and `false`).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the case (or the rating a correction supersedes) already
    /// has a different rating saved (two submissions raced, or a key was reused for another
    /// rating); [`StoreError::Invalid`] when the key belongs to another reader.
    pub async fn save_read(
        &self,
        new: &NewRead,
        author: ReadAuthor<'_>,
    ) -> Result<(Read, bool), StoreError> {
        let at = now_rfc3339();
        let key = self.audit_key.clone();
        let inserted: Option<Read> = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let id: Option<(i64,)> = sqlx::query_as(
                "INSERT INTO reads (study_id, reader_id, case_ref, session, position, modality, stage, \
                 call_positive, score, ai_shown, active_ms, interactions, idempotency_key, supersedes, saved_at, \
                 marks) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
                 ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(new.study_id)
            .bind(new.reader_id)
            .bind(new.case_ref)
            .bind(new.session as i32)
            .bind(new.position as i32)
            .bind(new.modality().as_str())
            .bind(new.stage.as_str())
            .bind(new.call_positive)
            .bind(new.score as i32)
            .bind(new.ai_shown)
            .bind(new.active_ms)
            .bind(&new.interactions)
            .bind(&new.idempotency_key)
            .bind(new.supersedes)
            .bind(&at)
            .bind(serde_json::to_string(&new.marks).expect("marks always serialise"))
            .fetch_optional(&mut *tx)
            .await?;
            match id {
                None => None,
                Some((id,)) => {
                    let read = Read { id, read: new.clone(), saved_at: at.clone() };
                    let event = crate::AuditEvent {
                        actor_id: Some(author.user_id),
                        actor: author.email.to_string(),
                        action: if new.supersedes.is_some() { "read.correct" } else { "read.save" }.into(),
                        study_id: Some(new.study_id),
                        detail: crate::audit_reads::read_detail(&read, author.simulated).to_string(),
                    };
                    append_in_tx!(tx, &key, &event);
                    tx.commit().await?;
                    Some(read)
                }
            }
        });
        if let Some(read) = inserted {
            return Ok((read, true));
        }
        let earlier = self.conflicting_read(new).await?;
        if earlier.read.reader_id != new.reader_id {
            return Err(StoreError::Invalid(
                "this submission key belongs to another reader; reload the page".into(),
            ));
        }
        let same_rating = earlier.read.case_ref == new.case_ref
            && earlier.read.session == new.session
            && earlier.read.stage == new.stage
            && earlier.read.call_positive == new.call_positive
            && earlier.read.score == new.score
            && earlier.read.marks == new.marks
            && earlier.read.supersedes == new.supersedes;
        if same_rating {
            Ok((earlier, false))
        } else if earlier.read.idempotency_key == new.idempotency_key {
            Err(StoreError::Conflict(
                "this submission key was already used for a different rating; reload the page"
                    .into(),
            ))
        } else {
            Err(StoreError::Conflict(
                "a different rating of this case was saved first (another submission won); \
                 reload the page to see it"
                    .into(),
            ))
        }
    }

    /// The saved read an insert of `new` collided with: the one with its key, else the one
    /// holding its place (the case's rating at that step, or the correction of the same read).
    async fn conflicting_read(&self, new: &NewRead) -> Result<Read, StoreError> {
        let sql = format!(
            "{SELECT} WHERE idempotency_key = $1 \
             OR ($2 AND reader_id = $3 AND session = $4 AND case_ref = $5 AND stage = $6 AND supersedes IS NULL) \
             OR supersedes = $7 \
             ORDER BY (idempotency_key = $1) DESC, id LIMIT 1"
        );
        let row: Option<ReadRow> = on_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(&new.idempotency_key)
                .bind(new.supersedes.is_none())
                .bind(new.reader_id)
                .bind(new.session as i32)
                .bind(new.case_ref)
                .bind(new.stage.as_str())
                .bind(new.supersedes)
                .fetch_optional(pool)
                .await
        })?;
        row.map(Read::try_from).unwrap_or_else(|| {
            Err(StoreError::Conflict(
                "the read could not be saved; reload the page".into(),
            ))
        })
    }

    /// Every read of every study, in the order saved (for verifying the audit trail).
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn all_reads(&self) -> Result<Vec<Read>, StoreError> {
        let sql = format!("{SELECT} ORDER BY id");
        let rows: Vec<ReadRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
        rows.into_iter().map(Read::try_from).collect()
    }

    /// The read an idempotency key saved, if any.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn read_by_key(&self, key: &str) -> Result<Option<Read>, StoreError> {
        let sql = format!("{SELECT} WHERE idempotency_key = $1");
        let row: Option<ReadRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(key).fetch_optional(pool).await)?;
        row.map(Read::try_from).transpose()
    }

    /// A reader's reads in a session, in the order saved.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn reads_of(&self, reader_id: i64, session: i64) -> Result<Vec<Read>, StoreError> {
        let sql = format!("{SELECT} WHERE reader_id = $1 AND session = $2 ORDER BY id");
        let rows: Vec<ReadRow> = on_pool!(self, pool => {
            sqlx::query_as(&sql).bind(reader_id).bind(session as i32).fetch_all(pool).await
        })?;
        rows.into_iter().map(Read::try_from).collect()
    }

    /// Every read of a study, in the order saved (for results and exports).
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn reads_of_study(&self, study_id: i64) -> Result<Vec<Read>, StoreError> {
        let sql = format!("{SELECT} WHERE study_id = $1 ORDER BY id");
        let rows: Vec<ReadRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(study_id).fetch_all(pool).await)?;
        rows.into_iter().map(Read::try_from).collect()
    }

    /// Opens a closed session for a reader (e.g. before the washout ends), with the reason.
    ///
    /// # Errors
    /// [`StoreError::Duplicate`] when the session was already overridden.
    pub async fn override_session(
        &self,
        reader_id: i64,
        session: i64,
        reason: &str,
        by: &str,
    ) -> Result<(), StoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Invalid(
                "say why the session opens early; the reason goes into the audit trail".into(),
            ));
        }
        let done = on_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO session_overrides (reader_id, session, reason, overridden_by, at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (reader_id, session) DO NOTHING",
            )
            .bind(reader_id)
            .bind(session as i32)
            .bind(reason)
            .bind(by)
            .bind(now_rfc3339())
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        if done == 0 {
            return Err(StoreError::Duplicate {
                what: format!("an override of session {session} for this reader"),
            });
        }
        Ok(())
    }

    /// Whether a coordinator opened this session early.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn session_overridden(
        &self,
        reader_id: i64,
        session: i64,
    ) -> Result<bool, StoreError> {
        let (yes,): (bool,) = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT EXISTS (SELECT 1 FROM session_overrides WHERE reader_id = $1 AND session = $2)",
            )
            .bind(reader_id)
            .bind(session as i32)
            .fetch_one(pool)
            .await
        })?;
        Ok(yes)
    }

    /// `(reader, session)` of every session a coordinator opened early in a study.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn study_overrides(&self, study_id: i64) -> Result<Vec<(i64, i64)>, StoreError> {
        let rows: Vec<(i64, i32)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT o.reader_id, o.session FROM session_overrides o \
                 JOIN readers r ON r.id = o.reader_id WHERE r.study_id = $1",
            )
            .bind(study_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(|(r, s)| (r, s.into())).collect())
    }
}
