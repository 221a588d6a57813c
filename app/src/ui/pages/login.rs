//! The sign-in page: email and password, one generic error message, and back to `?next=`
//! (or home) once signed in.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Login;
use crate::i18n::use_i18n;
use crate::ids;
use crate::ui::auth::{error_text, go_to, safe_next};
use crate::ui::hydration::mark_hydrated;

#[component]
pub fn LoginPage() -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let action = ServerAction::<Login>::new();
    let query = use_query_map();
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            go_to(&safe_next(query.read_untracked().get("next").as_deref()));
        }
    });
    let error = move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|err| error_text(i18n, &err))
    };
    view! {
        <Title text=i18n.tr("login-title")/>
        <section class="page narrow">
            <div class="page-header">
                <h1>{i18n.tr("login-title")}</h1>
                <p class="muted">{i18n.tr("login-subtitle")}</p>
            </div>
            <div class="card" data-testid=ids::LOGIN_FORM>
                <ActionForm action=action>
                    <label class="field">
                        <span>{i18n.tr("login-email")}</span>
                        <input
                            type="email"
                            name="email"
                            autocomplete="username"
                            required
                            data-testid=ids::LOGIN_EMAIL
                        />
                    </label>
                    <label class="field">
                        <span>{i18n.tr("login-password")}</span>
                        <input
                            type="password"
                            name="password"
                            autocomplete="current-password"
                            required
                            data-testid=ids::LOGIN_PASSWORD
                        />
                    </label>
                    {move || {
                        error()
                            .map(|message| {
                                view! {
                                    <p class="notice error" role="alert" data-testid=ids::LOGIN_ERROR>
                                        {message}
                                    </p>
                                }
                            })
                    }}
                    <button
                        type="submit"
                        class="button"
                        data-testid=ids::LOGIN_SUBMIT
                        disabled=move || action.pending().get()
                    >
                        {i18n.tr("login-submit")}
                    </button>
                </ActionForm>
            </div>
            <p class="muted small">{i18n.tr("login-no-account")}</p>
        </section>
    }
}
