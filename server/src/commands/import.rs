//! `lector import STUDY DIR`: cases from a server-side folder into a study, all or nothing,
//! printing the row-by-row report.

use app::ssr::dicomweb::{Auth, Pacs};
use app::ssr::import::{import_into, Source};
use imaging::import::BtxrdOptions;
use store::{Store, Study};

use super::CommandError;
use crate::cli::ImportArgs;
use crate::config::Config;

/// Finds a study by id or by name.
///
/// # Errors
/// [`CommandError::Refused`] when no study matches.
pub async fn find_study(store: &Store, key: &str) -> Result<Study, CommandError> {
    let by_id = match key.parse::<i64>() {
        Ok(id) => store.study(id).await?,
        Err(_) => None,
    };
    let found = match by_id {
        Some(study) => Some(study),
        None => store
            .list_studies()
            .await?
            .into_iter()
            .find(|s| s.name == key),
    };
    found.ok_or_else(|| {
        CommandError::Refused(format!(
            "no study '{key}'; `lector study list` shows the ids and names"
        ))
    })
}

pub async fn run(config: &Config, args: &ImportArgs) -> Result<(), CommandError> {
    let store = config.open_store().await?;
    let study = find_study(&store, &args.study).await?;
    let source = match (&args.dicomweb, &args.manifest, &args.dir) {
        (Some(url), Some(manifest), _) => {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(CommandError::Refused(format!(
                    "--dicomweb takes the DICOMweb root as an http(s) URL, not '{url}'"
                )));
            }
            Source::DicomWeb {
                pacs: Box::new(Pacs {
                    base: url.clone(),
                    auth: Auth::from_env(),
                    modality: args.modality.clone(),
                }),
                manifest: manifest.clone(),
            }
        }
        (_, _, Some(dir)) if args.btxrd => {
            let mut options = BtxrdOptions::new(&args.positive_column, &args.negative_column);
            options.external_centres = args.external_centres.clone();
            Source::Btxrd(dir.clone(), Box::new(options))
        }
        (_, _, Some(dir)) => Source::Folder(dir.clone()),
        _ => {
            return Err(CommandError::Refused(
                "give a folder to import, or --dicomweb URL with --manifest CSV".into(),
            ))
        }
    };
    let report = import_into(&store, &config.data_dir, &study, "cli", source).await?;
    if !report.accepted {
        for p in &report.problems {
            let case = p.case_id.as_deref().unwrap_or("-");
            eprintln!("row {}\t{case}\t{}", p.row, p.reason);
        }
        return Err(CommandError::Refused(format!(
            "import refused: {} problem(s) in {} row(s); nothing was imported",
            report.problems.len(),
            report.rows_checked
        )));
    }
    store
        .append_audit(&store::AuditEvent {
            actor_id: None,
            actor: "cli".into(),
            action: "cases.import".into(),
            study_id: Some(study.id),
            detail: serde_json::json!({ "cases": report.imported, "by_split": report.by_split })
                .to_string(),
        })
        .await?;
    let splits: Vec<String> = report
        .by_split
        .iter()
        .map(|(split, n)| format!("{n} {split}"))
        .collect();
    println!(
        "imported {} cases into '{}' ({}); {} rows skipped",
        report.imported,
        study.name,
        splits.join(", "),
        report.skipped
    );
    Ok(())
}
