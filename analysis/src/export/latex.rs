//! Results tables as LaTeX: one `table` float per table holding a booktabs `tabular` in
//! `\footnotesize`, with the title as caption, the id as label (`tab:<id>`) and the notes under
//! the rule. A table wider than a standard article's text block (345 pt) is split into column
//! parts that repeat its row labels ([`super::fit`]), captioned "(continued)"; long headings
//! break over up to three lines.
//!
//! Text is escaped for LaTeX (`\ & % $ # _ { } ~ ^ < >`) and the non-ASCII symbols the tables
//! print (`–`, `−`, `∞`, `≤`, `≥`, `±`, `×`, Greek letters, `²`) become LaTeX commands, so an
//! English export compiles with plain `pdflatex` (a test compiles one with TeX Live). Chinese text
//! needs `xelatex` with the `ctex` package (`\documentclass{ctexart}`).

use super::fit::{column_widths, ens, is_text_column, split_columns, wrap, Page};
use super::numeric_column;
use crate::table::Table;

/// The text block the tables are fitted to: `article` at 10 pt on A4 or letter paper.
const TEXT_WIDTH_PT: f64 = 345.0;
/// One en of `\footnotesize` Computer Modern (digits are 4.25 pt), rounded up.
const EN_PT: f64 = 4.4;
/// Headings on up to three lines; row labels wrap at 30 ens (132 pt); two `\tabcolsep` of 6 pt
/// around every column.
const PAGE: Page = Page {
    heading_lines: 3,
    text_cap: 30.0,
    budget: TEXT_WIDTH_PT / EN_PT,
    padding: 12.0 / EN_PT,
};

/// The tables as `table` floats, for `\input` into a paper; the opening comment lists the
/// packages the paper must load.
pub fn to_latex(tables: &[Table], translate: &dyn Fn(&str) -> String) -> String {
    let mut out = String::from(concat!(
        "% Results tables exported by Lector. \\input this file in a document that loads\n",
        "%   \\usepackage[T1]{fontenc}\n",
        "%   \\usepackage{booktabs}\n",
        "% English compiles with pdflatex; Chinese needs xelatex with \\documentclass{ctexart}.\n\n",
    ));
    for table in tables {
        let parts = split_columns(table, translate, &PAGE);
        for (index, part) in parts.iter().enumerate() {
            float(&mut out, part, index > 0, translate);
        }
    }
    out
}

/// A complete article holding the tables, compilable as it is (`pdflatex` for English).
pub fn to_latex_document(tables: &[Table], translate: &dyn Fn(&str) -> String) -> String {
    format!(
        "\\documentclass[a4paper]{{article}}\n\\usepackage[T1]{{fontenc}}\n\\usepackage[utf8]{{inputenc}}\n\
         \\usepackage{{booktabs}}\n\\begin{{document}}\n{}\\end{{document}}\n",
        to_latex(tables, translate)
    )
}

fn float(out: &mut String, table: &Table, continued: bool, translate: &dyn Fn(&str) -> String) {
    let align: Vec<char> = (0..table.columns.len())
        .map(|c| if numeric_column(table, c) { 'r' } else { 'l' })
        .collect();
    let spec: String = align.iter().collect();
    let widths = column_widths(table, translate, &PAGE);
    // Text columns wider than the cap set their cells as ragged-right paragraphs of that width.
    let wrapped: Vec<bool> = (0..table.columns.len())
        .map(|c| {
            is_text_column(table, c)
                && table
                    .rows
                    .iter()
                    .any(|row| ens(&row[c].render(translate)) > PAGE.text_cap)
        })
        .collect();
    let label: String = table
        .id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    out.push_str("\\begin{table}[htbp]\n\\centering\n\\footnotesize\n");
    let mut caption = escape(&translate(&table.title));
    if continued {
        caption = format!("{caption} {}", escape(&translate(CONTINUED)));
    }
    if continued {
        // A later part keeps the number of the table it continues.
        out.push_str("\\addtocounter{table}{-1}\n");
    }
    out.push_str(&format!("\\caption{{{caption}}}\n"));
    out.push_str(&format!("\\label{{tab:{label}}}\n"));
    out.push_str(&format!("\\begin{{tabular}}{{{spec}}}\n\\toprule\n"));
    let headings: Vec<String> = table
        .columns
        .iter()
        .zip(&align)
        .zip(&widths)
        .map(|((key, align), &width)| heading(&translate(key), *align, width))
        .collect();
    out.push_str(&format!("{} \\\\\n\\midrule\n", headings.join(" & ")));
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&wrapped)
            .map(|(cell, &wrap)| {
                let text = escape(&cell.render(translate));
                if wrap {
                    format!(
                        "\\parbox[t]{{{:.0}pt}}{{\\raggedright {text}}}",
                        PAGE.text_cap * EN_PT
                    )
                } else {
                    text
                }
            })
            .collect();
        out.push_str(&format!("{} \\\\\n", cells.join(" & ")));
    }
    out.push_str("\\bottomrule\n\\end{tabular}\n");
    for note in &table.notes {
        out.push_str(&format!(
            "\n\\par\\smallskip{{\\footnotesize {}}}\n",
            escape(&translate(note))
        ));
    }
    out.push_str("\\end{table}\n\n");
}

/// The message key of the caption suffix of a split table's later parts.
pub const CONTINUED: &str = "results-table-continued";

/// A heading on as many lines as its column's width needs, bottom-aligned in a nested tabular.
fn heading(text: &str, align: char, width: f64) -> String {
    let lines = wrap(text, width);
    if lines.len() < 2 {
        return escape(text);
    }
    let body: Vec<String> = lines.iter().map(|l| escape(l)).collect();
    format!(
        "\\begin{{tabular}}[b]{{@{{}}{align}@{{}}}}{}\\end{{tabular}}",
        body.join("\\\\")
    )
}

/// Text safe in LaTeX's text mode.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '–' => out.push_str("--"),
            '—' => out.push_str("---"),
            '−' => out.push_str("\\ensuremath{-}"),
            '∞' => out.push_str("\\ensuremath{\\infty}"),
            '≤' => out.push_str("\\ensuremath{\\leq}"),
            '≥' => out.push_str("\\ensuremath{\\geq}"),
            '±' => out.push_str("\\ensuremath{\\pm}"),
            '×' => out.push_str("\\ensuremath{\\times}"),
            'α' | 'β' | 'κ' | 'λ' | 'μ' | 'σ' | 'τ' | 'χ' => {
                out.push_str(&format!("\\ensuremath{{\\{}}}", greek(c)));
            }
            '·' => out.push_str("\\ensuremath{\\cdot}"),
            '≈' => out.push_str("\\ensuremath{\\approx}"),
            '³' => out.push_str("\\textsuperscript{3}"),
            '²' => out.push_str("\\textsuperscript{2}"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn greek(c: char) -> &'static str {
    match c {
        'α' => "alpha",
        'β' => "beta",
        'κ' => "kappa",
        'λ' => "lambda",
        'μ' => "mu",
        'σ' => "sigma",
        'τ' => "tau",
        _ => "chi",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::seniority;

    fn plain(key: &str) -> String {
        key.to_string()
    }

    #[test]
    fn latex_escapes_percent_underscore_ampersand_and_angle_brackets() {
        assert_eq!(
            escape("Dr <b> & \"Co\", 50%_x"),
            "Dr \\textless{}b\\textgreater{} \\& \"Co\", 50\\%\\_x"
        );
        assert_eq!(
            escape("a\\b{c}$#~^"),
            "a\\textbackslash{}b\\{c\\}\\$\\#\\textasciitilde{}\\textasciicircum{}"
        );
    }

    #[test]
    fn symbols_the_tables_print_become_latex_commands() {
        assert_eq!(escape("–"), "--");
        assert_eq!(escape("−∞"), "\\ensuremath{-}\\ensuremath{\\infty}");
        assert_eq!(escape("< 0.001"), "\\textless{} 0.001");
    }

    /// Short headings, so the fixture fits the text block in one part.
    fn short(key: &str) -> String {
        match key.strip_prefix("results-col-") {
            Some(heading) => heading.to_string(),
            None => key.to_string(),
        }
    }

    #[test]
    fn each_table_is_a_captioned_booktabs_float_with_numbers_right_aligned() {
        let tex = to_latex(&[seniority()], &short);

        assert!(tex.starts_with("% Results tables exported by Lector."));
        assert!(tex.contains("%   \\usepackage{booktabs}\n"));
        assert!(tex.contains("\\begin{table}[htbp]\n\\centering\n\\footnotesize\n\\caption{results-table-seniority}\n\\label{tab:seniority}\n"));
        assert!(tex.contains("\\begin{tabular}{lrrrrr}\n\\toprule\n"));
        assert!(tex.contains(
            "results-group-junior & 4 & 0.812 & 0.750, 0.870 & 81.3\\% & \\textless{} 0.001 \\\\\n"
        ));
        assert!(tex.contains("\\bottomrule\n\\end{tabular}\n"));
        assert!(tex.contains("{\\footnotesize results-note-or}"));
        assert_eq!(
            tex.matches("\\begin{table}").count(),
            tex.matches("\\end{table}").count()
        );
    }

    #[test]
    fn greek_letters_become_math_commands() {
        assert_eq!(escape("Fleiss' κ"), "Fleiss' \\ensuremath{\\kappa}");
        assert_eq!(escape("α = 0.05"), "\\ensuremath{\\alpha} = 0.05");
    }

    #[test]
    fn a_table_wider_than_the_text_block_is_set_in_captioned_parts() {
        let mut wide = seniority();
        for row in &mut wide.rows {
            let copy = row.clone();
            for _ in 0..4 {
                row.extend(copy[1..].iter().cloned());
            }
        }
        let columns = wide.columns.clone();
        for _ in 0..4 {
            wide.columns.extend(columns[1..].iter().cloned());
        }

        let tex = to_latex(&[wide], &plain);

        let parts = tex.matches("\\begin{table}").count();
        assert!(parts >= 2, "{tex}");
        assert_eq!(
            tex.matches("\\caption{results-table-seniority results-table-continued}")
                .count(),
            parts - 1
        );
        assert!(tex.contains("\\label{tab:seniority-2}"));
        assert_eq!(tex.matches("\\addtocounter{table}{-1}").count(), parts - 1);
        assert_eq!(
            tex.matches("results-note-or").count(),
            1,
            "notes once, at the end"
        );
    }

    #[test]
    fn the_document_loads_booktabs_and_wraps_the_tables() {
        let doc = to_latex_document(&[seniority()], &plain);

        assert!(doc.contains("\\usepackage{booktabs}"));
        assert!(doc.trim_end().ends_with("\\end{document}"));
    }
}
