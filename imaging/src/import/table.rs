//! Reading a spreadsheet (the first sheet of an `.xlsx`, or a `.csv`) as rows of text cells with
//! their 1-based row numbers as a spreadsheet program shows them.

use calamine::{open_workbook, Data, Reader, Xlsx};
use std::path::Path;

/// A sheet's rows: (row number, cells). Whole numbers read as `1`, not `1.0`.
pub(crate) type Rows = Vec<(usize, Vec<String>)>;

/// Reads `path` by its extension: `.xlsx` with calamine, anything else as CSV.
///
/// # Errors
/// The lowercase reason, naming the file and the fix.
pub(crate) fn read(path: &Path, name: &str) -> Result<Rows, String> {
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        read_xlsx(path, name)
    } else {
        read_csv(path, name)
    }
}

fn read_xlsx(path: &Path, name: &str) -> Result<Rows, String> {
    let unreadable = |e: &dyn std::fmt::Display| {
        format!("'{name}' cannot be read as xlsx ({e}); save it again as .xlsx")
    };
    let mut workbook: Xlsx<_> = open_workbook(path).map_err(|e| unreadable(&e))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| format!("'{name}' has no sheet; put the table on the first sheet"))?
        .map_err(|e| unreadable(&e))?;
    // The range starts at its first non-empty cell; row numbers count from the sheet's top.
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut row: Vec<String> = vec![String::new(); first_col as usize];
            row.extend(cells.iter().map(cell_text));
            (first_row as usize + i + 1, row)
        })
        .filter(|(_, row)| row.iter().any(|c| !c.trim().is_empty()))
        .collect())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => (if *b { "1" } else { "0" }).to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_csv(path: &Path, name: &str) -> Result<Rows, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| format!("'{name}' cannot be opened ({e}); check the file"))?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            format!("'{name}' is not valid CSV ({e}); save it as UTF-8 comma-separated text")
        })?;
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        let cells: Vec<String> = record
            .iter()
            .map(|c| c.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((line, cells));
        }
    }
    Ok(rows)
}
