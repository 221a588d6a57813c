//! `/studies/:id/settings`: the study's settings, editable until the first read locks them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::studies::{load_study, UpdateStudy};
use crate::i18n::use_i18n;
use crate::ids;
use crate::ui::components::notice::{ErrorNotice, OkNotice};
use crate::ui::components::settings_form::SettingsForm;
use crate::ui::components::study_nav::{StudyNav, StudyTab};
use crate::ui::hydration::mark_hydrated;
use crate::ui::pages::study::study_id;

#[component]
pub fn StudySettingsPage() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let id = study_id();
    let detail = Resource::new(move || id.get(), load_study);
    let update = ServerAction::<UpdateStudy>::new();
    view! {
        <Title text=i18n.tr("tab-settings")/>
        <section class="page">
            <StudyNav study_id=id.get_untracked() current=StudyTab::Settings/>
            <Suspense fallback=move || view! { <p class="muted">{i18n.tr("loading")}</p> }>
                {move || detail.get().map(|result| match result {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(detail) => {
                        let locked = detail.locked;
                        let deid_frozen = detail.cases.total > 0;
                        view! {
                            <h1>{detail.settings.name.clone()}</h1>
                            <Show when=move || locked>
                                <p class="notice" data-testid=ids::SETTINGS_LOCKED>{i18n.tr("settings-locked")}</p>
                            </Show>
                            {move || update.value().get().map(|r| match r {
                                Ok(_) => view! { <OkNotice message=Signal::derive(move || i18n.text("settings-saved"))/> }.into_any(),
                                Err(error) => view! { <ErrorNotice error/> }.into_any(),
                            })}
                            <SettingsForm
                                initial=detail.settings.clone()
                                locked
                                deid_frozen
                                pending=update.pending()
                                submit_key="settings-save"
                                on_submit=Callback::new(move |form| {
                                    update.dispatch(UpdateStudy { study_id: id.get_untracked(), form });
                                })
                            />
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
