//! The crate's single error type: every failure says what went wrong and how to fix it.

use thiserror::Error;

/// Everything that can go wrong while reading reads or analysing them.
#[derive(Debug, Error)]
pub enum AnalysisError {
    /// The CSV could not be opened or parsed at all.
    #[cfg(feature = "csv")]
    #[error("could not read the reads CSV: {0}; check that it is a comma-separated file with a header row")]
    Csv(#[from] polars::error::PolarsError),

    /// A required column is absent.
    #[error(
        "missing column '{0}': the header must contain reader_id,modality,case_id,truth,rating"
    )]
    MissingColumn(String),

    /// A required column of a localization file (truth or marks) is absent.
    #[error("{file}: missing column '{column}': the header must contain {header}")]
    MissingColumnIn {
        file: &'static str,
        column: String,
        header: &'static str,
    },

    /// One row of a localization file holds a value that cannot be used (the header is row 1).
    #[error("{file}, row {row}: {message}")]
    RowIn {
        file: &'static str,
        row: usize,
        message: String,
    },

    /// One row holds a value that cannot be used (row numbers count the header as row 1).
    #[error("row {row}: {message}")]
    Row { row: usize, message: String },

    /// The same case carries two different truths.
    #[error("row {row}: case '{case}' has truth {truth} but row {first_row} gave it truth {first_truth}; a case must have one truth")]
    InconsistentTruth {
        row: usize,
        case: String,
        truth: u8,
        first_row: usize,
        first_truth: u8,
    },

    /// The same reading appears twice.
    #[error("row {row} repeats row {first_row}: reader '{reader}' read case '{case}' under modality '{modality}' twice; keep one of them")]
    DuplicateReading {
        row: usize,
        first_row: usize,
        reader: String,
        modality: String,
        case: String,
    },

    /// A reader/modality pair lacks readings that a fully crossed design needs.
    #[error("the design is not fully crossed: reader '{reader}' has no reading under modality '{modality}' for {count} case(s) ({cases}); add those readings or drop the cases")]
    MissingReadings {
        reader: String,
        modality: String,
        count: usize,
        cases: String,
    },

    /// The data hold fewer units than the requested computation needs.
    #[error("{what} needs at least {needed} {unit}, but the data have {found}")]
    TooFew {
        what: &'static str,
        needed: usize,
        unit: &'static str,
        found: usize,
    },

    /// An argument is out of its valid range or inconsistent with the data.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),

    /// The data make a statistic undefined (e.g. a zero variance where one is divided by).
    #[error("{0}")]
    Degenerate(String),

    /// An export workbook (results tables, RJafroc reads) could not be written.
    #[error("could not write the XLSX workbook: {0}; check that no table exceeds Excel's 1,048,576 rows or 16,384 columns")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),

    /// A spelling of one of the study's words that names none of its values.
    #[error(transparent)]
    Word(#[from] vocab::UnknownWord),

    /// A command-line spelling that names no known option.
    #[error("unknown {kind} '{value}': expected one of {expected}")]
    UnknownOption {
        kind: &'static str,
        value: String,
        expected: &'static str,
    },
}

/// Shorthand used throughout the crate.
pub type Result<T> = std::result::Result<T, AnalysisError>;
