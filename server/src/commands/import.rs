//! `lector import STUDY DIR`: cases from a server-side folder into a study, all or nothing,
//! printing the row-by-row report.

use app::ssr::dicomweb::{valid_modality, valid_series_description, Auth, Pacs};
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

/// A new file only its owner can read; refuses an existing path.
fn new_private_file(path: &std::path::Path) -> Result<std::fs::File, CommandError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| {
        CommandError::Refused(format!(
            "--key-out {}: {e} (the key goes into a new file, never over another)",
            path.display()
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
            if let Some(modality) = args.modality.as_deref().filter(|m| !valid_modality(m)) {
                return Err(CommandError::Refused(format!(
                    "--modality takes a DICOM code such as CR or DX, not '{modality}'"
                )));
            }
            if let Some(description) = args
                .series_description
                .as_deref()
                .filter(|d| !valid_series_description(d))
            {
                return Err(CommandError::Refused(format!(
                    "--series-description takes one line of at most 64 characters without a backslash, not '{description}'"
                )));
            }
            Source::DicomWeb {
                pacs: Box::new(Pacs {
                    base: url.clone(),
                    auth: Auth::from_env(),
                    modality: args.modality.clone(),
                    series_description: args.series_description.clone(),
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
    // Refused before anything is fetched: a key must never overwrite a file or be lost.
    let key_file = args.key_out.as_deref().map(new_private_file).transpose()?;
    let report = import_into(
        &store,
        &config.data_dir,
        &study,
        "cli",
        source,
        key_file.is_some(),
    )
    .await;
    let report = match report {
        Ok(report) if report.accepted => report,
        other => {
            if let Some(path) = &args.key_out {
                let _ = std::fs::remove_file(path);
            }
            other?
        }
    };
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
            detail: serde_json::json!({
                "cases": report.imported,
                "by_split": report.by_split,
                "key_given": key_file.is_some() && report.key.is_some(),
            })
            .to_string(),
        })
        .await?;
    if let (Some(mut file), Some(path)) = (key_file, &args.key_out) {
        use std::io::Write;
        let key = report
            .key
            .as_deref()
            .unwrap_or("case_id,attribute,original,replacement\n");
        file.write_all(key.as_bytes())
            .map_err(|e| CommandError::Refused(format!("{}: {e}", path.display())))?;
        println!(
            "the re-identification key is in {}; keep it apart from Lector's data",
            path.display()
        );
    }
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
