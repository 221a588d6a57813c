//! The home page: the list of studies, or an explanation of how to start when there is none.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::reading::worklist;
use crate::api::studies::list_studies;
use crate::domain::study::StudySummary;
use crate::i18n::{format, use_i18n, Args};
use crate::ids;
use crate::ui::components::notice::ErrorNotice;
use crate::ui::hydration::mark_hydrated;
use crate::ui::pages::worklist::Worklist;
use crate::AppError;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let studies = Resource::new(|| (), |_| list_studies());
    let work = Resource::new(|| (), |_| worklist());
    view! {
        <Title text=i18n.tr("home-title")/>
        <section class="page">
            <div class="page-header">
                <h1>{i18n.tr("home-title")}</h1>
                <p class="muted">{i18n.tr("home-subtitle")}</p>
            </div>
            <Suspense fallback=move || view! { <p class="muted">{i18n.tr("home-loading")}</p> }>
                {move || {
                    studies
                        .get()
                        .map(|result| match result {
                            // Readers see their sessions, not the study pages of coordinators.
                            Ok(_) if work.get().and_then(Result::ok).is_some_and(|w| !w.is_empty()) => {
                                let list = work.get().and_then(Result::ok).unwrap_or_default();
                                view! { <Worklist studies=list/> }.into_any()
                            }
                            Ok(list) if list.is_empty() => view! { <EmptyState/> }.into_any(),
                            Ok(list) => view! { <StudyList studies=list/> }.into_any(),
                            Err(AppError::Unauthorized) => view! { <Welcome/> }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}

/// The study table with a filter box that narrows it as the coordinator types.
#[component]
fn StudyList(studies: Vec<StudySummary>) -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let (filter, set_filter) = signal(String::new());
    let total = studies.len();
    let studies = StoredValue::new(studies);
    let visible = move || {
        studies.with_value(|all| {
            all.iter()
                .filter(|s| s.matches(&filter.get()))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || {
        let args = Args::new()
            .with("shown", visible().len())
            .with("total", total);
        i18n.text_with("home-count", &args)
    };
    view! {
        <div class="toolbar">
            <input
                type="search"
                class="filter"
                placeholder=i18n.tr("home-filter-placeholder")
                aria-label=i18n.tr("home-filter-label")
                data-testid=ids::STUDY_FILTER
                prop:value=filter
                on:input=move |ev| set_filter.set(event_target_value(&ev))
            />
            <span class="muted">{count}</span>
            <span class="spacer"></span>
            <a class="button" href="/studies/new" data-testid=ids::NEW_STUDY>{i18n.tr("home-new-study")}</a>
        </div>
        <table class="table" data-testid=ids::STUDY_LIST>
            <thead>
                <tr>
                    <th>{i18n.tr("home-col-study")}</th>
                    <th>{i18n.tr("home-col-classes")}</th>
                    <th>{i18n.tr("home-col-design")}</th>
                    <th>{i18n.tr("home-col-created")}</th>
                </tr>
            </thead>
            <tbody>
                <For each=visible key=|s| s.id let:study>
                    <tr data-testid=ids::STUDY_ROW>
                        <td class="strong">
                            <a href=format!("/studies/{}", study.id)>{study.name.clone()}</a>
                        </td>
                        <td>{format!("{} / {}", study.positive_label, study.negative_label)}</td>
                        <td>{i18n.tr(study.design.label_key())}</td>
                        <td class="numeric">
                            {
                                let created = study.created_on.clone();
                                move || format::date(i18n.locale.get(), &created)
                            }
                        </td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}

/// What a coordinator sees before any study exists: what Lector is for and the first steps.
#[component]
fn EmptyState() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let (open, set_open) = signal(false);
    view! {
        <div class="empty" data-testid=ids::EMPTY_STATE>
            <h2>{i18n.tr("empty-title")}</h2>
            <p>{i18n.tr("empty-body")}</p>
            <p>
                <a class="button" href="/studies/new" data-testid=ids::NEW_STUDY>{i18n.tr("home-new-study")}</a>
            </p>
            <button
                class="button"
                data-testid=ids::HOW_TO_START_TOGGLE
                aria-expanded=move || open.get().to_string()
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                {move || i18n.text(if open.get() { "empty-hide-steps" } else { "empty-show-steps" })}
            </button>
            <Show when=move || open.get()>
                <ol class="steps" data-testid=ids::HOW_TO_START_STEPS>
                    <li>
                        {i18n.tr("empty-step-create")}
                        <pre>"lector study create \"Knee OS vs GCT\" --positive OS --negative GCT --design crossover"</pre>
                    </li>
                    <li>{i18n.tr("empty-step-import")}<pre>"lector synth --cases 40 --out phantoms\nlector import \"Knee OS vs GCT\" phantoms"</pre></li>
                    <li>{i18n.tr("empty-step-reload")}</li>
                </ol>
            </Show>
        </div>
    }
}

/// What a visitor who is not signed in sees: what Lector is, and the way in.
#[component]
fn Welcome() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    view! {
        <div class="empty" data-testid=ids::WELCOME>
            <h2>{i18n.tr("welcome-title")}</h2>
            <p>{i18n.tr("welcome-body")}</p>
            <a class="button" href="/login" data-testid=ids::WELCOME_SIGN_IN>{i18n.tr("action-sign-in")}</a>
        </div>
    }
}
