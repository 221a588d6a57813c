//! `/studies/new`: a coordinator creates a study, then goes on to import its cases.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::api::studies::CreateStudy;
use crate::domain::study::StudyForm;
use crate::i18n::use_i18n;
use crate::ui::components::notice::ErrorNotice;
use crate::ui::components::settings_form::SettingsForm;
use crate::ui::hydration::mark_hydrated;

#[component]
pub fn NewStudyPage() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let create = ServerAction::<CreateStudy>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(study)) = create.value().get() {
            navigate(&format!("/studies/{}/cases", study.id), Default::default());
        }
    });
    view! {
        <Title text=i18n.tr("new-study-title")/>
        <section class="page narrow">
            <div class="page-header">
                <h1>{i18n.tr("new-study-title")}</h1>
                <p class="muted">{i18n.tr("new-study-subtitle")}</p>
            </div>
            {move || create.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
            <SettingsForm
                initial=StudyForm::default()
                locked=false
                pending=create.pending()
                submit_key="settings-create"
                on_submit=Callback::new(move |form| {
                    create.dispatch(CreateStudy { form });
                })
            />
        </section>
    }
}
