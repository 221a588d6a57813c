//! Who may touch a study: its coordinators (and admins) manage it, its readers read it. Every
//! server function about a study goes through one of these checks first.

use store::{Reader, Store, StoreError, Study};

use crate::domain::user::{CurrentUser, Role};
use crate::ssr::internal;
use crate::AppError;

/// Maps a store error to what a user may see: validation and conflicts verbatim, the rest
/// logged and replaced by a generic message naming `action`.
pub fn store_error(action: &str, err: StoreError) -> AppError {
    match err {
        StoreError::Invalid(_) | StoreError::Duplicate { .. } | StoreError::Locked(_) => {
            AppError::Invalid(err.to_string())
        }
        StoreError::NotFound(what) => AppError::NotFound(what),
        StoreError::Conflict(why) => AppError::Conflict(why),
        other => internal(action, &other),
    }
}

/// The study, when `user` coordinates it (admins coordinate every study).
///
/// # Errors
/// [`AppError::Forbidden`] for readers and other studies' coordinators; [`AppError::NotFound`]
/// for a study that does not exist (admins only: others get `Forbidden`, so ids are not probed).
pub async fn coordinated_study(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
) -> Result<Study, AppError> {
    let forbidden = || AppError::Forbidden("manage this study".into());
    if !user.role.can_coordinate() {
        return Err(forbidden());
    }
    if user.role == Role::Coordinator
        && !store
            .is_study_coordinator(study_id, user.id)
            .await
            .map_err(|e| store_error("check access to the study", e))?
    {
        return Err(forbidden());
    }
    store
        .study(study_id)
        .await
        .map_err(|e| store_error("load the study", e))?
        .ok_or_else(|| AppError::NotFound(format!("study {study_id}")))
}

/// The study and the caller's enrolment in it, when `user` reads in it.
///
/// # Errors
/// [`AppError::Forbidden`] when the account is not enrolled as a reader of the study.
pub async fn read_study(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
) -> Result<(Study, Reader), AppError> {
    let readers = store
        .readers_of_user(user.id)
        .await
        .map_err(|e| store_error("check access to the study", e))?;
    let reader = readers
        .into_iter()
        .find(|r| r.study_id == study_id)
        .ok_or_else(|| AppError::Forbidden("read in this study".into()))?;
    let study = store
        .study(study_id)
        .await
        .map_err(|e| store_error("load the study", e))?
        .ok_or_else(|| AppError::NotFound(format!("study {study_id}")))?;
    Ok((study, reader))
}

/// Requires a coordinator or admin account.
///
/// # Errors
/// [`AppError::Forbidden`] for readers.
pub fn require_coordinating(user: &CurrentUser) -> Result<(), AppError> {
    if user.role.can_coordinate() {
        Ok(())
    } else {
        Err(AppError::Forbidden("set up studies".into()))
    }
}

/// Appends an event to the audit trail. A failure is logged, not returned: the change it
/// records has already been committed and must not be retried because of the log.
pub async fn audit(
    store: &Store,
    actor: &CurrentUser,
    action: &str,
    study_id: Option<i64>,
    detail: serde_json::Value,
) {
    let event = store::AuditEvent {
        actor_id: Some(actor.id),
        actor: actor.email.clone(),
        action: action.into(),
        study_id,
        detail: detail.to_string(),
    };
    if let Err(err) = store.append_audit(&event).await {
        let _ = internal("append to the audit trail", &err);
    }
}

/// The account the session middleware found for a plain (non-server-function) request.
pub fn signed_in(request: &axum::extract::Request) -> Option<CurrentUser> {
    request
        .extensions()
        .get::<Option<CurrentUser>>()
        .cloned()
        .flatten()
}
