//! Importing cases into a study, all or nothing: the imaging crate validates the source and
//! makes the derived images in a staging folder inside the data directory; one rename puts the
//! folder in place and one transaction stores the cases. Any failure leaves both the database
//! and the data directory as they were.

use std::path::{Path, PathBuf};

use imaging::import::{ImportError, ImportOptions};
use store::{ImportRecord, Store, Study};

use crate::domain::case::{ImportProblem, ImportReport};
use crate::domain::user::CurrentUser;
use crate::ssr::access::{audit, coordinated_study, store_error};
use crate::ssr::internal;
use crate::AppError;

mod commit;
mod pacs;

use commit::commit;
use pacs::from_pacs;

/// Where an import comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A folder on the server with `manifest.csv` (the `lector synth` layout).
    Folder(PathBuf),
    /// The same layout in an uploaded zip, saved at `path`; `name` is what the sender called it.
    Zip { name: String, path: PathBuf },
    /// A BTXRD-layout folder, with its options (columns, classes, external centres).
    Btxrd(PathBuf, Box<imaging::import::BtxrdOptions>),
    /// Cases from a PACS over DICOMweb: the manifest mapping cases to PACS studies.
    DicomWeb {
        pacs: Box<super::dicomweb::Pacs>,
        manifest: PathBuf,
    },
}

impl Source {
    fn kind(&self) -> &'static str {
        match self {
            Source::Folder(_) => "folder",
            Source::Zip { .. } => "zip",
            Source::Btxrd(..) => "btxrd",
            Source::DicomWeb { .. } => "dicomweb",
        }
    }

    fn describe(&self) -> String {
        match self {
            Source::Folder(p) | Source::Btxrd(p, _) => p.display().to_string(),
            Source::Zip { name, .. } => name.clone(),
            Source::DicomWeb { pacs, .. } => pacs.base.clone(),
        }
    }
}

/// Import options for a study: its class labels, the default limits, and DICOM
/// de-identification whose UIDs are the study's own (the same UID maps to the same new one in
/// every import into it, on every instance).
pub fn options_for(store: &Store, study: &Study) -> ImportOptions {
    let mut options =
        ImportOptions::new(study.positive_label.clone(), study.negative_label.clone());
    options.deid = Some(deidentification(store, study));
    options
}

/// The study's de-identification choices, with UIDs from a secret of its own.
fn deidentification(store: &Store, study: &Study) -> imaging::deid::Deidentification {
    let secret = store.derived_secret(&format!("dicom uids of study {}", study.id));
    let choices = study.config.deid;
    let settings = imaging::deid::Settings {
        options: imaging::deid::Options {
            keep_patient_characteristics: choices.keep_characteristics,
            keep_descriptors: choices.keep_descriptions,
        },
        accept_burned_in: choices.accept_burned_in,
    };
    imaging::deid::Deidentification::with(settings, &secret)
}

/// Where a study's PACS imports keep their de-identified copies until an import succeeds.
pub fn pacs_cache(study_dir: &Path) -> PathBuf {
    study_dir.join("dicomweb-cache")
}

/// A name no other import of this process or an earlier one has used.
fn fresh_name(parent: &Path, prefix: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut n = 0;
    loop {
        let candidate = parent.join(format!("{prefix}-{nanos:x}-{n}"));
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// The page's report of an import the imaging crate refused, row by row.
fn refused(report: imaging::import::ImportReport) -> ImportReport {
    let problems = report
        .problems
        .into_iter()
        .map(|p| ImportProblem {
            row: p.row,
            case_id: p.case_id,
            reason: p.reason,
        })
        .collect();
    rejected(problems, report.rows_checked, report.skipped)
}

fn rejected(problems: Vec<ImportProblem>, rows_checked: usize, skipped: usize) -> ImportReport {
    ImportReport {
        accepted: false,
        rows_checked,
        imported: 0,
        skipped,
        by_split: Vec::new(),
        problems,
        key: None,
    }
}

/// Imports from the web (a coordinator of the study); the report carries the DICOM files'
/// re-identification key only if `give_key`.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study; [`AppError::Invalid`] once
/// reading has begun. A rejected data set is not an error: the report lists every problem.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn import(
    store: &Store,
    data_dir: &Path,
    user: &CurrentUser,
    study_id: i64,
    source: Source,
    give_key: bool,
) -> Result<ImportReport, AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let report = import_into(store, data_dir, &study, &user.email, source, give_key).await?;
    if report.accepted {
        audit(
            store,
            user,
            "cases.import",
            Some(study_id),
            serde_json::json!({
                "cases": report.imported,
                "by_split": report.by_split,
                "key_given": report.key.is_some(),
            }),
        )
        .await;
    }
    Ok(report)
}

/// Imports into `study` on behalf of `actor` (an email, or `cli`); no access check — callers
/// check first. The report carries the re-identification key of the DICOM files only if
/// `give_key` (and there is one).
///
/// # Errors
/// [`AppError::Invalid`] once reading has begun; [`AppError::Internal`] when the data
/// directory or the database fails (nothing is kept then).
#[tracing::instrument(skip_all)]
pub async fn import_into(
    store: &Store,
    data_dir: &Path,
    study: &Study,
    actor: &str,
    source: Source,
    give_key: bool,
) -> Result<ImportReport, AppError> {
    let failed = |e| store_error("import the cases", e);
    if store.study_is_locked(study.id).await.map_err(failed)? {
        return Err(AppError::Invalid(
            "cases cannot be added once reading has begun; start a new study instead".into(),
        ));
    }
    let study_dir = data_dir.join("studies").join(study.id.to_string());
    std::fs::create_dir_all(&study_dir)
        .map_err(|e| internal("create the study's folder in the data directory", &e))?;
    let record = ImportRecord {
        kind: source.kind().into(),
        source: source.describe(),
        imported_by: actor.into(),
    };
    let options = options_for(store, study);
    let mut report = match source {
        Source::DicomWeb { pacs, manifest } => {
            from_pacs(
                store, data_dir, study, &study_dir, record, &pacs, &manifest, options,
            )
            .await
        }
        local => {
            prepare_and_commit(store, data_dir, study, &study_dir, record, local, options).await
        }
    }?;
    // The key is made by every import (it costs nothing) and handed out only when asked for.
    if !give_key {
        report.key = None;
    }
    Ok(report)
}

/// Prepares a local source (folder, zip, BTXRD) in a staging folder and stores it, all or
/// nothing.
async fn prepare_and_commit(
    store: &Store,
    data_dir: &Path,
    study: &Study,
    study_dir: &Path,
    record: ImportRecord,
    source: Source,
    options: ImportOptions,
) -> Result<ImportReport, AppError> {
    let failed = |e| store_error("import the cases", e);
    let staging = fresh_name(study_dir, "staging");
    let staging_bg = staging.clone();
    let prepared = tokio::task::spawn_blocking(move || match source {
        Source::Folder(dir) => imaging::import::import_folder(&dir, &staging_bg, &options),
        Source::Zip { path, .. } => imaging::import::import_zip_file(&path, &staging_bg, &options),
        Source::Btxrd(dir, mut btxrd) => {
            btxrd.import.deid = options.deid.clone();
            imaging::import::import_btxrd(&dir, &staging_bg, &btxrd)
        }
        // Fetched into a folder by `from_pacs` before it comes here.
        Source::DicomWeb { manifest, .. } => {
            imaging::import::import_folder(&manifest, &staging_bg, &options)
        }
    })
    .await
    .map_err(|e| internal("prepare the import", &e))?;
    let prepared = match prepared {
        Ok(prepared) => prepared,
        Err(ImportError::Rejected(report)) => return Ok(refused(report)),
        Err(other) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(internal("prepare the import", &other));
        }
    };
    let existing = store.case_ids(study.id).await.map_err(failed)?;
    let repeats: Vec<ImportProblem> = prepared
        .cases
        .iter()
        .enumerate()
        .filter(|(_, c)| existing.contains(&c.case_id))
        .map(|(i, c)| ImportProblem {
            row: i + 2,
            case_id: Some(c.case_id.clone()),
            reason:
                "a case with this id is already in the study; remove the row or rename the case"
                    .into(),
        })
        .collect();
    if !repeats.is_empty() {
        let _ = std::fs::remove_dir_all(&staging);
        return Ok(rejected(
            repeats,
            prepared.report.rows_checked,
            prepared.report.skipped,
        ));
    }
    commit(store, data_dir, study_dir, study, &record, prepared).await
}
