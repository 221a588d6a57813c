//! An import from the PACS: the manifest's instances fetched and de-identified into a folder
//! (`ssr::dicomweb`), then imported as a folder, with the keys kept beside the cached copies.

use std::path::Path;

use imaging::import::ImportOptions;
use store::{ImportRecord, Store, Study};

use super::commit::key_csv;
use super::{fresh_name, pacs_cache, prepare_and_commit, refused, Source};
use crate::domain::case::ImportReport;
use crate::AppError;

/// Fetches the PACS manifest's instances, de-identified, into a folder, then imports that
/// folder as it is (a second de-identification would map the new UIDs again). The fetched
/// copies stay in the study's cache until an import of them succeeds, so a failed run is
/// resumed by the next.
#[allow(clippy::too_many_arguments)]
pub(super) async fn from_pacs(
    store: &Store,
    data_dir: &Path,
    study: &Study,
    study_dir: &Path,
    record: ImportRecord,
    pacs: &crate::ssr::dicomweb::Pacs,
    manifest: &Path,
    mut options: ImportOptions,
) -> Result<ImportReport, AppError> {
    let Some(deid) = options.deid.take() else {
        return Err(AppError::Internal("de-identify the PACS import".into()));
    };
    let cache = pacs_cache(study_dir);
    let _finished = crate::ssr::dicomweb::progress::Finished::for_cache(&cache);
    let folder = fresh_name(study_dir, "dicomweb");
    let fetched = crate::ssr::dicomweb::fetch(pacs, manifest, &cache, &folder, &deid).await;
    let result = match fetched {
        Ok(Ok(keys)) => prepare_and_commit(
            store,
            data_dir,
            study,
            study_dir,
            record,
            Source::Folder(folder.clone()),
            options,
        )
        .await
        .map(|mut report| {
            // The folder holds copies de-identified on the way in; their keys were kept beside
            // them in the cache.
            if report.accepted {
                report.key = key_csv(keys.iter().map(|(case, key)| (case.as_str(), key)));
            }
            report
        }),
        Ok(Err(report)) => Ok(refused(report)),
        Err(err) => Err(err),
    };
    let _ = std::fs::remove_dir_all(&folder);
    if matches!(&result, Ok(report) if report.accepted) {
        let _ = std::fs::remove_dir_all(&cache);
    }
    result
}
