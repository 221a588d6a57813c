//! Results tables as GitHub-flavoured Markdown: a heading, a pipe table (numbers
//! right-aligned) and the notes, per table.

use super::numeric_column;
use crate::table::Table;

/// All tables as Markdown, each under a `###` heading with its notes in italics below.
pub fn to_markdown(tables: &[Table], translate: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    for (index, table) in tables.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&format!("### {}\n\n", inline(&translate(&table.title))));
        let headings: Vec<String> = table
            .columns
            .iter()
            .map(|key| cell(&translate(key)))
            .collect();
        out.push_str(&format!("| {} |\n", headings.join(" | ")));
        let rule: Vec<&str> = (0..table.columns.len())
            .map(|c| {
                if numeric_column(table, c) {
                    "---:"
                } else {
                    "---"
                }
            })
            .collect();
        out.push_str(&format!("|{}|\n", rule.join("|")));
        for row in &table.rows {
            let cells: Vec<String> = row.iter().map(|c| cell(&c.render(translate))).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        if !table.notes.is_empty() {
            out.push('\n');
            for note in &table.notes {
                out.push_str(&format!("*{}*\n", inline(&translate(note))));
            }
        }
    }
    out
}

/// Text inside a table cell: pipes escaped, line breaks as spaces, Markdown punctuation escaped.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// Text that must not start markup: `*`, `_`, `` ` ``, `[`, `]`, `<`, `\` escaped, one line.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
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
    fn every_table_becomes_a_heading_a_pipe_table_and_its_notes() {
        let md = to_markdown(&[seniority()], &plain);

        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines[0], "### results-table-seniority");
        assert!(lines[2].starts_with("| results-col-group | results-col-readers |"));
        assert_eq!(lines[3], "|---|---:|---:|---:|---:|---:|");
        assert_eq!(
            lines[4],
            "| results-group-junior | 4 | 0.812 | 0.750, 0.870 | 81.3% | \\< 0.001 |"
        );
        assert_eq!(lines.last().unwrap(), &"*results-note-or*");
    }

    #[test]
    fn pipes_and_markup_in_names_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc <b>_x_"), "a\\|b c \\<b\\>\\_x\\_");
    }
}
