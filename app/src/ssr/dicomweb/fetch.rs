//! A manifest's cases fetched into the folder import's layout: each row's instance found and
//! retrieved (a few at once), de-identified into the study's cache, then copied out under the
//! case's name with the manifest's carried columns.

use std::path::{Path, PathBuf};

use futures::StreamExt;
use imaging::deid::{Deidentification, Replacement};
use imaging::import::{ImportReport, RowProblem};

use super::progress;
use super::retrieve::{client, retrieve, Reference};
use super::Pacs;
use crate::AppError;

/// The manifest's columns the folder import takes over as they are.
const CARRIED: [&str; 6] = ["truth", "split", "age", "sex", "location", "site"];

/// Reads the PACS manifest, fetches each row's instance (or finds it in `cache`) and writes
/// the folder import's layout into `out`. Row problems (no reference, unknown accession, no
/// matching series, an instance the server will not send) come back as a rejected report.
///
/// # Errors
/// [`AppError::Invalid`] for an unreadable manifest; [`AppError::Transport`] when the PACS
/// cannot be reached or drops the connection (what was fetched stays in the cache).
pub async fn fetch(
    pacs: &Pacs,
    manifest: &Path,
    cache: &Path,
    out: &Path,
    deid: &Deidentification,
) -> Result<Result<Keys, ImportReport>, AppError> {
    let text = std::fs::read_to_string(manifest).map_err(|e| {
        AppError::Invalid(format!(
            "the manifest {} cannot be read: {e}",
            manifest.display()
        ))
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| AppError::Invalid(format!("the manifest's header cannot be read: {e}")))?
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (case_col, uid_col, accession_col) =
        (column("case_id"), column("study_uid"), column("accession"));
    let Some(case_col) = case_col else {
        return Err(AppError::Invalid(
            "the manifest needs a case_id column, and study_uid or accession".into(),
        ));
    };
    std::fs::create_dir_all(cache)
        .map_err(|e| crate::ssr::internal("create the DICOMweb cache", &e))?;
    std::fs::create_dir_all(out.join("dicom"))
        .map_err(|e| crate::ssr::internal("create the DICOMweb import folder", &e))?;
    let mut report = ImportReport::default();
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let row = index + 2;
        report.rows_checked += 1;
        let record = record.map_err(|e| AppError::Invalid(format!("manifest row {row}: {e}")))?;
        let field = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let case_id = field(Some(case_col)).unwrap_or_default();
        let reference = match (field(uid_col), field(accession_col)) {
            (Some(uid), _) => Reference::StudyUid(uid),
            (None, Some(number)) => Reference::Accession(number),
            (None, None) => {
                report.problems.push(RowProblem::new(
                    row,
                    Some(&case_id),
                    "neither study_uid nor accession is given",
                ));
                continue;
            }
        };
        let carried: Vec<String> = CARRIED
            .iter()
            .map(|name| csv_field(&field(column(name)).unwrap_or_default()))
            .collect();
        // Copies made under other de-identification choices are not this import's.
        let cached = cache.join(format!(
            "{}-{}",
            settings_tag(deid.settings),
            reference.cache_name(pacs)
        ));
        rows.push(Row {
            row,
            case_id,
            reference,
            carried,
            cached,
        });
    }
    let client = client()?;
    let tracker = progress::Tracker::new(cache, rows.len());
    // A few requests in flight at once: a PACS answers each search and retrieve with some
    // latency, and cases are independent. Each copy is cached as soon as it arrives.
    // By index: a closure over `&Row` would have to work for any lifetime, which the future
    // it returns (borrowing the client too) cannot promise.
    let outcomes: Vec<Result<Option<String>, AppError>> = futures::stream::iter(0..rows.len())
        .map(|i| fetch_row(&client, pacs, deid, &rows[i]))
        .buffered(IN_FLIGHT)
        .inspect(|_| tracker.step())
        .collect()
        .await;
    let mut keys = Vec::new();
    let mut lines = vec![format!("case_id,file,{}", CARRIED.join(","))];
    for (r, outcome) in rows.iter().zip(outcomes) {
        if let Some(reason) = outcome? {
            report
                .problems
                .push(RowProblem::new(r.row, Some(&r.case_id), reason));
            continue;
        }
        let file = format!("dicom/{}.dcm", safe_name(&r.case_id, r.row));
        std::fs::copy(&r.cached, out.join(&file))
            .map_err(|e| crate::ssr::internal("copy a fetched instance", &e))?;
        keys.push((r.case_id.clone(), read_key(&r.cached)));
        lines.push(format!(
            "{},{file},{}",
            csv_field(&r.case_id),
            r.carried.join(",")
        ));
    }
    if !report.problems.is_empty() {
        return Ok(Err(report));
    }
    std::fs::write(out.join("manifest.csv"), lines.join("\n") + "\n")
        .map_err(|e| crate::ssr::internal("write the DICOMweb manifest", &e))?;
    tracker.preparing();
    Ok(Ok(keys))
}

/// The copies' re-identification keys, by case, in manifest order.
pub type Keys = Vec<(String, Vec<Replacement>)>;

/// A short tag of the de-identification choices, e.g. `c1d0b0`.
fn settings_tag(settings: imaging::deid::Settings) -> String {
    let bit = |on: bool| u8::from(on);
    format!(
        "c{}d{}b{}",
        bit(settings.options.keep_patient_characteristics),
        bit(settings.options.keep_descriptors),
        bit(settings.accept_burned_in)
    )
}

/// The key kept beside a cached copy (`<copy>.key.csv`); empty if it is missing or unreadable.
fn read_key(cached: &Path) -> Vec<Replacement> {
    std::fs::read_to_string(cached.with_extension("key.csv"))
        .ok()
        .and_then(|text| imaging::deid::key::from_csv(&text))
        .map(|rows| rows.into_iter().map(|(_, r)| r).collect())
        .unwrap_or_default()
}

/// Requests to the PACS at once.
const IN_FLIGHT: usize = 4;

/// One manifest row on its way in.
struct Row {
    row: usize,
    case_id: String,
    reference: Reference,
    /// The folder manifest's carried columns, CSV-quoted.
    carried: Vec<String>,
    /// Its de-identified copy in the cache, there once fetched.
    cached: PathBuf,
}

/// Fetches and de-identifies one row's instance into the cache unless it is there; `Some`
/// with the row's reason when the PACS has no such instance or it cannot be de-identified.
async fn fetch_row(
    client: &reqwest::Client,
    pacs: &Pacs,
    deid: &Deidentification,
    r: &Row,
) -> Result<Option<String>, AppError> {
    if r.cached.is_file() {
        return Ok(None);
    }
    let bytes = match retrieve(client, pacs, &r.reference).await? {
        Ok(bytes) => bytes,
        Err(reason) => return Ok(Some(reason)),
    };
    match imaging::deid::deidentify(&bytes, deid.settings, &deid.uids, Path::new(&r.case_id)) {
        Ok(copy) => {
            // The key first: a cached copy always has its key beside it.
            let key = imaging::deid::key::to_csv([(r.case_id.as_str(), copy.key.as_slice())]);
            write_atomically(&r.cached.with_extension("key.csv"), key.as_bytes())?;
            write_atomically(&r.cached, &copy.bytes)?;
            Ok(None)
        }
        Err(e) => Ok(Some(format!("{e}"))),
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let partial: PathBuf = path.with_extension("partial");
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(|e| crate::ssr::internal("keep a fetched instance", &e))
}

/// A file name from a case id: letters, digits, `-` and `_`; the row number keeps it unique.
fn safe_name(case_id: &str, row: usize) -> String {
    let clean: String = case_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    format!("{row}-{clean}")
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_ids_become_safe_file_names() {
        assert_eq!(safe_name("../../etc/passwd", 3), "3-______etc_passwd");
    }
}
