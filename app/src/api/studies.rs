//! Server functions about studies: list, create, overview, settings.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::study::{StudyDetail, StudyForm, StudySummary};
use crate::AppError;

/// The studies the signed-in account sees (admins all, coordinators theirs, readers those they
/// read in), newest first.
#[server(endpoint = "studies/list")]
pub async fn list_studies() -> Result<Vec<StudySummary>, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::studies::list(&crate::ssr::state::store()?, &user).await
}

/// Creates a study the caller coordinates.
#[server(endpoint = "studies/create", input = Json)]
pub async fn create_study(form: StudyForm) -> Result<StudySummary, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::studies::create(&crate::ssr::state::store()?, &user, &form).await
}

/// A study's overview and settings, for its coordinators.
#[server(endpoint = "studies/detail", input = Json)]
pub async fn load_study(study_id: i64) -> Result<StudyDetail, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::studies::detail(&crate::ssr::state::store()?, &user, study_id).await
}

/// Saves a study's settings (refused once reading has begun).
#[server(endpoint = "studies/update", input = Json)]
pub async fn update_study(study_id: i64, form: StudyForm) -> Result<StudyDetail, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::studies::update(&crate::ssr::state::store()?, &user, study_id, &form).await
}
