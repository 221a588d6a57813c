//! `/studies/:id/audit`: the study's audit trail, newest first, a page at a time and filtered by
//! kind of event, with whether the whole chain verifies.

use leptos::prelude::*;
use leptos_meta::Title;
use vocab::AuditKind;

use crate::api::progress::study_audit;
use crate::domain::progress::readable_detail;
use crate::i18n::{use_i18n, Args};
use crate::ids;
use crate::ui::components::notice::ErrorNotice;
use crate::ui::components::study_nav::{StudyNav, StudyTab};
use crate::ui::hydration::mark_hydrated;
use crate::ui::pages::study::study_id;

#[component]
pub fn StudyAuditPage() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let id = study_id();
    let kind = RwSignal::new(AuditKind::All);
    // The seq the current page starts below; `None` for the newest rows. Earlier starts are kept
    // so "Newer" can go back.
    let before = RwSignal::new(None::<i64>);
    let trail = RwSignal::new(Vec::<Option<i64>>::new());
    let page = Resource::new(
        move || (id.get(), kind.get(), before.get()),
        |(id, kind, before)| study_audit(id, kind, before),
    );
    view! {
        <Title text=i18n.tr("tab-audit")/>
        <section class="page">
            <StudyNav study_id=id.get_untracked() current=StudyTab::Audit/>
            <div class="toolbar">
                <h1>{i18n.tr("audit-title")}</h1>
                <span class="spacer"></span>
                <label class="inline">
                    {i18n.tr("audit-kind")}
                    <select
                        data-testid=ids::AUDIT_KIND
                        on:change=move |ev| {
                            if let Ok(chosen) = AuditKind::parse(&event_target_value(&ev)) {
                                kind.set(chosen);
                                before.set(None);
                                trail.set(Vec::new());
                            }
                        }
                    >
                        {AuditKind::ALL.iter().map(|&value| view! {
                            <option value=value.as_str() selected=move || kind.get() == value>
                                {move || i18n.word(value)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Transition fallback=move || view! { <p class="muted">{i18n.tr("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(page) => {
                        let status = move || match page.broken_at {
                            None => i18n.text("audit-intact"),
                            Some(seq) => i18n.text_with("audit-broken", &Args::new().with("row", seq)),
                        };
                        let older = page.older;
                        view! {
                            <p class=if page.chain_intact { "notice ok" } else { "notice error" } data-testid=ids::AUDIT_STATUS>{status}</p>
                            <table class="table" data-testid=ids::AUDIT_TABLE>
                                <thead><tr>
                                    <th>"#"</th>
                                    <th>{i18n.tr("col-time")}</th>
                                    <th>{i18n.tr("col-actor")}</th>
                                    <th>{i18n.tr("col-action")}</th>
                                    <th>{i18n.tr("col-detail")}</th>
                                </tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|r| view! {
                                        <tr data-testid=ids::AUDIT_ROW>
                                            <td class="numeric">{r.seq}</td>
                                            <td class="numeric">{r.at.replace('T', " ").replace('Z', "")}</td>
                                            <td>{r.actor}</td>
                                            <td><code>{r.action}</code></td>
                                            <td class="detail">{readable_detail(&r.detail)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <div class="toolbar">
                                <button
                                    class="button small"
                                    disabled=move || trail.with(Vec::is_empty)
                                    on:click=move |_| {
                                        let mut back = trail.get_untracked();
                                        let start = back.pop().flatten();
                                        trail.set(back);
                                        before.set(start);
                                    }
                                >
                                    {i18n.tr("audit-newer")}
                                </button>
                                <button
                                    class="button small"
                                    data-testid=ids::AUDIT_OLDER
                                    disabled=older.is_none()
                                    on:click=move |_| {
                                        trail.update(|t| t.push(before.get_untracked()));
                                        before.set(older);
                                    }
                                >
                                    {i18n.tr("audit-older")}
                                </button>
                            </div>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
