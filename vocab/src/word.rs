//! What every word of the vocabulary offers, and the macro that declares one.

use std::fmt;

/// A closed set of values with one text form each.
pub trait Word: Copy + Eq + fmt::Debug + 'static {
    /// Every value, in the order pages and tables list them.
    const ALL: &'static [Self];
    /// What the word names, for messages ("reading design").
    const WHAT: &'static str;

    /// The text form: stored in the database, written in exports, sent on the wire.
    fn as_str(self) -> &'static str;

    /// The catalogue key of the value's label on the pages (both languages have it).
    fn label_key(self) -> &'static str;

    /// The value a text form denotes (exactly; surrounding blanks are ignored).
    ///
    /// # Errors
    /// [`UnknownWord`] naming what was expected and the valid spellings.
    fn parse(text: &str) -> Result<Self, UnknownWord> {
        let text = text.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|value| value.as_str() == text)
            .ok_or_else(|| UnknownWord {
                what: Self::WHAT,
                given: text.chars().take(40).collect(),
                valid: Self::ALL.iter().map(|v| v.as_str()).collect(),
            })
    }
}

/// A text that is none of a word's spellings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownWord {
    pub what: &'static str,
    /// The text given, cut to 40 characters.
    pub given: String,
    pub valid: Vec<&'static str>,
}

impl fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} '{}'; use one of: {}",
            self.what,
            self.given,
            self.valid.join(", ")
        )
    }
}

impl std::error::Error for UnknownWord {}

/// Declares a word: the enum, its text forms and label keys, and `Display`, `FromStr` and
/// serde through the text form, so the wire, the database and the exports spell it alike.
macro_rules! word {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $($(#[$vmeta:meta])* $variant:ident => $text:literal, $key:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $crate::Word for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const WHAT: &'static str = $what;

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            fn label_key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }
        }

        impl $name {
            /// Every value, in the order pages and tables list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The text form (see [`Word::as_str`](crate::Word::as_str)).
            pub fn as_str(self) -> &'static str {
                <Self as $crate::Word>::as_str(self)
            }

            /// The catalogue key of the label.
            pub fn label_key(self) -> &'static str {
                <Self as $crate::Word>::label_key(self)
            }

            /// # Errors
            /// [`UnknownWord`](crate::UnknownWord) naming the valid spellings.
            pub fn parse(text: &str) -> Result<Self, $crate::UnknownWord> {
                <Self as $crate::Word>::parse(text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::UnknownWord;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use word;

#[cfg(test)]
mod tests {
    use crate::*;

    fn round_trips<W: Word + serde::Serialize + serde::de::DeserializeOwned>() {
        let mut seen = std::collections::HashSet::new();
        for &value in W::ALL {
            assert_eq!(W::parse(value.as_str()).unwrap(), value);
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, format!("\"{}\"", value.as_str()));
            assert_eq!(serde_json::from_str::<W>(&json).unwrap(), value);
            assert!(
                seen.insert(value.as_str()),
                "{} spelt twice",
                value.as_str()
            );
        }
    }

    #[test]
    fn every_word_round_trips_through_its_one_text_form() {
        round_trips::<Role>();
        round_trips::<Seniority>();
        round_trips::<ReadingDesign>();
        round_trips::<CrossoverGroup>();
        round_trips::<BackNavigation>();
        round_trips::<Modality>();
        round_trips::<Stage>();
        round_trips::<RatingScale>();
        round_trips::<Split>();
        round_trips::<Locale>();
        round_trips::<Covariance>();
        round_trips::<ExportKind>();
        round_trips::<SessionMode>();
        round_trips::<JobState>();
        round_trips::<AuditKind>();
    }

    #[test]
    fn an_unknown_spelling_is_refused_naming_the_valid_ones() {
        let err = ReadingDesign::parse("parallel").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown reading design 'parallel'; use one of: crossover, sequential"
        );
        assert!(serde_json::from_str::<Split>("\"validation\"").is_err());
    }
}
