//! The error every `#[server]` function returns: what a user may see, never the internals.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::Bytes;
use serde::{Deserialize, Serialize};

/// An error as it crosses the wire to the browser. Internal causes are logged on the server
/// (see `ssr::internal`) and replaced by a message saying what failed and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Invalid(String),
    /// No session, or it expired.
    #[error("please sign in to continue")]
    Unauthorized,
    /// Signed in, but this account may not do that (wrong role, or not a member of the study).
    #[error("your account may not {0}; ask the study coordinator if you need access")]
    Forbidden(String),
    /// The thing asked for does not exist (or is not visible to this account).
    #[error("{0} was not found")]
    NotFound(String),
    /// Another change won a race, or a request repeated a key with other contents.
    #[error("{0}")]
    Conflict(String),
    /// The request body is over the server's limit; the message says which limit and what to
    /// do instead.
    #[error("{0}")]
    TooLarge(String),
    #[error("the server could not {0}; try again, and if it keeps failing ask the administrator to check the server log")]
    Internal(String),
    #[error("the server could not be reached ({0}); check your connection and try again")]
    Transport(String),
    /// A reading session that is not open yet: after the washout (with the date, `YYYY-MM-DD`,
    /// it opens on), or after the session before it is finished.
    #[error("{}", match .opens_on {
        Some(date) => format!("this session opens on {date}, after the washout"),
        None => "finish the earlier session first".to_string(),
    })]
    SessionClosed { opens_on: Option<String> },
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The HTTP status that answers this error, so that a refusal is never a 500.
    ///
    /// `Invalid` covers malformed input and requests the study's state does not allow (a
    /// locked study, a duplicate name): 422 says "understood, but not done"; races and
    /// repeated keys with other contents are `Conflict`, 409.
    /// `Transport` only arises on the server when the request itself could not be decoded.
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            AppError::Invalid(_) | AppError::SessionClosed { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Transport(_) => StatusCode::BAD_REQUEST,
        }
    }

    /// The error as a plain-text response with its status, for routes outside server
    /// functions (downloads).
    pub fn into_plain_response(self) -> axum::response::Response {
        use axum::response::IntoResponse;
        (self.status(), self.to_string()).into_response()
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }

    /// Encodes the error for the response body. server_fn calls this exactly once when a
    /// server function fails, and answers 500 whatever the error; this is the one place that
    /// knows the error, so it also sets the status (leptos_axum applies `ResponseOptions`
    /// after the function returns).
    fn ser(&self) -> Bytes {
        #[cfg(feature = "ssr")]
        status_for_server_fn(self);
        // The same bytes as the default (`JsonEncoding` is serde_json); the variants are
        // plain strings, so encoding cannot fail in practice.
        serde_json::to_vec(self).map_or_else(
            |_| Bytes::from_static(br#"{"Internal":"encode the error"}"#),
            Bytes::from,
        )
    }
}

/// Sets the failed server function's status, unless the function chose one itself (e.g. 429
/// for a throttled sign-in). A plain HTML form post (no JavaScript) is left alone: server_fn
/// answers it with a redirect back to the page, which a 4xx would break.
#[cfg(feature = "ssr")]
fn status_for_server_fn(error: &AppError) {
    use axum::http::header::ACCEPT;
    use leptos::prelude::use_context;
    let form_post = use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    });
    if form_post {
        return;
    }
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let chosen = response.0.read().is_ok_and(|parts| parts.status.is_some());
        if !chosen {
            response.set_status(error.status());
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn refusals_answer_with_their_own_4xx() {
        assert_eq!(AppError::Unauthorized.status(), 401);
        assert_eq!(AppError::Forbidden("x".into()).status(), 403);
        assert_eq!(AppError::NotFound("x".into()).status(), 404);
        assert_eq!(AppError::Conflict("x".into()).status(), 409);
        assert_eq!(AppError::TooLarge("x".into()).status(), 413);
        assert_eq!(AppError::Invalid("x".into()).status(), 422);
        assert_eq!(AppError::Internal("x".into()).status(), 500);
    }

    #[test]
    fn a_failed_server_function_gets_the_errors_status_unless_it_chose_one() {
        use leptos::prelude::{provide_context, Owner};
        use leptos_axum::ResponseOptions;
        let status_after = |chosen: Option<axum::http::StatusCode>| {
            Owner::new().with(|| {
                let response = ResponseOptions::default();
                provide_context(response.clone());
                if let Some(status) = chosen {
                    response.set_status(status);
                }
                AppError::Invalid("no".into()).ser();
                response.0.read().map(|parts| parts.status).unwrap()
            })
        };

        assert_eq!(
            status_after(None),
            Some(axum::http::StatusCode::UNPROCESSABLE_ENTITY)
        );
        assert_eq!(
            status_after(Some(axum::http::StatusCode::TOO_MANY_REQUESTS)),
            Some(axum::http::StatusCode::TOO_MANY_REQUESTS)
        );
    }

    #[test]
    fn the_error_still_encodes_as_json() {
        let bytes = AppError::Forbidden("read".into()).ser();

        assert_eq!(&bytes[..], br#"{"Forbidden":"read"}"#);
    }
}
