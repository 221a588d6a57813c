//! The shared application state and how server functions reach it.

use leptos::prelude::*;
use store::Store;

use crate::AppError;

/// What every request handler can reach. Cloned per request; every field is a cheap handle.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub data_dir: DataDir,
}

/// The data directory: case images, derived images and heat maps live here, referenced from
/// the database by paths relative to it.
#[derive(Clone, Debug)]
pub struct DataDir(pub std::path::PathBuf);

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The store, provided as context to every server function by the server's router.
///
/// # Errors
/// [`AppError::Internal`] when the context is missing (a wiring bug, logged).
pub fn store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or_else(|| {
        tracing::error!("the store was not provided as context to the server function");
        AppError::Internal("reach the database".into())
    })
}

/// The data directory, provided as context next to the store.
///
/// # Errors
/// [`AppError::Internal`] when the context is missing (a wiring bug, logged).
pub fn data_dir() -> Result<std::path::PathBuf, AppError> {
    use_context::<DataDir>().map(|d| d.0).ok_or_else(|| {
        tracing::error!("the data directory was not provided as context to the server function");
        AppError::Internal("reach the data directory".into())
    })
}
