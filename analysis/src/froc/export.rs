//! A localization study written back in the tool-neutral format [`super::input`] reads: a zip
//! of `truth.csv`, `marks.csv` and a `README.txt`, so `lector analyze --marks marks.csv --truth
//! truth.csv` (or a script feeding RJafroc) recomputes the analysis from the download.

use std::fmt::Write as _;
use std::io::Write;

use zip::write::SimpleFileOptions;

use super::data::Localization;
use crate::error::{AnalysisError, Result};

/// Quotes a field when it holds a comma, quote or line break (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `truth.csv`: `case,is_abnormal,lesion_id,weight`, one row per normal case and per lesion.
pub fn truth_csv(study: &Localization) -> String {
    let truth = study.truth();
    let mut out = String::from("case,is_abnormal,lesion_id,weight\n");
    for (k, case) in truth.cases().iter().enumerate() {
        if truth.is_abnormal(k) {
            for l in truth.lesions(k) {
                let _ = writeln!(out, "{},1,{},{}", field(case), l.id, l.weight);
            }
        } else {
            let _ = writeln!(out, "{},0,0,0", field(case));
        }
    }
    out
}

/// `marks.csv`: `reader,modality,case,kind,lesion_id,rating`, one row per NL mark and per
/// marked lesion (its highest rating).
pub fn marks_csv(study: &Localization) -> String {
    let truth = study.truth();
    let mut out = String::from("reader,modality,case,kind,lesion_id,rating\n");
    for (m, modality) in study.modalities().iter().enumerate() {
        for (j, reader) in study.readers().iter().enumerate() {
            for (k, marks) in study.reading(m, j).iter().enumerate() {
                let prefix = format!(
                    "{},{},{}",
                    field(reader),
                    field(modality),
                    field(&truth.cases()[k])
                );
                for x in &marks.nl {
                    let _ = writeln!(out, "{prefix},NL,0,{x}");
                }
                for (l, x) in truth.lesions(k).iter().zip(&marks.ll) {
                    if x.is_finite() {
                        let _ = writeln!(out, "{prefix},LL,{},{x}", l.id);
                    }
                }
            }
        }
    }
    out
}

/// The zip of [`truth_csv`], [`marks_csv`] and `readme` (written as `README.txt`).
///
/// # Errors
/// [`AnalysisError::Degenerate`] if the archive cannot be written (in memory: only a defect of
/// the zip writer could cause it).
pub fn to_marks_zip(study: &Localization, readme: &str) -> Result<Vec<u8>> {
    let failed = |e: &dyn std::fmt::Display| AnalysisError::Degenerate(format!("marks.zip: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in [
        ("truth.csv", truth_csv(study)),
        ("marks.csv", marks_csv(study)),
        ("README.txt", readme.to_string()),
    ] {
        zip.start_file(name, options).map_err(|e| failed(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}

#[cfg(all(test, feature = "csv"))]
mod tests {
    use super::*;
    use crate::froc::input::read_bytes;
    use crate::froc::{CaseMarks, Lesion, LocalizationTruth};

    #[test]
    fn the_written_files_read_back_as_the_same_study() {
        let truth = LocalizationTruth::new(
            vec!["n,1".into(), "a\"2".into(), "a3".into()],
            vec![
                vec![],
                vec![Lesion { id: 1, weight: 1.0 }],
                vec![Lesion { id: 1, weight: 0.5 }, Lesion { id: 2, weight: 0.5 }],
            ],
        )
        .unwrap();
        let marks = vec![
            CaseMarks {
                nl: vec![3.0, 1.0],
                ll: vec![],
            },
            CaseMarks {
                nl: vec![],
                ll: vec![4.0],
            },
            CaseMarks {
                nl: vec![2.0],
                ll: vec![f64::NEG_INFINITY, 5.0],
            },
        ];
        let study =
            Localization::new(truth, vec!["ana@x".into()], vec!["aided".into()], marks).unwrap();

        let again = read_bytes(marks_csv(&study).as_bytes(), truth_csv(&study).as_bytes()).unwrap();

        assert_eq!(again, study);
    }
}
