//! The AI's stored outputs per case and model version, and the batch runs that make them.

use crate::pool::on_pool;
use crate::{now_rfc3339, Store, StoreError};

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
}

/// A batch run's state.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct AiJob {
    pub id: i64,
    pub study_id: i64,
    pub model_version: String,
    /// `running`, `done` or `failed`.
    pub status: String,
    pub done: i32,
    pub total: i32,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub error: Option<String>,
}

#[derive(sqlx::FromRow)]
struct OutputRow {
    case_ref: i64,
    model_version: String,
    probability: f64,
    predicted_positive: bool,
    heatmap_file: String,
    features: String,
}

impl From<OutputRow> for AiOutputRow {
    fn from(r: OutputRow) -> Self {
        AiOutputRow {
            case_ref: r.case_ref,
            model_version: r.model_version,
            probability: r.probability,
            predicted_positive: r.predicted_positive,
            heatmap_file: r.heatmap_file,
            features: r.features,
        }
    }
}

impl Store {
    /// Stores an output unless one exists for that case and model version (a re-run with the
    /// same weights changes nothing). Returns whether a row was added.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn save_ai_output(&self, output: &AiOutputRow) -> Result<bool, StoreError> {
        let done = on_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO ai_outputs (case_ref, model_version, probability, predicted_positive, \
                 heatmap_file, features, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (case_ref, model_version) DO NOTHING",
            )
            .bind(output.case_ref)
            .bind(&output.model_version)
            .bind(output.probability)
            .bind(output.predicted_positive)
            .bind(&output.heatmap_file)
            .bind(&output.features)
            .bind(now_rfc3339())
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
                 o.features FROM ai_outputs o JOIN cases c ON c.id = o.case_ref \
                 WHERE c.study_id = $1 AND o.model_version = $2 ORDER BY o.case_ref",
            )
            .bind(study_id)
            .bind(model_version)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(AiOutputRow::from).collect())
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
                "SELECT case_ref, model_version, probability, predicted_positive, heatmap_file, features \
                 FROM ai_outputs WHERE case_ref = $1 AND model_version = $2",
            )
            .bind(case_ref)
            .bind(model_version)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(AiOutputRow::from))
    }

    /// Starts a batch run record.
    ///
    /// # Errors
    /// [`StoreError::Locked`] when a run for the study is still going.
    pub async fn start_ai_job(
        &self,
        study_id: i64,
        model_version: &str,
        total: i64,
    ) -> Result<AiJob, StoreError> {
        if let Some(job) = self.latest_ai_job(study_id).await? {
            if job.status == "running" {
                return Err(StoreError::Locked(
                    "the AI is already running over this study; wait for it to finish".into(),
                ));
            }
        }
        let (id,): (i64,) = on_pool!(self, pool => {
            sqlx::query_as(
                "INSERT INTO ai_jobs (study_id, model_version, status, done, total, started_at) \
                 VALUES ($1, $2, 'running', 0, $3, $4) RETURNING id",
            )
            .bind(study_id)
            .bind(model_version)
            .bind(total as i32)
            .bind(now_rfc3339())
            .fetch_one(pool)
            .await
        })?;
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
        status: &str,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let finished = (status != "running").then(now_rfc3339);
        on_pool!(self, pool => {
            sqlx::query(
                "UPDATE ai_jobs SET done = $1, status = $2, error = $3, finished_at = $4 WHERE id = $5",
            )
            .bind(done as i32)
            .bind(status)
            .bind(error)
            .bind(&finished)
            .bind(job_id)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        Ok(())
    }

    /// Marks runs left `running` by a server that stopped mid-run as failed, so a new run can
    /// start; called at start-up. Returns how many there were.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn fail_interrupted_ai_jobs(&self) -> Result<u64, StoreError> {
        Ok(on_pool!(self, pool => {
            sqlx::query(
                "UPDATE ai_jobs SET status = 'failed', error = 'the server stopped during the run; run it again', \
                 finished_at = $1 WHERE status = 'running'",
            )
            .bind(now_rfc3339())
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
        Ok(on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, study_id, model_version, status, done, total, started_at, finished_at, error \
                 FROM ai_jobs WHERE id = $1",
            )
            .bind(job_id)
            .fetch_optional(pool)
            .await
        })?)
    }

    /// The study's newest run, if any.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn latest_ai_job(&self, study_id: i64) -> Result<Option<AiJob>, StoreError> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, study_id, model_version, status, done, total, started_at, finished_at, error \
                 FROM ai_jobs WHERE study_id = $1 ORDER BY id DESC LIMIT 1",
            )
            .bind(study_id)
            .fetch_optional(pool)
            .await
        })?)
    }
}
