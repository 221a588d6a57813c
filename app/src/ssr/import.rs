//! Importing cases into a study, all or nothing: the imaging crate validates the source and
//! makes the derived images in a staging folder inside the data directory; one rename puts the
//! folder in place and one transaction stores the cases. Any failure leaves both the database
//! and the data directory as they were.

use std::path::{Path, PathBuf};

use imaging::import::{ImportError, ImportOptions, PreparedCase, PreparedImport};
use store::{ImportRecord, NewCase, Store, Study};

use crate::domain::case::{ImportProblem, ImportReport};
use crate::domain::user::CurrentUser;
use crate::ssr::access::{audit, coordinated_study, store_error};
use crate::ssr::internal;
use crate::ssr::orders::deal_orders;
use crate::AppError;

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

fn deidentification(store: &Store, study: &Study) -> imaging::deid::Deidentification {
    let secret = store.derived_secret(&format!("dicom uids of study {}", study.id));
    imaging::deid::Deidentification::for_study(&secret)
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
    }
}

/// Imports from the web (a coordinator of the study).
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
) -> Result<ImportReport, AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let report = import_into(store, data_dir, &study, &user.email, source).await?;
    if report.accepted {
        audit(
            store,
            user,
            "cases.import",
            Some(study_id),
            serde_json::json!({ "cases": report.imported, "by_split": report.by_split }),
        )
        .await;
    }
    Ok(report)
}

/// Imports into `study` on behalf of `actor` (an email, or `cli`); no access check — callers
/// check first.
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
    match source {
        Source::DicomWeb { pacs, manifest } => {
            from_pacs(
                store, data_dir, study, &study_dir, record, &pacs, &manifest, options,
            )
            .await
        }
        local => {
            prepare_and_commit(store, data_dir, study, &study_dir, record, local, options).await
        }
    }
}

/// Fetches the PACS manifest's instances, de-identified, into a folder, then imports that
/// folder as it is (a second de-identification would map the new UIDs again). The fetched
/// copies stay in the study's cache until an import of them succeeds, so a failed run is
/// resumed by the next.
#[allow(clippy::too_many_arguments)]
async fn from_pacs(
    store: &Store,
    data_dir: &Path,
    study: &Study,
    study_dir: &Path,
    record: ImportRecord,
    pacs: &super::dicomweb::Pacs,
    manifest: &Path,
    mut options: ImportOptions,
) -> Result<ImportReport, AppError> {
    let Some(deid) = options.deid.take() else {
        return Err(AppError::Internal("de-identify the PACS import".into()));
    };
    let cache = study_dir.join("dicomweb-cache");
    let folder = fresh_name(study_dir, "dicomweb");
    let fetched = super::dicomweb::fetch(pacs, manifest, &cache, &folder, &deid).await;
    let result = match fetched {
        Ok(Ok(())) => {
            prepare_and_commit(
                store,
                data_dir,
                study,
                study_dir,
                record,
                Source::Folder(folder.clone()),
                options,
            )
            .await
        }
        Ok(Err(report)) => Ok(refused(report)),
        Err(err) => Err(err),
    };
    let _ = std::fs::remove_dir_all(&folder);
    if matches!(&result, Ok(report) if report.accepted) {
        let _ = std::fs::remove_dir_all(&cache);
    }
    result
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

/// Moves the staging folder into place and stores the cases; undoes the move if the database
/// refuses them.
async fn commit(
    store: &Store,
    data_dir: &Path,
    study_dir: &Path,
    study: &Study,
    record: &ImportRecord,
    prepared: PreparedImport,
) -> Result<ImportReport, AppError> {
    let target = fresh_name(study_dir, "import");
    if let Err(err) = std::fs::rename(&prepared.staging, &target) {
        let _ = std::fs::remove_dir_all(&prepared.staging);
        return Err(internal(
            "move the imported images into the data directory",
            &err,
        ));
    }
    let relative = target
        .strip_prefix(data_dir)
        .unwrap_or(&target)
        .to_string_lossy()
        .into_owned();
    let cases: Vec<NewCase> = prepared
        .cases
        .iter()
        .map(|c| new_case(c, &relative))
        .collect();
    if let Err(err) = store.store_import(study.id, record, &cases).await {
        let _ = std::fs::remove_dir_all(&target);
        return Err(store_error("store the imported cases", err));
    }
    deal_orders(store, study)
        .await
        .map_err(|e| store_error("deal the case orders", e))?;
    let mut by_split = Vec::new();
    for &split in vocab::Split::ALL {
        let n = cases.iter().filter(|c| c.split == split).count();
        if n > 0 {
            by_split.push((split, n));
        }
    }
    Ok(ImportReport {
        accepted: true,
        rows_checked: prepared.report.rows_checked,
        imported: cases.len(),
        skipped: prepared.report.skipped,
        by_split,
        problems: Vec::new(),
    })
}

fn new_case(c: &PreparedCase, import_dir: &str) -> NewCase {
    let file_name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let windows: Vec<serde_json::Value> = c
        .windows
        .iter()
        .map(|w| serde_json::json!({ "name": w.name, "center": w.center, "width": w.width }))
        .collect();
    NewCase {
        case_id: c.case_id.clone(),
        truth: c.truth,
        truth_label: c.truth_label.clone(),
        age: c.age.map(i64::from),
        sex: c.sex.clone(),
        location: c.location.clone(),
        site: c.site.clone(),
        split: c.split,
        metadata: serde_json::to_string(&c.metadata).unwrap_or_else(|_| "{}".into()),
        source_file: c.source_file.clone(),
        width: c.width.into(),
        height: c.height.into(),
        bits_stored: c.bits_stored.into(),
        modality: c.modality.clone(),
        photometric: match c.photometric {
            imaging::Photometric::Monochrome1 => "MONOCHROME1".into(),
            imaging::Photometric::Monochrome2 => "MONOCHROME2".into(),
        },
        windows: serde_json::Value::Array(windows).to_string(),
        files_dir: format!("{import_dir}/{}", c.case_id),
        original_file: file_name(&c.files.original),
        has_mask: c.files.mask.is_some(),
    }
}
