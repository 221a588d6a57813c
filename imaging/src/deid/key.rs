//! The re-identification key: which identifiers of the hospital's systems a de-identified copy
//! came from (patient, accession, study, series and image), and the key as a CSV file for the
//! coordinator. Lector never stores it; an import hands it out only when asked.

use dicom_core::Tag;
use dicom_dictionary_std::tags;
use dicom_object::mem::InMemDicomObject;

/// One identifier, before and after: what the hospital's systems call it and what the
/// de-identified copy calls it (empty when the profile removed it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The attribute's keyword, e.g. `PatientID`.
    pub attribute: String,
    pub original: String,
    pub replacement: String,
}

/// The identifiers a key gives: who the patient is, and which study, series and image of the
/// PACS the copy came from.
const KEY_ATTRIBUTES: [(Tag, &str); 6] = [
    (tags::PATIENT_ID, "PatientID"),
    (tags::PATIENT_NAME, "PatientName"),
    (tags::ACCESSION_NUMBER, "AccessionNumber"),
    (tags::STUDY_INSTANCE_UID, "StudyInstanceUID"),
    (tags::SERIES_INSTANCE_UID, "SeriesInstanceUID"),
    (tags::SOP_INSTANCE_UID, "SOPInstanceUID"),
];

/// The key attributes' values in `obj`, in [`KEY_ATTRIBUTES`] order (empty where absent).
pub(crate) fn identifiers(obj: &InMemDicomObject) -> Vec<String> {
    KEY_ATTRIBUTES
        .iter()
        .map(|&(tag, _)| text_of(obj, tag))
        .collect()
}

/// Pairs the values read before de-identification with those of the copy; attributes the
/// original did not have are left out.
pub(crate) fn replacements(before: Vec<String>, copy: &InMemDicomObject) -> Vec<Replacement> {
    KEY_ATTRIBUTES
        .iter()
        .zip(before)
        .filter(|(_, original)| !original.is_empty())
        .map(|(&(tag, attribute), original)| Replacement {
            attribute: attribute.into(),
            original,
            replacement: text_of(copy, tag),
        })
        .collect()
}

fn text_of(obj: &InMemDicomObject, tag: Tag) -> String {
    obj.get(tag)
        .and_then(|e| e.to_str().ok())
        .map(|v| v.trim_end_matches(['\0', ' ']).to_string())
        .unwrap_or_default()
}

/// The key as CSV (`case_id,attribute,original,replacement`, one line per identifier), for the
/// cases in the order given.
pub fn to_csv<'a>(cases: impl IntoIterator<Item = (&'a str, &'a [Replacement])>) -> String {
    let mut out = String::from("case_id,attribute,original,replacement\n");
    for (case_id, key) in cases {
        for r in key {
            out.push_str(&format!(
                "{},{},{},{}\n",
                field(case_id),
                field(&r.attribute),
                field(&r.original),
                field(&r.replacement)
            ));
        }
    }
    out
}

/// The rows of a key written by [`to_csv`], as `(case_id, replacement)`; `None` when the text
/// is not such a key.
pub fn from_csv(text: &str) -> Option<Vec<(String, Replacement)>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.ok()?;
        let [case_id, attribute, original, replacement] =
            [0, 1, 2, 3].map(|i| record.get(i).map(unfield));
        rows.push((
            case_id?,
            Replacement {
                attribute: attribute?,
                original: original?,
                replacement: replacement?,
            },
        ));
    }
    Some(rows)
}

/// Undoes [`field`]'s formula guard.
fn unfield(text: &str) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => text.to_string(),
    }
}

/// A CSV field, quoted when needed; a value a spreadsheet would run as a formula (`=`, `+`,
/// `-`, `@` first) is prefixed with `'` (OWASP's CSV injection advice): a patient's name comes
/// from the PACS, not from Lector.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_lists_each_identifier_of_each_case_and_defuses_formulas() {
        let key = vec![
            Replacement {
                attribute: "PatientID".into(),
                original: "=HYPERLINK(\"x\")".into(),
                replacement: String::new(),
            },
            Replacement {
                attribute: "PatientName".into(),
                original: "Doe^Jane, Dr".into(),
                replacement: "ANONYMOUS".into(),
            },
        ];

        let csv = to_csv([("case_1", key.as_slice())]);

        assert_eq!(
            csv,
            "case_id,attribute,original,replacement\n\
             case_1,PatientID,\"'=HYPERLINK(\"\"x\"\")\",\n\
             case_1,PatientName,\"Doe^Jane, Dr\",ANONYMOUS\n"
        );
        let back = from_csv(&csv).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0], ("case_1".to_string(), key[0].clone()));
        assert_eq!(back[1].1, key[1]);
    }
}
