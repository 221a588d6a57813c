//! Case import: turns a study coordinator's data set into validated cases plus their derived
//! images in a staging folder, all or nothing. Knows nothing of the web or the database: the
//! caller inserts [`PreparedImport::cases`] and moves the staging folder into its data directory.
//!
//! Three sources, one result:
//! - [`import_folder`]: a folder with `manifest.csv` (`case_id,file,truth,age,sex,location,site,
//!   split` in any order, extra columns kept as metadata, `file` relative to the folder), the
//!   layout `lector synth` writes; `masks/<case_id>.png` is picked up when present.
//! - [`import_zip`] / [`import_zip_file`]: the same layout in a zip (manifest at the root or in
//!   one top-level folder), unpacked with zip-slip, zip-bomb and size guards.
//! - [`import_btxrd`]: the public BTXRD bone-tumour data set (`images/`, `Annotations/` LabelMe
//!   JSON, `dataset.xlsx`); see [`BtxrdOptions`] for columns, classes and splits.
//!
//! Every source is checked completely before anything is kept: each bad row, missing or
//! undecodable image, duplicate id, escaping path, over-size file or excess case becomes a
//! [`RowProblem`] in the [`ImportReport`] of [`ImportError::Rejected`], and the staging folder
//! is left empty (removed if the import created it). On success the staging folder holds, per
//! case, `<case_id>/original.<png|jpg|dcm>`, `display.png` (8-bit, default window), `thumb.png`
//! and, when there is a mask, `mask.png` (255 inside the lesion).
//!
//! Images are decoded and rendered on [`ImportOptions::threads`] threads (default 2).

mod archive;
mod btxrd;
mod error;
mod fields;
mod labelme;
mod manifest;
mod options;
mod prepared;
mod stage;
mod table;

pub use error::{ImportError, ImportReport, RowProblem};
pub use fields::{check_case_id, MAX_CASE_ID_LEN};
pub use options::{BtxrdColumns, BtxrdOptions, ImportOptions};
pub(crate) use prepared::{Candidate, MaskSource};
pub use prepared::{DerivedFiles, PreparedCase, PreparedImport, WindowPreset};

use stage::Staging;
use std::collections::HashMap;
use std::path::Path;

/// Imports the folder `dir` holding `manifest.csv`; derived files go to `staging`, which must be
/// missing or empty.
///
/// # Errors
/// [`ImportError::Rejected`] with every problem found; [`ImportError::StagingNotEmpty`];
/// [`ImportError::Io`] when reading or writing fails outside the data set's fault.
pub fn import_folder(
    dir: &Path,
    staging: &Path,
    opts: &ImportOptions,
) -> Result<PreparedImport, ImportError> {
    let guard = Staging::open(staging)?;
    let (candidates, report) = manifest::read(dir, opts)?;
    finish(guard, candidates, report, opts)
}

/// Imports an uploaded zip held in memory (see [`import_folder`] for the layout and errors;
/// the zip's own problems, such as entries leaving the folder, are reported as row 0).
///
/// # Errors
/// As [`import_folder`].
pub fn import_zip(
    zip_bytes: &[u8],
    staging: &Path,
    opts: &ImportOptions,
) -> Result<PreparedImport, ImportError> {
    if zip_bytes.len() as u64 > opts.max_upload_bytes {
        return Err(too_big_upload(zip_bytes.len() as u64, opts));
    }
    import_zip_reader(std::io::Cursor::new(zip_bytes), staging, opts)
}

/// Imports an uploaded zip from a file, without reading it into memory whole.
///
/// # Errors
/// As [`import_folder`].
pub fn import_zip_file(
    zip_path: &Path,
    staging: &Path,
    opts: &ImportOptions,
) -> Result<PreparedImport, ImportError> {
    let file = std::fs::File::open(zip_path)
        .map_err(|e| ImportError::io(zip_path, "opening the zip", e))?;
    let len = file
        .metadata()
        .map_err(|e| ImportError::io(zip_path, "reading the zip's size", e))?
        .len();
    if len > opts.max_upload_bytes {
        return Err(too_big_upload(len, opts));
    }
    import_zip_reader(std::io::BufReader::new(file), staging, opts)
}

fn too_big_upload(len: u64, opts: &ImportOptions) -> ImportError {
    ImportError::Rejected(ImportReport {
        problems: vec![RowProblem::whole(format!(
            "the upload is {}, more than the {} allowed; split the study into smaller zips",
            fields::human_bytes(len),
            fields::human_bytes(opts.max_upload_bytes)
        ))],
        ..ImportReport::default()
    })
}

fn import_zip_reader<R: std::io::Read + std::io::Seek>(
    reader: R,
    staging: &Path,
    opts: &ImportOptions,
) -> Result<PreparedImport, ImportError> {
    let guard = Staging::open(staging)?;
    let unpacked = guard.scratch_dir();
    let outcome = archive::unpack(reader, &unpacked, opts).and_then(|root| {
        let (candidates, report) = manifest::read(&root, opts)?;
        finish_without_cleanup(&guard, candidates, report, opts)
    });
    // The unpacked upload never outlives the import, whatever the outcome.
    let _ = std::fs::remove_dir_all(&unpacked);
    let prepared = outcome?;
    guard.keep();
    Ok(prepared)
}

/// Imports a BTXRD-layout folder (see [`BtxrdOptions`]).
///
/// # Errors
/// As [`import_folder`]; rows of neither tumour class are skipped and counted, not errors.
pub fn import_btxrd(
    dir: &Path,
    staging: &Path,
    opts: &BtxrdOptions,
) -> Result<PreparedImport, ImportError> {
    let guard = Staging::open(staging)?;
    let (candidates, report) = btxrd::read(dir, opts)?;
    finish(guard, candidates, report, &opts.import)
}

fn finish(
    guard: Staging,
    candidates: Vec<Candidate>,
    report: ImportReport,
    opts: &ImportOptions,
) -> Result<PreparedImport, ImportError> {
    let prepared = finish_without_cleanup(&guard, candidates, report, opts)?;
    guard.keep();
    Ok(prepared)
}

/// The checks common to every source (duplicates, case count), then decoding and staging.
fn finish_without_cleanup(
    guard: &Staging,
    candidates: Vec<Candidate>,
    mut report: ImportReport,
    opts: &ImportOptions,
) -> Result<PreparedImport, ImportError> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for c in &candidates {
        if let Some(first) = seen.insert(c.case_id.to_ascii_lowercase(), c.row) {
            seen.insert(c.case_id.to_ascii_lowercase(), first);
            report.problems.push(RowProblem::new(
                c.row,
                Some(&c.case_id),
                format!(
                    "case_id '{}' is already used on row {first} (ids are compared ignoring case); give each case its own id",
                    c.case_id
                ),
            ));
        }
    }
    // Every row that is not skipped is a case, good or bad.
    let cases = report
        .rows_checked
        .saturating_sub(report.skipped)
        .max(candidates.len());
    if cases > opts.max_cases {
        // Refused before decoding anything: the limit exists to bound the work.
        report.problems.push(RowProblem::whole(format!(
            "{cases} cases, more than the {} one import may hold; split the data set into several imports",
            opts.max_cases
        )));
        return Err(rejected(report));
    }
    if candidates.is_empty() && report.problems.is_empty() {
        report.problems.push(RowProblem::whole(
            "the data set has no cases; add at least one row",
        ));
    }
    let write = report.problems.is_empty();
    let cases = stage::run(&candidates, guard.path(), opts, write)?;
    let mut prepared = Vec::with_capacity(cases.len());
    for (candidate, outcome) in candidates.iter().zip(cases) {
        match outcome {
            Ok(case) => prepared.push(case),
            Err(reason) => report.problems.push(RowProblem::new(
                candidate.row,
                Some(&candidate.case_id),
                reason,
            )),
        }
    }
    if !report.problems.is_empty() {
        return Err(rejected(report));
    }
    Ok(PreparedImport {
        staging: guard.path().to_path_buf(),
        cases: prepared,
        report,
    })
}

fn rejected(mut report: ImportReport) -> ImportError {
    report.sort();
    ImportError::Rejected(report)
}
