//! The frame around every page: the header with the product name, the signed-in account
//! (or a sign-in link) and the language switcher, and the footer.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::auth::Logout;
use crate::domain::user::{CurrentUser, Role};
use crate::i18n::{use_i18n, LanguageSwitcher};
use crate::ids;
use crate::ui::auth::{go_to, use_current_user};

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"L"</span>
                <span class="brand-name">{i18n.tr("app-name")}</span>
            </a>
            <span class="brand-tagline">{i18n.tr("app-tagline")}</span>
            <span class="spacer"></span>
            <AccountMenu/>
            <LanguageSwitcher/>
        </header>
    }
}

/// The signed-in account's name and a sign-out button, or a sign-in link.
#[component]
fn AccountMenu() -> impl IntoView {
    let i18n = use_i18n();
    let user = use_current_user();
    // The wrapper keeps the streamed-in part the only child of its parent, so hydration finds
    // the language switcher after it where the server put it.
    view! {
        <div class="account-slot">
        <Transition fallback=|| ()>
            {move || {
                user.get()
                    .map(|result| match result {
                        Ok(Some(user)) => view! { <SignedIn user=user/> }.into_any(),
                        _ => {
                            view! {
                                <a class="sign-in" href="/login" data-testid=ids::SIGN_IN_LINK>
                                    {i18n.tr("auth-sign-in")}
                                </a>
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
        </div>
    }
}

#[component]
fn SignedIn(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            go_to("/");
        }
    });
    let is_admin = user.role == Role::Admin;
    view! {
        <nav class="account">
            {is_admin
                .then(|| {
                    view! {
                        <a href="/admin/users" data-testid=ids::ADMIN_USERS_LINK>
                            {i18n.tr("admin-users-title")}
                        </a>
                    }
                })}
            <span class="account-name" data-testid=ids::HEADER_USER title=user.email.clone()>
                {user.name.clone()}
            </span>
            <ActionForm action=logout>
                <button type="submit" class="link-button" data-testid=ids::SIGN_OUT>
                    {i18n.tr("auth-sign-out")}
                </button>
            </ActionForm>
        </nav>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="footer">
            <span>{i18n.tr("app-name")} " " {env!("CARGO_PKG_VERSION")}</span>
            <span class="muted">{i18n.tr("footer-about")}</span>
        </footer>
    }
}
