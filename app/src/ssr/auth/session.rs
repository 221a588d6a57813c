//! The session middleware: once per request, the `lector_session` cookie is looked up and the
//! account it belongs to (or `None`) is put into the request's extensions as
//! `Option<CurrentUser>`, with the account's saved language as [`SavedLocale`]. Static files
//! skip the lookup.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use store::Store;

use super::cookie::{read_cookie, SESSION_COOKIE};
use super::current_user_from;
use crate::domain::user::CurrentUser;
use crate::i18n::SavedLocale;

/// Paths served from files, never by a page or a server function.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/healthz"
}

/// Install with `axum::middleware::from_fn_with_state(store, session_middleware)`.
pub async fn session_middleware(
    State(store): State<Store>,
    mut request: Request,
    next: Next,
) -> Response {
    let user = if is_static(request.uri().path()) {
        None
    } else {
        match read_cookie(request.headers(), SESSION_COOKIE) {
            Some(token) => match store.session_user(&token).await {
                Ok(user) => user,
                Err(err) => {
                    // Serving the page anonymously beats failing it; the cause is logged.
                    tracing::error!(error = %err, "could not look the session up; serving the request as anonymous");
                    None
                }
            },
            None => None,
        }
    };
    if let Some(locale) = user.as_ref().and_then(|user| user.locale) {
        request.extensions_mut().insert(SavedLocale(locale));
    }
    let current: Option<CurrentUser> = user.as_ref().map(current_user_from);
    request.extensions_mut().insert(current);
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_bundle_skips_the_session_lookup() {
        assert!(is_static("/pkg/lector.wasm"));
        assert!(!is_static("/api/auth/me"));
        assert!(!is_static("/"));
    }
}
