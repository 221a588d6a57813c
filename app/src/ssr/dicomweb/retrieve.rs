//! Talking to the PACS: QIDO-RS searches for a manifest row's study, series and instance, and
//! a WADO-RS retrieve of the instance (multipart/related), transcoded by the PACS when the
//! decoder lacks its transfer syntax.

use std::path::Path;

use serde_json::Value;

use super::{Auth, Pacs};
use crate::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Reference {
    StudyUid(String),
    Accession(String),
}

impl Reference {
    pub(super) fn query(&self) -> (&'static str, &str) {
        match self {
            Reference::StudyUid(uid) => ("StudyInstanceUID", uid),
            Reference::Accession(number) => ("AccessionNumber", number),
        }
    }

    /// The cache file of this reference's copy under the series filter `pacs` sets.
    pub(super) fn cache_name(&self, pacs: &Pacs) -> String {
        use sha2::{Digest, Sha256};
        let (field, value) = self.query();
        let key = format!(
            "{field}={value};modality={}{}",
            pacs.modality.as_deref().unwrap_or(""),
            // Absent from the key when unset, so a cache from before the filter still serves.
            pacs.series_description
                .as_deref()
                .map(|d| format!(";series={d}"))
                .unwrap_or_default()
        );
        let digest = Sha256::digest(key.as_bytes());
        let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        format!("{hex}.dcm")
    }
}

pub(super) fn client() -> Result<reqwest::Client, AppError> {
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
pub(super) async fn retrieve(
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
    let mut query = vec![("includefield", "00080060"), ("includefield", "0008103E")];
    if let Some(modality) = &pacs.modality {
        query.push(("Modality", modality.as_str()));
    }
    if let Some(description) = &pacs.series_description {
        query.push(("SeriesDescription", description.as_str()));
    }
    let series = match search(client, pacs, &format!("studies/{study}/series"), &query).await? {
        Ok(found) => found,
        Err(reason) => return Ok(Err(reason)),
    };
    let Some(series) = series.first().and_then(|s| value(s, "0020000E")) else {
        return Ok(Err(match (&pacs.modality, &pacs.series_description) {
            (None, None) => format!("the study {wanted} has no series"),
            (modality, description) => format!(
                "the study {wanted} has no series{}{}",
                modality
                    .as_ref()
                    .map(|m| format!(" of modality {m}"))
                    .unwrap_or_default(),
                description
                    .as_ref()
                    .map(|d| format!(" described as '{d}'"))
                    .unwrap_or_default()
            ),
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
    fn a_row_reference_names_the_same_cache_file_every_run_and_another_for_another_filter() {
        let a = Reference::Accession("ACC1".into());
        let pacs = |modality: Option<&str>, series: Option<&str>| Pacs {
            base: "http://pacs".into(),
            auth: Auth::None,
            modality: modality.map(str::to_string),
            series_description: series.map(str::to_string),
        };

        assert_eq!(
            a.cache_name(&pacs(Some("CR"), None)),
            a.cache_name(&pacs(Some("CR"), None))
        );
        assert_ne!(
            a.cache_name(&pacs(Some("CR"), None)),
            a.cache_name(&pacs(Some("DX"), None))
        );
        assert_ne!(
            a.cache_name(&pacs(Some("CR"), None)),
            a.cache_name(&pacs(Some("CR"), Some("*LAT*")))
        );
        assert_ne!(
            a.cache_name(&pacs(None, None)),
            Reference::StudyUid("ACC1".into()).cache_name(&pacs(None, None))
        );
    }
}
