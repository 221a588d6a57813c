//! Server functions about a study's cases: the case table and importing a zip.

use leptos::prelude::*;
use leptos::server_fn::codec::{Json, MultipartData, MultipartFormData};

use crate::domain::case::{CaseView, ImportReport};
use crate::AppError;

/// Largest zip accepted through the browser unless the server sets another cap
/// (`--max-upload-mb`); bigger data sets go through `lector import`.
pub const MAX_UPLOAD_BYTES: u64 = 1 << 30;

/// The study's cases with the AI's probability where it has run.
#[server(endpoint = "cases/list", input = Json)]
pub async fn list_cases(study_id: i64) -> Result<Vec<CaseView>, AppError> {
    let user = crate::ssr::auth::require_user()?;
    crate::ssr::cases::list(&crate::ssr::state::store()?, &user, study_id).await
}

/// Imports a zip (`manifest.csv` + images) sent as multipart fields `study_id`, then `file`.
/// Only coordinators get their body read: the role is checked before the first byte, the study
/// before the file (`ssr::upload`).
#[server(endpoint = "cases/import_zip", input = MultipartFormData)]
pub async fn import_zip(data: MultipartData) -> Result<ImportReport, AppError> {
    use crate::ssr::upload::{receive, upload_limit};
    let user = crate::ssr::auth::require_coordinator()?;
    let store = crate::ssr::state::store()?;
    let data_dir = crate::ssr::state::data_dir()?;
    let upload = receive(data, &store, &user, &data_dir, upload_limit()).await?;
    let source = crate::ssr::import::Source::Zip {
        name: upload.file_name.clone(),
        path: upload.path().to_path_buf(),
    };
    // `upload` lives until the import has read the file, then removes it.
    crate::ssr::import::import(&store, &data_dir, &user, upload.study_id, source).await
}
