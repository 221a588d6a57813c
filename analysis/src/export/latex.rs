//! Results tables as LaTeX: one `table` float per table holding a booktabs `tabular`, with the
//! title as caption, the id as label (`tab:<id>`) and the notes under the rule.
//!
//! Text is escaped for LaTeX (`\ & % $ # _ { } ~ ^ < >`) and the few non-ASCII symbols the
//! tables print (`–`, `−`, `∞`, `≤`, `≥`, `±`, `×`, `χ`, `²`) become LaTeX commands, so an
//! English export compiles with plain `pdflatex`. Chinese text needs `xelatex` with the `ctex`
//! package (`\documentclass{ctexart}`).

use super::numeric_column;
use crate::table::Table;

/// The tables as `table` floats, for `\input` into a paper that loads `booktabs`.
pub fn to_latex(tables: &[Table], translate: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    for table in tables {
        float(&mut out, table, translate);
    }
    out
}

/// A complete article holding the tables, compilable as it is (`pdflatex` for English).
pub fn to_latex_document(tables: &[Table], translate: &dyn Fn(&str) -> String) -> String {
    format!(
        "\\documentclass{{article}}\n\\usepackage[T1]{{fontenc}}\n\\usepackage[utf8]{{inputenc}}\n\
         \\usepackage{{booktabs}}\n\\begin{{document}}\n{}\\end{{document}}\n",
        to_latex(tables, translate)
    )
}

fn float(out: &mut String, table: &Table, translate: &dyn Fn(&str) -> String) {
    let spec: String = (0..table.columns.len())
        .map(|c| if numeric_column(table, c) { 'r' } else { 'l' })
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
    out.push_str("\\begin{table}[htbp]\n\\centering\n");
    out.push_str(&format!(
        "\\caption{{{}}}\n",
        escape(&translate(&table.title))
    ));
    out.push_str(&format!("\\label{{tab:{label}}}\n"));
    out.push_str(&format!("\\begin{{tabular}}{{{spec}}}\n\\toprule\n"));
    let headings: Vec<String> = table
        .columns
        .iter()
        .map(|k| escape(&translate(k)))
        .collect();
    out.push_str(&format!("{} \\\\\n\\midrule\n", headings.join(" & ")));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| escape(&c.render(translate))).collect();
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
            'χ' => out.push_str("\\ensuremath{\\chi}"),
            '²' => out.push_str("\\textsuperscript{2}"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
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

    #[test]
    fn each_table_is_a_captioned_booktabs_float_with_numbers_right_aligned() {
        let tex = to_latex(&[seniority()], &plain);

        assert!(tex.starts_with("\\begin{table}[htbp]\n\\centering\n\\caption{results-table-seniority}\n\\label{tab:seniority}\n"));
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
    fn the_document_loads_booktabs_and_wraps_the_tables() {
        let doc = to_latex_document(&[seniority()], &plain);

        assert!(doc.contains("\\usepackage{booktabs}"));
        assert!(doc.trim_end().ends_with("\\end{document}"));
    }
}
