//! Every message key the study results, their figures and the HTML report can emit has English and Simplified Chinese text in the
//! app's results catalogues.

use std::collections::HashSet;

use analysis::study::StudyResults;

fn catalogue(name: &str) -> HashSet<String> {
    let path = format!("{}/../app/locales/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once('='))
        .map(|(key, _)| key.trim().to_string())
        .collect()
}

fn missing_from(name: &str) -> Vec<&'static str> {
    let keys = catalogue(name);
    // The tables' and figures' keys, the SVG axes', the HTML report's section headings and the
    // localization table's.
    StudyResults::message_keys()
        .into_iter()
        .chain(analysis::figure::svg::message_keys())
        .chain(analysis::export::html::message_keys())
        .chain(analysis::froc::table::KEYS)
        .chain(analysis::froc::versus_ai::KEYS)
        .chain([analysis::froc::versus_ai::NOTE])
        .chain(analysis::froc::curves::FIGURE_KEYS)
        .chain(analysis::froc::froc_plot::FROC_KEYS)
        .filter(|k| !keys.contains(*k))
        .collect()
}

#[test]
fn every_results_key_has_english_text() {
    let missing = missing_from("results.en.ftl");
    assert!(
        missing.is_empty(),
        "missing from results.en.ftl: {missing:?}"
    );
}

#[test]
fn every_results_key_has_simplified_chinese_text() {
    let missing = missing_from("results.zh-CN.ftl");
    assert!(
        missing.is_empty(),
        "missing from results.zh-CN.ftl: {missing:?}"
    );
}
