//! `/studies/:id/audit`: the study's audit trail, newest first, and whether the chain verifies.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::progress::study_audit;
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
    let page = Resource::new(move || id.get(), study_audit);
    view! {
        <Title text=i18n.tr("tab-audit")/>
        <section class="page">
            <StudyNav study_id=id.get_untracked() current=StudyTab::Audit/>
            <h1>{i18n.tr("audit-title")}</h1>
            <Suspense fallback=move || view! { <p class="muted">{i18n.tr("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(page) => {
                        let status = move || match page.broken_at {
                            None => i18n.text("audit-intact"),
                            Some(seq) => i18n.text_with("audit-broken", &Args::new().with("row", seq)),
                        };
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
                                        <tr>
                                            <td class="numeric">{r.seq}</td>
                                            <td class="numeric">{r.at.replace('T', " ").replace('Z', "")}</td>
                                            <td>{r.actor}</td>
                                            <td><code>{r.action}</code></td>
                                            <td class="detail">{r.detail}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
