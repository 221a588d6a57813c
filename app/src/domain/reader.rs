//! Readers as the enrolment form sends them and the readers page shows them.

use serde::{Deserialize, Serialize};
use vocab::{CrossoverGroup, Seniority};

/// One reader to enrol (a form row, or a CSV line).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderForm {
    pub name: String,
    pub email: String,
    pub hospital: String,
    /// Years of musculoskeletal radiology experience.
    pub years_experience: i64,
    /// Overrides the group the cut-points give.
    pub seniority_override: Option<Seniority>,
}

/// A reader on the readers page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderView {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub hospital: String,
    pub years_experience: i64,
    pub seniority: Seniority,
    pub seniority_overridden: bool,
    pub group: CrossoverGroup,
    /// Whether the reader has set a password through their invite.
    pub joined: bool,
}

/// A reader just enrolled, with the one-time link to send them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub reader: ReaderView,
    /// Path of the invite page, e.g. `/invite/<token>`; shown once. None when the account
    /// already has a password (a reader of another study).
    pub invite_path: Option<String>,
}

/// A problem with one line of a readers CSV.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    /// 1-based line number, the header being line 1.
    pub line: usize,
    pub reason: String,
}

/// Parses a readers CSV: `name,email,hospital,years` (header required, any column order, an
/// optional `seniority` column overriding the derived group).
///
/// # Errors
/// Every problem found, with its line, when any line is wrong.
pub fn parse_readers_csv(text: &str) -> Result<Vec<ReaderForm>, Vec<LineProblem>> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return Err(vec![LineProblem {
            line: 1,
            reason: "the file is empty; it needs a header line name,email,hospital,years".into(),
        }]);
    };
    let columns: Vec<String> = header.split(',').map(|c| c.trim().to_lowercase()).collect();
    let find = |name: &str| columns.iter().position(|c| c == name);
    let (Some(name), Some(email), Some(hospital), Some(years)) =
        (find("name"), find("email"), find("hospital"), find("years"))
    else {
        return Err(vec![LineProblem {
            line: 1,
            reason: format!(
                "the header '{header}' must name the columns name, email, hospital and years"
            ),
        }]);
    };
    let seniority = find("seniority");
    let mut readers = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in lines {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let line_no = index + 1;
        if fields.len() != columns.len() {
            problems.push(LineProblem {
                line: line_no,
                reason: format!("expected {} fields, found {}", columns.len(), fields.len()),
            });
            continue;
        }
        let Ok(years_experience) = fields[years].parse::<i64>() else {
            problems.push(LineProblem {
                line: line_no,
                reason: format!("years '{}' is not a whole number", fields[years]),
            });
            continue;
        };
        let seniority_override = match seniority.map(|i| fields[i].to_lowercase()) {
            Some(text) if !text.is_empty() => match Seniority::parse(&text) {
                Ok(group) => Some(group),
                Err(_) => {
                    problems.push(LineProblem {
                        line: line_no,
                        reason: format!(
                            "seniority '{text}' must be junior, intermediate or senior"
                        ),
                    });
                    continue;
                }
            },
            _ => None,
        };
        readers.push(ReaderForm {
            name: fields[name].to_string(),
            email: fields[email].to_string(),
            hospital: fields[hospital].to_string(),
            years_experience,
            seniority_override,
        });
    }
    if problems.is_empty() {
        Ok(readers)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_readers_csv_is_read_in_any_column_order() {
        let csv = "email,name,years,hospital,seniority\nli@h1.cn,Li Wei,3,H1,\nwang@h2.cn,Wang Fang,12,H2,intermediate\n";

        let readers = parse_readers_csv(csv).unwrap();

        assert_eq!(readers.len(), 2);
        assert_eq!(readers[0].name, "Li Wei");
        assert_eq!(readers[0].seniority_override, None);
        assert_eq!(readers[1].years_experience, 12);
        assert_eq!(readers[1].seniority_override, Some(Seniority::Intermediate));
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number() {
        let csv = "name,email,hospital,years\nA,a@x,H1,many\nB,b@x,H1\nC,c@x,H2,4\n";

        let problems = parse_readers_csv(csv).unwrap_err();

        assert_eq!(
            problems.iter().map(|p| p.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert!(problems[0].reason.contains("whole number"));
    }

    #[test]
    fn a_header_without_the_required_columns_is_refused() {
        let problems = parse_readers_csv("name,mail\nA,a@x\n").unwrap_err();
        assert_eq!(problems[0].line, 1);
    }
}
