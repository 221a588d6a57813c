//! Results tables as tidy CSV files in one zip (`tables.zip`): one rectangular CSV per table
//! (`<id>.csv`: one header row of unique column names, then the rows, numbers unformatted as in
//! [`to_csv`](super::to_csv)), and a `README.txt` giving each file's title and notes. The
//! stacked `tables.csv` keeps every table in one file; this is what R's `read.csv` or pandas
//! reads directly.

use super::csv::{grid, line};
use crate::error::Result;
use crate::table::Table;

/// Each table as `(file name, CSV text)`, in order.
pub fn tidy_csvs(tables: &[Table], translate: &dyn Fn(&str) -> String) -> Vec<(String, String)> {
    tables
        .iter()
        .map(|table| {
            let (header, rows) = grid(table, translate);
            let mut csv = String::from("\u{FEFF}");
            line(&mut csv, unique(header));
            for row in rows {
                line(&mut csv, row);
            }
            (format!("{}.csv", table.id), csv)
        })
        .collect()
}

/// Column names made unique: a heading that repeats one to its left gets ` (2)`, ` (3)`…, so
/// every column can be addressed by name.
fn unique(header: Vec<String>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for name in header {
        let mut candidate = name.clone();
        let mut n = 1;
        while seen.contains(&candidate) {
            n += 1;
            candidate = format!("{name} ({n})");
        }
        seen.push(candidate);
    }
    seen
}

/// The zip of [`tidy_csvs`] plus `README.txt`.
///
/// # Errors
/// [`AnalysisError::Degenerate`] if the archive cannot be written (it is written to memory, so
/// only a defect of the zip writer could cause it).
pub fn to_tables_zip(tables: &[Table], translate: &dyn Fn(&str) -> String) -> Result<Vec<u8>> {
    let mut readme = String::new();
    let mut files = Vec::new();
    for (table, (name, csv)) in tables.iter().zip(tidy_csvs(tables, translate)) {
        readme.push_str(&format!("{name}: {}\n", translate(&table.title)));
        for note in &table.notes {
            readme.push_str(&format!("  {}\n", translate(note)));
        }
        files.push((name, csv));
    }
    files.push(("README.txt".to_string(), readme));
    super::archive::zip_files("tables.zip", &files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::{keys, seniority};

    #[test]
    fn repeated_headings_become_unique_column_names() {
        let names = unique(vec!["P".into(), "CI".into(), "P".into(), "P".into()]);
        assert_eq!(names, ["P", "CI", "P (2)", "P (3)"]);
    }

    #[test]
    fn every_table_is_one_rectangular_csv_in_the_zip_with_a_readme() {
        let tables = [seniority()];
        let bytes = to_tables_zip(&tables, &keys).unwrap();

        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|name| name.unwrap().into_owned())
            .collect();
        assert!(
            names.contains(&format!("{}.csv", tables[0].id)),
            "{names:?}"
        );
        assert!(names.contains(&"README.txt".to_string()));
        let mut csv = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name(&format!("{}.csv", tables[0].id)).unwrap(),
            &mut csv,
        )
        .unwrap();
        // Fields per line, commas inside quotes not counted (no line breaks in these fields).
        let width = |line: &str| {
            let mut quoted = false;
            1 + line
                .chars()
                .filter(|&c| {
                    if c == '"' {
                        quoted = !quoted;
                    }
                    c == ',' && !quoted
                })
                .count()
        };
        let widths: Vec<usize> = csv.lines().map(width).collect();
        assert!(
            widths.len() > 1 && widths.iter().all(|&w| w == widths[0]),
            "{widths:?}"
        );
        let header: Vec<&str> = csv
            .trim_start_matches('\u{FEFF}')
            .lines()
            .next()
            .unwrap()
            .split(',')
            .collect();
        let mut deduped = header.clone();
        deduped.sort_unstable();
        deduped.dedup();
        assert_eq!(deduped.len(), header.len(), "unique names: {header:?}");
    }
}
