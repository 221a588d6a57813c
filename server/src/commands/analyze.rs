//! `lector analyze`: the MRMC analysis of a long-format reads file, as Markdown, JSON or CSV.

use std::io::Write;

use analysis::input::read_csv_path;
use analysis::{analyze, AnalyzeOptions};

use super::CommandError;
use crate::cli::AnalyzeArgs;

/// Reads, validates and analyses the file, then prints the report or writes it to `--out`.
///
/// # Errors
/// [`CommandError::Analysis`] for invalid reads (with row numbers) or an analysis that cannot
/// be done on them; [`CommandError::Write`] when `--out` cannot be written.
pub fn run(args: &AnalyzeArgs) -> Result<(), CommandError> {
    let reads = read_csv_path(&args.reads)?;
    let options = AnalyzeOptions {
        covariance: args.cov,
        fom: args.fom,
        threshold: args.threshold,
    };
    let mut text = analyze(&reads, &options)?.render(args.format);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match &args.out {
        Some(path) => std::fs::write(path, text).map_err(|source| CommandError::Write {
            path: path.clone(),
            source,
        })?,
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|source| CommandError::Write {
                path: "standard output".into(),
                source,
            })?,
    }
    Ok(())
}
