//! Results tables as one CSV file for spreadsheets and scripts: one block per table, blocks
//! separated by a blank line.
//!
//! Each block is the translated title on a line of its own, a header row whose first column is
//! `table`, one row per table row starting with the table's id (so a script can filter one
//! table out of the file), then the translated notes, one per line. Numbers are written
//! unformatted, at full precision: counts as integers, proportions and percentages as
//! proportions in [0, 1], p-values as numbers, and an interval as two columns
//! `<heading>_lower`, `<heading>_upper`. Not-estimable values are empty cells. The file starts
//! with a UTF-8 byte-order mark so spreadsheet programs read Chinese text correctly.

use crate::table::{Cell, Table};

/// All tables as one CSV text (see the module documentation for the layout).
pub fn to_csv(tables: &[Table], translate: &dyn Fn(&str) -> String) -> String {
    let mut out = String::from("\u{FEFF}");
    for (index, table) in tables.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        block(&mut out, table, translate);
    }
    out
}

fn block(out: &mut String, table: &Table, translate: &dyn Fn(&str) -> String) {
    line(out, [translate(&table.title)]);
    let (header, rows) = grid(table, translate);
    line(out, std::iter::once("table".to_string()).chain(header));
    for row in rows {
        line(out, std::iter::once(table.id.clone()).chain(row));
    }
    for note in &table.notes {
        line(out, [translate(note)]);
    }
}

/// A table's translated headings and its rows as unformatted fields, an interval column split
/// into `<heading>_lower` and `<heading>_upper`.
pub(super) fn grid(
    table: &Table,
    translate: &dyn Fn(&str) -> String,
) -> (Vec<String>, Vec<Vec<String>>) {
    let intervals: Vec<bool> = (0..table.columns.len())
        .map(|c| {
            table
                .rows
                .iter()
                .any(|row| matches!(row.get(c), Some(Cell::Interval { .. })))
        })
        .collect();
    let mut header = Vec::new();
    for (column, key) in table.columns.iter().enumerate() {
        let heading = translate(key);
        if intervals[column] {
            header.push(format!("{heading}_lower"));
            header.push(format!("{heading}_upper"));
        } else {
            header.push(heading);
        }
    }
    let mut rows = Vec::new();
    for row in &table.rows {
        let mut fields = Vec::new();
        for (column, is_interval) in intervals.iter().enumerate() {
            let cell = row.get(column).unwrap_or(&Cell::Empty);
            match (cell, is_interval) {
                (Cell::Interval { lower, upper, .. }, _) => {
                    fields.push(number(*lower));
                    fields.push(number(*upper));
                }
                (cell, true) => {
                    fields.push(value(cell, translate));
                    fields.push(String::new());
                }
                (cell, false) => fields.push(value(cell, translate)),
            }
        }
        rows.push(fields);
    }
    (header, rows)
}

/// A cell's unformatted value.
fn value(cell: &Cell, translate: &dyn Fn(&str) -> String) -> String {
    match cell {
        Cell::Text(text) => guard(text),
        Cell::Label(key) => guard(&translate(key)),
        Cell::Count(n) => n.to_string(),
        Cell::Number { value, .. } | Cell::Percent { value, .. } | Cell::PValue(value) => {
            number(*value)
        }
        Cell::Interval { lower, .. } => number(*lower),
        Cell::Empty => String::new(),
    }
}

/// Full precision (shortest text that reads back to the same `f64`); `Inf`/`-Inf` as R writes
/// them; NaN as an empty cell.
fn number(x: f64) -> String {
    if x.is_nan() {
        String::new()
    } else if x.is_infinite() {
        if x > 0.0 { "Inf" } else { "-Inf" }.into()
    } else {
        format!("{x}")
    }
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`.
fn guard(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// One CSV line; fields with a comma, quote or line break are quoted (RFC 4180).
pub(super) fn line<I: IntoIterator<Item = String>>(out: &mut String, fields: I) {
    for (index, field) in fields.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::{keys, seniority};

    #[test]
    fn intervals_split_into_lower_and_upper_columns_with_raw_numbers() {
        let csv = to_csv(&[seniority()], &keys);

        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().collect();
        assert_eq!(lines[0], "[results-table-seniority]");
        assert_eq!(
            lines[1],
            "table,[results-col-group],[results-col-readers],[results-col-auc],\
             [results-col-ci]_lower,[results-col-ci]_upper,[results-col-accuracy],[results-col-p]"
        );
        assert_eq!(
            lines[2],
            "seniority,[results-group-junior],4,0.8123,0.75,0.87,0.8126,0.0004"
        );
    }

    #[test]
    fn text_with_commas_and_quotes_is_quoted_and_empty_cells_stay_empty() {
        let csv = to_csv(&[seniority()], &keys);

        let row = csv.lines().nth(3).unwrap();
        assert_eq!(
            row,
            r#"seniority,"Dr <b> & ""Co"", 50%_x",1,0.9,,,0.5,0.0516"#
        );
        assert_eq!(csv.lines().nth(4).unwrap(), "[results-note-or]");
    }

    #[test]
    fn tables_are_separated_by_a_blank_line_and_the_file_starts_with_a_bom() {
        let mut second = seniority();
        second.id = "second".into();

        let csv = to_csv(&[seniority(), second], &keys);

        assert!(csv.starts_with('\u{FEFF}'));
        let blocks: Vec<&str> = csv.split("\n\n").collect();
        assert_eq!(blocks.len(), 2);
        assert!(blocks[1].lines().nth(2).unwrap().starts_with("second,"));
    }

    #[test]
    fn text_that_looks_like_a_formula_is_not_run_by_the_spreadsheet() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("Ana"), "Ana");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(number(f64::NEG_INFINITY), "-Inf");
    }
}
