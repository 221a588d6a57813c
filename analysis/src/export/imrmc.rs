//! The complete readers' reads in iMRMC's input format (`.imrmc`), for the FDA's iMRMC program
//! (Java application and R package) and RJafroc's `DfReadDataFile(format = "iMRMC")`.
//!
//! The format, as iMRMC's documentation and its own test input (`input.imrmc` in DIDSR/iMRMC)
//! show it: free-text description lines, the study size as `NR:` (readers), `N0:` (negative
//! cases), `N1:` (positive cases) and `NM:` (modalities) lines, a `BEGIN DATA:` line, then one
//! comma-separated row per observation, `readerID,caseID,modalityID,score`. A case's truth is
//! the row `-1,caseID,0,truth` (reader `-1`, modality `0`, truth 1 for the positive class and
//! 0 for the negative; iMRMC also accepts `truth` in place of `-1` and `0`, RJafroc only the
//! numbers). Modality IDs are `unaided` and `aided`; reader and case IDs are Lector's, with
//! commas and whitespace replaced by `_`. RJafroc's reader of this format also wants integer
//! case IDs; give RJafroc the JAFROC workbook ([`super::rjafroc`]) instead.

use std::fmt::Write;

use super::complete::{plain_id, Complete, MODALITIES};
use crate::study::StudyData;

/// The `.imrmc` text of the study's complete readers (see the module documentation).
pub fn to_imrmc(data: &StudyData) -> String {
    let complete = Complete::of(data);
    let positives = data.cases.iter().filter(|c| c.truth).count();
    let negatives = data.cases.len() - positives;
    let mut out = String::new();
    let _ = writeln!(out, "Lector reader study, exported for iMRMC");
    let _ = writeln!(
        out,
        "Truth 1 = {}, truth 0 = {}; a higher score means more likely {}",
        one_line(&data.positive_label),
        one_line(&data.negative_label),
        one_line(&data.positive_label)
    );
    let _ = writeln!(
        out,
        "Modalities: unaided (AI not shown), aided (AI shown); {} of {} readers rated every case under both",
        complete.readers.len(),
        data.readers.len()
    );
    let _ = writeln!(out, "NR: {}", complete.readers.len());
    let _ = writeln!(out, "N0: {negatives}");
    let _ = writeln!(out, "N1: {positives}");
    let _ = writeln!(out, "NM: {}", MODALITIES.len());
    let _ = writeln!(out, "BEGIN DATA:");
    let cases: Vec<String> = data.cases.iter().map(|c| plain_id(&c.id)).collect();
    for (case, id) in data.cases.iter().zip(&cases) {
        let _ = writeln!(out, "-1,{id},0,{}", u8::from(case.truth));
    }
    for &reader in &complete.readers {
        let reader_id = reader_id(&data.readers[reader].id);
        for modality in MODALITIES {
            for (case, case_id) in cases.iter().enumerate() {
                let score = complete.rating(reader, case, modality);
                let _ = writeln!(out, "{reader_id},{case_id},{},{score}", modality.as_str());
            }
        }
    }
    out
}

/// A reader ID that cannot be taken for the truth reader (`-1` or `truth`).
fn reader_id(id: &str) -> String {
    let id = plain_id(id);
    if id == "-1" || id.eq_ignore_ascii_case("truth") {
        format!("reader_{id}")
    } else {
        id
    }
}

/// Free text on one line that no reader of the format takes for a keyword line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::complete::tests::study;

    #[test]
    fn the_header_gives_the_study_size_before_the_data() {
        let text = to_imrmc(&study());

        let lines: Vec<&str> = text.lines().collect();
        let begin = lines.iter().position(|l| *l == "BEGIN DATA:").unwrap();
        assert_eq!(
            &lines[begin - 4..begin],
            ["NR: 2", "N0: 2", "N1: 2", "NM: 2"]
        );
        assert_eq!(
            &lines[begin + 1..begin + 5],
            ["-1,c1,0,1", "-1,c_2,0,0", "-1,c3,0,1", "-1,c4,0,0"]
        );
        assert_eq!(lines[begin + 5], "r1,c1,unaided,0");
        assert_eq!(lines.len(), begin + 1 + 4 + 2 * 2 * 4);
    }

    #[test]
    fn a_reader_called_truth_is_not_taken_for_the_truth_rows() {
        assert_eq!(reader_id("-1"), "reader_-1");
        assert_eq!(reader_id("Truth"), "reader_Truth");
        assert_eq!(reader_id("r1"), "r1");
    }
}
