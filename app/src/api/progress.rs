//! Server functions for the progress dashboard, the audit view and the batch AI run.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::case::AiStatus;
use crate::domain::progress::{AuditPage, ProgressRow};
use crate::AppError;

/// Per reader and session progress.
#[server(endpoint = "progress/study", input = Json)]
pub async fn study_progress(study_id: i64) -> Result<Vec<ProgressRow>, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::progress::progress(&crate::ssr::state::store()?, &user, study_id).await
}

/// One page of the study's audit trail (newest first; of one kind of event; older than
/// `before` when given) and whether the chain verifies.
#[server(endpoint = "progress/audit", input = Json)]
pub async fn study_audit(
    study_id: i64,
    kind: vocab::AuditKind,
    before: Option<i64>,
) -> Result<AuditPage, AppError> {
    let user = crate::ssr::auth::require_user()?;
    let store = crate::ssr::state::store()?;
    crate::ssr::progress::audit_page(&store, &user, study_id, kind, before).await
}

/// The batch AI run's state.
#[server(endpoint = "ai/status", input = Json)]
pub async fn ai_run_status(study_id: i64) -> Result<AiStatus, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::ai::status(&crate::ssr::state::store()?, &user, study_id).await
}

/// Starts the batch AI run over the cases without an output of the current model.
#[server(endpoint = "ai/start", input = Json)]
pub async fn start_ai(study_id: i64) -> Result<AiStatus, AppError> {
    let user = crate::ssr::auth::require_user()?;
    let store = crate::ssr::state::store()?;
    let data_dir = crate::ssr::state::data_dir()?;
    crate::ssr::ai::start(&store, &data_dir, &user, study_id).await
}
