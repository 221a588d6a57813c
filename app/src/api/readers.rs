//! Server functions about a study's readers: enrolment (form or CSV), list, seniority, invites.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::reader::{Invitation, ReaderForm, ReaderView};
use crate::AppError;

/// Enrols readers and returns their one-time invite links.
#[server(endpoint = "readers/enrol", input = Json)]
pub async fn enrol_readers(
    study_id: i64,
    readers: Vec<ReaderForm>,
) -> Result<Vec<Invitation>, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::readers::enrol(&crate::ssr::state::store()?, &user, study_id, &readers).await
}

/// Enrols the readers of a CSV (`name,email,hospital,years[,seniority]`), all or none.
#[server(endpoint = "readers/enrol_csv", input = Json)]
pub async fn enrol_readers_csv(study_id: i64, csv: String) -> Result<Vec<Invitation>, AppError> {
    let user = crate::ssr::auth::require_user()?;
    let readers = crate::domain::reader::parse_readers_csv(&csv).map_err(|problems| {
        AppError::Invalid(
            problems
                .iter()
                .map(|p| format!("line {}: {}", p.line, p.reason))
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    crate::ssr::readers::enrol(&crate::ssr::state::store()?, &user, study_id, &readers).await
}

/// The study's readers.
#[server(endpoint = "readers/list", input = Json)]
pub async fn list_readers(study_id: i64) -> Result<Vec<ReaderView>, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::readers::list(&crate::ssr::state::store()?, &user, study_id).await
}

/// Overrides a reader's seniority group (`None` returns to the derived group).
#[server(endpoint = "readers/seniority", input = Json)]
pub async fn set_reader_seniority(
    study_id: i64,
    reader_id: i64,
    seniority: Option<vocab::Seniority>,
) -> Result<Vec<ReaderView>, AppError> {
    let user = crate::ssr::auth::require_user()?;
    let store = crate::ssr::state::store()?;
    crate::ssr::readers::set_seniority(&store, &user, study_id, reader_id, seniority).await
}

/// A fresh invite link for a reader who has not joined yet.
#[server(endpoint = "readers/reinvite", input = Json)]
pub async fn reinvite_reader(study_id: i64, reader_id: i64) -> Result<String, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::readers::reinvite(&crate::ssr::state::store()?, &user, study_id, reader_id).await
}
