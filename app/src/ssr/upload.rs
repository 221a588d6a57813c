//! Receiving a case zip from the web page without trusting its sender. The body is read only
//! after the sender has been shown to coordinate the study it names: the role is checked
//! before the body is touched (by the server function), the `study_id` field — which the page
//! sends first — is read and checked next, and only then is the file read. It streams to a
//! temporary file in `<data dir>/tmp` (removed when the [`Upload`] is dropped), and the upload
//! is refused with 413 the moment it passes the cap, so no request makes the server hold a
//! zip in memory.

use std::path::{Path, PathBuf};

use leptos::prelude::use_context;
use leptos::server_fn::codec::MultipartData;
use store::Store;
use tokio::io::AsyncWriteExt;

use crate::domain::user::CurrentUser;
use crate::ssr::access::coordinated_study;
use crate::ssr::internal;
use crate::AppError;

/// The largest zip the web page accepts, provided as context by the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UploadLimit(pub u64);

/// The cap for this server, or the built-in one when none was provided.
pub fn upload_limit() -> u64 {
    use_context::<UploadLimit>().map_or(crate::api::cases::MAX_UPLOAD_BYTES, |limit| limit.0)
}

/// A received zip, on disk until this is dropped.
#[derive(Debug)]
pub struct Upload {
    pub study_id: i64,
    pub file_name: String,
    file: tempfile::TempPath,
    /// The `modality` field sent before the file, if any (the PACS import's series filter).
    pub modality: Option<String>,
    /// The `series_description` field, if any (the PACS import's other series filter).
    pub series_description: Option<String>,
    /// The `key` field: the coordinator wants the import's re-identification key.
    pub give_key: bool,
}

impl Upload {
    pub fn path(&self) -> &Path {
        &self.file
    }
}

/// Reads the `study_id` field, checks that `user` coordinates that study, then streams the
/// `file` field to disk, refusing it past `limit` bytes.
///
/// # Errors
/// [`AppError::Forbidden`] or [`AppError::NotFound`] for a study `user` does not coordinate;
/// [`AppError::TooLarge`] past the cap; [`AppError::Invalid`] for a missing or misplaced field,
/// an empty file or an unreadable body; [`AppError::Internal`] when the data directory fails.
pub async fn receive(
    data: MultipartData,
    store: &Store,
    user: &CurrentUser,
    data_dir: &Path,
    limit: u64,
) -> Result<Upload, AppError> {
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::Invalid("the upload could not be read; try again".into()))?;
    let unreadable = |e: multer::Error| {
        AppError::Invalid(format!("the upload could not be read ({e}); try again"))
    };
    let mut study_id = None;
    let mut modality = None;
    let mut series_description = None;
    let mut give_key = false;
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            // The PACS import's series filters, checked by its server function.
            "modality" => modality = short_text(field, "the modality").await?,
            "series_description" => {
                series_description = short_text(field, "the series description").await?;
            }
            // A checkbox: present (as `on`) when ticked.
            "key" => {
                give_key = short_text(field, "the key choice").await?.is_some();
            }
            "study_id" => {
                let text = field.text().await.map_err(unreadable)?;
                let id = text
                    .trim()
                    .parse::<i64>()
                    .map_err(|_| AppError::Invalid("the upload did not say which study".into()))?;
                coordinated_study(store, user, id).await?;
                study_id = Some(id);
            }
            "file" => {
                // The page sends the study first; a file before it would be read unchecked.
                let study_id = study_id.ok_or_else(|| {
                    AppError::Invalid("the upload did not say which study".into())
                })?;
                let file_name = field.file_name().unwrap_or("upload.zip").to_string();
                let file = save(&mut field, data_dir, limit).await?;
                return Ok(Upload {
                    study_id,
                    file_name,
                    file,
                    modality,
                    series_description,
                    give_key,
                });
            }
            _ => {}
        }
    }
    Err(AppError::Invalid("choose a zip file to import".into()))
}

/// A text field of at most 256 bytes (read no further), trimmed; `None` when empty.
async fn short_text(
    mut field: multer::Field<'static>,
    what: &str,
) -> Result<Option<String>, AppError> {
    const MAX: usize = 256;
    let mut bytes = Vec::new();
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| AppError::Invalid(format!("the upload could not be read ({e}); try again")))?
    {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > MAX {
            return Err(AppError::Invalid(format!("{what} is too long")));
        }
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| AppError::Invalid(format!("{what} is not UTF-8 text")))?;
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_string()))
}

/// Streams one field into a new file under `<data dir>/tmp`.
async fn save(
    field: &mut multer::Field<'static>,
    data_dir: &Path,
    limit: u64,
) -> Result<tempfile::TempPath, AppError> {
    let tmp: PathBuf = data_dir.join("tmp");
    let disk = |e: std::io::Error| internal("save the upload in the data directory", &e);
    tokio::fs::create_dir_all(&tmp).await.map_err(disk)?;
    let named = tempfile::Builder::new()
        .prefix("upload-")
        .suffix(".zip")
        .tempfile_in(&tmp)
        .map_err(disk)?;
    let (file, path) = named.into_parts();
    let mut file = tokio::fs::File::from_std(file);
    let mut written: u64 = 0;
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| AppError::Invalid(format!("the upload could not be read ({e}); try again")))?
    {
        written += chunk.len() as u64;
        if written > limit {
            // `path` is dropped on the way out, which removes what was written.
            return Err(AppError::TooLarge(format!(
                "the zip is larger than {} MB; import it on the server with `lector import`",
                limit >> 20
            )));
        }
        file.write_all(&chunk).await.map_err(disk)?;
    }
    file.flush().await.map_err(disk)?;
    if written == 0 {
        return Err(AppError::Invalid("the chosen file is empty".into()));
    }
    Ok(path)
}
