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

/// The saved preference (cookie), else `Accept-Language`, else English.
#[cfg(feature = "ssr")]
pub fn from_request_headers(headers: &axum::http::HeaderMap) -> Locale {
    let from_cookie = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| Locale::from_tag(value));
    from_cookie
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(Locale::negotiate)
        })
        .unwrap_or_default()
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
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("accept-language", "en-US,en".parse().unwrap());
        headers.insert("cookie", "session=abc; lector_lang=zh-CN".parse().unwrap());
        assert_eq!(from_request_headers(&headers), Locale::ZhCn);
    }
}
