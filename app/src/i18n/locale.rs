//! The supported locales and choosing one from a request.

pub use vocab::Locale;

/// The cookie that keeps a visitor's choice from the language switcher.
pub const COOKIE: &str = "lector_lang";

/// The language a signed-in account chose, put into the request's extensions by the session
/// middleware.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SavedLocale(pub Locale);

/// The cookie, else the signed-in account's saved language, else `Accept-Language`, else
/// English.
#[cfg(feature = "ssr")]
pub fn from_request_parts(parts: &axum::http::request::Parts) -> Locale {
    from_cookie(&parts.headers)
        .or_else(|| parts.extensions.get::<SavedLocale>().map(|saved| saved.0))
        .or_else(|| from_accept_language(&parts.headers))
        .unwrap_or_default()
}

#[cfg(feature = "ssr")]
fn from_cookie(headers: &axum::http::HeaderMap) -> Option<Locale> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| Locale::from_tag(value))
}

#[cfg(feature = "ssr")]
fn from_accept_language(headers: &axum::http::HeaderMap) -> Option<Locale> {
    headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Locale::negotiate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn a_saved_preference_wins_over_the_browser_language() {
        let request = axum::http::Request::builder()
            .header("accept-language", "en-US,en")
            .header("cookie", "session=abc; lector_lang=zh-CN")
            .body(())
            .unwrap();
        let (parts, ()) = request.into_parts();
        assert_eq!(from_request_parts(&parts), Locale::ZhCn);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_accounts_saved_language_beats_the_browser_but_not_the_cookie() {
        let request = axum::http::Request::builder()
            .header("accept-language", "en-US,en")
            .body(())
            .unwrap();
        let (mut parts, ()) = request.into_parts();
        parts.extensions.insert(SavedLocale(Locale::ZhCn));
        assert_eq!(from_request_parts(&parts), Locale::ZhCn);

        parts
            .headers
            .insert("cookie", "lector_lang=en".parse().unwrap());
        assert_eq!(from_request_parts(&parts), Locale::En);
    }
}
