//! How a failed request shows on a page: the message, and a sign-in link when the session is
//! missing or expired.

use leptos::prelude::*;

use crate::i18n::{format, use_i18n, Args, I18n};
use crate::AppError;

/// The message in the page's language where the error is one of the fixed kinds (sign in,
/// not allowed, not found, a server or connection failure, a closed session); the server's own
/// words otherwise (what was wrong with the input, and what to do).
fn localised(i18n: I18n, error: &AppError) -> String {
    match error {
        AppError::Unauthorized => i18n.text("error-unauthorized"),
        AppError::Forbidden(_) => i18n.text("error-forbidden"),
        AppError::NotFound(_) => i18n.text("error-not-found"),
        AppError::Internal(_) => i18n.text("error-internal"),
        AppError::Transport(_) => i18n.text("error-transport"),
        AppError::SessionClosed {
            opens_on: Some(date),
        } => i18n.text_with(
            "worklist-washout",
            &Args::new().with("date", format::date(i18n.locale.get(), date)),
        ),
        AppError::SessionClosed { opens_on: None } => i18n.text("worklist-previous-first"),
        AppError::Invalid(_) | AppError::Conflict(_) | AppError::TooLarge(_) => error.to_string(),
    }
}

/// An error as an alert; `Unauthorized` gets a link to the sign-in page that comes back here.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let needs_sign_in = matches!(error, AppError::Unauthorized);
    let message = move || localised(i18n, &error);
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
