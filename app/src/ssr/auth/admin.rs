//! What an admin does with accounts: list coordinators, create one with an invitation link,
//! disable or re-enable an account.

use axum::http::header::HOST;
use axum::http::request::Parts;
use serde_json::json;
use store::{NewUser, Store, StoreError};

use super::audit::{record, Actor};
use super::email::check_email_length;
use super::{role_from, AuthSettings};
use crate::domain::user::{CreatedInvite, CurrentUser, UserSummary};
use crate::ssr::internal;
use crate::AppError;

pub fn summary(user: &store::User) -> UserSummary {
    UserSummary {
        id: user.id,
        email: user.email.clone(),
        name: user.name.clone(),
        role: role_from(user.role),
        has_password: user.has_password,
        disabled: user.disabled,
        created_on: user.created_at.chars().take(10).collect(),
    }
}

/// `http(s)://host` of the site as the request reached it, for links sent to people.
pub fn site_origin(parts: &Parts, secure: bool) -> String {
    let host = parts
        .headers
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
        .or_else(|| parts.uri.authority().map(|a| a.to_string()))
        .unwrap_or_else(|| "localhost".to_string());
    let scheme = if secure { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// Every coordinator account, oldest first.
///
/// # Errors
/// [`AppError::Internal`] when the database fails.
#[tracing::instrument(skip_all)]
pub async fn coordinators(store: &Store) -> Result<Vec<UserSummary>, AppError> {
    let users = store
        .list_users(Some(store::Role::Coordinator))
        .await
        .map_err(|err| internal("load the coordinators", &err))?;
    Ok(users.iter().map(summary).collect())
}

/// Creates a coordinator without a password and an invitation for them; returns the link
/// (`<origin>/invite/<token>`) to send them.
///
/// # Errors
/// [`AppError::Invalid`] for an empty name, a malformed, too long or already used email;
/// [`AppError::Internal`] when the database fails.
#[tracing::instrument(skip_all)]
pub async fn create_coordinator(
    store: &Store,
    settings: &AuthSettings,
    admin: &CurrentUser,
    name: &str,
    email: &str,
    origin: &str,
) -> Result<CreatedInvite, AppError> {
    check_email_length(email)?;
    let new = NewUser {
        email: email.to_string(),
        name: name.to_string(),
        role: store::Role::Coordinator,
        password_hash: None,
    };
    let user = store.create_user(&new).await.map_err(|err| match err {
        StoreError::Invalid(message) => AppError::Invalid(message),
        StoreError::Duplicate { what } => AppError::Invalid(format!(
            "{what}; use another email or re-enable that account"
        )),
        other => internal("create the account", &other),
    })?;
    let token = store
        .create_invite(user.id, settings.invite_ttl)
        .await
        .map_err(|err| internal("create the invitation", &err))?;
    let detail = json!({"user_id": user.id, "email": user.email, "role": "coordinator"});
    record(store, Actor::User(admin), "user.create", detail).await?;
    Ok(CreatedInvite {
        user: summary(&user),
        link: format!("{origin}/invite/{token}"),
    })
}

/// Disables (ending every session) or re-enables an account.
///
/// # Errors
/// [`AppError::Invalid`] when an admin tries to disable their own account;
/// [`AppError::NotFound`] for an unknown account; [`AppError::Internal`] when the database
/// fails.
#[tracing::instrument(skip_all)]
pub async fn set_disabled(
    store: &Store,
    admin: &CurrentUser,
    user_id: i64,
    disabled: bool,
) -> Result<(), AppError> {
    if disabled && user_id == admin.id {
        return Err(AppError::Invalid(
            "you cannot disable your own account; ask another administrator".into(),
        ));
    }
    store
        .set_user_disabled(user_id, disabled)
        .await
        .map_err(|err| match err {
            StoreError::Invalid(_) => AppError::NotFound(format!("the account {user_id}")),
            other => internal("change the account", &other),
        })?;
    if disabled {
        store
            .delete_sessions_of(user_id)
            .await
            .map_err(|err| internal("end the account's sessions", &err))?;
    }
    let action = if disabled {
        "user.disable"
    } else {
        "user.enable"
    };
    record(
        store,
        Actor::User(admin),
        action,
        json!({"user_id": user_id}),
    )
    .await?;
    Ok(())
}
