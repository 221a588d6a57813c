//! The frame around every page: the header with the product name and language switcher, and
//! the footer.

use leptos::prelude::*;

use crate::i18n::{use_i18n, LanguageSwitcher};

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
            <LanguageSwitcher/>
        </header>
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
