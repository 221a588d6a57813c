//! Validation of long-format reads: every problem is reported with its row, nothing is half-read.

use analysis::input::{read_csv_bytes, read_csv_path};
use analysis::AnalysisError;

const HEADER: &str = "reader_id,modality,case_id,truth,rating\n";

fn parse(body: &str) -> Result<analysis::Reads, AnalysisError> {
    read_csv_bytes(format!("{HEADER}{body}").as_bytes())
}

/// Two readers × two modalities × three cases, fully crossed.
fn crossed() -> String {
    let mut s = String::new();
    for m in ["unaided", "aided"] {
        for r in ["r2", "r1"] {
            for (c, t, x) in [("c1", 1, 4), ("c2", 0, 2), ("c3", 1, 5)] {
                s.push_str(&format!("{r},{m},{c},{t},{x}\n"));
            }
        }
    }
    s
}

#[test]
fn ids_keep_their_order_of_first_appearance() {
    let reads = parse(&crossed()).unwrap();

    assert_eq!(reads.modalities(), ["unaided", "aided"]);
    assert_eq!(reads.readers(), ["r2", "r1"]);
    assert_eq!(reads.cases(), ["c1", "c2", "c3"]);
    assert_eq!(reads.truth(), [true, false, true]);
}

#[test]
fn a_non_numeric_rating_names_its_row() {
    let body = crossed().replacen("c2,0,2", "c2,0,abc", 1);

    let err = parse(&body).unwrap_err().to_string();

    assert_eq!(err, "row 3: rating 'abc' is not a number");
}

#[test]
fn a_truth_other_than_zero_or_one_is_refused() {
    let err = parse("r1,m1,c1,2,3\n").unwrap_err();

    assert!(matches!(err, AnalysisError::Row { row: 2, .. }), "{err}");
}

#[test]
fn a_case_with_two_truths_names_both_rows() {
    let body = format!("{}r9,unaided,c1,0,3\n", crossed());

    let err = parse(&body).unwrap_err();

    assert!(
        matches!(
            err,
            AnalysisError::InconsistentTruth {
                row: 14,
                first_row: 2,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_duplicated_reading_names_both_rows() {
    let body = format!("{}r1,aided,c3,1,1\n", crossed());

    let err = parse(&body).unwrap_err();

    assert!(
        matches!(
            err,
            AnalysisError::DuplicateReading {
                row: 14,
                first_row: 13,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_missing_reading_names_reader_modality_and_cases() {
    let body: String = crossed()
        .lines()
        .filter(|l| *l != "r1,aided,c2,0,2")
        .map(|l| format!("{l}\n"))
        .collect();

    let err = parse(&body).unwrap_err().to_string();

    assert!(
        err.contains("reader 'r1'") && err.contains("modality 'aided'") && err.contains("'c2'"),
        "{err}"
    );
}

#[test]
fn only_one_truth_class_is_refused() {
    let err = parse("r1,m1,c1,1,3\nr1,m1,c2,1,4\n").unwrap_err();

    assert!(matches!(err, AnalysisError::TooFew { .. }), "{err}");
}

#[test]
fn a_missing_column_is_named() {
    let err = read_csv_bytes(b"reader_id,modality,case_id,truth\nr1,m1,c1,1\n").unwrap_err();

    assert!(
        matches!(err, AnalysisError::MissingColumn(ref c) if c == "rating"),
        "{err}"
    );
}

#[test]
fn an_empty_id_names_its_row() {
    let err = parse("r1,m1,c1,1,3\n,m1,c2,0,4\n").unwrap_err().to_string();

    assert!(err.starts_with("row 3: reader_id is empty"), "{err}");
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    assert!(read_csv_path("/nonexistent/reads.csv").is_err());
}
