//! The tabs of a study's coordinator pages.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::ids;

/// Which tab is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StudyTab {
    Overview,
    Settings,
    Cases,
    Readers,
    Progress,
    Results,
    Audit,
}

impl StudyTab {
    fn path(self) -> &'static str {
        match self {
            StudyTab::Overview => "",
            StudyTab::Settings => "/settings",
            StudyTab::Cases => "/cases",
            StudyTab::Readers => "/readers",
            StudyTab::Progress => "/progress",
            StudyTab::Results => "/results",
            StudyTab::Audit => "/audit",
        }
    }

    fn label_key(self) -> &'static str {
        match self {
            StudyTab::Overview => "tab-overview",
            StudyTab::Settings => "tab-settings",
            StudyTab::Cases => "tab-cases",
            StudyTab::Readers => "tab-readers",
            StudyTab::Progress => "tab-progress",
            StudyTab::Results => "tab-results",
            StudyTab::Audit => "tab-audit",
        }
    }
}

/// The tab bar; `current` is marked for assistive technology too.
#[component]
pub fn StudyNav(study_id: i64, current: StudyTab) -> impl IntoView {
    let i18n = use_i18n();
    let tabs = [
        StudyTab::Overview,
        StudyTab::Settings,
        StudyTab::Cases,
        StudyTab::Readers,
        StudyTab::Progress,
        StudyTab::Results,
        StudyTab::Audit,
    ];
    view! {
        <nav class="tabs" data-testid=ids::STUDY_TABS>
            {tabs
                .into_iter()
                .map(|tab| {
                    let href = format!("/studies/{study_id}{}", tab.path());
                    let key = tab.label_key();
                    view! {
                        <a
                            href=href
                            class:active={tab == current}
                            aria-current={(tab == current).then_some("page")}
                            data-testid=format!("{}-{}", ids::TAB, &key[4..])
                        >
                            {move || i18n.text(key)}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
