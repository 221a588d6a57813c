//! Translation: Fluent catalogues in English and Simplified Chinese, the reader's current
//! locale as a signal, and `tr()` to turn a message key into reactive text.
//!
//! Every piece of page text lives in `app/locales/*.ftl`; a test checks that both catalogues
//! have the same keys and that every key the code asks for exists.

mod catalog;
pub mod format;
mod locale;
mod switcher;
#[cfg(test)]
mod words;

pub use catalog::{message, message_keys, Args};
pub use locale::Locale;
#[cfg(feature = "ssr")]
pub use locale::SavedLocale;
pub use switcher::LanguageSwitcher;

use leptos::prelude::*;

/// The current locale, provided by [`provide_i18n`] at the root of the app.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

impl I18n {
    /// Reactive text for a message without arguments.
    pub fn tr(self, key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || message(self.locale.get(), key, &Args::new())
    }

    /// The message in the current locale, read once (for attributes and computed strings
    /// inside an already reactive closure).
    pub fn text(self, key: &str) -> String {
        message(self.locale.get(), key, &Args::new())
    }

    /// The label of one of the study's words (a design, a split, a seniority group…), read
    /// once.
    pub fn word<W: vocab::Word>(self, word: W) -> String {
        self.text(word.label_key())
    }

    /// The message with named arguments, read once inside a reactive closure.
    pub fn text_with(self, key: &str, args: &Args) -> String {
        message(self.locale.get(), key, args)
    }
}

/// Decides the locale for this render and provides it to every component below.
///
/// On the server: the saved preference (the `lector_lang` cookie), else the signed-in
/// account's saved language, else the browser's `Accept-Language`, else English. In the browser: the `lang` the server put on `<html>`, so
/// hydration renders the same text the server did.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        locale: RwSignal::new(initial_locale()),
    };
    provide_context(i18n);
    i18n
}

/// The i18n context; components call this instead of `use_context` directly.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n {
        locale: RwSignal::new(Locale::default()),
    })
}

#[cfg(feature = "ssr")]
fn initial_locale() -> Locale {
    use_context::<axum::http::request::Parts>()
        .map(|parts| locale::from_request_parts(&parts))
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn initial_locale() -> Locale {
    #[cfg(feature = "hydrate")]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| Locale::from_tag(&lang))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    Locale::default()
}
