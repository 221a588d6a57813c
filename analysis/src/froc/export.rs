//! A localization study written back out: in the tool-neutral format [`super::input`] reads (a
//! zip of `truth.csv`, `marks.csv` and a `README.txt`, so `lector analyze --marks marks.csv
//! --truth truth.csv` recomputes the analysis from the download), and as RJafroc's FROC data
//! workbook (`RJafroc::DfReadDataFile(file, newExcelFileFormat = TRUE)`): a `Truth` sheet
//! (`CaseID`, `LesionID` 0 for a normal case or 1, 2, … per lesion, `Weight`, `ReaderID` and
//! `ModalityID` listing every reader and modality, `Paradigm` FROC / FCTRL), an `NL` sheet
//! (`ReaderID`, `ModalityID`, `CaseID`, `NL_Rating`, one row per non-lesion mark) and an `LL`
//! sheet (`ReaderID`, `ModalityID`, `LesionID`, `CaseID`, `LL_Rating`, one row per marked
//! lesion). RJafroc wants numbers for the IDs: readers and modalities are numbered 0, 1, … and
//! cases 1, 2, … in the study's order (`marks.zip` keeps the names).

use std::fmt::Write as _;

use rust_xlsxwriter::{Format, Workbook};

use super::data::Localization;
use crate::error::Result;

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
    crate::export::zip_files(
        "marks.zip",
        &[
            ("truth.csv", truth_csv(study)),
            ("marks.csv", marks_csv(study)),
            ("README.txt", readme.to_string()),
        ],
    )
}

/// The RJafroc FROC workbook (`.xlsx` bytes) of the study (module doc).
///
/// # Errors
/// [`AnalysisError::Xlsx`] when the workbook cannot be written (more marks than a sheet holds).
pub fn to_rjafroc_froc_xlsx(study: &Localization) -> Result<Vec<u8>> {
    let truth = study.truth();
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let list = |n: usize| (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
    let (readers, modalities) = (list(study.readers().len()), list(study.modalities().len()));
    let sheet = workbook.add_worksheet().set_name("Truth")?;
    for (col, name) in [
        "CaseID",
        "LesionID",
        "Weight",
        "ReaderID",
        "ModalityID",
        "Paradigm",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    let mut row = 1u32;
    for k in 0..truth.cases().len() {
        let lesions: Vec<(f64, f64)> = if truth.is_abnormal(k) {
            truth
                .lesions(k)
                .iter()
                .map(|l| (f64::from(l.id), l.weight))
                .collect()
        } else {
            vec![(0.0, 0.0)]
        };
        for (id, weight) in lesions {
            sheet.write_number(row, 0, k as f64 + 1.0)?;
            sheet.write_number(row, 1, id)?;
            sheet.write_number(row, 2, weight)?;
            sheet.write_string_with_format(row, 3, &readers, &text)?;
            sheet.write_string_with_format(row, 4, &modalities, &text)?;
            row += 1;
        }
    }
    sheet.write_string(1, 5, "FROC")?;
    sheet.write_string(2, 5, "FCTRL")?;

    let mut nl_rows = vec![["ReaderID", "ModalityID", "CaseID", "NL_Rating"]
        .map(String::from)
        .to_vec()];
    let mut ll_rows = vec![
        ["ReaderID", "ModalityID", "LesionID", "CaseID", "LL_Rating"]
            .map(String::from)
            .to_vec(),
    ];
    for m in 0..study.modalities().len() {
        for j in 0..study.readers().len() {
            for (k, marks) in study.reading(m, j).iter().enumerate() {
                let case = (k + 1).to_string();
                for x in &marks.nl {
                    nl_rows.push(vec![
                        j.to_string(),
                        m.to_string(),
                        case.clone(),
                        x.to_string(),
                    ]);
                }
                for (l, x) in truth.lesions(k).iter().zip(&marks.ll) {
                    if x.is_finite() {
                        ll_rows.push(vec![
                            j.to_string(),
                            m.to_string(),
                            l.id.to_string(),
                            case.clone(),
                            x.to_string(),
                        ]);
                    }
                }
            }
        }
    }
    for (name, rows) in [("NL", nl_rows), ("LL", ll_rows)] {
        let sheet = workbook.add_worksheet().set_name(name)?;
        for (r, cells) in rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                match (r, cell.parse::<f64>()) {
                    (0, _) | (_, Err(_)) => {
                        sheet.write_string_with_format(r as u32, c as u16, cell, &bold)?
                    }
                    (_, Ok(v)) => sheet.write_number(r as u32, c as u16, v)?,
                };
            }
        }
    }
    Ok(workbook.save_to_buffer()?)
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

    #[test]
    fn the_rjafroc_workbook_has_a_truth_row_per_normal_case_and_lesion_and_a_row_per_mark() {
        use calamine::{Reader, Xlsx};
        let study = crate::froc::input::read_paths(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../fixtures/froc/fed/marks.csv"
            ),
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../fixtures/froc/fed/truth.csv"
            ),
        )
        .unwrap();

        let bytes = to_rjafroc_froc_xlsx(&study).unwrap();

        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["Truth", "NL", "LL"]);
        let rows =
            |book: &mut Xlsx<_>, name: &str| book.worksheet_range(name).unwrap().height() - 1;
        // FED: 100 normal cases and 142 lesions; 1,447 NL and 1,826 LL marks (meta.json).
        assert_eq!(rows(&mut book, "Truth"), 100 + 142);
        assert_eq!(rows(&mut book, "NL"), 1447);
        assert_eq!(rows(&mut book, "LL"), 1826);
        let truth = book.worksheet_range("Truth").unwrap();
        assert_eq!(truth.get((1, 5)).unwrap().to_string(), "FROC");
        assert_eq!(truth.get((1, 3)).unwrap().to_string(), "0, 1, 2, 3");
    }
}
