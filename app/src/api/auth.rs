//! Server functions for signing in and out, invitations, the reader's language preference,
//! and the admin's account management. Each checks who may call it, then calls a plain
//! function in `ssr::auth`.

use leptos::prelude::*;

use crate::domain::user::{CreatedInvite, CurrentUser, UserSummary};
use crate::AppError;

/// Signs in; sets the session cookie. Throttled; one message for every wrong combination.
#[server(endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<CurrentUser, AppError> {
    use crate::ssr::auth::{login, request_parts, settings::settings};
    let store = crate::ssr::state::store()?;
    let settings = settings();
    let ip = login::client_ip(&request_parts()?);
    let (user, token) =
        client_status(login::sign_in(&store, &settings, &email, &password, &ip).await)?;
    set_cookie(&crate::ssr::auth::cookie::session_cookie(
        &token,
        settings.secure_cookies,
    ))?;
    Ok(user)
}

/// Signs out: ends the session and removes the cookie.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::ssr::auth::cookie::{clear_session_cookie, read_cookie, SESSION_COOKIE};
    use crate::ssr::auth::{login, request_parts, settings::settings, user_of};
    let store = crate::ssr::state::store()?;
    let parts = request_parts()?;
    let token = read_cookie(&parts.headers, SESSION_COOKIE);
    login::sign_out(&store, user_of(&parts)?.as_ref(), token.as_deref()).await?;
    set_cookie(&clear_session_cookie(settings().secure_cookies))
}

/// The signed-in account, `None` for an anonymous visitor.
#[server(endpoint = "auth/me")]
pub async fn me() -> Result<Option<CurrentUser>, AppError> {
    crate::ssr::auth::current_user()
}

/// Who an invitation link is for; an error when the link is used or expired. (The macro's
/// input struct takes the name `InviteDetails` here, hence the full path of the output.)
#[server(endpoint = "auth/invite")]
pub async fn invite_details(token: String) -> Result<crate::domain::user::InviteDetails, AppError> {
    let store = crate::ssr::state::store()?;
    client_status(crate::ssr::auth::invites::details(&store, &token).await)
}

/// Chooses the password through an invitation (at least 10 characters, typed twice), marks
/// the link used and signs in.
#[server(endpoint = "auth/accept_invite")]
pub async fn accept_invite(
    token: String,
    password: String,
    confirm: String,
) -> Result<CurrentUser, AppError> {
    use crate::ssr::auth::{cookie::session_cookie, invites, settings::settings};
    let store = crate::ssr::state::store()?;
    let settings = settings();
    let (user, session) =
        client_status(invites::accept(&store, &settings, &token, &password, &confirm).await)?;
    set_cookie(&session_cookie(&session, settings.secure_cookies))?;
    Ok(user)
}

/// Saves the signed-in account's language; pages use it when no language cookie is set.
#[server(endpoint = "auth/locale")]
pub async fn set_my_locale(locale: crate::i18n::Locale) -> Result<(), AppError> {
    use crate::ssr::auth::audit::{record, Actor};
    let user = crate::ssr::auth::require_user()?;
    let store = crate::ssr::state::store()?;
    store
        .set_user_locale(user.id, Some(locale))
        .await
        .map_err(|err| crate::ssr::internal("save the language", &err))?;
    let detail = serde_json::json!({"locale": locale.tag()});
    record(&store, Actor::User(&user), "user.locale", detail).await
}

/// Every coordinator account (admins only).
#[server(endpoint = "admin/coordinators")]
pub async fn list_coordinators() -> Result<Vec<UserSummary>, AppError> {
    crate::ssr::auth::require_admin()?;
    let store = crate::ssr::state::store()?;
    crate::ssr::auth::admin::coordinators(&store).await
}

/// Creates a coordinator and returns the one-time link through which they choose a password
/// (admins only).
#[server(endpoint = "admin/coordinators/create")]
pub async fn create_coordinator(name: String, email: String) -> Result<CreatedInvite, AppError> {
    use crate::ssr::auth::{admin, request_parts, settings::settings};
    let admin_user = crate::ssr::auth::require_admin()?;
    let store = crate::ssr::state::store()?;
    let settings = settings();
    let origin = admin::site_origin(&request_parts()?, settings.secure_cookies);
    client_status(
        admin::create_coordinator(&store, &settings, &admin_user, &name, &email, &origin).await,
    )
}

/// Disables an account (ending its sessions) or enables it again (admins only).
#[server(endpoint = "admin/users/disable")]
pub async fn set_user_disabled(user_id: i64, disabled: bool) -> Result<(), AppError> {
    let admin_user = crate::ssr::auth::require_admin()?;
    let store = crate::ssr::state::store()?;
    crate::ssr::auth::admin::set_disabled(&store, &admin_user, user_id, disabled).await
}

/// Leptos answers every failed server function with 500, as if the server were at fault; a
/// refused sign-in or invitation is the caller's doing, so it is answered with 400 (429 while
/// throttled). Plain form posts (which accept HTML) keep leptos's redirect back to the form.
#[cfg(feature = "ssr")]
fn client_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    use crate::domain::user::messages;
    use axum::http::{header::ACCEPT, StatusCode};
    if let Err(AppError::Invalid(message)) = &result {
        let form_post = crate::ssr::auth::request_parts().is_ok_and(|parts| {
            parts
                .headers
                .get(ACCEPT)
                .and_then(|accept| accept.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
        });
        if let (false, Some(response)) = (form_post, use_context::<leptos_axum::ResponseOptions>())
        {
            response.set_status(if message == messages::THROTTLED {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::BAD_REQUEST
            });
        }
    }
    result
}

/// Adds a `Set-Cookie` header to the server function's response.
#[cfg(feature = "ssr")]
fn set_cookie(value: &str) -> Result<(), AppError> {
    use axum::http::{header::SET_COOKIE, HeaderValue};
    let response = use_context::<leptos_axum::ResponseOptions>().ok_or_else(|| {
        tracing::error!("no ResponseOptions in context; cannot set the session cookie");
        AppError::Internal("set the session cookie".into())
    })?;
    let value = HeaderValue::from_str(value).map_err(|err| {
        tracing::error!(error = %err, "the session cookie is not a valid header value");
        AppError::Internal("set the session cookie".into())
    })?;
    response.append_header(SET_COOKIE, value);
    Ok(())
}
