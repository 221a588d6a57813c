//! `/studies/:id/readers`: enrol readers by form or CSV, hand out their invite links, see their
//! seniority and crossover groups, override seniority.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::readers::{
    list_readers, EnrolReaders, EnrolReadersCsv, ReinviteReader, SetReaderSeniority,
};
use crate::domain::reader::{Invitation, ReaderForm, ReaderView};
use crate::i18n::use_i18n;
use crate::ids;
use crate::ui::components::notice::ErrorNotice;
use crate::ui::components::study_nav::{StudyNav, StudyTab};
use crate::ui::hydration::mark_hydrated;
use crate::ui::pages::study::study_id;
use vocab::Seniority;

#[component]
pub fn StudyReadersPage() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let id = study_id();
    let enrol = ServerAction::<EnrolReaders>::new();
    let enrol_csv = ServerAction::<EnrolReadersCsv>::new();
    let seniority = ServerAction::<SetReaderSeniority>::new();
    let readers = Resource::new(
        move || {
            (
                id.get(),
                enrol.version().get(),
                enrol_csv.version().get(),
                seniority.version().get(),
            )
        },
        |(id, ..)| list_readers(id),
    );
    let invitations = move || {
        let mut all: Vec<Invitation> = Vec::new();
        for value in [enrol.value().get(), enrol_csv.value().get()]
            .into_iter()
            .flatten()
        {
            all.extend(value.unwrap_or_default());
        }
        all
    };
    view! {
        <Title text=i18n.tr("tab-readers")/>
        <section class="page">
            <StudyNav study_id=id.get_untracked() current=StudyTab::Readers/>
            <h1>{i18n.tr("readers-title")}</h1>
            <div class="columns">
                <EnrolForm study_id=id.get_untracked() enrol/>
                <div class="panel">
                    <h2>{i18n.tr("readers-csv-title")}</h2>
                    <p class="muted">{i18n.tr("readers-csv-help")}</p>
                    <CsvForm study_id=id.get_untracked() enrol_csv/>
                </div>
            </div>
            {move || enrol.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
            {move || enrol_csv.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
            {move || {
                let list = invitations();
                (!list.is_empty()).then(|| view! { <Invitations list/> })
            }}
            <Transition fallback=move || view! { <p class="muted">{i18n.tr("loading")}</p> }>
                {move || readers.get().map(|result| match result {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">{i18n.tr("readers-empty")}</p> }.into_any(),
                    Ok(list) => view! { <ReaderTable study_id=id.get_untracked() readers=list seniority/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn EnrolForm(study_id: i64, enrol: ServerAction<EnrolReaders>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let hospital = RwSignal::new(String::new());
    let years = RwSignal::new(String::new());
    let group = RwSignal::new(None::<Seniority>);
    view! {
        <form class="form panel" data-testid=ids::ENROL_FORM on:submit=move |ev| {
            ev.prevent_default();
            let reader = ReaderForm {
                name: name.get_untracked(),
                email: email.get_untracked(),
                hospital: hospital.get_untracked(),
                years_experience: years.get_untracked().trim().parse().unwrap_or(-1),
                seniority_override: group.get_untracked(),
            };
            enrol.dispatch(EnrolReaders { study_id, readers: vec![reader] });
        }>
            <h2>{i18n.tr("readers-enrol-title")}</h2>
            <label>{i18n.tr("col-name")}<input required name="name" bind:value=name/></label>
            <label>{i18n.tr("col-email")}<input required type="email" name="email" bind:value=email/></label>
            <div class="row">
                <label>{i18n.tr("col-hospital")}<input required name="hospital" bind:value=hospital/></label>
                <label>{i18n.tr("col-years")}<input required type="number" min="0" max="60" name="years" bind:value=years/></label>
            </div>
            <label>{i18n.tr("readers-override")}
                <select on:change=move |ev| group.set(Seniority::parse(&event_target_value(&ev)).ok())>
                    <option value="">{i18n.tr("readers-derived")}</option>
                    <SeniorityOptions/>
                </select>
            </label>
            <button class="button" type="submit" data-testid=ids::ENROL_SUBMIT disabled=move || enrol.pending().get()>
                {i18n.tr("readers-enrol-submit")}
            </button>
        </form>
    }
}

#[component]
fn CsvForm(study_id: i64, enrol_csv: ServerAction<EnrolReadersCsv>) -> impl IntoView {
    let i18n = use_i18n();
    let csv = RwSignal::new(String::new());
    view! {
        <form class="form" on:submit=move |ev| {
            ev.prevent_default();
            enrol_csv.dispatch(EnrolReadersCsv { study_id, csv: csv.get_untracked() });
        }>
            <textarea rows="6" data-testid=ids::ENROL_CSV placeholder="name,email,hospital,years\nLi Wei,li.wei@h1.example,H1,3" bind:value=csv></textarea>
            <button class="button" type="submit" data-testid=ids::ENROL_CSV_SUBMIT disabled=move || enrol_csv.pending().get()>
                {i18n.tr("readers-csv-submit")}
            </button>
        </form>
    }
}

/// The links to send: shown once, right after enrolment.
#[component]
fn Invitations(list: Vec<Invitation>) -> impl IntoView {
    let i18n = use_i18n();
    let origin = invite_origin();
    view! {
        <div class="notice ok" data-testid=ids::INVITATIONS>
            <p>{i18n.tr("readers-invite-help")}</p>
            <ul>
                {list.into_iter().map(|inv| {
                    let link = inv.invite_path.map(|p| format!("{origin}{p}"));
                    view! {
                        <li>
                            <span class="strong">{inv.reader.name}</span> " · " {inv.reader.email} " · "
                            {match link {
                                Some(link) => view! { <code data-testid=ids::INVITE_LINK>{link}</code> }.into_any(),
                                None => view! { <span>{i18n.tr("readers-already-joined")}</span> }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The page's origin, so a copied link works from an email (empty during server rendering;
/// the links appear only after an action, in the browser).
fn invite_origin() -> String {
    #[cfg(feature = "hydrate")]
    {
        window().location().origin().unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    String::new()
}

#[component]
fn ReaderTable(
    study_id: i64,
    readers: Vec<ReaderView>,
    seniority: ServerAction<SetReaderSeniority>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reinvite = ServerAction::<ReinviteReader>::new();
    view! {
        {move || reinvite.value().get().map(|r| match r {
            Ok(path) => view! { <p class="notice ok">{i18n.tr("readers-new-link")} " " <code data-testid=ids::INVITE_LINK>{format!("{}{path}", invite_origin())}</code></p> }.into_any(),
            Err(error) => view! { <ErrorNotice error/> }.into_any(),
        })}
        <table class="table" data-testid=ids::READER_TABLE>
            <thead><tr>
                <th>{i18n.tr("col-name")}</th>
                <th>{i18n.tr("col-email")}</th>
                <th>{i18n.tr("col-hospital")}</th>
                <th>{i18n.tr("col-years")}</th>
                <th>{i18n.tr("col-seniority")}</th>
                <th>{i18n.tr("col-group")}</th>
                <th>{i18n.tr("col-joined")}</th>
            </tr></thead>
            <tbody>
                {readers.into_iter().map(|r| {
                    let reader_id = r.id;
                    let current = r.seniority;
                    let selected = if r.seniority_overridden { current.as_str() } else { "" };
                    view! {
                        <tr data-testid=ids::READER_ROW>
                            <td>{r.name}</td>
                            <td>{r.email}</td>
                            <td>{r.hospital}</td>
                            <td class="numeric">{r.years_experience}</td>
                            <td>
                                <select
                                    aria-label=move || i18n.text("col-seniority")
                                    prop:value=selected
                                    on:change=move |ev| {
                                        let value = Seniority::parse(&event_target_value(&ev)).ok();
                                        seniority.dispatch(SetReaderSeniority { study_id, reader_id, seniority: value });
                                    }
                                >
                                    <option value="">{move || format!("{} ({})", i18n.text("readers-derived"), i18n.word(current))}</option>
                                    <SeniorityOptions/>
                                </select>
                            </td>
                            <td>{r.group.as_str()}</td>
                            <td>
                                {if r.joined {
                                    view! { <span class="badge ok">{i18n.tr("readers-joined")}</span> }.into_any()
                                } else {
                                    view! { <button class="link" on:click=move |_| { reinvite.dispatch(ReinviteReader { study_id, reader_id }); }>{i18n.tr("readers-reinvite")}</button> }.into_any()
                                }}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One option per seniority group, labelled in the page's language.
#[component]
fn SeniorityOptions() -> impl IntoView {
    let i18n = use_i18n();
    Seniority::ALL
        .iter()
        .map(|&group| view! { <option value=group.as_str()>{move || i18n.word(group)}</option> })
        .collect_view()
}
