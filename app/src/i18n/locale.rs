//! The supported locales and choosing one from a request.

use serde::{Deserialize, Serialize};

/// The languages Lector's pages are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    ZhCn,
}

/// The cookie that keeps a visitor's choice from the language switcher.
pub const COOKIE: &str = "lector_lang";

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::ZhCn];

    /// The BCP 47 tag, as used in `<html lang>` and the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
        }
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::ZhCn => "中文",
        }
    }

    /// Reads a tag loosely: `zh`, `zh-CN`, `zh-Hans`, `zh_CN` are Simplified Chinese, `en-*` English.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        if tag == "zh"
            || tag.starts_with("zh-cn")
            || tag.starts_with("zh-hans")
            || tag.starts_with("zh-sg")
        {
            Some(Locale::ZhCn)
        } else if tag == "en" || tag.starts_with("en-") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// The best supported locale in an `Accept-Language` header, by quality then order.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut ranked: Vec<(f32, usize, Locale)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(index, part)| {
                let mut pieces = part.split(';');
                let locale = Locale::from_tag(pieces.next()?)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (quality > 0.0).then_some((quality, index, locale))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map(|&(_, _, locale)| locale)
    }
}

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

    #[test]
    fn chinese_variants_read_as_simplified_chinese() {
        for tag in ["zh", "zh-CN", "zh-Hans-CN", "zh_CN"] {
            assert_eq!(Locale::from_tag(tag), Some(Locale::ZhCn), "{tag}");
        }
        assert_eq!(Locale::from_tag("fr"), None);
    }

    #[test]
    fn accept_language_is_ranked_by_quality() {
        assert_eq!(
            Locale::negotiate("fr-FR, en;q=0.5, zh-CN;q=0.9"),
            Some(Locale::ZhCn)
        );
        assert_eq!(Locale::negotiate("en-GB,en;q=0.9"), Some(Locale::En));
        assert_eq!(Locale::negotiate("de, fr"), None);
    }

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
