//! The complete readers' reads as an RJafroc data file: the JAFROC Excel workbook that
//! `RJafroc::DfReadDataFile(fileName, newExcelFileFormat = TRUE)` reads, for ROC data in a
//! factorial (fully crossed) design.
//!
//! Format source: D. P. Chakraborty, *RJafroc Quick Start*, chapter "ROC data format"
//! (github.com/dpc10ster/RJafrocQuickStart, `01-roc-data-format.md`), and the RJafroc book's
//! "ROC data format" chapter (github.com/dpc10ster/RJafrocBook, `docs/02-roc-data-format.md`).
//! Three worksheets (names case-insensitive, column names case-sensitive):
//! - `Truth`: `CaseID`, `LesionID` (0 negative case, 1 positive case), `Weight` (unused for
//!   ROC, 0), `ReaderID` and `ModalityID` (text cells listing every reader / modality,
//!   `0, 1, 2`), `Paradigm` (two cells: `ROC`, `FCTRL`);
//! - `FP` (ratings of negative cases): `ReaderID`, `ModalityID`, `CaseID`, `FP_Rating`;
//! - `TP` (ratings of positive cases): `ReaderID`, `ModalityID`, `LesionID` (1), `CaseID`,
//!   `TP_Rating`.
//!
//! The format wants integer IDs, so: `ModalityID` 0 = unaided, 1 = aided; `ReaderID` 0, 1, …
//! = the complete readers in the study's order; `CaseID` 1, 2, … = the cases in the study's
//! order. [`to_rjafroc_key`] writes that mapping back to Lector's IDs as CSV.

use std::fmt::Write;

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::complete::{plain_id, Complete, MODALITIES};
use crate::error::Result;
use crate::study::StudyData;

/// The JAFROC workbook (`.xlsx` bytes) of the study's complete readers.
///
/// # Errors
/// [`crate::AnalysisError::Xlsx`] when the workbook cannot be written (more reads than an
/// Excel sheet holds).
pub fn to_rjafroc_xlsx(data: &StudyData) -> Result<Vec<u8>> {
    let complete = Complete::of(data);
    let readers = complete.readers.len();
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");

    let truth = workbook.add_worksheet().set_name("Truth")?;
    header(
        truth,
        &[
            "CaseID",
            "LesionID",
            "Weight",
            "ReaderID",
            "ModalityID",
            "Paradigm",
        ],
        &bold,
    )?;
    let reader_list = (0..readers)
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let modality_list = (0..MODALITIES.len())
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    for (index, case) in data.cases.iter().enumerate() {
        let row = index as u32 + 1;
        truth.write_number(row, 0, case_id(index))?;
        truth.write_number(row, 1, u8::from(case.truth))?;
        truth.write_number(row, 2, 0)?;
        truth.write_string_with_format(row, 3, &reader_list, &text)?;
        truth.write_string_with_format(row, 4, &modality_list, &text)?;
    }
    truth.write_string(1, 5, "ROC")?;
    truth.write_string(2, 5, "FCTRL")?;

    let fp = workbook.add_worksheet().set_name("FP")?;
    header(
        fp,
        &["ReaderID", "ModalityID", "CaseID", "FP_Rating"],
        &bold,
    )?;
    let tp_sheet = workbook.add_worksheet().set_name("TP")?;
    header(
        tp_sheet,
        &["ReaderID", "ModalityID", "LesionID", "CaseID", "TP_Rating"],
        &bold,
    )?;
    let (mut fp_row, mut tp_row) = (1u32, 1u32);
    for (reader_id, &reader) in complete.readers.iter().enumerate() {
        for (modality_id, &modality) in MODALITIES.iter().enumerate() {
            for (index, case) in data.cases.iter().enumerate() {
                let rating = complete.rating(reader, index, modality);
                let sheet = workbook.worksheet_from_name(if case.truth { "TP" } else { "FP" })?;
                let row = if case.truth { &mut tp_row } else { &mut fp_row };
                sheet.write_number(*row, 0, reader_id as f64)?;
                sheet.write_number(*row, 1, modality_id as f64)?;
                let mut col = 2;
                if case.truth {
                    sheet.write_number(*row, col, 1)?;
                    col += 1;
                }
                sheet.write_number(*row, col, case_id(index))?;
                sheet.write_number(*row, col + 1, rating)?;
                *row += 1;
            }
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// The IDs of the JAFROC workbook against Lector's, as CSV: `kind,jafroc_id,lector_id` with
/// kinds `reader`, `modality` and `case`.
pub fn to_rjafroc_key(data: &StudyData) -> String {
    let complete = Complete::of(data);
    let mut out = String::from("kind,jafroc_id,lector_id\n");
    for (jafroc, &reader) in complete.readers.iter().enumerate() {
        let _ = writeln!(
            out,
            "reader,{jafroc},{}",
            plain_id(&data.readers[reader].id)
        );
    }
    for (jafroc, modality) in MODALITIES.iter().enumerate() {
        let _ = writeln!(out, "modality,{jafroc},{}", modality.as_str());
    }
    for (index, case) in data.cases.iter().enumerate() {
        let _ = writeln!(out, "case,{},{}", case_id(index), plain_id(&case.id));
    }
    out
}

fn case_id(index: usize) -> f64 {
    index as f64 + 1.0
}

fn header(sheet: &mut Worksheet, names: &[&str], bold: &Format) -> Result<()> {
    for (col, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, bold)?;
        sheet.set_column_width(col as u16, 12)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::complete::tests::study;

    #[test]
    fn the_key_maps_jafroc_numbers_back_to_lector_ids() {
        let key = to_rjafroc_key(&study());

        assert_eq!(
            key,
            "kind,jafroc_id,lector_id\nreader,0,r1\nreader,1,r_2\nmodality,0,unaided\n\
             modality,1,aided\ncase,1,c1\ncase,2,c_2\ncase,3,c3\ncase,4,c4\n"
        );
    }
}
