//! Server functions about studies.

use leptos::prelude::*;

use crate::domain::study::StudySummary;
use crate::AppError;

/// The studies on the home page, newest first.
#[server(endpoint = "studies/list")]
pub async fn list_studies() -> Result<Vec<StudySummary>, AppError> {
    let store = crate::ssr::state::store()?;
    crate::ssr::studies::list(&store).await
}
