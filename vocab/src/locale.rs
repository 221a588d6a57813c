//! The languages Lector's pages are written in, and choosing one from what a browser says.

use crate::word::word;

word!(
    /// A supported language; its text form is the BCP 47 tag (`<html lang>`, the cookie, the
    /// catalogues' file names).
    #[derive(Default)]
    Locale, "language" {
        #[default]
        En => "en", "locale-en",
        ZhCn => "zh-CN", "locale-zh-CN",
    }
);

impl Locale {
    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        self.as_str()
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::ZhCn => "中文",
        }
    }

    /// Reads a tag loosely: `zh`, `zh-CN`, `zh-Hans`, `zh_CN` are Simplified Chinese, `en-*`
    /// English.
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
}
