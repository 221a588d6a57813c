//! Server-only code: the state the server functions reach, and the plain functions they call.

pub mod access;
pub mod ai;
pub mod auth;
pub mod cases;
pub mod dicomweb;
pub mod exports;
pub mod images;
pub mod import;
#[cfg(test)]
mod management_tests;
pub mod orders;
pub mod pixels;
pub mod progress;
pub mod readers;
pub mod reading;
pub mod results;
pub mod sessions;
pub mod state;
pub mod studies;
pub mod upload;

use crate::AppError;

/// Logs an internal failure with its whole cause chain and returns the message a user sees.
pub fn internal(action: &str, err: &(dyn std::error::Error + 'static)) -> AppError {
    let mut chain = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        chain.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    tracing::error!(action, error = %chain, "request failed");
    AppError::Internal(action.to_string())
}
