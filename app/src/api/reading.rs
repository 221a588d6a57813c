//! Server functions of the reading workflow: the worklist, the case to read, submitting a read,
//! and a coordinator opening a closed session early.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::reading::{ReadingState, Submission, SubmitOutcome, WorklistStudy};
use crate::AppError;

/// The signed-in reader's studies and sessions.
#[server(endpoint = "reading/worklist")]
pub async fn worklist() -> Result<Vec<WorklistStudy>, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::reading::worklist(&crate::ssr::state::store()?, &user).await
}

/// The next case of a session for the signed-in reader.
#[server(endpoint = "reading/state", input = Json)]
pub async fn open_session(study_id: i64, session: i64) -> Result<ReadingState, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::reading::state(&crate::ssr::state::store()?, &user, study_id, session).await
}

/// Saves a rating of the case in front of the reader (once per idempotency key).
#[server(endpoint = "reading/submit", input = Json)]
pub async fn submit_read(
    study_id: i64,
    session: i64,
    read: Submission,
) -> Result<SubmitOutcome, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::reading::submit(&crate::ssr::state::store()?, &user, study_id, session, read).await
}

/// Goes back to the case at `position` of a session to correct its rating (when the study
/// allows it); the next submit for that case supersedes the earlier rating.
#[server(endpoint = "reading/review", input = Json)]
pub async fn review_case(
    study_id: i64,
    session: i64,
    position: i64,
) -> Result<ReadingState, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::reading::review(
        &crate::ssr::state::store()?,
        &user,
        study_id,
        session,
        position,
    )
    .await
}

/// Opens a reader's closed session early (e.g. during the washout), with the reason; audited.
#[server(endpoint = "reading/override", input = Json)]
pub async fn override_session(
    study_id: i64,
    reader_id: i64,
    session: i64,
    reason: String,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user()?;
    let store = crate::ssr::state::store()?;
    crate::ssr::progress::override_session(&store, &user, study_id, reader_id, session, &reason)
        .await
}
