//! The English and Chinese catalogues are complete: the same keys in both, and every key the
//! code asks for is present.

use std::collections::BTreeSet;
use std::path::Path;

use app::i18n::{message, message_keys, Args, Locale};

#[test]
fn both_catalogues_have_the_same_keys() {
    let en = message_keys(Locale::En);
    let zh = message_keys(Locale::ZhCn);

    let missing_in_zh: Vec<_> = en.difference(&zh).collect();
    let missing_in_en: Vec<_> = zh.difference(&en).collect();

    assert!(
        missing_in_zh.is_empty(),
        "keys missing in zh-CN.ftl: {missing_in_zh:?}"
    );
    assert!(
        missing_in_en.is_empty(),
        "keys missing in en.ftl: {missing_in_en:?}"
    );
}

#[test]
fn every_key_used_in_the_code_is_in_both_catalogues() {
    let used = keys_used_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(
        used.len() > 10,
        "the scan found the keys the pages use: {used:?}"
    );

    for &locale in Locale::ALL {
        let known = message_keys(locale);
        let missing: Vec<_> = used.difference(&known).collect();
        assert!(
            missing.is_empty(),
            "keys missing in {}: {missing:?}",
            locale.tag()
        );
    }
}

#[test]
fn messages_render_with_their_arguments_in_each_language() {
    let args = || Args::new().with("shown", 1).with("total", 3);

    assert_eq!(message(Locale::En, "home-count", &args()), "1 of 3 studies");
    assert_eq!(
        message(Locale::ZhCn, "home-count", &args()),
        "共 3 项研究，显示 1 项"
    );
    assert_eq!(
        message(Locale::ZhCn, "empty-title", &Args::new()),
        "尚无研究"
    );
}

/// Message keys passed to `tr("…")`, `text("…")`, `text_with("…"` and `*_key` helpers'
/// `"…" =>` arms are found by scanning for string literals in those positions.
fn keys_used_in(dir: &Path) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            keys.extend(keys_used_in(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            for marker in ["tr(\"", "text(\"", "text_with(\"", "=> \""] {
                for (start, _) in source.match_indices(marker) {
                    let rest = &source[start + marker.len()..];
                    let key: String = rest.chars().take_while(|c| *c != '"').collect();
                    if !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                        && key.contains('-')
                    {
                        keys.insert(key);
                    }
                }
            }
            // Keys chosen by an `if`: `text(if … { "a" } else { "b" })`.
            for line in source.lines().filter(|l| l.contains("i18n.text(if")) {
                for piece in line.split('"').skip(1).step_by(2) {
                    keys.insert(piece.to_string());
                }
            }
        }
    }
    keys
}
