//! Signing in and out: throttled, with one generic message for every wrong combination of
//! email and password, and every attempt recorded (login table and audit trail).

use std::net::SocketAddr;
use std::time::SystemTime;

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use serde_json::json;
use store::Store;

use super::audit::{record, Actor};
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
/// # Errors
/// [`AppError::Invalid`] with [`messages::THROTTLED`] while the email or address is locked,
/// [`messages::WRONG_CREDENTIALS`] for a wrong email or password, [`messages::DISABLED`] for
/// a disabled account with the right password; [`AppError::Internal`] when the database fails.
pub async fn sign_in(
    store: &Store,
    settings: &AuthSettings,
    email: &str,
    password: &str,
    ip: &str,
) -> Result<(CurrentUser, String), AppError> {
    let email = store::normalize_email(email);
    let email_for_log: String = email.chars().take(254).collect();
    let locked = store
        .login_locked_until(&email, ip, &settings.throttle)
        .await
        .map_err(|err| internal("check the sign-in limits", &err))?;
    if let Some(until) = locked {
        let seconds = until
            .duration_since(SystemTime::now())
            .map_or(0, |left| left.as_secs());
        tracing::warn!(email = %email_for_log, ip, seconds, "sign-in refused: too many failures");
        let detail = json!({"email": email_for_log, "ip": ip, "reason": "throttled"});
        record(store, Actor::Anonymous, "user.login_failed", detail).await?;
        return Err(AppError::Invalid(messages::THROTTLED.into()));
    }
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
    let outcome = match matched {
        Some(user) if user.disabled => Err(("disabled", messages::DISABLED)),
        Some(user) => Ok(user),
        None => Err(("wrong credentials", messages::WRONG_CREDENTIALS)),
    };
    store
        .record_login_attempt(&email, ip, outcome.is_ok())
        .await
        .map_err(|err| internal("record the sign-in attempt", &err))?;
    let user = match outcome {
        Ok(user) => current_user_from(user),
        Err((reason, message)) => {
            let detail = json!({"email": email_for_log, "ip": ip, "reason": reason});
            record(store, Actor::Anonymous, "user.login_failed", detail).await?;
            return Err(AppError::Invalid(message.into()));
        }
    };
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
