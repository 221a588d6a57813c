//! Results tables as an Excel workbook: one sheet per table, with real numeric cells.
//!
//! Each sheet holds the translated title (row 1), the headings (row 3, bold, frozen), one row
//! per table row and the notes under the table after a blank row. Counts, numbers, percentages
//! and p-values are numbers with a number format (`0.000`, `0.0%`, `< 0.001` below one in a
//! thousand), so they can be computed with; an interval fills two numeric columns under one
//! merged heading. Sheet names are the translated titles, made legal for Excel (at most 31
//! characters, none of `* ? : [ ] \ /`) and unique.

use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet};

use crate::error::Result;
use crate::table::{Cell, Table};

const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 2;

/// The tables as the bytes of an `.xlsx` workbook, one sheet per table.
///
/// # Errors
/// [`crate::AnalysisError::Xlsx`] when the workbook cannot be written (a table wider or longer
/// than Excel allows).
pub fn to_xlsx(tables: &[Table], translate: &dyn Fn(&str) -> String) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let mut names: Vec<String> = Vec::new();
    for table in tables {
        let name = sheet_name(&translate(&table.title), &table.id, &names);
        names.push(name.clone());
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        write_table(sheet, table, translate)?;
    }
    if tables.is_empty() {
        workbook.add_worksheet();
    }
    Ok(workbook.save_to_buffer()?)
}

fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    translate: &dyn Fn(&str) -> String,
) -> Result<()> {
    let title = Format::new().set_bold().set_font_size(13);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border_bottom(FormatBorder::Thin);
    let note = Format::new().set_italic();
    sheet.write_string_with_format(TITLE_ROW, 0, translate(&table.title), &title)?;

    // Where each table column starts on the sheet: intervals take two columns.
    let intervals: Vec<bool> = (0..table.columns.len())
        .map(|c| {
            table
                .rows
                .iter()
                .any(|r| matches!(r.get(c), Some(Cell::Interval { .. })))
        })
        .collect();
    let mut starts = Vec::with_capacity(intervals.len());
    let mut next: u16 = 0;
    for &is_interval in &intervals {
        starts.push(next);
        next += if is_interval { 2 } else { 1 };
    }
    for (c, key) in table.columns.iter().enumerate() {
        let heading = translate(key);
        let col = starts[c];
        if intervals[c] {
            sheet.merge_range(HEADER_ROW, col, HEADER_ROW, col + 1, &heading, &header)?;
        } else {
            sheet.write_string_with_format(HEADER_ROW, col, &heading, &header)?;
        }
        // Wide enough for the heading and the longest value, within reason.
        let longest = table
            .rows
            .iter()
            .filter_map(|row| row.get(c))
            .map(|cell| cell.render(translate).chars().count())
            .chain([heading.chars().count()])
            .max()
            .unwrap_or(0);
        let width = (longest as f64 * 1.1 + 2.0).clamp(10.0, 45.0);
        let width = if intervals[c] { width / 2.0 } else { width }.max(10.0);
        sheet.set_column_width(col, width)?;
        if intervals[c] {
            sheet.set_column_width(col + 1, width)?;
        }
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;

    let mut row_index = HEADER_ROW + 1;
    for row in &table.rows {
        for (c, cell) in row.iter().enumerate() {
            let Some(&col) = starts.get(c) else { break };
            write_cell(sheet, row_index, col, cell, translate)?;
        }
        row_index += 1;
    }
    row_index += 1;
    for key in &table.notes {
        sheet.write_string_with_format(row_index, 0, translate(key), &note)?;
        row_index += 1;
    }
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    translate: &dyn Fn(&str) -> String,
) -> Result<()> {
    match cell {
        Cell::Text(text) => {
            sheet.write_string(row, col, text)?;
        }
        Cell::Label(key) => {
            sheet.write_string(row, col, translate(key))?;
        }
        Cell::Count(n) => {
            sheet.write_number_with_format(
                row,
                col,
                *n as f64,
                &Format::new().set_num_format("0"),
            )?;
        }
        Cell::Number { value, digits } => number(sheet, row, col, *value, &decimals(*digits))?,
        Cell::Percent { value, digits } => {
            number(sheet, row, col, *value, &format!("{}%", decimals(*digits)))?;
        }
        Cell::Interval {
            lower,
            upper,
            digits,
        } => {
            number(sheet, row, col, *lower, &decimals(*digits))?;
            number(sheet, row, col + 1, *upper, &decimals(*digits))?;
        }
        Cell::PValue(p) => number(sheet, row, col, *p, "[<0.001]\"< 0.001\";0.000")?,
        Cell::Empty => {}
    }
    Ok(())
}

/// A numeric cell; NaN stays blank and an infinity is written as its symbol (Excel has none).
fn number(sheet: &mut Worksheet, row: u32, col: u16, value: f64, format: &str) -> Result<()> {
    if value.is_nan() {
        return Ok(());
    }
    if value.is_infinite() {
        sheet.write_string(row, col, if value > 0.0 { "∞" } else { "−∞" })?;
    } else {
        sheet.write_number_with_format(row, col, value, &Format::new().set_num_format(format))?;
    }
    Ok(())
}

/// An Excel number format with `digits` decimals: `0`, `0.0`, `0.000`, …
fn decimals(digits: u8) -> String {
    if digits == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(usize::from(digits)))
    }
}

/// A legal, unique sheet name: Excel's forbidden characters replaced, at most 31 UTF-16 units,
/// not `History` (reserved by Excel), and a ` (2)`, ` (3)`, … suffix when taken (names are
/// compared case-insensitively, as Excel does).
pub(crate) fn sheet_name(title: &str, id: &str, taken: &[String]) -> String {
    let clean = |text: &str| -> String {
        let replaced: String = text
            .chars()
            .map(|c| {
                if "*?:[]\\/".contains(c) || c.is_control() {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        replaced.trim().trim_matches('\'').trim().to_string()
    };
    let mut base = clean(title);
    if base.is_empty() {
        base = clean(id);
    }
    if base.is_empty() || base.eq_ignore_ascii_case("history") {
        base = format!("{base} table").trim().to_string();
    }
    let is_taken = |name: &str| {
        taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    let mut suffix = 1;
    loop {
        let tail = if suffix == 1 {
            String::new()
        } else {
            format!(" ({suffix})")
        };
        let name = format!(
            "{}{tail}",
            // Cutting can leave an apostrophe at the end, which Excel forbids there.
            truncate_utf16(&base, 31 - tail.len())
                .trim_end()
                .trim_end_matches('\'')
                .trim_end()
        );
        if !is_taken(&name) {
            return name;
        }
        suffix += 1;
    }
}

fn truncate_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (index, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &text[..index];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_legal_short_and_unique() {
        let long = "Diagnostic performance of every reader by seniority group";
        let first = sheet_name(long, "seniority", &[]);
        let second = sheet_name(long, "seniority_b", std::slice::from_ref(&first));

        assert_eq!(first.encode_utf16().count(), 31);
        assert!(second.ends_with(" (2)") && second.encode_utf16().count() <= 31);
        assert_ne!(first.to_lowercase(), second.to_lowercase());
        assert_eq!(sheet_name("a/b: [c]?", "x", &[]), "a b   c");
        assert_eq!(sheet_name("'quoted'", "x", &[]), "quoted");
        assert_eq!(sheet_name("  ", "mrmc_or", &[]), "mrmc_or");
        assert_eq!(sheet_name("History", "h", &[]), "History table");
        let cut_at_apostrophe = "Inter-reader agreement (Fleiss' kappa)";
        assert_eq!(
            sheet_name(cut_at_apostrophe, "agreement", &[]),
            "Inter-reader agreement (Fleiss"
        );
    }

    #[test]
    fn chinese_titles_fit_by_their_utf16_length() {
        let name = sheet_name(&"读者表现".repeat(10), "x", &[]);
        assert_eq!(name.encode_utf16().count(), 31);
    }

    #[test]
    fn number_formats_keep_the_table_decimals() {
        assert_eq!(decimals(0), "0");
        assert_eq!(decimals(3), "0.000");
    }
}
