//! `lector analyze`: the MRMC analysis of a long-format reads file (ROC) or of a marks and truth
//! pair (localization, FROC), as Markdown, JSON or CSV.

use std::io::Write;

use analysis::froc::{self, LocalizationFom};
use analysis::input::read_csv_path;
use analysis::{analyze, AnalyzeOptions, Covariance, Fom};

use super::CommandError;
use crate::cli::{AnalyzeArgs, FomArg};

/// Reads, validates and analyses the input, then prints the report or writes it to `--out`.
///
/// # Errors
/// [`CommandError::Analysis`] for invalid reads (with row numbers) or an analysis that cannot
/// be done on them; [`CommandError::Refused`] for a figure of merit or covariance that does not
/// fit the input; [`CommandError::Write`] when `--out` cannot be written.
pub fn run(args: &AnalyzeArgs) -> Result<(), CommandError> {
    let text = match (&args.reads, &args.marks, &args.truth) {
        (_, Some(marks), Some(truth)) => localization(args, marks, truth)?,
        (Some(reads), None, None) => {
            let fom = match args.fom {
                None => Fom::Auc,
                Some(FomArg::Roc(fom)) => fom,
                Some(FomArg::Localization(fom)) => {
                    return Err(CommandError::Refused(format!(
                        "--fom {fom} is a localization figure: give the study as --marks MARKS.csv --truth TRUTH.csv"
                    )))
                }
            };
            let options = AnalyzeOptions {
                covariance: args.cov,
                fom,
                threshold: args.threshold,
            };
            analyze(&read_csv_path(reads)?, &options)?
                .with_method(args.method)
                .render(args.format)
        }
        _ => {
            return Err(CommandError::Refused(
                "give a reads file, or a localization study as --marks MARKS.csv --truth TRUTH.csv"
                    .into(),
            ))
        }
    };
    write(args, text)
}

fn localization(
    args: &AnalyzeArgs,
    marks: &std::path::Path,
    truth: &std::path::Path,
) -> Result<String, CommandError> {
    let fom = match args.fom {
        None => LocalizationFom::default(),
        Some(FomArg::Localization(fom)) => fom,
        Some(FomArg::Roc(fom)) => {
            return Err(CommandError::Refused(format!(
                "--fom {fom} is a ROC figure; a localization study takes wafroc, afroc, wafroc1, afroc1 or hrauc"
            )))
        }
    };
    if args.cov != Covariance::Jackknife {
        return Err(CommandError::Refused(format!(
            "--cov {}: localization figures of merit are analysed with the jackknife covariance (as RJafroc)",
            args.cov
        )));
    }
    if args.threshold.is_some() {
        return Err(CommandError::Refused(
            "--threshold applies to binary ROC figures, not to a localization study".into(),
        ));
    }
    let study = froc::input::read_paths(marks, truth)?;
    Ok(froc::analyze(&study, fom)?
        .with_method(args.method)
        .render(args.format))
}

fn write(args: &AnalyzeArgs, mut text: String) -> Result<(), CommandError> {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match &args.out {
        Some(path) => std::fs::write(path, text).map_err(|source| CommandError::Write {
            path: path.clone(),
            source,
        }),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|source| CommandError::Write {
                path: "standard output".into(),
                source,
            }),
    }
}
