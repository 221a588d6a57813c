//! The language switcher in the header.

use leptos::prelude::*;

use super::{use_i18n, Locale};
use crate::ids;

/// Buttons for each language; choosing one re-renders every text at once and remembers the
/// choice in a cookie for a year, so the server renders the next page in it too. A signed-in
/// account also keeps it as its saved preference (used on other browsers).
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let user = crate::ui::auth::use_current_user();
    let choose = move |locale: Locale| {
        i18n.locale.set(locale);
        #[cfg(feature = "hydrate")]
        {
            remember(locale);
            if let Some(Ok(Some(_))) = user.get_untracked() {
                leptos::task::spawn_local(async move {
                    let _ = crate::api::auth::set_my_locale(locale).await;
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = user;
    };
    view! {
        <div class="lang-switch" role="group" aria-label="Language / 语言" data-testid=ids::LANGUAGE_SWITCHER>
            {Locale::ALL
                .iter()
                .map(|&locale| {
                    view! {
                        <button
                            type="button"
                            lang=locale.tag()
                            data-testid=format!("{}-{}", ids::LANGUAGE_OPTION, locale.tag())
                            class:active=move || i18n.locale.get() == locale
                            aria-pressed=move || (i18n.locale.get() == locale).to_string()
                            on:click=move |_| choose(locale)
                        >
                            {locale.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn remember(locale: Locale) {
    use wasm_bindgen::JsCast;
    let document = document();
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", locale.tag());
    }
    if let Ok(html_document) = document.dyn_into::<web_sys::HtmlDocument>() {
        let cookie = format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            super::locale::COOKIE,
            locale.tag()
        );
        let _ = html_document.set_cookie(&cookie);
    }
}
