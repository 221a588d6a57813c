//! How a failed request shows on a page: the message, and a sign-in link when the session is
//! missing or expired.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::AppError;

/// An error as an alert; `Unauthorized` gets a link to the sign-in page that comes back here.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let needs_sign_in = matches!(error, AppError::Unauthorized);
    let message = error.to_string();
    view! {
        <p class="notice error" role="alert">
            {message}
            <Show when=move || needs_sign_in>
                " "
                <a href="/login" class="strong">{i18n.tr("action-sign-in")}</a>
            </Show>
        </p>
    }
}

/// A success message.
#[component]
pub fn OkNotice(#[prop(into)] message: Signal<String>) -> impl IntoView {
    view! { <p class="notice ok" role="status">{message}</p> }
}
