//! Server functions about a study's cases: the case table, importing a zip, and importing from
//! the configured PACS over DICOMweb.

use leptos::prelude::*;
use leptos::server_fn::codec::{Json, MultipartData, MultipartFormData};

use crate::domain::case::{CaseView, ImportProgress, ImportReport};
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
    crate::ssr::import::import(
        &store,
        &data_dir,
        &user,
        upload.study_id,
        source,
        upload.give_key,
    )
    .await
}

/// Largest PACS manifest accepted (a CSV naming cases, not images; 10,000 rows take about
/// 600 kB). The whole request also stays under the server's general body limit (2 MiB).
pub const MAX_MANIFEST_BYTES: u64 = 1 << 20;

/// The host of the PACS this server imports from, if the administrator configured one
/// (coordinators only).
#[server(endpoint = "cases/pacs", input = Json)]
pub async fn pacs_host() -> Result<Option<String>, AppError> {
    crate::ssr::auth::require_coordinator()?;
    Ok(crate::ssr::dicomweb::configured().map(|p| crate::ssr::dicomweb::host(&p)))
}

/// Imports the cases a manifest names from the configured PACS over DICOMweb, sent as
/// multipart fields `study_id`, optionally `modality`, `series_description` and `key`, then
/// `file` (the manifest CSV).
#[server(endpoint = "cases/import_pacs", input = MultipartFormData)]
pub async fn import_pacs(data: MultipartData) -> Result<ImportReport, AppError> {
    use crate::ssr::dicomweb::{configured, valid_modality, valid_series_description};
    use crate::ssr::upload::receive;
    let user = crate::ssr::auth::require_coordinator()?;
    let store = crate::ssr::state::store()?;
    let data_dir = crate::ssr::state::data_dir()?;
    // The study is checked (inside `receive`) before anything about the PACS is said.
    let upload = receive(data, &store, &user, &data_dir, MAX_MANIFEST_BYTES).await?;
    let Some(mut pacs) = configured() else {
        return Err(AppError::Invalid(
            "no PACS is configured on this server; the administrator sets dicomweb_url in the config file".into(),
        ));
    };
    if let Some(modality) = &upload.modality {
        if !valid_modality(modality) {
            return Err(AppError::Invalid(
                "the modality is a DICOM code such as CR or DX (capital letters and digits)".into(),
            ));
        }
    }
    if let Some(description) = &upload.series_description {
        if !valid_series_description(description) {
            return Err(AppError::Invalid(
                "the series description is one line of at most 64 characters, without a backslash"
                    .into(),
            ));
        }
    }
    pacs.modality = upload.modality.clone();
    pacs.series_description = upload.series_description.clone();
    let source = crate::ssr::import::Source::DicomWeb {
        pacs: Box::new(pacs),
        manifest: upload.path().to_path_buf(),
    };
    crate::ssr::import::import(
        &store,
        &data_dir,
        &user,
        upload.study_id,
        source,
        upload.give_key,
    )
    .await
}

/// How far the PACS import running into the study has come, if one is running (its
/// coordinators only). Any instance can answer: the count lives in the data directory.
#[server(endpoint = "cases/import_progress", input = Json)]
pub async fn pacs_import_progress(study_id: i64) -> Result<Option<ImportProgress>, AppError> {
    let user = crate::ssr::auth::require_coordinator()?;
    let store = crate::ssr::state::store()?;
    crate::ssr::access::coordinated_study(&store, &user, study_id).await?;
    let data_dir = crate::ssr::state::data_dir()?;
    let study_dir = data_dir.join("studies").join(study_id.to_string());
    Ok(crate::ssr::dicomweb::progress::read(
        &crate::ssr::import::pacs_cache(&study_dir),
    ))
}
