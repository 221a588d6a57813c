//! The reader's worklist (on the home page): each study's sessions with progress, and for a
//! closed session why, and when a washout ends.

use leptos::prelude::*;

use crate::domain::reading::{SessionCard, WorklistStudy};
use crate::i18n::{format, use_i18n, Args};
use crate::ids;
use crate::ui::hydration::mark_hydrated;

#[component]
pub fn Worklist(studies: Vec<WorklistStudy>) -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    view! {
        <div data-testid=ids::WORKLIST>
            <h2>{i18n.tr("worklist-title")}</h2>
            {studies.into_iter().map(|study| {
                let id = study.study_id;
                view! {
                    <div class="panel">
                        <h3>{study.name}</h3>
                        <ul class="sessions">
                            {study.sessions.into_iter().map(|card| view! { <Session study_id=id card/> }).collect_view()}
                        </ul>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn Session(study_id: i64, card: SessionCard) -> impl IntoView {
    let i18n = use_i18n();
    let mode = card.mode;
    let title = move || {
        if card.session == 0 {
            i18n.text("split-practice")
        } else {
            i18n.text_with("worklist-session", &Args::new().with("n", card.session))
                + " · "
                + &i18n.word(mode)
        }
    };
    let counts = format!("{} / {}", card.done, card.total);
    let state = card.state.clone();
    let because = card.closed_because.clone();
    let opens = card.opens_on.clone();
    let href = format!("/read/{study_id}/{}", card.session);
    view! {
        <li class="session" data-testid=ids::WORKLIST_SESSION data-session=card.session data-state=card.state.clone()>
            <span class="strong">{title}</span>
            <span class="numeric">{counts}</span>
            {match state.as_str() {
                "open" => view! { <a class="button" href=href data-testid=ids::WORKLIST_OPEN>{i18n.tr("worklist-continue")}</a> }.into_any(),
                "done" => view! { <span class="badge ok">{i18n.tr("worklist-done")}</span> }.into_any(),
                _ => {
                    let reason = move || match (because.as_deref(), opens.as_deref()) {
                        (Some("washout"), Some(date)) => i18n.text_with(
                            "worklist-washout",
                            &Args::new().with("date", format::date(i18n.locale.get(), date)),
                        ),
                        (Some("practice-first"), _) => i18n.text("worklist-practice-first"),
                        _ => i18n.text("worklist-previous-first"),
                    };
                    view! { <span class="muted" data-testid=ids::WORKLIST_CLOSED>{reason}</span> }.into_any()
                }
            }}
        </li>
    }
}
