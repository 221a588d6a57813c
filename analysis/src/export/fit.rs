//! Wide tables on a printed page: how wide a table sets, and splitting one that would not fit
//! into column parts that do, each part repeating the row-label columns.
//!
//! Widths are estimated in ens (half an em) from the rendered text, which is all a renderer
//! without a layout engine can know; the printed HTML report and the compiled LaTeX are checked
//! against real layouts by tests (Chromium, pdflatex). An estimate on the wide side costs an
//! extra part, one on the narrow side an overflow, so glyph widths are rounded up.

use crate::table::{Cell, Table};

/// Width of `text` in ens: CJK and full-width characters two, capitals and wide letters one and
/// a half, narrow punctuation and spaces about half, everything else one.
pub(crate) fn ens(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            c if is_wide(c) => 2.0,
            'i' | 'l' | 'j' | 't' | 'f' | 'r' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' '
            | '(' | ')' | '[' | ']' => 0.6,
            'm' | 'w' | 'M' | 'W' | '%' | '—' | '–' | '−' | '≥' | '≤' | '×' => 1.6,
            c if c.is_uppercase() => 1.35,
            _ => 1.0,
        })
        .sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFF60 | 0xAC00..=0xD7AF)
}

/// A heading broken into lines no wider than `width` ens where it can be: between words, and
/// between any two CJK characters (which need no spaces). A word wider than `width` stays whole.
pub(crate) fn wrap(text: &str, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for token in tokens(text) {
        let piece = if line.is_empty() || token.starts_with(is_wide) {
            token.trim_start().to_string()
        } else {
            token.clone()
        };
        if !line.is_empty() && ens(&line) + ens(&piece) > width {
            lines.push(std::mem::take(&mut line));
            line.push_str(token.trim_start());
        } else {
            line.push_str(&piece);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Words with their leading space, and each CJK character on its own.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in text.chars() {
        let glue = out
            .last()
            .is_some_and(|last| !last.ends_with(is_wide) && !c.is_whitespace() && !is_wide(c));
        if glue {
            out.last_mut().expect("checked").push(c);
        } else {
            out.push(c.to_string());
        }
    }
    // A space token followed by a word becomes that word's leading space.
    let mut merged: Vec<String> = Vec::new();
    for token in out {
        match merged.last_mut() {
            Some(last) if last.trim().is_empty() && !token.trim().is_empty() => {
                last.push_str(&token)
            }
            _ => merged.push(token),
        }
    }
    merged
}

/// How a page sets a table: headings wrap to at most `heading_lines` lines, and a text column
/// (row labels) wider than `text_cap` ens wraps its cells to that width.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Page {
    pub heading_lines: usize,
    pub text_cap: f64,
    /// Ens the columns may take in all.
    pub budget: f64,
    /// Ens of padding around every column.
    pub padding: f64,
}

/// How wide each column sets, in ens: its widest cell (a text column at most `text_cap`), or
/// its heading wrapped to at most `heading_lines` lines (never narrower than its longest word),
/// whichever is wider.
pub(crate) fn column_widths(
    table: &Table,
    translate: &dyn Fn(&str) -> String,
    page: &Page,
) -> Vec<f64> {
    let heading_lines = page.heading_lines;
    (0..table.columns.len())
        .map(|c| {
            let data = table
                .rows
                .iter()
                .filter_map(|row| row.get(c))
                .map(|cell| ens(&cell.render(translate)))
                .fold(0.0, f64::max);
            let data = if is_text_column(table, c) {
                data.min(page.text_cap)
            } else {
                data
            };
            let heading = translate(&table.columns[c]);
            let widest_word = tokens(&heading)
                .iter()
                .map(|t| ens(t.trim()))
                .fold(0.0, f64::max);
            let mut width = data.max(widest_word);
            while wrap(&heading, width).len() > heading_lines.max(1) {
                width += 1.0;
            }
            width
        })
        .collect()
}

/// The columns of `table` in parts that fit the page: the leading label columns (text) start
/// every part, and an interval column stays with the estimate before it. One part when it all
/// fits.
pub(crate) fn split_columns(
    table: &Table,
    translate: &dyn Fn(&str) -> String,
    page: &Page,
) -> Vec<Table> {
    let widths = column_widths(table, translate, page);
    let total = |columns: &[usize]| {
        columns
            .iter()
            .map(|&c| widths[c] + page.padding)
            .sum::<f64>()
    };
    let budget = page.budget;
    let all: Vec<usize> = (0..table.columns.len()).collect();
    if total(&all) <= budget {
        return vec![table.clone()];
    }
    let labels = (0..table.columns.len())
        .take_while(|&c| is_text_column(table, c))
        .count()
        .max(1)
        .min(table.columns.len());
    let label_columns: Vec<usize> = (0..labels).collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for c in labels..table.columns.len() {
        match groups.last_mut() {
            Some(group) if is_interval_column(table, c) => group.push(c),
            _ => groups.push(vec![c]),
        }
    }
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut current = label_columns.clone();
    for group in groups {
        let mut candidate = current.clone();
        candidate.extend(&group);
        if current.len() > labels && total(&candidate) > budget {
            parts.push(std::mem::replace(&mut current, label_columns.clone()));
            current.extend(&group);
        } else {
            current = candidate;
        }
    }
    parts.push(current);
    let count = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(index, columns)| Table {
            id: if index == 0 {
                table.id.clone()
            } else {
                format!("{}-{}", table.id, index + 1)
            },
            title: table.title.clone(),
            columns: columns.iter().map(|&c| table.columns[c].clone()).collect(),
            rows: table
                .rows
                .iter()
                .map(|row| columns.iter().map(|&c| row[c].clone()).collect())
                .collect(),
            // The notes explain the whole table: under its last part.
            notes: if index + 1 == count {
                table.notes.clone()
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// A column of words (labels, names), judged by its first cell that is not empty; a column with
/// no cells but empty ones is not.
pub(crate) fn is_text_column(table: &Table, column: usize) -> bool {
    table
        .rows
        .iter()
        .filter_map(|row| row.get(column))
        .find(|cell| !matches!(cell, Cell::Empty))
        .is_some_and(|cell| matches!(cell, Cell::Text(_) | Cell::Label(_)))
}

fn is_interval_column(table: &Table, column: usize) -> bool {
    table
        .rows
        .iter()
        .filter_map(|row| row.get(column))
        .find(|cell| !matches!(cell, Cell::Empty))
        .is_some_and(|cell| matches!(cell, Cell::Interval { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::seniority;

    fn plain(key: &str) -> String {
        key.to_string()
    }

    fn page(budget: f64) -> Page {
        Page {
            heading_lines: 3,
            text_cap: 20.0,
            budget,
            padding: 2.0,
        }
    }

    #[test]
    fn chinese_characters_are_twice_as_wide_as_digits() {
        assert_eq!(ens("初级"), 4.0);
        assert_eq!(ens("08"), 2.0);
    }

    #[test]
    fn headings_wrap_between_words_and_between_chinese_characters() {
        assert_eq!(
            wrap("95% CI of the AUC", 8.0),
            vec!["95% CI", "of the", "AUC"]
        );
        assert_eq!(wrap("曲线下面积差值", 6.0), vec!["曲线下", "面积差", "值"]);
        assert_eq!(wrap("Sensitivity", 3.0), vec!["Sensitivity"]);
    }

    #[test]
    fn a_long_row_label_counts_only_up_to_the_cap_where_it_wraps() {
        let mut table = seniority();
        table.rows[0][0] = Cell::Text("a very long row label ".repeat(5));

        let widths = column_widths(&table, &plain, &page(1000.0));

        assert_eq!(widths[0], 20.0);
    }

    #[test]
    fn a_table_that_fits_stays_whole() {
        let table = seniority();

        let parts = split_columns(&table, &plain, &page(1000.0));

        assert_eq!(parts, vec![table]);
    }

    #[test]
    fn a_wide_table_splits_repeating_its_labels_and_keeping_each_interval_with_its_estimate() {
        let table = seniority();

        let parts = split_columns(&table, &plain, &page(30.0));

        assert!(parts.len() > 1, "{parts:?}");
        for part in &parts {
            assert_eq!(part.columns[0], "results-col-group");
            assert_eq!(part.rows.len(), table.rows.len());
        }
        let auc = parts
            .iter()
            .find(|p| p.columns.contains(&"results-col-auc".to_string()))
            .expect("the AUC is in a part");
        let at = auc
            .columns
            .iter()
            .position(|c| c == "results-col-auc")
            .unwrap();
        assert_eq!(auc.columns[at + 1], "results-col-ci");
        let shown: usize = parts.iter().map(|p| p.columns.len() - 1).sum();
        assert_eq!(shown, table.columns.len() - 1, "every column once");
        assert!(parts[..parts.len() - 1].iter().all(|p| p.notes.is_empty()));
        assert_eq!(parts.last().unwrap().notes, table.notes);
        assert_eq!(parts[1].id, "seniority-2");
    }
}
