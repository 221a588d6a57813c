//! Publication tables as data: a title, column headings and typed cells, rendered elsewhere
//! (web page, CSV, XLSX, Markdown, LaTeX, HTML) in the reader's language.
//!
//! Titles, headings and [`Cell::Label`] cells are message keys of the app's Fluent catalogues
//! (`results-…`), so every renderer takes a `translate` function and one table serves both
//! languages. Numbers stay numbers until rendered, so a spreadsheet gets real numeric cells.

use serde::{Deserialize, Serialize};

/// One cell of a results table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// Verbatim text: a reader's name, a case ID.
    Text(String),
    /// A message key to translate (a seniority group, a modality, "all readers").
    Label(String),
    /// A count.
    Count(i64),
    /// A number shown with `digits` decimals.
    Number { value: f64, digits: u8 },
    /// A proportion in [0, 1] shown as a percentage with `digits` decimals.
    Percent { value: f64, digits: u8 },
    /// A confidence interval `[lower, upper]` with `digits` decimals (proportions as given).
    Interval { lower: f64, upper: f64, digits: u8 },
    /// A p-value: 3 decimals, `< 0.001` below that.
    PValue(f64),
    /// Not applicable or not estimable.
    Empty,
}

/// A titled table with one heading per column; every row has as many cells as headings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Stable identifier, used for file and sheet names (`seniority`, `mrmc_or`, …).
    pub id: String,
    /// Message key of the title.
    pub title: String,
    /// Message keys of the column headings.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Message keys of footnotes (method, covariance, adjustment), some with arguments
    /// ([`note_with`]).
    pub notes: Vec<String>,
}

/// A note whose text names numbers (`{ $alpha }` in the catalogue): the key, then
/// `?name=value` pairs joined by `&`. Notes stay strings so every renderer hands them to its
/// `translate` as it does a plain key, and only the app's translator, which passes Fluent
/// arguments, needs to know: it splits them again with [`split_note`]. Values are formatted
/// here (digits read the same in every catalogue language) and hold no `&` or `=`.
pub fn note_with(key: &str, args: &[(&str, String)]) -> String {
    let pairs: Vec<String> = args
        .iter()
        .map(|(name, value)| {
            debug_assert!(!value.contains(['&', '=', '?']), "note argument {value}");
            format!("{name}={value}")
        })
        .collect();
    if pairs.is_empty() {
        key.to_string()
    } else {
        format!("{key}?{}", pairs.join("&"))
    }
}

/// The message key of a note and its arguments (none for a plain key).
pub fn split_note(note: &str) -> (&str, Vec<(&str, &str)>) {
    match note.split_once('?') {
        None => (note, Vec::new()),
        Some((key, query)) => (
            key,
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .collect(),
        ),
    }
}

impl Cell {
    /// Plain-text form in the given translation, as CSV, Markdown and the web page show it.
    pub fn render(&self, translate: &dyn Fn(&str) -> String) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Label(key) => translate(key),
            Cell::Count(n) => n.to_string(),
            Cell::Number { value, digits } => fixed(*value, *digits),
            Cell::Percent { value, digits } => format!("{}%", fixed(value * 100.0, *digits)),
            Cell::Interval {
                lower,
                upper,
                digits,
            } => format!("{}, {}", fixed(*lower, *digits), fixed(*upper, *digits)),
            Cell::PValue(p) => p_value(*p),
            Cell::Empty => "–".into(),
        }
    }
}

/// A number with a fixed number of decimals; non-finite values as `∞`, `−∞` or `–`.
pub fn fixed(value: f64, digits: u8) -> String {
    if value.is_nan() {
        "–".into()
    } else if value.is_infinite() {
        if value > 0.0 { "∞" } else { "−∞" }.into()
    } else {
        format!("{value:.*}", usize::from(digits))
    }
}

/// A p-value as journals print it: three decimals, `< 0.001` below that.
pub fn p_value(p: f64) -> String {
    if p.is_nan() {
        "–".into()
    } else if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("{p:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(key: &str) -> String {
        format!("[{key}]")
    }

    #[test]
    fn small_p_values_print_as_below_one_in_a_thousand() {
        assert_eq!(Cell::PValue(0.000_4).render(&keys), "< 0.001");
        assert_eq!(Cell::PValue(0.0516).render(&keys), "0.052");
    }

    #[test]
    fn labels_go_through_the_translation_and_text_does_not() {
        assert_eq!(
            Cell::Label("results-group-junior".into()).render(&keys),
            "[results-group-junior]"
        );
        assert_eq!(
            Cell::Text("results-group-junior".into()).render(&keys),
            "results-group-junior"
        );
    }

    #[test]
    fn a_note_with_arguments_splits_back_into_its_key_and_arguments() {
        let note = note_with(
            "results-note-alpha",
            &[("alpha", "0.05".into()), ("level", "95".into())],
        );

        let (key, args) = split_note(&note);

        assert_eq!(key, "results-note-alpha");
        assert_eq!(args, [("alpha", "0.05"), ("level", "95")]);
        assert_eq!(
            split_note("results-note-holm"),
            ("results-note-holm", vec![])
        );
    }

    #[test]
    fn percentages_and_intervals_keep_their_decimals() {
        assert_eq!(
            Cell::Percent {
                value: 0.8126,
                digits: 1
            }
            .render(&keys),
            "81.3%"
        );
        let ci = Cell::Interval {
            lower: 0.81,
            upper: 0.9,
            digits: 3,
        };
        assert_eq!(ci.render(&keys), "0.810, 0.900");
    }
}
