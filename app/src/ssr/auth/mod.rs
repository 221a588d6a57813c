//! Who is signed in: the session middleware leaves an `Option<CurrentUser>` in the request's
//! extensions; server functions read it here through leptos_axum's request `Parts`.

use axum::http::request::Parts;
use leptos::prelude::use_context;

use crate::domain::user::CurrentUser;
use crate::AppError;

/// The signed-in account, or `None` for an anonymous visitor.
///
/// # Errors
/// [`AppError::Internal`] when called outside a request (a wiring bug, logged).
pub fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let parts = use_context::<Parts>().ok_or_else(|| {
        tracing::error!("the request parts were not provided to the server function");
        AppError::Internal("check who is signed in".into())
    })?;
    Ok(parts.extensions.get::<Option<CurrentUser>>().cloned().flatten())
}

/// The signed-in account of any role.
///
/// # Errors
/// [`AppError::Unauthorized`] for an anonymous visitor.
pub fn require_user() -> Result<CurrentUser, AppError> {
    current_user()?.ok_or(AppError::Unauthorized)
}
