//! The results downloads, for the page's buttons (`GET /studies/{id}/export/{file}?lang=`) and
//! `lector export`: significance tables (XLSX, CSV, Markdown, LaTeX), the HTML report, every
//! read as a long CSV, the reads in iMRMC's and RJafroc's formats, and the audit trail.

use std::path::Path;

use analysis::export::{
    report_html, to_csv, to_imrmc, to_latex, to_markdown, to_rjafroc_xlsx, to_tables_zip, to_xlsx,
    GalleryItem, ReportDocument,
};
use store::{Store, Study};

use super::snapshot::{self, Snapshot};
use super::view::{compute, translator};
use crate::i18n::Locale;
use crate::ssr::access::store_error;
use crate::AppError;
use vocab::ExportKind;

/// A file to hand over.
pub struct Download {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

fn analysis_error(err: analysis::AnalysisError) -> AppError {
    if matches!(err, analysis::AnalysisError::Xlsx(_)) {
        return crate::ssr::internal("write the workbook", &err);
    }
    AppError::Invalid(format!(
        "the results cannot be computed yet: {err}; export the reads instead, or wait until at least two readers have read every case in both modalities"
    ))
}

/// Builds one export of `study` (the caller has checked access).
///
/// # Errors
/// [`AppError::Invalid`] when the tables cannot be computed yet (too few complete readers);
/// [`AppError::Internal`] when the store or a writer fails.
#[tracing::instrument(skip_all)]
pub async fn export(
    store: &Store,
    study: Study,
    what: ExportKind,
    locale: Locale,
    options: analysis::study::ResultsOptions,
    data_dir: &Path,
) -> Result<Download, AppError> {
    let study_id = study.id;
    let bytes = if what == ExportKind::AuditCsv {
        audit_csv(store, study_id).await?.into_bytes()
    } else {
        let snapshot = snapshot::load(store, study).await?;
        let data_dir = data_dir.to_path_buf();
        tokio::task::spawn_blocking(move || build(&snapshot, what, locale, options, &data_dir))
            .await
            .map_err(|e| crate::ssr::internal("build the export", &e))??
    };
    Ok(Download {
        file_name: format!("study-{study_id}-{}", what.as_str()),
        content_type: what.content_type(),
        bytes,
    })
}

/// One figure of `study` (the caller has checked access) as SVG or 300-dpi PNG.
///
/// # Errors
/// [`AppError::NotFound`] for a figure the study's results do not have; as [`export`].
#[tracing::instrument(skip_all)]
pub async fn figure(
    store: &Store,
    study: Study,
    file: &str,
    locale: Locale,
    data_dir: &Path,
) -> Result<Download, AppError> {
    use super::figure_file::{figure_bytes, FigureFormat};
    let not_found = || AppError::NotFound(format!("the figure {file}"));
    let (id, format) = FigureFormat::split(file).ok_or_else(not_found)?;
    let (study_id, id) = (study.id, id.to_string());
    let snapshot = snapshot::load(store, study).await?;
    let data_dir = data_dir.to_path_buf();
    let options = analysis::study::ResultsOptions::default();
    let bytes = tokio::task::spawn_blocking(move || {
        let results = compute(&snapshot, options).map_err(analysis_error)?;
        let figures = super::view::figure_views(&snapshot, &results, locale, &data_dir);
        match figures.iter().find(|f| f.id == id) {
            Some(figure) => figure_bytes(figure, format),
            None => Err(AppError::NotFound(format!("the figure {id}"))),
        }
    })
    .await
    .map_err(|e| crate::ssr::internal("draw the figure", &e))??;
    Ok(Download {
        file_name: format!("study-{study_id}-{file}"),
        content_type: format.content_type(),
        bytes,
    })
}

fn build(
    snapshot: &Snapshot,
    what: ExportKind,
    locale: Locale,
    options: analysis::study::ResultsOptions,
    data_dir: &Path,
) -> Result<Vec<u8>, AppError> {
    let translate = translator(locale);
    // One arm per export, so a new kind of download is a compile error here until it is built.
    let tables = || -> Result<_, AppError> {
        let results = compute(snapshot, options).map_err(analysis_error)?;
        let tables = super::view::all_tables(snapshot, &results, data_dir);
        Ok((results, tables))
    };
    Ok(match what {
        ExportKind::ReadsCsv => {
            let maps = super::localization::lesion_maps(snapshot, data_dir);
            super::reads_csv::reads_csv(snapshot, &maps).into_bytes()
        }
        ExportKind::ReadsImrmc => to_imrmc(&snapshot.study_data()).into_bytes(),
        ExportKind::MarksZip => {
            let maps = super::localization::lesion_maps(snapshot, data_dir);
            super::localization::marks_zip(snapshot, &maps)?
        }
        ExportKind::RjafrocXlsx => {
            // A localization study's reads are marks: RJafroc's FROC workbook, not the ROC one.
            let maps = super::localization::lesion_maps(snapshot, data_dir);
            match super::localization::rjafroc_froc(snapshot, &maps)? {
                Some(bytes) => bytes,
                None => to_rjafroc_xlsx(&snapshot.study_data()).map_err(analysis_error)?,
            }
        }
        ExportKind::MethodsText => {
            // Before any analysis the paragraph still states the design and the readers.
            let results = compute(snapshot, options).ok();
            super::methods::methods(snapshot, results.as_ref(), locale)
                .to_text(locale)
                .into_bytes()
        }
        // Answered from the store by `export` before anything is built.
        ExportKind::AuditCsv => return Err(AppError::Internal("export the audit trail".into())),
        ExportKind::TablesXlsx => to_xlsx(&tables()?.1, &translate).map_err(analysis_error)?,
        ExportKind::TablesCsv => to_csv(&tables()?.1, &translate).into_bytes(),
        ExportKind::TablesZip => to_tables_zip(&tables()?.1, &translate).map_err(analysis_error)?,
        ExportKind::TablesMarkdown => to_markdown(&tables()?.1, &translate).into_bytes(),
        ExportKind::TablesLatex => to_latex(&tables()?.1, &translate).into_bytes(),
        ExportKind::FiguresZip => {
            let results = compute(snapshot, options).map_err(analysis_error)?;
            let figures = super::view::figure_views(snapshot, &results, locale, data_dir);
            super::figure_file::figures_zip(&figures)?
        }
        ExportKind::ReportHtml => {
            let (results, tables) = tables()?;
            let figures = super::view::figure_views(snapshot, &results, locale, data_dir);
            let document = ReportDocument {
                title: snapshot.study.name.clone(),
                lang: locale,
                meta: vec![
                    (
                        "report-meta-design".into(),
                        translate(snapshot.study.design.label_key()),
                    ),
                    (
                        "report-meta-readers".into(),
                        snapshot.readers.len().to_string(),
                    ),
                    // Only readers who read every case in both modalities enter the tables.
                    (
                        "report-meta-readers-analysed".into(),
                        results.readers.len().to_string(),
                    ),
                    (
                        "report-meta-cases".into(),
                        snapshot.test_cases().count().to_string(),
                    ),
                    (
                        "report-meta-model".into(),
                        crate::ssr::ai::model_version().into(),
                    ),
                ],
                tables,
                rocs: Vec::new(),
                bars: Vec::new(),
                extra_svgs: figures.into_iter().map(|f| (f.title, f.svg)).collect(),
                gallery: super::figures::gallery(snapshot)
                    .into_iter()
                    .filter_map(|item| {
                        let output = snapshot.ai.get(&item.case_ref)?;
                        let png = std::fs::read(data_dir.join(&output.heatmap_file)).ok()?;
                        Some(GalleryItem {
                            caption: format!(
                                "{} · {} · p = {:.2}",
                                item.case_id, item.truth, item.probability
                            ),
                            png,
                        })
                    })
                    .collect(),
            };
            report_html(&document, &translate).into_bytes()
        }
    })
}

/// The study's audit trail, oldest first.
async fn audit_csv(store: &Store, study_id: i64) -> Result<String, AppError> {
    let rows = store
        .list_audit(Some(study_id), i64::MAX)
        .await
        .map_err(|e| store_error("export the audit trail", e))?;
    let mut csv = String::from("seq,at,actor,action,detail,prev_hash,hash\n");
    for row in rows.into_iter().rev() {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        csv.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            row.seq,
            row.at,
            quote(&row.actor),
            row.action,
            quote(&row.detail),
            row.prev_hash,
            row.hash
        ));
    }
    Ok(csv)
}
