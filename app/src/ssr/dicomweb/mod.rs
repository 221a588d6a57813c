//! Cases straight from a PACS over DICOMweb: a manifest maps each case to its study in the PACS
//! (`study_uid` or `accession`), QIDO-RS finds the study's first instance (of the series the
//! import wants, by modality and series description), WADO-RS retrieves it, and only its de-identified copy is written,
//! as the folder import's layout (`manifest.csv` + `dicom/<case>.dcm`) that the import then
//! takes all or nothing.
//!
//! Copies are kept in the study's `dicomweb-cache` until an import succeeds, keyed by the row's
//! PACS reference, so a run that fails (a lost connection, a bad row) is resumed by the next
//! without fetching again or duplicating anything. Credentials come from the environment
//! (`LECTOR_DICOMWEB_TOKEN`, or `LECTOR_DICOMWEB_USER` and `LECTOR_DICOMWEB_PASSWORD`), never
//! from the command line; TLS certificates are verified against the system's roots.

mod fetch;
pub mod progress;
mod retrieve;

pub use fetch::fetch;
pub use retrieve::first_part;

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
    /// Take only series whose description matches (QIDO-RS matching: `*` and `?` are
    /// wildcards; e.g. `*LAT*` for the lateral view).
    pub series_description: Option<String>,
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
/// A series description filter as a QIDO-RS match value: printable text up to 64 characters
/// (the LO limit), where `*` and `?` are the query's wildcards.
pub fn valid_series_description(text: &str) -> bool {
    (1..=64).contains(&text.chars().count()) && !text.chars().any(|c| c.is_control() || c == '\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_sees_the_pacs_host_without_credentials_or_path() {
        let pacs = Pacs {
            base: "https://user:secret@pacs.hospital:8443/dicom-web".into(),
            auth: Auth::None,
            modality: None,
            series_description: None,
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
    fn a_series_description_filter_is_one_line_of_at_most_64_characters() {
        assert!(valid_series_description("*LAT*") && valid_series_description("膝关节 侧位"));
        assert!(!valid_series_description("") && !valid_series_description("a\nb"));
        assert!(!valid_series_description("a\\b") && !valid_series_description(&"x".repeat(65)));
    }
}
