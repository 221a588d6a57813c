//! Reading long-format reads (`reader_id,modality,case_id,truth,rating`) from CSV into [`Reads`].
//!
//! Every value is read as text by polars and parsed here, so that each problem can be reported
//! with the spreadsheet row it sits on (the header is row 1, the first reading row 2). Nothing is
//! returned unless the whole file is valid and fully crossed.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Cursor;
use std::path::Path;

use polars::prelude::{CsvReadOptions, DataFrame, SerReader, StringChunked};

use crate::design::Reads;
use crate::error::{AnalysisError, Result};

const COLUMNS: [&str; 5] = ["reader_id", "modality", "case_id", "truth", "rating"];
/// How many missing case IDs an error lists before summarising.
const LISTED_CASES: usize = 5;

/// Reads and validates a long-format reads CSV file.
///
/// # Errors
/// `Csv` when the file cannot be opened or parsed, `MissingColumn`, `Row` (empty ID, truth not
/// 0/1, non-numeric rating), `InconsistentTruth`, `DuplicateReading`, `MissingReadings`, and
/// `TooFew` when only one truth class is present.
pub fn read_csv_path(path: impl AsRef<Path>) -> Result<Reads> {
    let frame = text_options()
        .try_into_reader_with_file_path(Some(path.as_ref().to_path_buf()))?
        .finish()?;
    reads_from_frame(&frame)
}

/// Reads and validates long-format reads from CSV bytes (e.g. an upload).
///
/// # Errors
/// As [`read_csv_path`].
pub fn read_csv_bytes(bytes: &[u8]) -> Result<Reads> {
    let frame = text_options()
        .into_reader_with_file_handle(Cursor::new(bytes.to_vec()))
        .finish()?;
    reads_from_frame(&frame)
}

/// Every column as text: parsing is done here so errors can name the row.
pub(crate) fn text_options() -> CsvReadOptions {
    CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
}

fn text_column<'a>(frame: &'a DataFrame, name: &str) -> Result<&'a StringChunked> {
    let column = frame
        .column(name)
        .map_err(|_| AnalysisError::MissingColumn(name.to_string()))?;
    Ok(column.str()?)
}

/// Assigns dense indices to IDs in order of first appearance. Long files list a reader's (and a
/// modality's) readings together, so the last ID is checked before the table.
#[derive(Default)]
struct Interner {
    ids: Vec<String>,
    index: HashMap<String, usize, BuildHasherDefault<FxHasher>>,
    last: Option<usize>,
}

impl Interner {
    fn intern(&mut self, id: &str) -> usize {
        if let Some(last) = self.last.filter(|&l| self.ids[l] == id) {
            return last;
        }
        let i = match self.index.get(id) {
            Some(&i) => i,
            None => {
                self.ids.push(id.to_string());
                self.index.insert(id.to_string(), self.ids.len() - 1);
                self.ids.len() - 1
            }
        };
        self.last = Some(i);
        i
    }
}

/// The Firefox/rustc multiply-rotate hash instead of SipHash: the IDs come from the
/// coordinator's own file, not from a client of the server, so hash flooding is no concern
/// and the cheaper hash is what a file of millions of rows needs.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

struct Row<'a> {
    number: usize,
    reader: &'a str,
    modality: &'a str,
    case: &'a str,
    truth: bool,
    rating: f64,
}

fn field<'a>(value: Option<&'a str>, name: &str, row: usize) -> Result<&'a str> {
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(AnalysisError::Row {
            row,
            message: format!("{name} is empty; every reading needs {}", COLUMNS.join(",")),
        }),
    }
}

fn parse_truth(text: &str, row: usize) -> Result<bool> {
    match text.parse::<f64>() {
        Ok(0.0) => Ok(false),
        Ok(1.0) => Ok(true),
        _ => Err(AnalysisError::Row {
            row,
            message: format!("truth '{text}' is not 0 or 1 (1 = positive/diseased, 0 = negative)"),
        }),
    }
}

fn parse_rating(text: &str, row: usize) -> Result<f64> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(AnalysisError::Row {
            row,
            message: format!("rating '{text}' is not a number"),
        }),
    }
}

/// Validates a text frame and lays it out as a fully crossed [`Reads`].
fn reads_from_frame(frame: &DataFrame) -> Result<Reads> {
    let [reader_col, modality_col, case_col, truth_col, rating_col] =
        COLUMNS.map(|name| text_column(frame, name));
    let (reader_col, modality_col, case_col, truth_col, rating_col) = (
        reader_col?,
        modality_col?,
        case_col?,
        truth_col?,
        rating_col?,
    );

    let mut rows = Vec::with_capacity(frame.height());
    let columns = reader_col
        .iter()
        .zip(modality_col.iter())
        .zip(case_col.iter())
        .zip(truth_col.iter())
        .zip(rating_col.iter());
    for (i, ((((reader, modality), case), truth), rating)) in columns.enumerate() {
        let number = i + 2;
        rows.push(Row {
            number,
            reader: field(reader, "reader_id", number)?,
            modality: field(modality, "modality", number)?,
            case: field(case, "case_id", number)?,
            truth: parse_truth(field(truth, "truth", number)?, number)?,
            rating: parse_rating(field(rating, "rating", number)?, number)?,
        });
    }
    cross(&rows)
}

fn cross(rows: &[Row<'_>]) -> Result<Reads> {
    let (mut readers, mut modalities, mut cases) = (
        Interner::default(),
        Interner::default(),
        Interner::default(),
    );
    let mut truth: Vec<(bool, usize)> = Vec::new();
    let mut placed = Vec::with_capacity(rows.len());
    for row in rows {
        let (r, m, c) = (
            readers.intern(row.reader),
            modalities.intern(row.modality),
            cases.intern(row.case),
        );
        if c == truth.len() {
            truth.push((row.truth, row.number));
        } else if truth[c].0 != row.truth {
            return Err(AnalysisError::InconsistentTruth {
                row: row.number,
                case: row.case.to_string(),
                truth: u8::from(row.truth),
                first_row: truth[c].1,
                first_truth: u8::from(truth[c].0),
            });
        }
        placed.push((m, r, c));
    }

    let (nr, nm, nc) = (readers.ids.len(), modalities.ids.len(), cases.ids.len());
    // Every rating is finite, so a slot that is no longer NaN has been filled before.
    let mut ratings = vec![f64::NAN; nm * nr * nc];
    for (k, (&(m, r, c), row)) in placed.iter().zip(rows).enumerate() {
        let slot = &mut ratings[(m * nr + r) * nc + c];
        if !slot.is_nan() {
            let first = placed[..k]
                .iter()
                .position(|&p| p == (m, r, c))
                .expect("a filled slot was placed before");
            return Err(AnalysisError::DuplicateReading {
                row: row.number,
                first_row: rows[first].number,
                reader: row.reader.to_string(),
                modality: row.modality.to_string(),
                case: row.case.to_string(),
            });
        }
        *slot = row.rating;
    }
    for m in 0..nm {
        for r in 0..nr {
            let block = &ratings[(m * nr + r) * nc..(m * nr + r + 1) * nc];
            let missing: Vec<&str> = block
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_nan())
                .map(|(c, _)| cases.ids[c].as_str())
                .collect();
            if !missing.is_empty() {
                let mut listed: Vec<String> = missing
                    .iter()
                    .take(LISTED_CASES)
                    .map(|c| format!("'{c}'"))
                    .collect();
                if missing.len() > LISTED_CASES {
                    listed.push(format!("and {} more", missing.len() - LISTED_CASES));
                }
                return Err(AnalysisError::MissingReadings {
                    reader: readers.ids[r].clone(),
                    modality: modalities.ids[m].clone(),
                    count: missing.len(),
                    cases: listed.join(", "),
                });
            }
        }
    }
    Reads::new(
        readers.ids,
        modalities.ids,
        cases.ids,
        truth.into_iter().map(|(t, _)| t).collect(),
        ratings,
    )
}
