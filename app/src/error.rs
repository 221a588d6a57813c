//! The error every `#[server]` function returns: what a user may see, never the internals.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
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
    #[error("the server could not {0}; try again, and if it keeps failing ask the administrator to check the server log")]
    Internal(String),
    #[error("the server could not be reached ({0}); check your connection and try again")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}
