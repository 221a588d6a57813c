//! Turns the analysis crate's tables and figures into the page's [`ResultsView`], translated
//! into the reader's language on the server.

use std::path::Path;
use std::time::Instant;

use analysis::figure::svg::{bar_svg, roc_svg};
use analysis::study::{study_results, ResultsOptions, StudyResults};
use analysis::table::{split_note, Cell, Table};
use analysis::Covariance;
use model::scatter::Legend;

use super::figures;
use super::snapshot::Snapshot;
use crate::domain::results::{CellView, FigureView, Planning, ResultsView, TableView};
use crate::i18n::{message, Args, Locale};

/// A translation function in `locale` for the analysis crate's renderers; a table note with
/// arguments (α, the CNN's threshold, the seniority cut-points) carries them after its key.
pub fn translator(locale: Locale) -> impl Fn(&str) -> String {
    move |key: &str| {
        let (key, pairs) = split_note(key);
        let args = pairs.into_iter().fold(Args::new(), |args, (name, value)| {
            args.with(name.to_string(), value.to_string())
        });
        message(locale, key, &args)
    }
}

/// One table in `locale`.
pub fn table_view(table: &Table, translate: &dyn Fn(&str) -> String) -> TableView {
    TableView {
        id: table.id.clone(),
        title: translate(&table.title),
        columns: table.columns.iter().map(|c| translate(c)).collect(),
        rows: table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| CellView {
                        text: cell.render(translate),
                        numeric: !matches!(cell, Cell::Text(_) | Cell::Label(_) | Cell::Empty),
                    })
                    .collect()
            })
            .collect(),
        notes: table.notes.iter().map(|n| translate(n)).collect(),
    }
}

/// Every table of the results: the study's, then in a localization study its wAFROC tables.
pub fn all_tables(snapshot: &Snapshot, results: &StudyResults, data_dir: &Path) -> Vec<Table> {
    let mut tables = results.tables();
    let maps = super::localization::lesion_maps(snapshot, data_dir);
    tables.extend(super::localization::table(snapshot, &maps));
    tables.extend(super::localization::versus_ai_table(snapshot, &maps));
    tables
}

/// The statistics of a snapshot (what the page, the exports and the benchmark share).
///
/// # Errors
/// The analysis crate's error when the reads cannot be analysed yet (too few complete readers).
pub fn compute(
    snapshot: &Snapshot,
    options: ResultsOptions,
) -> Result<StudyResults, analysis::AnalysisError> {
    study_results(&snapshot.study_data(), &options)
}

/// The results options with the coordinator's choice of covariance method and plan.
pub fn options(covariance: Covariance, planning: Planning) -> ResultsOptions {
    ResultsOptions {
        covariance,
        alpha: planning.alpha,
        power: planning.power,
        effect: planning.effect,
    }
}

/// The SVG figures of the results in `locale`: ROC curves, accuracy bars and the t-SNE map.
pub fn figure_views(
    snapshot: &Snapshot,
    results: &StudyResults,
    locale: Locale,
    data_dir: &Path,
) -> Vec<FigureView> {
    let translate = translator(locale);
    let mut figures: Vec<FigureView> = results
        .roc_figures()
        .iter()
        .map(|figure| FigureView {
            id: figure.id.clone(),
            title: translate(&figure.title),
            svg: roc_svg(figure, &translate),
        })
        .collect();
    let maps = super::localization::lesion_maps(snapshot, data_dir);
    let localization = [
        super::localization::figure(snapshot, &maps),
        super::localization::froc_figure(snapshot, &maps),
    ];
    for figure in localization.into_iter().flatten() {
        figures.push(FigureView {
            id: figure.id.clone(),
            title: translate(&figure.title),
            svg: roc_svg(&figure, &translate),
        });
    }
    let chart = results.accuracy_chart();
    figures.push(FigureView {
        id: chart.id.clone(),
        title: translate(&chart.title),
        svg: bar_svg(&chart, &translate),
    });
    let title = translate("report-tsne-title");
    let (class, site) = (
        translate("report-tsne-class"),
        translate("report-tsne-site"),
    );
    let legend = Legend {
        class: &class,
        positive: &snapshot.study.positive_label,
        negative: &snapshot.study.negative_label,
        site: &site,
    };
    if let Some(svg) = figures::tsne_svg(snapshot, &title, &legend) {
        figures.push(FigureView {
            id: "tsne".into(),
            title,
            svg,
        });
    }
    figures
}

/// Everything on the results page, in `locale`.
pub fn results_view(
    snapshot: &Snapshot,
    locale: Locale,
    options: ResultsOptions,
    data_dir: &Path,
) -> ResultsView {
    let started = Instant::now();
    let translate = translator(locale);
    let data = snapshot.study_data();
    // Counted by the same rule the analysis uses, so the page's count matches its tables even
    // when there are too few complete readers for any table.
    let complete_readers = analysis::study::prepare::Prepared::new(&data)
        .complete
        .len();
    let mut view = ResultsView {
        complete_readers,
        enrolled_readers: snapshot.readers.len(),
        pending: None,
        tables: Vec::new(),
        figures: Vec::new(),
        gallery: figures::gallery(snapshot),
        compute_ms: 0,
        localization: snapshot.study.config.task == vocab::StudyTask::Localization,
        methods: Vec::new(),
        references: Vec::new(),
    };
    let results = study_results(&data, &options);
    let methods = super::methods::methods(snapshot, results.as_ref().ok(), locale);
    (view.methods, view.references) = (methods.paragraphs, methods.references);
    match results {
        Ok(results) => {
            view.tables = all_tables(snapshot, &results, data_dir)
                .iter()
                .map(|t| table_view(t, &translate))
                .collect();
            view.figures = figure_views(snapshot, &results, locale, data_dir);
        }
        Err(err) => {
            tracing::info!(error = %err, study = snapshot.study.id, "results not available yet");
            view.pending = Some(translate("report-pending"));
        }
    }
    view.compute_ms = started.elapsed().as_millis() as u64;
    view
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_with_arguments_reads_with_its_numbers_in_both_languages() {
        let note = analysis::table::note_with(
            "results-note-cut-points",
            &[
                ("junior", "5".into()),
                ("intermediate_from", "6".into()),
                ("intermediate", "10".into()),
            ],
        );

        let (en, zh) = (
            translator(Locale::En)(&note),
            translator(Locale::ZhCn)(&note),
        );

        assert_eq!(
            en,
            "Seniority by years of experience: junior ≤ 5, intermediate 6–10, senior > 10."
        );
        assert_eq!(
            zh,
            "年资按工作年限划分：低年资 ≤ 5 年，中年资 6–10 年，高年资 > 10 年。"
        );
        assert_eq!(translator(Locale::En)("results-col-p"), "P");
    }
}
