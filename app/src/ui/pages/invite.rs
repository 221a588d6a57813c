//! The invitation page (`/invite/:token`): the person the link is for chooses a password,
//! typed twice, and is signed in.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::auth::{invite_details, AcceptInvite};
use crate::domain::user::{messages, InviteDetails, MIN_PASSWORD_CHARS};
use crate::i18n::{use_i18n, Args};
use crate::ids;
use crate::ui::auth::{error_text, go_to};
use crate::ui::hydration::mark_hydrated;
use crate::AppError;

#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let details = Resource::new(token, invite_details);
    view! {
        <Title text=i18n.tr("invite-title")/>
        <section class="page narrow">
            <div class="page-header">
                <h1>{i18n.tr("invite-title")}</h1>
            </div>
            <Suspense fallback=move || view! { <p class="muted">{i18n.tr("auth-checking")}</p> }>
                {move || {
                    details
                        .get()
                        .map(|result| match result {
                            Ok(invite) => {
                                view! { <ChoosePassword invite=invite token=token()/> }.into_any()
                            }
                            Err(err) => {
                                // A used link belongs to an account that has its password:
                                // the way on is signing in, so offer it right there.
                                let used = matches!(
                                    &err, AppError::Invalid(m) if m == messages::INVITE_USED
                                );
                                view! {
                                    <p class="notice error" role="alert" data-testid=ids::INVITE_ERROR>
                                        {error_text(i18n, &err)}
                                        {used.then(|| view! {
                                            " " <a href="/login" class="strong">{i18n.tr("action-sign-in")}</a>
                                        })}
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn ChoosePassword(invite: InviteDetails, token: String) -> impl IntoView {
    mark_hydrated();
    let i18n = use_i18n();
    let action = ServerAction::<AcceptInvite>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            go_to("/");
        }
    });
    let welcome = {
        let name = invite.name.clone();
        move || i18n.text_with("invite-welcome", &Args::new().with("name", name.clone()))
    };
    let hint = move || {
        i18n.text_with(
            "invite-password-hint",
            &Args::new().with("min", MIN_PASSWORD_CHARS),
        )
    };
    let error = move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|err| error_text(i18n, &err))
    };
    view! {
        <p data-testid=ids::INVITE_WELCOME>{welcome}</p>
        <p class="muted">{i18n.tr("invite-account")} " " <strong>{invite.email.clone()}</strong></p>
        <div class="card">
            <ActionForm action=action>
                <input type="hidden" name="token" value=token/>
                <label class="field">
                    <span>{i18n.tr("invite-password")}</span>
                    <input
                        type="password"
                        name="password"
                        autocomplete="new-password"
                        required
                        data-testid=ids::INVITE_PASSWORD
                    />
                    <small class="muted">{hint}</small>
                </label>
                <label class="field">
                    <span>{i18n.tr("invite-confirm")}</span>
                    <input
                        type="password"
                        name="confirm"
                        autocomplete="new-password"
                        required
                        data-testid=ids::INVITE_CONFIRM
                    />
                </label>
                {move || {
                    error()
                        .map(|message| {
                            view! {
                                <p class="notice error" role="alert" data-testid=ids::INVITE_ERROR>
                                    {message}
                                </p>
                            }
                        })
                }}
                <button
                    type="submit"
                    class="button"
                    data-testid=ids::INVITE_SUBMIT
                    disabled=move || action.pending().get()
                >
                    {i18n.tr("invite-submit")}
                </button>
            </ActionForm>
        </div>
    }
}
