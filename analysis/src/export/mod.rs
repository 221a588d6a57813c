//! Results leaving Lector: the tables in every export format (CSV, Markdown, LaTeX, XLSX), the
//! standalone HTML report, and the reads in the input formats of the reference MRMC tools (iMRMC,
//! RJafroc) so a statistician can re-run the analysis outside Lector.
//!
//! Titles, headings, labels and notes are message keys; every renderer takes the app's
//! `translate` lookup, so one set of tables renders in English or Chinese.

mod archive;
mod base64;
mod complete;
pub mod csv;
mod escape;
mod fit;
pub mod html;
pub mod imrmc;
pub mod latex;
pub mod markdown;
pub mod rjafroc;
pub mod tidy;
pub mod xlsx;

pub use archive::zip_files;
pub use csv::to_csv;
pub use html::{report_html, GalleryItem, ReportDocument};
pub use imrmc::to_imrmc;
pub use latex::{to_latex, to_latex_document};
pub use markdown::to_markdown;
pub use rjafroc::{to_rjafroc_key, to_rjafroc_xlsx};
pub use tidy::to_tables_zip;
pub use xlsx::to_xlsx;

pub(crate) use escape::xml as escape_xml;

use crate::table::{Cell, Table};

/// Whether a column holds numbers, judged by its first cell that is not [`Cell::Empty`]: numbers
/// are right-aligned in every format.
pub(crate) fn numeric_column(table: &Table, column: usize) -> bool {
    table
        .rows
        .iter()
        .filter_map(|row| row.get(column))
        .find(|cell| !matches!(cell, Cell::Empty))
        .is_some_and(|cell| !matches!(cell, Cell::Text(_) | Cell::Label(_)))
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Tables shared by the renderers' tests.

    use crate::table::{Cell, Table};

    /// Message keys shown as `[key]`, so a test sees what went through the translation.
    pub fn keys(key: &str) -> String {
        format!("[{key}]")
    }

    /// A small table with every kind of cell.
    pub fn seniority() -> Table {
        Table {
            id: "seniority".into(),
            title: "results-table-seniority".into(),
            columns: vec![
                "results-col-group".into(),
                "results-col-readers".into(),
                "results-col-auc".into(),
                "results-col-ci".into(),
                "results-col-accuracy".into(),
                "results-col-p".into(),
            ],
            rows: vec![
                vec![
                    Cell::Label("results-group-junior".into()),
                    Cell::Count(4),
                    Cell::Number {
                        value: 0.8123,
                        digits: 3,
                    },
                    Cell::Interval {
                        lower: 0.75,
                        upper: 0.87,
                        digits: 3,
                    },
                    Cell::Percent {
                        value: 0.8126,
                        digits: 1,
                    },
                    Cell::PValue(0.0004),
                ],
                vec![
                    Cell::Text("Dr <b> & \"Co\", 50%_x".into()),
                    Cell::Count(1),
                    Cell::Number {
                        value: 0.9,
                        digits: 3,
                    },
                    Cell::Empty,
                    Cell::Percent {
                        value: 0.5,
                        digits: 1,
                    },
                    Cell::PValue(0.0516),
                ],
            ],
            notes: vec!["results-note-or".into()],
        }
    }
}
