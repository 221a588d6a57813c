//! `/studies/:id/results`: the study's significance tables, figures and Grad-CAM gallery,
//! computed on the server from the stored reads in the page's language, with the exports.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::results::study_results;
use crate::domain::results::{GalleryItem, Planning, ResultsView, TableView};
use crate::i18n::{use_i18n, I18n};
use crate::ids;
use crate::ui::components::notice::ErrorNotice;
use crate::ui::components::study_nav::{StudyNav, StudyTab};
use crate::ui::hydration::mark_hydrated;
use crate::ui::pages::study::study_id;
use vocab::{Covariance, ExportKind};

#[component]
pub fn StudyResultsPage() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let id = study_id();
    let tick = RwSignal::new(0u32);
    let covariance = RwSignal::new(Covariance::default());
    let planning = RwSignal::new(Planning::default());
    let results = Resource::new(
        move || {
            (
                id.get(),
                i18n.locale.get(),
                covariance.get(),
                planning.get(),
                tick.get(),
            )
        },
        |(id, locale, covariance, planning, _)| study_results(id, locale, covariance, planning),
    );
    view! {
        <Title text=i18n.tr("tab-results")/>
        <section class="page results">
            <StudyNav study_id=id.get_untracked() current=StudyTab::Results/>
            <div class="toolbar">
                <h1>{i18n.tr("report-title")}</h1>
                <span class="spacer"></span>
                <label class="inline">
                    {i18n.tr("report-covariance")}
                    <select
                        data-testid=ids::RESULTS_COVARIANCE
                        on:change=move |ev| {
                            if let Ok(chosen) = Covariance::parse(&event_target_value(&ev)) {
                                covariance.set(chosen);
                            }
                        }
                    >
                        {Covariance::ALL.iter().map(|&value| view! {
                            <option value=value.as_str() selected=move || covariance.get() == value>
                                {move || i18n.word(value)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <button class="button" on:click=move |_| tick.update(|t| *t += 1)>
                    {i18n.tr("report-refresh")}
                </button>
            </div>
            <PlanningForm planning/>
            <Exports study_id=id covariance planning/>
            <Transition fallback=move || view! { <p class="muted">{i18n.tr("loading")}</p> }>
                {move || results.get().map(|result| match result {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(view) => view! {
                        // The marks exist only in a localization study, which the results say;
                        // read inside the transition, as every use of the results resource.
                        {view.localization.then(|| view! {
                            <nav class="exports" aria-label=move || i18n.text("report-exports")>
                                <ExportLink kind=ExportKind::MarksZip study_id=id covariance planning/>
                            </nav>
                        })}
                        {results_body(i18n, view, id.get_untracked())}
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Exports(
    study_id: Memo<i64>,
    covariance: RwSignal<Covariance>,
    planning: RwSignal<Planning>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="exports" data-testid=ids::RESULTS_EXPORTS aria-label=move || i18n.text("report-exports")>
            <span class="muted">{i18n.tr("report-exports")}</span>
            {ExportKind::ALL
                .iter()
                .filter(|&&kind| kind != ExportKind::MarksZip)
                .map(|&kind| view! { <ExportLink kind study_id covariance planning/> })
                .collect_view()}
        </nav>
    }
}

/// The follow-up study the sample-size table plans: the AUC difference to detect (empty: the
/// observed one), α and the target power. The server validates them.
#[component]
fn PlanningForm(planning: RwSignal<Planning>) -> impl IntoView {
    let i18n = use_i18n();
    let number = |ev: &leptos::ev::Event| event_target_value(ev).trim().parse::<f64>().ok();
    view! {
        <fieldset class="planning" data-testid=ids::RESULTS_PLANNING>
            <legend>{i18n.tr("report-plan-title")}</legend>
            <label class="inline">
                {i18n.tr("report-plan-effect")}
                <input
                    type="number" min="0.01" max="0.5" step="0.01" class="numeric"
                    data-testid=ids::RESULTS_PLAN_EFFECT
                    placeholder=move || i18n.text("report-plan-observed")
                    on:change=move |ev| { let e = number(&ev); planning.update(|p| p.effect = e) }
                />
            </label>
            <label class="inline">
                "α"
                <input
                    type="number" min="0.001" max="0.2" step="0.01" class="numeric"
                    prop:value=move || planning.with(|p| p.alpha.to_string())
                    on:change=move |ev| if let Some(a) = number(&ev) { planning.update(|p| p.alpha = a) }
                />
            </label>
            <label class="inline">
                {i18n.tr("report-plan-power")}
                <input
                    type="number" min="50" max="99" step="1" class="numeric"
                    prop:value=move || planning.with(|p| format!("{:.0}", p.power * 100.0))
                    on:change=move |ev| if let Some(p) = number(&ev) { planning.update(|x| x.power = p / 100.0) }
                />
            </label>
        </fieldset>
    }
}

/// One download button: the export in the page's language with the chosen covariance and plan.
#[component]
fn ExportLink(
    kind: ExportKind,
    study_id: Memo<i64>,
    covariance: RwSignal<Covariance>,
    planning: RwSignal<Planning>,
) -> impl IntoView {
    let i18n = use_i18n();
    let file = kind.as_str();
    let href = move || {
        let plan = planning.get();
        let effect = plan
            .effect
            .map(|e| format!("&effect={e}"))
            .unwrap_or_default();
        format!(
            "/studies/{}/export/{file}?lang={}&cov={}&alpha={}&power={}{effect}",
            study_id.get(),
            i18n.locale.get().tag(),
            covariance.get(),
            plan.alpha,
            plan.power
        )
    };
    view! {
        <a class="button small" rel="external" download href=href data-export=file>
            {move || i18n.word(kind)}
        </a>
    }
}

fn results_body(i18n: I18n, view: ResultsView, study_id: i64) -> impl IntoView {
    let lang = i18n.locale.get_untracked().tag();
    let summary = i18n.text_with(
        "report-readers-complete",
        &crate::i18n::Args::new()
            .with("complete", view.complete_readers as i64)
            .with("enrolled", view.enrolled_readers as i64),
    );
    view! {
        <p class="muted">{summary}</p>
        {view.pending.map(|message| view! {
            <p class="notice" data-testid=ids::RESULTS_PENDING>{message}</p>
        })}
        <nav class="toc">
            {view.tables.iter().map(|t| view! {
                <a href=format!("#{}", t.id)>{t.title.clone()}</a>
            }).collect_view()}
            {(!view.methods.is_empty()).then(|| view! { <a href="#methods">{i18n.tr("results-methods-title")}</a> })}
        </nav>
        {view.tables.into_iter().map(table).collect_view()}
        <div class="figures">
            {view.figures.into_iter().map(|figure| view! {
                <figure id=figure.id.clone() data-testid=ids::RESULTS_FIGURE data-figure=figure.id.clone()>
                    <figcaption>{figure.title}</figcaption>
                    <div class="svg" inner_html=figure.svg></div>
                    <p class="figure-files">
                        {[("svg", "report-figure-svg"), ("png", "report-figure-png")].map(|(extension, key)| {
                            let file = format!("{}.{extension}", figure.id);
                            view! {
                                <a class="button small" rel="external" download
                                    href=format!("/studies/{study_id}/figures/{file}?lang={lang}")
                                    data-figure-file=file>
                                    {i18n.tr(key)}
                                </a>
                            }
                        }).collect_view()}
                    </p>
                </figure>
            }).collect_view()}
        </div>
        {(!view.gallery.is_empty()).then(|| gallery(i18n, view.gallery))}
        {(!view.methods.is_empty()).then(|| methods(i18n, view.methods, view.references))}
    }
}

/// The methods paragraph to paste into the paper, with its references.
fn methods(i18n: I18n, paragraphs: Vec<String>, references: Vec<String>) -> impl IntoView {
    view! {
        <section class="methods" id="methods" data-testid=ids::RESULTS_METHODS>
            <h2>{i18n.tr("results-methods-title")}</h2>
            {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            <h3>{i18n.tr("results-methods-references")}</h3>
            <ol class="small">{references.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ol>
        </section>
    }
}

fn table(table: TableView) -> impl IntoView {
    // A wide table scrolls inside its box: focusable, so the arrow keys scroll it too.
    let label = table.title.clone();
    view! {
        <section class="results-table" id=table.id.clone() data-testid=ids::RESULTS_TABLE data-table=table.id>
            <h2>{table.title}</h2>
            <div class="scroll" tabindex="0" role="region" aria-label=label>
                <table class="table">
                    <thead><tr>{table.columns.into_iter().map(|c| view! { <th>{c}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {table.rows.into_iter().map(|row| view! {
                            <tr>{row.into_iter().map(|cell| view! {
                                <td class:numeric=cell.numeric>{cell.text}</td>
                            }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {table.notes.into_iter().map(|n| view! { <p class="note">{n}</p> }).collect_view()}
        </section>
    }
}

fn gallery(i18n: I18n, items: Vec<GalleryItem>) -> impl IntoView {
    view! {
        <section class="gallery" id="gradcam" data-testid=ids::RESULTS_GALLERY>
            <h2>{i18n.tr("report-gallery-title")}</h2>
            <div class="gallery-grid">
                {items.into_iter().map(|item| {
                    let verdict = if item.correct { "report-gallery-correct" } else { "report-gallery-wrong" };
                    view! {
                        <figure class:wrong=!item.correct>
                            <img
                                loading="lazy"
                                src=format!("/images/cases/{}/heatmap", item.case_ref)
                                alt=format!("Grad-CAM {}", item.case_id)
                            />
                            <figcaption>
                                {format!("{} · {} · p = {:.2} · ", item.case_id, item.truth, item.probability)}
                                {move || i18n.text(verdict)}
                            </figcaption>
                        </figure>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}
