//! Appending the auth events to the audit trail: who acted, what, and details as JSON.

use serde_json::Value;
use store::{AuditEvent, Store};

use crate::domain::user::CurrentUser;
use crate::ssr::internal;
use crate::AppError;

/// Who acted: an account, the command line, or an anonymous visitor (e.g. a failed login).
#[derive(Clone, Copy, Debug)]
pub enum Actor<'a> {
    User(&'a CurrentUser),
    Anonymous,
}

/// Appends one event.
///
/// # Errors
/// [`AppError::Internal`] when the trail cannot be written (logged with its cause).
pub async fn record(
    store: &Store,
    actor: Actor<'_>,
    action: &str,
    detail: Value,
) -> Result<(), AppError> {
    let (actor_id, actor) = match actor {
        Actor::User(user) => (Some(user.id), user.email.clone()),
        Actor::Anonymous => (None, "anonymous".to_string()),
    };
    store
        .append_audit(&AuditEvent {
            actor_id,
            actor,
            action: action.to_string(),
            study_id: None,
            detail: detail.to_string(),
        })
        .await
        .map_err(|err| internal("record the change in the audit trail", &err))?;
    Ok(())
}
