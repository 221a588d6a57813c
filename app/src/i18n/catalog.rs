//! The Fluent catalogues, compiled into the binary and the browser bundle, and message lookup.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::Locale;

// Each locale is its pages' catalogue followed by the results tables' (whose keys the analysis
// crate names), joined into one resource so message ids stay unique across both.
const EN: &str = concat!(
    include_str!("../../locales/en.ftl"),
    "\n",
    include_str!("../../locales/results.en.ftl")
);
const ZH_CN: &str = concat!(
    include_str!("../../locales/zh-CN.ftl"),
    "\n",
    include_str!("../../locales/results.zh-CN.ftl")
);

/// Named arguments for a message (`{ $count }` in the catalogue). Names are usually literals;
/// the results tables' notes carry theirs in the note itself.
#[derive(Default)]
pub struct Args(Vec<(Cow<'static, str>, FluentValue<'static>)>);

impl Args {
    pub fn new() -> Self {
        Args(Vec::new())
    }

    pub fn with(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<FluentValue<'static>>,
    ) -> Self {
        self.0.push((name.into(), value.into()));
        self
    }
}

fn source(locale: Locale) -> &'static str {
    match locale {
        Locale::En => EN,
        Locale::ZhCn => ZH_CN,
    }
}

fn bundles() -> &'static HashMap<Locale, FluentBundle<FluentResource>> {
    static BUNDLES: OnceLock<HashMap<Locale, FluentBundle<FluentResource>>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        Locale::ALL
            .iter()
            .map(|&locale| {
                // The catalogues are part of the program: a syntax error is a build defect that
                // the catalogue tests catch, so failing loudly here is right.
                let resource = FluentResource::try_new(source(locale).to_string())
                    .unwrap_or_else(|(_, errors)| panic!("{} catalogue: {errors:?}", locale.tag()));
                let mut bundle = FluentBundle::new_concurrent(vec![locale
                    .tag()
                    .parse()
                    .expect("the locale tags are valid")]);
                // Unicode isolation marks would end up in HTML attributes and test assertions.
                bundle.set_use_isolating(false);
                bundle
                    .add_resource(resource)
                    .expect("message ids are unique in a catalogue");
                (locale, bundle)
            })
            .collect()
    })
}

/// The message `key` in `locale`. A missing key yields the key itself (and the completeness
/// test fails), so a gap shows as an odd word rather than a crash.
pub fn message(locale: Locale, key: &str, args: &Args) -> String {
    let bundle = &bundles()[&locale];
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let fluent_args = (!args.0.is_empty()).then(|| {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in &args.0 {
            fluent_args.set(name.clone(), value.clone());
        }
        fluent_args
    });
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
        .into_owned()
}

/// Every message id in a locale's catalogue.
pub fn message_keys(locale: Locale) -> BTreeSet<String> {
    let resource =
        FluentResource::try_new(source(locale).to_string()).expect("the catalogue parses");
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_string()),
            _ => None,
        })
        .collect()
}
