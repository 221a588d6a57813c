//! Signing in and out: throttled, with one generic message for every wrong combination of
//! email and password, and every attempt recorded (login table and audit trail). Emails
//! longer than any real one are refused before anything is recorded.

use std::net::SocketAddr;
use std::time::SystemTime;

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use serde_json::json;
use store::{LoginAttempt, Store};

use super::audit::{record, Actor};
use super::email::check_email_length;
use super::password::{verify_nothing, verify_password};
use super::{current_user_from, AuthSettings};
use crate::domain::user::{messages, CurrentUser};
use crate::ssr::internal;
use crate::AppError;

/// The client's address as the listener saw it (`unknown` without connection info). Behind a
/// reverse proxy this is the proxy's address, so the per-address limit then applies to
/// everyone behind it together, while the per-email limit still holds.
pub fn client_ip(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Checks the credentials and, when they are right, starts a session.
/// Returns the account and the session token for the cookie.
///
/// The attempt is recorded (as a failure) and checked against the limits in one step before
/// the password is verified, so parallel guesses cannot all slip past the limit; a right
/// password then marks it a success.
///
/// # Errors
/// [`AppError::Invalid`] with [`messages::EMAIL_TOO_LONG`] for an email longer than any real
/// one (nothing is stored), [`messages::THROTTLED`] while the email or address is locked,
/// [`messages::WRONG_CREDENTIALS`] for a wrong email or password, [`messages::DISABLED`] for
/// a disabled account with the right password; [`AppError::Internal`] when the database fails.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    store: &Store,
    settings: &AuthSettings,
    email: &str,
    password: &str,
    ip: &str,
) -> Result<(CurrentUser, String), AppError> {
    check_email_length(email)?;
    let email = store::normalize_email(email);
    let attempt = store
        .begin_login_attempt(&email, ip, &settings.throttle)
        .await
        .map_err(|err| internal("check the sign-in limits", &err))?;
    let attempt_id = match attempt {
        LoginAttempt::Allowed { id } => id,
        LoginAttempt::Locked { until } => {
            let seconds = until
                .duration_since(SystemTime::now())
                .map_or(0, |left| left.as_secs());
            tracing::warn!(email = %email, ip, seconds, "sign-in refused: too many failures");
            let detail = json!({"email": email, "ip": ip, "reason": "throttled"});
            record(store, Actor::Anonymous, "user.login_failed", detail).await?;
            return Err(AppError::Invalid(messages::THROTTLED.into()));
        }
    };
    let credentials = store
        .credentials_by_email(&email)
        .await
        .map_err(|err| internal("check the email and password", &err))?;
    let matched = match &credentials {
        Some((user, Some(hash))) => verify_password(password, hash).then_some(user),
        _ => {
            verify_nothing(password);
            None
        }
    };
    let user = match matched {
        Some(user) if !user.disabled => current_user_from(user),
        other => {
            let (reason, message) = match other {
                Some(_) => ("disabled", messages::DISABLED),
                None => ("wrong credentials", messages::WRONG_CREDENTIALS),
            };
            let detail = json!({"email": email, "ip": ip, "reason": reason});
            record(store, Actor::Anonymous, "user.login_failed", detail).await?;
            return Err(AppError::Invalid(message.into()));
        }
    };
    store
        .mark_login_succeeded(attempt_id)
        .await
        .map_err(|err| internal("record the sign-in attempt", &err))?;
    let token = store
        .create_session(user.id, settings.session_ttl)
        .await
        .map_err(|err| internal("start the session", &err))?;
    record(store, Actor::User(&user), "user.login", json!({"ip": ip})).await?;
    Ok((user, token))
}

/// Ends the session a token names (if any) and records who signed out.
///
/// # Errors
/// [`AppError::Internal`] when the database fails.
#[tracing::instrument(skip_all)]
pub async fn sign_out(
    store: &Store,
    user: Option<&CurrentUser>,
    token: Option<&str>,
) -> Result<(), AppError> {
    if let Some(token) = token {
        store
            .delete_session(token)
            .await
            .map_err(|err| internal("end the session", &err))?;
    }
    if let Some(user) = user {
        record(store, Actor::User(user), "user.logout", json!({})).await?;
    }
    Ok(())
}
