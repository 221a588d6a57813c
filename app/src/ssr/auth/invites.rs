//! Invitations from the account's side: who a link is for, and accepting it by choosing a
//! password (which also signs the person in).

use serde_json::json;
use store::Store;

use super::audit::{record, Actor};
use super::password::{check_new_password, hash_password};
use super::{current_user_from, AuthSettings};
use crate::domain::user::{messages, CurrentUser, InviteDetails};
use crate::ssr::internal;
use crate::AppError;

/// The name and email an invitation is for.
///
/// # Errors
/// [`AppError::Invalid`] with [`messages::INVITE_UNUSABLE`] when the link is unknown, used
/// or expired.
pub async fn details(store: &Store, token: &str) -> Result<InviteDetails, AppError> {
    let invite = store
        .invite_by_token(token)
        .await
        .map_err(|err| internal("look the invitation up", &err))?;
    match invite {
        Some(invite) if invite.is_usable() => Ok(InviteDetails {
            name: invite.name,
            email: invite.email,
        }),
        _ => Err(AppError::Invalid(messages::INVITE_UNUSABLE.into())),
    }
}

/// Sets the chosen password, marks the invitation used and starts a session.
/// Returns the account and the session token for the cookie.
///
/// # Errors
/// [`AppError::Invalid`] for a password that is too short or not confirmed, or a link that
/// is unknown, used or expired; [`AppError::Internal`] when the database fails.
pub async fn accept(
    store: &Store,
    settings: &AuthSettings,
    token: &str,
    password: &str,
    confirm: &str,
) -> Result<(CurrentUser, String), AppError> {
    check_new_password(password, confirm)?;
    let hash = hash_password(password).map_err(|err| {
        tracing::error!(error = %err, "could not hash a new password");
        AppError::Internal("save the password".into())
    })?;
    let user = store
        .use_invite(token, &hash)
        .await
        .map_err(|err| internal("save the password", &err))?
        .ok_or_else(|| AppError::Invalid(messages::INVITE_UNUSABLE.into()))?;
    let user = current_user_from(&user);
    let session = store
        .create_session(user.id, settings.session_ttl)
        .await
        .map_err(|err| internal("start the session", &err))?;
    record(store, Actor::User(&user), "invite.accept", json!({})).await?;
    Ok((user, session))
}
