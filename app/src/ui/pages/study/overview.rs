//! `/studies/:id`: what the study holds and what to do next.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::studies::load_study;
use crate::domain::study::StudyDetail;
use crate::i18n::{use_i18n, Args};
use crate::ids;
use crate::ui::components::notice::ErrorNotice;
use crate::ui::components::study_nav::{StudyNav, StudyTab};
use crate::ui::hydration::mark_hydrated;
use crate::ui::pages::study::study_id;
use vocab::Split;

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
                        let short = practice_shortfall(&d);
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
                            {short.map(|(asked, available)| view! {
                                <p class="notice warn" data-testid=ids::PRACTICE_SHORTFALL>
                                    {move || i18n.text_with("overview-practice-short", &Args::new()
                                        .with("asked", asked)
                                        .with("available", available))}
                                </p>
                            })}
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

/// `(asked, available)` when the settings ask for more practice cases than the study has: the
/// practice split's cases, else (when readers do not read it) the training split's, which is
/// where practice cases are dealt from.
fn practice_shortfall(detail: &StudyDetail) -> Option<(i64, i64)> {
    let count = |split| {
        detail
            .cases
            .by_split
            .iter()
            .find(|(s, _)| *s == split)
            .map_or(0, |&(_, n)| n as i64)
    };
    let settings = &detail.settings;
    let mut available = count(Split::Practice);
    if available == 0 && !settings.read_splits.contains(&Split::Train) {
        available = count(Split::Train);
    }
    (detail.cases.total > 0 && settings.practice_cases > available)
        .then_some((settings.practice_cases, available))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::study::{CaseCounts, StudyForm};

    fn detail(practice_cases: i64, by_split: Vec<(Split, usize)>) -> StudyDetail {
        StudyDetail {
            id: 1,
            settings: StudyForm {
                practice_cases,
                ..StudyForm::default()
            },
            locked: false,
            created_on: "2026-12-07".into(),
            cases: CaseCounts {
                total: by_split.iter().map(|(_, n)| n).sum(),
                positive: 0,
                by_split,
            },
            readers: 0,
        }
    }

    #[test]
    fn asking_for_more_practice_cases_than_the_study_has_is_flagged() {
        let four = vec![(Split::Internal, 40), (Split::Practice, 4)];
        assert_eq!(practice_shortfall(&detail(5, four.clone())), Some((5, 4)));
        assert_eq!(practice_shortfall(&detail(4, four)), None);
        // Without a practice split, practice cases come from training.
        let trained = vec![(Split::Train, 100), (Split::Internal, 40)];
        assert_eq!(practice_shortfall(&detail(5, trained)), None);
        assert_eq!(practice_shortfall(&detail(5, Vec::new())), None);
    }
}
