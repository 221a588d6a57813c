//! The admin's page of coordinator accounts (`/admin/users`): the list, a form that creates
//! one and shows the invitation link to send, and a button to disable or enable each.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::{list_coordinators, CreateCoordinator, SetUserDisabled};
use crate::domain::user::{Role, UserSummary};
use crate::i18n::{format, use_i18n};
use crate::ids;
use crate::ui::auth::{error_text, RequireRole};
use crate::ui::hydration::mark_hydrated;

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.tr("admin-users-title")/>
        <section class="page">
            <div class="page-header">
                <h1>{i18n.tr("admin-users-title")}</h1>
                <p class="muted">{i18n.tr("admin-users-subtitle")}</p>
            </div>
            <RequireRole role=Role::Admin>
                <Coordinators/>
            </RequireRole>
        </section>
    }
}

#[component]
fn Coordinators() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let create = ServerAction::<CreateCoordinator>::new();
    let toggle = ServerAction::<SetUserDisabled>::new();
    let list = Resource::new(
        move || (create.version().get(), toggle.version().get()),
        |_| list_coordinators(),
    );
    let created = move || create.value().get();
    view! {
        <div class="card">
            <h2>{i18n.tr("admin-users-create")}</h2>
            <ActionForm action=create>
                <div class="inline-fields">
                    <label class="field">
                        <span>{i18n.tr("admin-users-name")}</span>
                        <input type="text" name="name" required data-testid=ids::COORDINATOR_NAME/>
                    </label>
                    <label class="field">
                        <span>{i18n.tr("admin-users-email")}</span>
                        <input type="email" name="email" required data-testid=ids::COORDINATOR_EMAIL/>
                    </label>
                    <button type="submit" class="button" data-testid=ids::COORDINATOR_CREATE>
                        {i18n.tr("admin-users-create-submit")}
                    </button>
                </div>
            </ActionForm>
            {move || {
                created()
                    .map(|result| match result {
                        Ok(invite) => {
                            view! {
                                <div class="notice ok">
                                    <p>{i18n.tr("admin-users-link-hint")}</p>
                                    <input
                                        class="link-box"
                                        type="text"
                                        readonly
                                        value=invite.link
                                        data-testid=ids::INVITE_LINK
                                    />
                                </div>
                            }
                                .into_any()
                        }
                        Err(err) => {
                            view! { <p class="notice error" role="alert">{error_text(i18n, &err)}</p> }
                                .into_any()
                        }
                    })
            }}
        </div>
        {move || {
            toggle
                .value()
                .get()
                .and_then(Result::err)
                .map(|err| view! { <crate::ui::components::notice::ErrorNotice error=err/> })
        }}
        <Transition fallback=move || view! { <p class="muted">{i18n.tr("auth-checking")}</p> }>
            {move || {
                list.get()
                    .map(|result| match result {
                        Ok(users) if users.is_empty() => {
                            view! { <p class="muted">{i18n.tr("admin-users-none")}</p> }.into_any()
                        }
                        Ok(users) => view! { <CoordinatorTable users=users toggle=toggle/> }.into_any(),
                        Err(err) => {
                            view! { <crate::ui::components::notice::ErrorNotice error=err/> }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
fn CoordinatorTable(
    users: Vec<UserSummary>,
    toggle: ServerAction<SetUserDisabled>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="table" data-testid=ids::COORDINATOR_LIST>
            <thead>
                <tr>
                    <th>{i18n.tr("admin-users-name")}</th>
                    <th>{i18n.tr("admin-users-email")}</th>
                    <th>{i18n.tr("admin-users-status")}</th>
                    <th>{i18n.tr("admin-users-created")}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                {users
                    .into_iter()
                    .map(|user| {
                        let status = status_key(&user);
                        let created = user.created_on.clone();
                        let (id, disabled) = (user.id, user.disabled);
                        view! {
                            <tr data-testid=ids::COORDINATOR_ROW>
                                <td class="strong">{user.name}</td>
                                <td>{user.email}</td>
                                <td>{i18n.tr(status)}</td>
                                <td class="numeric">{move || format::date(i18n.locale.get(), &created)}</td>
                                <td>
                                    <button
                                        type="button"
                                        class="button secondary"
                                        data-testid=ids::COORDINATOR_TOGGLE
                                        on:click=move |_| {
                                            toggle.dispatch(SetUserDisabled { user_id: id, disabled: !disabled });
                                        }
                                    >
                                        {i18n.tr(if disabled { "admin-users-enable" } else { "admin-users-disable" })}
                                    </button>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

fn status_key(user: &UserSummary) -> &'static str {
    if user.disabled {
        "admin-users-status-disabled"
    } else if user.has_password {
        "admin-users-status-active"
    } else {
        "admin-users-status-invited"
    }
}
