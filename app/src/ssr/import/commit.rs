//! The last step of every import: the staged folder moved into the data directory, the cases
//! stored in one transaction (the move undone if the database refuses them), the case orders
//! dealt, and the report with the re-identification key of the DICOM files.

use std::path::Path;

use imaging::import::{PreparedCase, PreparedImport};
use store::{ImportRecord, NewCase, Store, Study};

use super::fresh_name;
use crate::domain::case::ImportReport;
use crate::ssr::access::store_error;
use crate::ssr::internal;
use crate::ssr::orders::deal_orders;
use crate::AppError;

/// Moves the staging folder into place and stores the cases; undoes the move if the database
/// refuses them.
pub(super) async fn commit(
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
        key: key_csv(
            prepared
                .cases
                .iter()
                .map(|c| (c.case_id.as_str(), &c.identifiers)),
        ),
    })
}

/// The re-identification key as CSV, or `None` when no case had an identifier to replace.
pub(super) fn key_csv<'a>(
    cases: impl Iterator<Item = (&'a str, &'a Vec<imaging::deid::Replacement>)>,
) -> Option<String> {
    let cases: Vec<_> = cases
        .filter(|(_, key)| !key.is_empty())
        .map(|(case, key)| (case, key.as_slice()))
        .collect();
    (!cases.is_empty()).then(|| imaging::deid::key::to_csv(cases))
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
