//! Plain functions behind the case server functions: the case table and reading an upload.

use leptos::server_fn::codec::MultipartData;
use store::Store;

use crate::domain::case::CaseView;
use crate::domain::user::CurrentUser;
use crate::ssr::access::{coordinated_study, store_error};
use crate::ssr::ai::model_version;
use crate::AppError;

/// The study's cases, with the current model's probability where it has run.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study.
pub async fn list(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
) -> Result<Vec<CaseView>, AppError> {
    coordinated_study(store, user, study_id).await?;
    let failed = |e| store_error("load the cases", e);
    let outputs: std::collections::HashMap<i64, f64> = store
        .ai_outputs(study_id, model_version())
        .await
        .map_err(failed)?
        .into_iter()
        .map(|o| (o.case_ref, o.probability))
        .collect();
    Ok(store
        .list_cases(study_id)
        .await
        .map_err(failed)?
        .into_iter()
        .map(|c| CaseView {
            id: c.id,
            ai_probability: outputs.get(&c.id).copied(),
            case_id: c.case.case_id,
            truth_label: c.case.truth_label,
            split: c.case.split,
            site: c.case.site,
            age: c.case.age,
            sex: c.case.sex,
            location: c.case.location,
        })
        .collect())
}

/// A zip upload read from a multipart body.
#[derive(Debug)]
pub struct Upload {
    pub study_id: i64,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Reads the `study_id` and `file` fields, refusing a file over `limit` bytes.
///
/// # Errors
/// [`AppError::Invalid`] for a missing field, a bad study id or an over-size file.
pub async fn read_upload(data: MultipartData, limit: u64) -> Result<Upload, AppError> {
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::Invalid("the upload could not be read; try again".into()))?;
    let unreadable = |e: multer::Error| {
        AppError::Invalid(format!("the upload could not be read ({e}); try again"))
    };
    let mut study_id = None;
    let mut file = None;
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "study_id" => {
                let text = field.text().await.map_err(unreadable)?;
                study_id = text.trim().parse::<i64>().ok();
            }
            "file" => {
                let name = field.file_name().unwrap_or("upload.zip").to_string();
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                    if (bytes.len() + chunk.len()) as u64 > limit {
                        return Err(AppError::Invalid(format!(
                            "the zip is larger than {} MB; import it on the server with `lector import`",
                            limit >> 20
                        )));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    let study_id =
        study_id.ok_or_else(|| AppError::Invalid("the upload did not say which study".into()))?;
    let (file_name, bytes) =
        file.ok_or_else(|| AppError::Invalid("choose a zip file to import".into()))?;
    if bytes.is_empty() {
        return Err(AppError::Invalid("the chosen file is empty".into()));
    }
    Ok(Upload {
        study_id,
        file_name,
        bytes,
    })
}
