//! Cases straight from a PACS over DICOMweb: a manifest maps each case to its study in the PACS
//! (`study_uid` or `accession`), QIDO-RS finds the study's first instance (of the series the
//! study wants, by modality), WADO-RS retrieves it, and only its de-identified copy is written,
//! as the folder import's layout (`manifest.csv` + `dicom/<case>.dcm`) that the import then
//! takes all or nothing.
//!
//! Copies are kept in the study's `dicomweb-cache` until an import succeeds, keyed by the row's
//! PACS reference, so a run that fails (a lost connection, a bad row) is resumed by the next
//! without fetching again or duplicating anything. Credentials come from the environment
//! (`LECTOR_DICOMWEB_TOKEN`, or `LECTOR_DICOMWEB_USER` and `LECTOR_DICOMWEB_PASSWORD`), never
//! from the command line; TLS certificates are verified against the system's roots.

use std::path::{Path, PathBuf};

use futures::StreamExt;
use imaging::deid::Deidentification;
use imaging::import::{ImportReport, RowProblem};
use serde_json::Value;

use crate::AppError;

/// How Lector signs in to the PACS.
#[derive(Clone, PartialEq)]
pub enum Auth {
    None,
    Basic { user: String, password: String },
    Bearer(String),
}

impl std::fmt::Debug for Auth {
    // Never print a password or token, even in a debug log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Auth::None => "Auth::None",
            Auth::Basic { .. } => "Auth::Basic(..)",
            Auth::Bearer(_) => "Auth::Bearer(..)",
        })
    }
}

impl Auth {
    /// From `LECTOR_DICOMWEB_TOKEN`, else `LECTOR_DICOMWEB_USER` + `LECTOR_DICOMWEB_PASSWORD`.
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        match (
            var("LECTOR_DICOMWEB_TOKEN"),
            var("LECTOR_DICOMWEB_USER"),
            var("LECTOR_DICOMWEB_PASSWORD"),
        ) {
            (Some(token), _, _) => Auth::Bearer(token),
            (None, Some(user), password) => Auth::Basic {
                user,
                password: password.unwrap_or_default(),
            },
            _ => Auth::None,
        }
    }
}

/// Where the cases are and which series to take.
#[derive(Clone, Debug, PartialEq)]
pub struct Pacs {
    /// The DICOMweb root, e.g. `https://pacs.example.org/dicom-web`.
    pub base: String,
    pub auth: Auth,
    /// Take only series of this modality (e.g. `CR`, `DX`).
    pub modality: Option<String>,
}

/// The PACS this server imports from, provided as context to the server functions.
#[derive(Clone, Debug)]
pub struct ConfiguredPacs(pub Option<Pacs>);

/// The configured PACS, if the administrator named one.
pub fn configured() -> Option<Pacs> {
    leptos::prelude::use_context::<ConfiguredPacs>().and_then(|c| c.0)
}

/// The host a page may show for the PACS (never the credentials or the path).
pub fn host(pacs: &Pacs) -> String {
    let rest = pacs
        .base
        .split_once("://")
        .map_or(pacs.base.as_str(), |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or_default();
    authority.rsplit('@').next().unwrap_or_default().to_string()
}

/// A modality as DICOM writes it (Code String: 1–16 upper-case letters, digits or `_`).
pub fn valid_modality(modality: &str) -> bool {
    (1..=16).contains(&modality.len())
        && modality
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// One manifest row's way into the PACS.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Reference {
    StudyUid(String),
    Accession(String),
}

impl Reference {
    fn query(&self) -> (&'static str, &str) {
        match self {
            Reference::StudyUid(uid) => ("StudyInstanceUID", uid),
            Reference::Accession(number) => ("AccessionNumber", number),
        }
    }

    fn cache_name(&self, modality: Option<&str>) -> String {
        use sha2::{Digest, Sha256};
        let (field, value) = self.query();
        let key = format!("{field}={value};modality={}", modality.unwrap_or(""));
        let digest = Sha256::digest(key.as_bytes());
        let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        format!("{hex}.dcm")
    }
}

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
) -> Result<Result<(), ImportReport>, AppError> {
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
        let cached = cache.join(reference.cache_name(pacs.modality.as_deref()));
        rows.push(Row {
            row,
            case_id,
            reference,
            carried,
            cached,
        });
    }
    let client = client()?;
    // A few requests in flight at once: a PACS answers each search and retrieve with some
    // latency, and cases are independent. Each copy is cached as soon as it arrives.
    // By index: a closure over `&Row` would have to work for any lifetime, which the future
    // it returns (borrowing the client too) cannot promise.
    let outcomes: Vec<Result<Option<String>, AppError>> = futures::stream::iter(0..rows.len())
        .map(|i| fetch_row(&client, pacs, deid, &rows[i]))
        .buffered(IN_FLIGHT)
        .collect()
        .await;
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
    Ok(Ok(()))
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
            write_atomically(&r.cached, &copy.bytes)?;
            Ok(None)
        }
        Err(e) => Ok(Some(format!("{e}"))),
    }
}

fn client() -> Result<reqwest::Client, AppError> {
    reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(10))
        .timeout(std::time::Duration::from_secs(300))
        .build()
        .map_err(|e| crate::ssr::internal("start the DICOMweb client", &e))
}

fn authorised(request: reqwest::RequestBuilder, auth: &Auth) -> reqwest::RequestBuilder {
    match auth {
        Auth::None => request,
        Auth::Basic { user, password } => request.basic_auth(user, Some(password)),
        Auth::Bearer(token) => request.bearer_auth(token),
    }
}

fn unreachable(base: &str) -> impl Fn(reqwest::Error) -> AppError + '_ {
    move |e| {
        tracing::warn!(error = %e, "DICOMweb request failed");
        AppError::Transport(format!(
            "the PACS at {base} did not answer or dropped the connection; what was fetched is kept, run the import again"
        ))
    }
}

/// A QIDO-RS search: the JSON datasets, or `Err` with the row's reason for a refusal.
async fn search(
    client: &reqwest::Client,
    pacs: &Pacs,
    path: &str,
    query: &[(&str, &str)],
) -> Result<Result<Vec<Value>, String>, AppError> {
    let url = format!("{}/{path}", pacs.base.trim_end_matches('/'));
    let response = authorised(client.get(&url).query(query), &pacs.auth)
        .header("Accept", "application/dicom+json")
        .send()
        .await
        .map_err(unreachable(&pacs.base))?;
    let status = response.status();
    if status == reqwest::StatusCode::NO_CONTENT {
        return Ok(Ok(Vec::new()));
    }
    if status == reqwest::StatusCode::UNAUTHORIZED || status == reqwest::StatusCode::FORBIDDEN {
        return Err(AppError::Invalid(format!(
            "the PACS refused Lector's credentials ({status}); set LECTOR_DICOMWEB_USER and LECTOR_DICOMWEB_PASSWORD, or LECTOR_DICOMWEB_TOKEN"
        )));
    }
    if !status.is_success() {
        return Ok(Err(format!("the PACS answered {status} to a search")));
    }
    let body: Value = response.json().await.map_err(unreachable(&pacs.base))?;
    Ok(Ok(body.as_array().cloned().unwrap_or_default()))
}

/// The first string value of attribute `tag` (`0020000D`) in a DICOM JSON dataset.
fn value(dataset: &Value, tag: &str) -> Option<String> {
    dataset[tag]["Value"][0].as_str().map(str::to_string)
}

/// The row's instance as DICOM Part 10 bytes, or the row's reason.
async fn retrieve(
    client: &reqwest::Client,
    pacs: &Pacs,
    reference: &Reference,
) -> Result<Result<Vec<u8>, String>, AppError> {
    let (field, wanted) = reference.query();
    // QIDO-RS matches `*` and `?` as wildcards: a reference must name one study exactly.
    if wanted.contains(['*', '?', '\\']) {
        return Ok(Err(format!(
            "{field} {wanted} contains a wildcard (*, ?) or a backslash; give the exact value"
        )));
    }
    let studies = match search(
        client,
        pacs,
        "studies",
        &[
            (field, wanted),
            ("includefield", "0020000D"),
            ("includefield", "00080050"),
        ],
    )
    .await?
    {
        Ok(found) => found,
        Err(reason) => return Ok(Err(reason)),
    };
    // Only a study whose attribute equals the reference (a server may match more loosely).
    let tag = match reference {
        Reference::StudyUid(_) => "0020000D",
        Reference::Accession(_) => "00080050",
    };
    let matching: Vec<String> = studies
        .iter()
        .filter(|s| value(s, tag).as_deref() == Some(wanted))
        .filter_map(|s| value(s, "0020000D"))
        .collect();
    let study = match matching.as_slice() {
        [] => return Ok(Err(format!("no study in the PACS has {field} {wanted}"))),
        [one] => one.clone(),
        _ => {
            return Ok(Err(format!(
                "{} studies in the PACS have {field} {wanted}; name the study by study_uid",
                matching.len()
            )))
        }
    };
    let mut query = vec![("includefield", "00080060")];
    if let Some(modality) = &pacs.modality {
        query.push(("Modality", modality.as_str()));
    }
    let series = match search(client, pacs, &format!("studies/{study}/series"), &query).await? {
        Ok(found) => found,
        Err(reason) => return Ok(Err(reason)),
    };
    let Some(series) = series.first().and_then(|s| value(s, "0020000E")) else {
        return Ok(Err(match &pacs.modality {
            Some(m) => format!("the study {wanted} has no {m} series"),
            None => format!("the study {wanted} has no series"),
        }));
    };
    let instances = match search(
        client,
        pacs,
        &format!("studies/{study}/series/{series}/instances"),
        &[],
    )
    .await?
    {
        Ok(found) => found,
        Err(reason) => return Ok(Err(reason)),
    };
    let Some(instance) = instances.first().and_then(|i| value(i, "00080018")) else {
        return Ok(Err(format!("the series of study {wanted} has no instance")));
    };
    let url = format!(
        "{}/studies/{study}/series/{series}/instances/{instance}",
        pacs.base.trim_end_matches('/')
    );
    // As stored first; a syntax the decoder lacks is asked for again, transcoded by the PACS to
    // explicit VR little endian.
    for syntax in ["*", "1.2.840.10008.1.2.1"] {
        let accept =
            format!("multipart/related; type=\"application/dicom\"; transfer-syntax={syntax}");
        let response = authorised(client.get(&url), &pacs.auth)
            .header("Accept", accept)
            .send()
            .await
            .map_err(unreachable(&pacs.base))?;
        if !response.status().is_success() {
            return Ok(Err(format!(
                "the PACS answered {} to retrieving the instance",
                response.status()
            )));
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = response.bytes().await.map_err(unreachable(&pacs.base))?;
        let Some(part) = first_part(&content_type, &body) else {
            return Ok(Err(
                "the PACS sent the instance in a form Lector cannot read (not multipart/related)"
                    .into(),
            ));
        };
        match imaging::decode::decode_bytes(part, Path::new("instance.dcm")) {
            Err(imaging::ImagingError::UnsupportedTransferSyntax { .. }) if syntax == "*" => {
                continue
            }
            _ => return Ok(Ok(part.to_vec())),
        }
    }
    Ok(Err(
        "the PACS could not send the instance in a transfer syntax Lector decodes".into(),
    ))
}

/// The body of the first part of a `multipart/related` response (RFC 2387).
pub fn first_part<'a>(content_type: &str, body: &'a [u8]) -> Option<&'a [u8]> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))?
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let find = |haystack: &[u8], needle: &[u8], from: usize| {
        haystack
            .get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let start = find(body, delimiter.as_bytes(), 0)? + delimiter.len();
    let headers_end = find(body, b"\r\n\r\n", start)? + 4;
    let end = find(body, format!("\r\n{delimiter}").as_bytes(), headers_end)?;
    Some(&body[headers_end..end])
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
    fn the_first_part_of_a_multipart_response_is_its_dicom_body() {
        let body = b"--abc\r\nContent-Type: application/dicom\r\n\r\nDICMDATA\r\n--abc\r\nContent-Type: application/dicom\r\n\r\nOTHER\r\n--abc--\r\n";

        let part = first_part(
            "multipart/related; type=\"application/dicom\"; boundary=abc",
            body,
        );

        assert_eq!(part, Some(&b"DICMDATA"[..]));
        assert_eq!(first_part("application/dicom", body), None);
    }

    #[test]
    fn a_row_reference_names_the_same_cache_file_every_run_and_another_for_another_modality() {
        let a = Reference::Accession("ACC1".into());

        assert_eq!(a.cache_name(Some("CR")), a.cache_name(Some("CR")));
        assert_ne!(a.cache_name(Some("CR")), a.cache_name(Some("DX")));
        assert_ne!(
            a.cache_name(None),
            Reference::StudyUid("ACC1".into()).cache_name(None)
        );
    }

    #[test]
    fn a_page_sees_the_pacs_host_without_credentials_or_path() {
        let pacs = Pacs {
            base: "https://user:secret@pacs.hospital:8443/dicom-web".into(),
            auth: Auth::None,
            modality: None,
        };
        assert_eq!(host(&pacs), "pacs.hospital:8443");
    }

    #[test]
    fn modalities_are_dicom_code_strings() {
        assert!(valid_modality("CR") && valid_modality("DX"));
        assert!(!valid_modality("") && !valid_modality("cr") && !valid_modality("CR&x=1"));
        assert!(!valid_modality(&"A".repeat(17)));
    }

    #[test]
    fn case_ids_become_safe_file_names() {
        assert_eq!(safe_name("../../etc/passwd", 3), "3-______etc_passwd");
    }
}
