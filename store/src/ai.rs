//! The AI's stored outputs per case and model version, and the batch runs that make them.

use crate::pool::on_pool;
use crate::{now_rfc3339, Store, StoreError};

/// A running AI run not marked alive for this long belongs to a server that stopped: the
/// runner marks it at every batch of a few images (well under a second each on a CPU), and
/// once after loading the model.
pub const AI_JOB_STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(90);

/// What the AI said about one case.
#[derive(Clone, Debug, PartialEq)]
pub struct AiOutputRow {
    pub case_ref: i64,
    pub model_version: String,
    /// P(positive class).
    pub probability: f64,
    pub predicted_positive: bool,
    /// The heat-map overlay PNG, relative to the data directory.
    pub heatmap_file: String,
    /// Penultimate-layer features as a JSON array.
    pub features: String,
    /// The AI's marks as a localization reader; `None` for an output made before marks existed.
    pub marks: Option<Vec<vocab::AiMark>>,
}

/// A batch run's state.
#[derive(Clone, Debug, PartialEq)]
pub struct AiJob {
    pub id: i64,
    pub study_id: i64,
    pub model_version: String,
    /// Running, done or failed (never idle: that is a study without a run).
    pub status: vocab::JobState,
    pub done: i32,
    pub total: i32,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub error: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AiJobRow {
    id: i64,
    study_id: i64,
    model_version: String,
    status: String,
    done: i32,
    total: i32,
    started_at: String,
    finished_at: Option<String>,
    error: Option<String>,
}

impl TryFrom<AiJobRow> for AiJob {
    type Error = StoreError;

    fn try_from(r: AiJobRow) -> Result<Self, StoreError> {
        Ok(AiJob {
            id: r.id,
            study_id: r.study_id,
            model_version: r.model_version,
            status: vocab::JobState::parse(&r.status)?,
            done: r.done,
            total: r.total,
            started_at: r.started_at,
            finished_at: r.finished_at,
            error: r.error,
        })
    }
}

#[derive(sqlx::FromRow)]
struct OutputRow {
    case_ref: i64,
    model_version: String,
    probability: f64,
    predicted_positive: bool,
    heatmap_file: String,
    features: String,
    marks: Option<String>,
}

impl TryFrom<OutputRow> for AiOutputRow {
    type Error = StoreError;

    fn try_from(r: OutputRow) -> Result<Self, StoreError> {
        let marks = r
            .marks
            .map(|m| serde_json::from_str(&m))
            .transpose()
            .map_err(|err| {
                StoreError::Invalid(format!(
                    "the AI output of case {} has unreadable marks: {err}",
                    r.case_ref
                ))
            })?;
        Ok(AiOutputRow {
            case_ref: r.case_ref,
            model_version: r.model_version,
            probability: r.probability,
            predicted_positive: r.predicted_positive,
            heatmap_file: r.heatmap_file,
            features: r.features,
            marks,
        })
    }
}

impl Store {
    /// Stores an output unless one exists for that case and model version (a re-run with the
    /// same weights changes nothing), except that an output stored before the AI placed marks
    /// gains them. Returns whether a row was added or completed.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn save_ai_output(&self, output: &AiOutputRow) -> Result<bool, StoreError> {
        let done = on_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO ai_outputs (case_ref, model_version, probability, predicted_positive, \
                 heatmap_file, features, created_at, marks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 ON CONFLICT (case_ref, model_version) DO UPDATE SET marks = excluded.marks \
                 WHERE ai_outputs.marks IS NULL",
            )
            .bind(output.case_ref)
            .bind(&output.model_version)
            .bind(output.probability)
            .bind(output.predicted_positive)
            .bind(&output.heatmap_file)
            .bind(&output.features)
            .bind(now_rfc3339())
            .bind(
                output
                    .marks
                    .as_ref()
                    .map(|m| serde_json::to_string(m).unwrap_or_else(|_| "[]".into())),
            )
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Every output of a model version for a study's cases.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn ai_outputs(
        &self,
        study_id: i64,
        model_version: &str,
    ) -> Result<Vec<AiOutputRow>, StoreError> {
        let rows: Vec<OutputRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT o.case_ref, o.model_version, o.probability, o.predicted_positive, o.heatmap_file, \
                 o.features, o.marks FROM ai_outputs o JOIN cases c ON c.id = o.case_ref \
                 WHERE c.study_id = $1 AND o.model_version = $2 ORDER BY o.case_ref",
            )
            .bind(study_id)
            .bind(model_version)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(AiOutputRow::try_from).collect()
    }

    /// The output of a model version for one case, if it has run.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn ai_output(
        &self,
        case_ref: i64,
        model_version: &str,
    ) -> Result<Option<AiOutputRow>, StoreError> {
        let row: Option<OutputRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT case_ref, model_version, probability, predicted_positive, heatmap_file, features, \
                 marks FROM ai_outputs WHERE case_ref = $1 AND model_version = $2",
            )
            .bind(case_ref)
            .bind(model_version)
            .fetch_optional(pool)
            .await
        })?;
        row.map(AiOutputRow::try_from).transpose()
    }

    /// Starts a batch run record, marked alive now. Runs left `running` by a server that has
    /// not marked them alive for [`AI_JOB_STALE_AFTER`] are failed first.
    ///
    /// # Errors
    /// [`StoreError::Locked`] when a run for the study is still going, on this server or
    /// another one sharing the database (the database's unique index decides a race).
    pub async fn start_ai_job(
        &self,
        study_id: i64,
        model_version: &str,
        total: i64,
    ) -> Result<AiJob, StoreError> {
        self.fail_stale_ai_jobs(Some(study_id)).await?;
        let now = now_rfc3339();
        let inserted: Result<(i64,), sqlx::Error> = on_pool!(self, pool => {
            sqlx::query_as(
                "INSERT INTO ai_jobs (study_id, model_version, status, done, total, started_at, heartbeat_at) \
                 VALUES ($1, $2, 'running', 0, $3, $4, $4) RETURNING id",
            )
            .bind(study_id)
            .bind(model_version)
            .bind(total as i32)
            .bind(&now)
            .fetch_one(pool)
            .await
        });
        let (id,) = match inserted {
            Err(err) if crate::error::is_unique_violation(&err) => {
                return Err(StoreError::Locked(
                    "the AI is already running over this study; wait for it to finish".into(),
                ))
            }
            other => other?,
        };
        self.ai_job(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("AI job {id}")))
    }

    /// Records progress, or the end of a run (`status` `done` or `failed` with its error).
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn update_ai_job(
        &self,
        job_id: i64,
        done: i64,
        status: vocab::JobState,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let finished = (status != vocab::JobState::Running).then(now_rfc3339);
        // Only a run still running is updated: one failed as stale stays failed, and its
        // runner (slow, not dead) learns it must stop.
        let updated = on_pool!(self, pool => {
            sqlx::query(
                "UPDATE ai_jobs SET done = $1, status = $2, error = $3, finished_at = $4, \
                 heartbeat_at = $5 WHERE id = $6 AND status = 'running'",
            )
            .bind(done as i32)
            .bind(status.as_str())
            .bind(error)
            .bind(&finished)
            .bind(now_rfc3339())
            .bind(job_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        if updated == 0 {
            return Err(StoreError::Locked(format!(
                "AI run {job_id} is no longer running (it was stopped or taken as abandoned)"
            )));
        }
        Ok(())
    }

    /// Marks runs left `running` by a server that stopped mid-run as failed, so a new run can
    /// start; called at start-up. A run another live server is doing (marked alive within
    /// [`AI_JOB_STALE_AFTER`]) is left alone. Returns how many were failed.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn fail_interrupted_ai_jobs(&self) -> Result<u64, StoreError> {
        self.fail_stale_ai_jobs(None).await
    }

    /// Marks every running AI run failed, alive or not: for `lector demo`, the one process
    /// using its database, after an interrupted demo.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn fail_all_running_ai_jobs(&self) -> Result<u64, StoreError> {
        self.fail_ai_jobs_older_than(None, std::time::Duration::ZERO)
            .await
    }

    async fn fail_stale_ai_jobs(&self, study_id: Option<i64>) -> Result<u64, StoreError> {
        self.fail_ai_jobs_older_than(study_id, AI_JOB_STALE_AFTER)
            .await
    }

    async fn fail_ai_jobs_older_than(
        &self,
        study_id: Option<i64>,
        age: std::time::Duration,
    ) -> Result<u64, StoreError> {
        // One second ahead for age zero: a run marked alive this very second is failed too.
        let stale_before = humantime::format_rfc3339_seconds(
            std::time::SystemTime::now() - age
                + std::time::Duration::from_secs(u64::from(age.is_zero())),
        )
        .to_string();
        Ok(on_pool!(self, pool => {
            sqlx::query(
                "UPDATE ai_jobs SET status = 'failed', error = 'the server stopped during the run; run it again', \
                 finished_at = $1 WHERE status = 'running' AND COALESCE(heartbeat_at, started_at) < $2 \
                 AND ($3 IS NULL OR study_id = $3)",
            )
            .bind(now_rfc3339())
            .bind(&stale_before)
            .bind(study_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?)
    }

    /// One run.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn ai_job(&self, job_id: i64) -> Result<Option<AiJob>, StoreError> {
        let row: Option<AiJobRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, study_id, model_version, status, done, total, started_at, finished_at, error \
                 FROM ai_jobs WHERE id = $1",
            )
            .bind(job_id)
            .fetch_optional(pool)
            .await
        })?;
        row.map(AiJob::try_from).transpose()
    }

    /// The study's newest run, if any.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn latest_ai_job(&self, study_id: i64) -> Result<Option<AiJob>, StoreError> {
        let row: Option<AiJobRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, study_id, model_version, status, done, total, started_at, finished_at, error \
                 FROM ai_jobs WHERE study_id = $1 ORDER BY id DESC LIMIT 1",
            )
            .bind(study_id)
            .fetch_optional(pool)
            .await
        })?;
        row.map(AiJob::try_from).transpose()
    }
}
