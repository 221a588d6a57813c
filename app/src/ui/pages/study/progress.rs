//! `/studies/:id/progress`: per reader and session, cases done, median time, last activity and
//! when the washout ends; refreshed every 15 seconds while open.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::progress::study_progress;
use crate::api::reading::OverrideSession;
use crate::i18n::{format, use_i18n};
use crate::ids;
use crate::ui::components::notice::ErrorNotice;
use crate::ui::components::study_nav::{StudyNav, StudyTab};
use crate::ui::hydration::mark_hydrated;
use crate::ui::pages::study::study_id;

#[component]
pub fn StudyProgressPage() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let id = study_id();
    let tick = RwSignal::new(0u32);
    let open_early = ServerAction::<OverrideSession>::new();
    let rows = Resource::new(
        move || (id.get(), tick.get(), open_early.version().get()),
        |(id, ..)| study_progress(id),
    );
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || tick.update(|t| *t += 1),
            std::time::Duration::from_secs(15),
        );
        let handle = handle.ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    view! {
        <Title text=i18n.tr("tab-progress")/>
        <section class="page">
            <StudyNav study_id=id.get_untracked() current=StudyTab::Progress/>
            <div class="toolbar">
                <h1>{i18n.tr("progress-title")}</h1>
                <span class="spacer"></span>
                <a class="button" rel="external" download href=move || format!("/studies/{}/orders.csv", id.get()) data-testid=ids::ORDERS_DOWNLOAD>
                    {i18n.tr("progress-orders-download")}
                </a>
            </div>
            {move || open_early.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
            <Transition fallback=move || view! { <p class="muted">{i18n.tr("loading")}</p> }>
                {move || rows.get().map(|result| match result {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! {
                        <p class="muted" data-testid=ids::PROGRESS_EMPTY>{i18n.tr("progress-empty")}</p>
                    }.into_any(),
                    Ok(rows) => view! {
                        <table class="table" data-testid=ids::PROGRESS_TABLE>
                            <thead><tr>
                                <th>{i18n.tr("col-reader")}</th>
                                <th>{i18n.tr("col-seniority")}</th>
                                <th>{i18n.tr("col-group")}</th>
                                <th>{i18n.tr("col-session")}</th>
                                <th>{i18n.tr("col-done")}</th>
                                <th>{i18n.tr("col-median-time")}</th>
                                <th>{i18n.tr("col-last-activity")}</th>
                                <th>{i18n.tr("col-opens-on")}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let (seniority, mode) = (r.seniority, r.mode);
                                    let last = r.last_activity.clone();
                                    // A finished session has no opening date left to wait for.
                                    let opens = if r.done < r.total { r.opens_on.clone() } else { None };
                                    let session = r.session;
                                    let (reader_id, can_open) = (r.reader_id, r.can_open_early);
                                    view! {
                                        <tr data-testid=ids::PROGRESS_ROW>
                                            <td>{r.reader.clone()}</td>
                                            <td>{move || i18n.word(seniority)}</td>
                                            <td>{r.group.as_str()}</td>
                                            <td>{move || if session == 0 { i18n.text("split-practice") } else { format!("{session} · {}", i18n.word(mode)) }}</td>
                                            <td class="numeric">{format!("{} / {}", r.done, r.total)}</td>
                                            <td class="numeric">{r.median_seconds.map(|s| format!("{s} s")).unwrap_or_else(|| "—".into())}</td>
                                            <td>{move || last.as_deref().map(|t| format::date(i18n.locale.get(), t)).unwrap_or_else(|| "—".into())}</td>
                                            <td>
                                                {move || opens.as_deref().map(|t| format::date(i18n.locale.get(), t)).unwrap_or_else(|| "—".into())}
                                                {can_open.then(|| view! { <OpenEarly study_id=id.get_untracked() reader_id session action=open_early/> })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// Ends a reader's washout now: the reason is required and goes into the audit trail.
#[component]
fn OpenEarly(
    study_id: i64,
    reader_id: i64,
    session: i64,
    action: ServerAction<OverrideSession>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    view! {
        <form
            class="inline-form"
            data-testid=ids::OPEN_EARLY
            on:submit=move |ev| {
                ev.prevent_default();
                let reason = reason.get_untracked();
                if !reason.trim().is_empty() {
                    action.dispatch(OverrideSession { study_id, reader_id, session, reason });
                }
            }
        >
            <input
                required
                maxlength="1000"
                data-testid=ids::OPEN_EARLY_REASON
                placeholder=move || i18n.text("progress-open-early-reason")
                aria-label=move || i18n.text("progress-open-early-reason")
                bind:value=reason
            />
            <button class="button small" type="submit" disabled=move || action.pending().get()>
                {i18n.tr("progress-open-early")}
            </button>
        </form>
    }
}
