//! The batch AI run: the shipped CNN over every case of a study, in the background, storing
//! probability, predicted class, heat-map overlay and features per case with the model version.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};
use store::{AiOutputRow, Case, Store, Study};

use crate::domain::case::AiStatus;
use crate::domain::user::CurrentUser;
use crate::ssr::access::{audit, coordinated_study, store_error};
use crate::ssr::internal;
use crate::AppError;

/// Cases per forward pass: large enough to use both cores, small enough to report progress often.
const BATCH: usize = 8;

/// The shipped model's version: `default-` and the first 12 hex digits of its weights' SHA-256,
/// so outputs of other weights are never mixed with these.
pub fn model_version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let digest = Sha256::digest(model::infer::SHIPPED_WEIGHTS);
        let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        format!("default-{hex}")
    })
}

/// The run's state for the page.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn status(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
) -> Result<AiStatus, AppError> {
    coordinated_study(store, user, study_id).await?;
    let failed = |e| store_error("load the AI run", e);
    let cases = store.list_cases(study_id).await.map_err(failed)?.len();
    let outputs = store
        .ai_outputs(study_id, model_version())
        .await
        .map_err(failed)?
        .len();
    let job = store.latest_ai_job(study_id).await.map_err(failed)?;
    Ok(AiStatus {
        model_version: model_version().into(),
        status: job.as_ref().map_or(vocab::JobState::Idle, |j| j.status),
        done: job.as_ref().map_or(0, |j| j.done.into()),
        total: job.as_ref().map_or(0, |j| j.total.into()),
        cases_with_output: outputs,
        cases,
        error: job.and_then(|j| j.error),
    })
}

/// Starts the run over every case without an output of the current model, in the background;
/// cases already scored are skipped, so a re-run with the same weights changes nothing (an
/// output from before the AI placed marks gains its marks and nothing else).
///
/// # Errors
/// [`AppError::Invalid`] when a run is already going.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn start(
    store: &Store,
    data_dir: &Path,
    user: &CurrentUser,
    study_id: i64,
) -> Result<AiStatus, AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let failed = |e| store_error("start the AI run", e);
    // An output stored before the AI placed marks is completed, not skipped.
    let done: std::collections::HashSet<i64> = store
        .ai_outputs(study_id, model_version())
        .await
        .map_err(failed)?
        .into_iter()
        .filter(|o| o.marks.is_some())
        .map(|o| o.case_ref)
        .collect();
    let todo: Vec<Case> = store
        .list_cases(study_id)
        .await
        .map_err(failed)?
        .into_iter()
        .filter(|c| !done.contains(&c.id))
        .collect();
    if todo.is_empty() {
        // Every case already has this model's output: a re-run changes nothing.
        return status(store, user, study_id).await;
    }
    let job = store
        .start_ai_job(study_id, model_version(), todo.len() as i64)
        .await
        .map_err(failed)?;
    audit(
        store,
        user,
        "ai.run",
        Some(study_id),
        serde_json::json!({ "model_version": model_version(), "cases": todo.len() }),
    )
    .await;
    let store_bg = store.clone();
    let data_dir = data_dir.to_path_buf();
    tokio::spawn(async move {
        let outcome = run(&store_bg, &data_dir, &study, job.id, todo).await;
        let (status, done, error) = match outcome {
            Ok(done) => (vocab::JobState::Done, done, None),
            Err((done, err)) => {
                let _ = internal("run the AI over the study", &err);
                (vocab::JobState::Failed, done, Some(err.to_string()))
            }
        };
        if let Err(err) = store_bg
            .update_ai_job(job.id, done as i64, status, error.as_deref())
            .await
        {
            let _ = internal("record the end of the AI run", &err);
        }
    });
    status(store, user, study_id).await
}

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
enum RunError {
    #[error("the model could not be loaded or run: {0}")]
    Model(#[from] model::ModelError),
    #[error("the database failed: {0}")]
    Store(#[from] store::StoreError),
    #[error("a heat map could not be written to {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the worker thread stopped unexpectedly")]
    Join(#[from] tokio::task::JoinError),
}

async fn run(
    store: &Store,
    data_dir: &Path,
    study: &Study,
    job_id: i64,
    cases: Vec<Case>,
) -> Result<usize, (usize, RunError)> {
    let mut done = 0;
    run_cases(store, data_dir, study, job_id, &cases, &mut done)
        .await
        .map(|()| done)
        .map_err(|err| (done, err))
}

async fn run_cases(
    store: &Store,
    data_dir: &Path,
    study: &Study,
    job_id: i64,
    cases: &[Case],
    done: &mut usize,
) -> Result<(), RunError> {
    let predictor = Arc::new(tokio::task::spawn_blocking(model::infer::Predictor::shipped).await??);
    // Alive after the model loaded: another server starting now leaves this run alone.
    store
        .update_ai_job(job_id, 0, vocab::JobState::Running, None)
        .await?;
    // The model answers P(osteosarcoma); a study naming GCT its positive class gets the complement.
    let flip = study.positive_label.eq_ignore_ascii_case("gct");
    let positive = if flip {
        model::infer::Class::Gct
    } else {
        model::infer::Class::Os
    };
    for chunk in cases.chunks(BATCH) {
        let paths: Vec<PathBuf> = chunk
            .iter()
            .map(|c| data_dir.join(&c.case.files_dir).join(&c.case.original_file))
            .collect();
        let p = predictor.clone();
        let outputs = tokio::task::spawn_blocking(move || {
            let images = paths
                .iter()
                .map(|path| model::data::load_image(path))
                .collect::<Result<Vec<_>, _>>()?;
            let refs: Vec<_> = images.iter().collect();
            let outputs = p.predict_batch(&refs)?;
            let marks: Vec<Vec<vocab::AiMark>> = images
                .iter()
                .zip(&outputs)
                .map(|(image, ai)| {
                    let probability = if flip {
                        1.0 - ai.probability
                    } else {
                        ai.probability
                    };
                    model::marks::ai_marks(
                        &ai.cams,
                        positive,
                        probability,
                        image.width,
                        image.height,
                    )
                })
                .collect();
            Ok::<_, model::ModelError>(outputs.into_iter().zip(marks).collect::<Vec<_>>())
        })
        .await??;
        for (case, (ai, marks)) in chunk.iter().zip(outputs) {
            let relative = format!("{}/heatmap-{}.png", case.case.files_dir, model_version());
            let path = data_dir.join(&relative);
            // Completing an older output adds its marks; the heat map a reader may have seen stays.
            if !path.exists() {
                std::fs::write(&path, &ai.heatmap_png).map_err(|source| RunError::Write {
                    path: path.clone(),
                    source,
                })?;
            }
            let probability = if flip {
                1.0 - ai.probability
            } else {
                ai.probability
            };
            store
                .save_ai_output(&AiOutputRow {
                    case_ref: case.id,
                    model_version: model_version().into(),
                    probability,
                    predicted_positive: probability >= model::infer::THRESHOLD,
                    heatmap_file: relative,
                    features: serde_json::to_string(&ai.features).unwrap_or_else(|_| "[]".into()),
                    marks: Some(marks),
                })
                .await?;
            *done += 1;
        }
        store
            .update_ai_job(job_id, *done as i64, vocab::JobState::Running, None)
            .await?;
    }
    Ok(())
}
