//! `lector export STUDY --what W [--format F] [--lang L] --out PATH`: the results page's
//! downloads from the command line, built by the same code.

use std::io::Write;

use app::ssr::results::export::export;
use vocab::ExportKind;

use super::import::find_study;
use super::CommandError;
use crate::cli::ExportArgs;
use crate::config::Config;

/// The export a `--what`/`--format` pair names.
///
/// # Errors
/// [`CommandError::Refused`] for an unknown pair, listing the valid ones.
pub fn choose(what: &str, format: Option<&str>) -> Result<ExportKind, CommandError> {
    let format = match (what, format) {
        ("tables", None) => "xlsx",
        ("tables", Some("markdown")) => "md",
        ("tables", Some("latex")) => "tex",
        ("report", None) => "html",
        ("reads" | "audit", None) => "csv",
        ("imrmc", None) => "imrmc",
        ("rjafroc", None) => "xlsx",
        ("marks", None) => "zip",
        ("methods", None) => "txt",
        (_, Some(format)) => format,
        _ => "",
    };
    let file = match what {
        "imrmc" => "reads.imrmc".to_string(),
        _ => format!("{what}.{format}"),
    };
    ExportKind::parse(&file).map_err(|_| {
        let valid: Vec<&str> = ExportKind::ALL.iter().map(|e| e.as_str()).collect();
        CommandError::Refused(format!(
            "no export '{what}' as '{format}'; choose one of {} (what.format)",
            valid.join(", ")
        ))
    })
}

pub async fn run(config: &Config, args: &ExportArgs) -> Result<(), CommandError> {
    let what = choose(&args.what, args.format.as_deref())?;
    let planning = app::domain::results::Planning {
        effect: args.effect,
        alpha: args.alpha,
        power: args.power,
    };
    planning.validate().map_err(CommandError::Refused)?;
    let store = config.open_store().await?;
    let study = find_study(&store, &args.study).await?;
    let options = app::ssr::results::view::options(args.cov, planning);
    let download = export(&store, study, what, args.lang, options, &config.data_dir).await?;
    let written = if args.out.as_os_str() == "-" {
        std::io::stdout().write_all(&download.bytes)
    } else {
        std::fs::write(&args.out, &download.bytes)
    };
    written.map_err(|source| CommandError::Write {
        path: args.out.clone(),
        source,
    })?;
    if args.out.as_os_str() != "-" {
        eprintln!(
            "wrote {} ({} bytes)",
            args.out.display(),
            download.bytes.len()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_export_has_a_what_and_format_that_names_it() {
        assert_eq!(choose("tables", None).unwrap(), ExportKind::TablesXlsx);
        assert_eq!(
            choose("tables", Some("latex")).unwrap(),
            ExportKind::TablesLatex
        );
        assert_eq!(choose("report", None).unwrap(), ExportKind::ReportHtml);
        assert_eq!(choose("reads", None).unwrap(), ExportKind::ReadsCsv);
        assert_eq!(choose("imrmc", None).unwrap(), ExportKind::ReadsImrmc);
        assert_eq!(choose("rjafroc", None).unwrap(), ExportKind::RjafrocXlsx);
        assert_eq!(choose("audit", None).unwrap(), ExportKind::AuditCsv);
        assert_eq!(choose("marks", None).unwrap(), ExportKind::MarksZip);
        assert_eq!(choose("methods", None).unwrap(), ExportKind::MethodsText);
    }

    #[test]
    fn an_unknown_pair_is_refused_with_the_valid_ones() {
        let err = choose("tables", Some("pdf")).unwrap_err().to_string();
        assert!(err.contains("tables.xlsx"), "{err}");
    }
}
