//! `/studies/:id`: what the study holds and what to do next.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::studies::load_study;
use crate::i18n::{use_i18n, Args};
use crate::ids;
use crate::ui::components::notice::ErrorNotice;
use crate::ui::components::study_nav::{StudyNav, StudyTab};
use crate::ui::hydration::mark_hydrated;
use crate::ui::pages::study::study_id;

#[component]
pub fn StudyOverviewPage() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let id = study_id();
    let detail = Resource::new(move || id.get(), load_study);
    view! {
        <Title text=i18n.tr("tab-overview")/>
        <section class="page">
            <StudyNav study_id=id.get_untracked() current=StudyTab::Overview/>
            <Suspense fallback=move || view! { <p class="muted">{i18n.tr("loading")}</p> }>
                {move || detail.get().map(|result| match result {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(d) => {
                        let s = d.settings.clone();
                        let cases = d.cases.clone();
                        let design = s.design;
                        let counts = move || {
                            let args = Args::new()
                                .with("total", cases.total)
                                .with("positive", cases.positive)
                                .with("readers", d.readers);
                            i18n.text_with("overview-counts", &args)
                        };
                        let splits = d.cases.by_split.clone();
                        view! {
                            <div class="page-header">
                                <h1 data-testid=ids::STUDY_NAME>{s.name.clone()}</h1>
                                <p class="muted">
                                    {format!("{} / {} · ", s.positive_label, s.negative_label)}
                                    {move || i18n.word(design)}
                                </p>
                            </div>
                            <p data-testid=ids::OVERVIEW_COUNTS>{counts}</p>
                            <ul class="inline-list">
                                {splits.into_iter().map(|(split, n)| {
                                    view! { <li>{move || i18n.word(split)} ": " {n}</li> }
                                }).collect_view()}
                            </ul>
                            <p class="notice">
                                {move || i18n.text(if d.locked { "overview-locked" } else { "overview-open" })}
                            </p>
                            <ol class="steps">
                                <li><a href=format!("/studies/{}/cases", d.id)>{i18n.tr("overview-step-import")}</a></li>
                                <li><a href=format!("/studies/{}/readers", d.id)>{i18n.tr("overview-step-readers")}</a></li>
                                <li><a href=format!("/studies/{}/progress", d.id)>{i18n.tr("overview-step-progress")}</a></li>
                            </ol>
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
