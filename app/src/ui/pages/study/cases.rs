//! `/studies/:id/cases`: import a zip of cases (with its report), run the AI over them with a
//! progress display, and the case table.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{FormData, HtmlFormElement};
use leptos_meta::Title;

use crate::api::cases::{import_pacs, import_zip, list_cases, pacs_host, pacs_import_progress};
use crate::api::progress::{ai_run_status, StartAi};
use crate::domain::case::{CaseView, ImportReport};
use crate::i18n::{format, use_i18n, Args};
use crate::ids;
use crate::ui::components::notice::ErrorNotice;
use crate::ui::components::study_nav::{StudyNav, StudyTab};
use crate::ui::hydration::mark_hydrated;
use crate::ui::pages::study::study_id;
use crate::AppError;

#[component]
pub fn StudyCasesPage() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let id = study_id();
    let upload = Action::new_local(|data: &FormData| import_zip(data.clone().into()));
    let cases = Resource::new(
        move || (id.get(), upload.version().get()),
        |(id, _)| list_cases(id),
    );
    view! {
        <Title text=i18n.tr("tab-cases")/>
        <section class="page">
            <StudyNav study_id=id.get_untracked() current=StudyTab::Cases/>
            <h1>{i18n.tr("cases-title")}</h1>
            <div class="panel">
                <h2>{i18n.tr("import-title")}</h2>
                <p class="muted">{i18n.tr("import-help")}</p>
                <form
                    class="form inline"
                    data-testid=ids::IMPORT_FORM
                    on:submit=move |ev| {
                        ev.prevent_default();
                        let Some(form) = ev.target().map(|t| t.unchecked_into::<HtmlFormElement>()) else { return };
                        if let Ok(data) = FormData::new_with_form(&form) {
                            upload.dispatch_local(data);
                        }
                    }
                >
                    <input type="hidden" name="study_id" prop:value=move || id.get().to_string()/>
                    <KeyChoice test_id=ids::IMPORT_KEY/>
                    <input type="file" name="file" accept=".zip,application/zip" required aria-label=move || i18n.text("import-file") data-testid=ids::IMPORT_FILE/>
                    <button class="button" type="submit" data-testid=ids::IMPORT_SUBMIT disabled=move || upload.pending().get()>
                        {move || i18n.text(if upload.pending().get() { "import-running" } else { "import-submit" })}
                    </button>
                </form>
                {move || upload.value().get().map(|result| match result {
                    Ok(report) => view! { <Report report study_id=id.get_untracked()/> }.into_any(),
                    // The server's message names its cap in English; this one is the reader's.
                    Err(AppError::TooLarge(_)) => view! {
                        <p class="notice error" role="alert">{i18n.tr("import-too-large")}</p>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                })}
            </div>
            <PacsImport study_id=id on_done=move || upload.version().update(|v| *v += 1)/>
            <AiPanel study_id=id.get_untracked()/>
            <Transition fallback=move || view! { <p class="muted">{i18n.tr("loading")}</p> }>
                {move || cases.get().map(|result| match result {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">{i18n.tr("cases-empty")}</p> }.into_any(),
                    Ok(list) => view! { <CaseTable cases=list/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// Import from the PACS the administrator configured, shown only when there is one: the
/// manifest CSV and an optional series modality; the same all-or-nothing report as a zip.
#[component]
fn PacsImport(
    study_id: Memo<i64>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let host = Resource::new(|| (), |_| pacs_host());
    let run = Action::new_local(|data: &FormData| import_pacs(data.clone().into()));
    Effect::new(move |_| {
        if matches!(run.value().get(), Some(Ok(ref report)) if report.accepted) {
            on_done();
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || host.get().and_then(|answer| answer.ok().flatten()).map(|host| view! {
                <div class="panel">
                    <h2>{i18n.text_with("pacs-title", &crate::i18n::Args::new().with("host", host))}</h2>
                    <p class="muted">{i18n.tr("pacs-help")}</p>
                    <form
                        class="form inline"
                        data-testid=ids::PACS_FORM
                        on:submit=move |ev| {
                            ev.prevent_default();
                            let Some(form) = ev.target().map(|t| t.unchecked_into::<HtmlFormElement>()) else { return };
                            if let Ok(data) = FormData::new_with_form(&form) {
                                run.dispatch_local(data);
                            }
                        }
                    >
                        <input type="hidden" name="study_id" prop:value=move || study_id.get().to_string()/>
                        <label>
                            {i18n.tr("pacs-modality")}
                            <input type="text" name="modality" maxlength="16" pattern="[A-Z0-9_]{1,16}" data-testid=ids::PACS_MODALITY/>
                        </label>
                        <label>
                            {i18n.tr("pacs-series")}
                            <input type="text" name="series_description" maxlength="64" data-testid=ids::PACS_SERIES/>
                        </label>
                        <KeyChoice test_id=ids::PACS_KEY/>
                        <input type="file" name="file" accept=".csv,text/csv" required aria-label=move || i18n.text("pacs-file") data-testid=ids::PACS_FILE/>
                        <button class="button" type="submit" data-testid=ids::PACS_SUBMIT disabled=move || run.pending().get()>
                            {move || i18n.text(if run.pending().get() { "import-running" } else { "pacs-submit" })}
                        </button>
                    </form>
                    <Show when=move || run.pending().get()>
                        <PacsProgress study_id=study_id.get_untracked()/>
                    </Show>
                    {move || run.value().get().map(|result| match result {
                        Ok(report) => view! { <Report report study_id=study_id.get_untracked()/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    })}
                </div>
            })}
        </Transition>
    }
}

/// The checkbox asking for the import's re-identification key.
#[component]
fn KeyChoice(test_id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="check">
            <input type="checkbox" name="key" data-testid=test_id/>
            {i18n.tr("import-key")}
        </label>
    }
}

/// A running PACS import's progress, asked of the server every second while the import's
/// request is open.
#[component]
fn PacsProgress(study_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let tick = RwSignal::new(0u32);
    let progress = Resource::new(move || tick.get(), move |_| pacs_import_progress(study_id));
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || tick.update(|t| *t += 1),
            std::time::Duration::from_secs(1),
        )
        .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    view! {
        <Transition fallback=|| ()>
            {move || progress.get().and_then(Result::ok).flatten().map(|p| {
                let args = Args::new().with("done", p.done).with("total", p.total);
                let key = if p.preparing { "pacs-progress-preparing" } else { "pacs-progress-fetching" };
                view! {
                    <p role="status" data-testid=ids::PACS_PROGRESS>
                        <progress max=p.total.max(1).to_string() value=p.done.to_string()></progress>
                        " "
                        {move || i18n.text_with(key, &args)}
                    </p>
                }
            })}
        </Transition>
    }
}

/// The import report: the counts, or every problem by row.
#[component]
fn Report(report: ImportReport, study_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    if report.accepted {
        let splits: Vec<String> = report
            .by_split
            .iter()
            .map(|&(s, n)| format!("{}: {n}", i18n.word(s)))
            .collect();
        let args = Args::new()
            .with("imported", report.imported)
            .with("skipped", report.skipped)
            .with("splits", splits.join(", "));
        let key = report.key.map(|csv| {
            view! {
                <p class="notice" data-testid=ids::KEY_DOWNLOAD>
                    <a
                        class="button"
                        href=csv_data_url(&csv)
                        download=format!("lector-study-{study_id}-reidentification-key.csv")
                    >
                        {i18n.tr("import-key-download")}
                    </a>
                    " "
                    {i18n.tr("import-key-warning")}
                </p>
            }
        });
        return view! {
            <p class="notice ok" role="status" data-testid=ids::IMPORT_REPORT>
                {move || i18n.text_with("import-accepted", &args)}
            </p>
            {key}
        }
        .into_any();
    }
    let count = report.problems.len();
    view! {
        <div class="notice error" role="alert" data-testid=ids::IMPORT_REPORT>
            <p>{move || i18n.text_with("import-rejected", &Args::new().with("problems", count))}</p>
            <table class="table compact">
                <thead><tr>
                    <th>{i18n.tr("col-row")}</th>
                    <th>{i18n.tr("col-case")}</th>
                    <th>{i18n.tr("col-problem")}</th>
                </tr></thead>
                <tbody>
                    {report.problems.into_iter().map(|p| view! {
                        <tr data-testid=ids::IMPORT_PROBLEM>
                            <td class="numeric">{if p.row == 0 { "—".to_string() } else { p.row.to_string() }}</td>
                            <td>{p.case_id.unwrap_or_default()}</td>
                            <td>{p.reason}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Runs the AI over the study's cases and shows its progress, polling while it runs.
#[component]
fn AiPanel(study_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let start = ServerAction::<StartAi>::new();
    let tick = RwSignal::new(0u32);
    let status = Resource::new(
        move || (tick.get(), start.version().get()),
        move |_| ai_run_status(study_id),
    );
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || {
                let running = status
                    .get_untracked()
                    .and_then(Result::ok)
                    .is_some_and(|s| s.status == vocab::JobState::Running);
                if running {
                    tick.update(|t| *t += 1);
                }
            },
            std::time::Duration::from_secs(1),
        );
        let handle = handle.ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    view! {
        <div class="panel" data-testid=ids::AI_PANEL>
            <h2>{i18n.tr("ai-run-title")}</h2>
            <Transition fallback=|| ()>
                {move || status.get().map(|result| match result {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(s) => {
                        let state = s.status;
                        let running = s.status == vocab::JobState::Running;
                        let args = Args::new()
                            .with("scored", s.cases_with_output)
                            .with("cases", s.cases)
                            .with("version", s.model_version.clone());
                        let percent = if s.total > 0 { s.done * 100 / s.total } else { 100 };
                        view! {
                            <p data-testid=ids::AI_STATUS>
                                <span class="badge">{move || i18n.word(state)}</span>
                                " "
                                {move || i18n.text_with("ai-run-summary", &args)}
                            </p>
                            <Show when=move || running>
                                <progress max="100" value=percent.to_string() data-testid=ids::AI_PROGRESS></progress>
                                {format!(" {} / {}", s.done, s.total)}
                            </Show>
                            {s.error.clone().map(|e| view! { <p class="notice error">{e}</p> })}
                            <button
                                class="button"
                                data-testid=ids::AI_START
                                disabled=move || running || start.pending().get()
                                on:click=move |_| { start.dispatch(StartAi { study_id }); }
                            >
                                {i18n.tr("ai-run-start")}
                            </button>
                        }.into_any()
                    }
                })}
            </Transition>
            {move || start.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
        </div>
    }
}

#[component]
fn CaseTable(cases: Vec<CaseView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="table" data-testid=ids::CASE_TABLE>
            <thead><tr>
                <th>{i18n.tr("col-case")}</th>
                <th>{i18n.tr("col-truth")}</th>
                <th>{i18n.tr("col-split")}</th>
                <th>{i18n.tr("col-site")}</th>
                <th>{i18n.tr("col-age-sex")}</th>
                <th>{i18n.tr("col-location")}</th>
                <th>{i18n.tr("col-ai")}</th>
            </tr></thead>
            <tbody>
                {cases.into_iter().map(|c| {
                    let split = c.split;
                    view! {
                        <tr data-testid=ids::CASE_ROW>
                            <td>{c.case_id}</td>
                            <td>{c.truth_label}</td>
                            <td>{move || i18n.word(split)}</td>
                            <td>{c.site.unwrap_or_default()}</td>
                            <td>{format!("{} {}", c.age.map(|a| a.to_string()).unwrap_or_default(), c.sex.unwrap_or_default())}</td>
                            <td>{c.location.unwrap_or_default().replace('_', " ")}</td>
                            <td class="numeric">{c.ai_probability.map(|p| format::number(p, 3)).unwrap_or_else(|| "—".into())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A `data:` URL holding `csv`, so the key downloads from the page without being kept anywhere
/// on the server.
fn csv_data_url(csv: &str) -> String {
    let mut url = String::from("data:text/csv;charset=utf-8,");
    for byte in csv.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}
