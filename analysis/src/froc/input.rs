//! Reading a localization study from the tool-neutral pair of CSV files RJafroc's FROC data
//! export to (`fixtures/froc/`):
//! - `truth.csv`: `case,is_abnormal,lesion_id,weight`; a normal case has one row with lesion_id 0,
//!   an abnormal case one row per lesion (lesion_id 1, 2, …, weights summing to 1).
//! - `marks.csv`: `reader,modality,case,kind,lesion_id,rating`; one row per mark, `NL` (lesion_id 0
//!   or empty) or `LL` (the lesion's id). An unmarked lesion or case has no row. When a lesion has
//!   two LL rows the higher rating counts.
//!
//! Readers and modalities keep their order of first appearance; every reader is taken to have
//! read every case under every modality (a reading without a single mark is an answer). Errors
//! name the file and the spreadsheet row (the header is row 1).

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use polars::prelude::{DataFrame, SerReader};

use super::data::{CaseMarks, Lesion, Localization, LocalizationTruth};
use crate::error::{AnalysisError, Result};
use crate::input::text_options;

const TRUTH: &str = "truth.csv";
const MARKS: &str = "marks.csv";
const TRUTH_HEADER: &str = "case,is_abnormal,lesion_id,weight";
const MARKS_HEADER: &str = "reader,modality,case,kind,lesion_id,rating";

/// Reads and validates a localization study from its marks and truth files.
///
/// # Errors
/// `Csv` when a file cannot be parsed, `MissingColumnIn`, `RowIn` for a value that cannot be
/// used, and the errors of [`LocalizationTruth::new`] and [`Localization::new`].
pub fn read_paths(marks: impl AsRef<Path>, truth: impl AsRef<Path>) -> Result<Localization> {
    let frame = |path: &Path| {
        text_options()
            .try_into_reader_with_file_path(Some(path.to_path_buf()))?
            .finish()
            .map_err(AnalysisError::from)
    };
    let truth = truth_from_frame(&frame(truth.as_ref())?)?;
    marks_from_frame(&frame(marks.as_ref())?, truth)
}

/// As [`read_paths`], from the files' bytes.
///
/// # Errors
/// As [`read_paths`].
pub fn read_bytes(marks: &[u8], truth: &[u8]) -> Result<Localization> {
    let frame = |bytes: &[u8]| {
        text_options()
            .into_reader_with_file_handle(Cursor::new(bytes.to_vec()))
            .finish()
            .map_err(AnalysisError::from)
    };
    let truth = truth_from_frame(&frame(truth)?)?;
    marks_from_frame(&frame(marks)?, truth)
}

fn columns<const N: usize>(
    frame: &DataFrame,
    names: [&str; N],
    file: &'static str,
    header: &'static str,
) -> Result<[Vec<Option<String>>; N]> {
    let mut out = Vec::with_capacity(N);
    for name in names {
        let column = frame
            .column(name)
            .map_err(|_| AnalysisError::MissingColumnIn {
                file,
                column: name.to_string(),
                header,
            })?;
        let text = column.str()?;
        out.push(
            text.iter()
                .map(|v| v.map(|s| s.trim().to_string()))
                .collect(),
        );
    }
    Ok(out.try_into().expect("one vector per name"))
}

fn required<'a>(
    v: &'a Option<String>,
    name: &str,
    file: &'static str,
    row: usize,
) -> Result<&'a str> {
    match v.as_deref() {
        Some(s) if !s.is_empty() => Ok(s),
        _ => Err(AnalysisError::RowIn {
            file,
            row,
            message: format!("{name} is empty"),
        }),
    }
}

fn number(text: &str, name: &str, file: &'static str, row: usize) -> Result<f64> {
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| AnalysisError::RowIn {
            file,
            row,
            message: format!("{name} '{text}' is not a number"),
        })
}

fn lesion_id(text: &str, file: &'static str, row: usize) -> Result<u32> {
    text.parse::<u32>().map_err(|_| AnalysisError::RowIn {
        file,
        row,
        message: format!("lesion_id '{text}' is not a whole number (0 for none)"),
    })
}

fn truth_from_frame(frame: &DataFrame) -> Result<LocalizationTruth> {
    let [case, abnormal, lesion, weight] = columns(
        frame,
        ["case", "is_abnormal", "lesion_id", "weight"],
        TRUTH,
        TRUTH_HEADER,
    )?;
    let mut cases: Vec<String> = Vec::new();
    let mut lesions: Vec<Vec<Lesion>> = Vec::new();
    let mut index: HashMap<String, (usize, bool, usize)> = HashMap::new();
    for i in 0..frame.height() {
        let row = i + 2;
        let id = required(&case[i], "case", TRUTH, row)?;
        let is_abnormal = match required(&abnormal[i], "is_abnormal", TRUTH, row)? {
            "0" => false,
            "1" => true,
            other => {
                return Err(AnalysisError::RowIn {
                    file: TRUTH,
                    row,
                    message: format!("is_abnormal '{other}' is not 0 or 1"),
                })
            }
        };
        let lesion = lesion_id(required(&lesion[i], "lesion_id", TRUTH, row)?, TRUTH, row)?;
        let &mut (k, first_abnormal, first_row) =
            index.entry(id.to_string()).or_insert_with(|| {
                cases.push(id.to_string());
                lesions.push(Vec::new());
                (cases.len() - 1, is_abnormal, row)
            });
        let fail = |message: String| AnalysisError::RowIn {
            file: TRUTH,
            row,
            message,
        };
        if first_abnormal != is_abnormal {
            return Err(fail(format!(
                "case '{id}' is_abnormal {} but row {first_row} says {}",
                u8::from(is_abnormal),
                u8::from(first_abnormal)
            )));
        }
        match (is_abnormal, lesion) {
            (false, 0) if first_row == row => {}
            (false, 0) => return Err(fail(format!("normal case '{id}' is listed twice"))),
            (false, _) => {
                return Err(fail(format!(
                    "normal case '{id}' has lesion_id {lesion}; a normal case has lesion_id 0"
                )))
            }
            (true, 0) => {
                return Err(fail(format!(
                    "abnormal case '{id}' has lesion_id 0; number its lesions 1, 2, …"
                )))
            }
            (true, _) => {
                let w = number(
                    required(&weight[i], "weight", TRUTH, row)?,
                    "weight",
                    TRUTH,
                    row,
                )?;
                lesions[k].push(Lesion {
                    id: lesion,
                    weight: w,
                });
            }
        }
    }
    LocalizationTruth::new(cases, lesions)
}

fn intern(ids: &mut Vec<String>, id: &str) -> usize {
    ids.iter().position(|x| x == id).unwrap_or_else(|| {
        ids.push(id.to_string());
        ids.len() - 1
    })
}

fn marks_from_frame(frame: &DataFrame, truth: LocalizationTruth) -> Result<Localization> {
    let [reader, modality, case, kind, lesion, rating] = columns(
        frame,
        ["reader", "modality", "case", "kind", "lesion_id", "rating"],
        MARKS,
        MARKS_HEADER,
    )?;
    let case_index: HashMap<&str, usize> = truth
        .cases()
        .iter()
        .enumerate()
        .map(|(k, c)| (c.as_str(), k))
        .collect();
    let (mut readers, mut modalities) = (Vec::new(), Vec::new());
    // (modality, reader) → the marks of every case, filled as rows arrive.
    let mut readings: HashMap<(usize, usize), Vec<CaseMarks>> = HashMap::new();
    let blank = |k: usize| CaseMarks {
        nl: Vec::new(),
        ll: vec![f64::NEG_INFINITY; truth.lesions(k).len()],
    };
    for i in 0..frame.height() {
        let row = i + 2;
        let fail = |message: String| AnalysisError::RowIn {
            file: MARKS,
            row,
            message,
        };
        let j = intern(&mut readers, required(&reader[i], "reader", MARKS, row)?);
        let m = intern(
            &mut modalities,
            required(&modality[i], "modality", MARKS, row)?,
        );
        let id = required(&case[i], "case", MARKS, row)?;
        let &k = case_index
            .get(id)
            .ok_or_else(|| fail(format!("case '{id}' is not in {TRUTH}")))?;
        let x = number(
            required(&rating[i], "rating", MARKS, row)?,
            "rating",
            MARKS,
            row,
        )?;
        let lesion_text = lesion[i].as_deref().unwrap_or("");
        let marks = &mut readings
            .entry((m, j))
            .or_insert_with(|| (0..truth.cases().len()).map(blank).collect())[k];
        match required(&kind[i], "kind", MARKS, row)?
            .to_ascii_uppercase()
            .as_str()
        {
            "NL" => {
                if !lesion_text.is_empty() && lesion_id(lesion_text, MARKS, row)? != 0 {
                    return Err(fail(format!(
                        "an NL mark has lesion_id {lesion_text}; NL marks have lesion_id 0"
                    )));
                }
                marks.nl.push(x);
            }
            "LL" => {
                let id_num = lesion_id(lesion_text, MARKS, row)?;
                let l = truth
                    .lesions(k)
                    .iter()
                    .position(|l| l.id == id_num)
                    .ok_or_else(|| {
                        fail(format!("case '{id}' has no lesion {id_num} in {TRUTH}"))
                    })?;
                marks.ll[l] = marks.ll[l].max(x);
            }
            other => return Err(fail(format!("kind '{other}' is not NL or LL"))),
        }
    }
    let (t, r) = (modalities.len(), readers.len());
    let mut all = Vec::with_capacity(t * r * truth.cases().len());
    for m in 0..t {
        for j in 0..r {
            match readings.remove(&(m, j)) {
                Some(marks) => all.extend(marks),
                None => all.extend((0..truth.cases().len()).map(blank)),
            }
        }
    }
    Localization::new(truth, readers, modalities, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUTH_CSV: &str =
        "case,is_abnormal,lesion_id,weight\n1,0,0,0\n2,0,0,0\n3,1,1,1\n4,1,1,0.5\n4,1,2,0.5\n";

    #[test]
    fn unmarked_lesions_and_cases_read_as_minus_infinity() {
        let marks = "reader,modality,case,kind,lesion_id,rating\nA,X,1,NL,0,2\nA,X,4,LL,2,3\n";

        let study = read_bytes(marks.as_bytes(), TRUTH_CSV.as_bytes()).unwrap();

        let reading = study.reading(0, 0);
        assert_eq!(reading[0].nl, vec![2.0]);
        assert_eq!(reading[2].ll, vec![f64::NEG_INFINITY]);
        assert_eq!(reading[3].ll, vec![f64::NEG_INFINITY, 3.0]);
    }

    #[test]
    fn the_higher_of_two_marks_on_one_lesion_counts() {
        let marks = "reader,modality,case,kind,lesion_id,rating\nA,X,3,LL,1,2\nA,X,3,LL,1,4\nA,X,3,LL,1,1\n";

        let study = read_bytes(marks.as_bytes(), TRUTH_CSV.as_bytes()).unwrap();

        assert_eq!(study.reading(0, 0)[2].ll, vec![4.0]);
    }

    #[test]
    fn a_mark_on_a_lesion_the_case_does_not_have_names_its_row() {
        let marks = "reader,modality,case,kind,lesion_id,rating\nA,X,3,LL,1,2\nA,X,3,LL,2,4\n";

        let err = read_bytes(marks.as_bytes(), TRUTH_CSV.as_bytes()).unwrap_err();

        assert!(err.to_string().contains("marks.csv, row 3"), "{err}");
        assert!(err.to_string().contains("no lesion 2"), "{err}");
    }

    #[test]
    fn a_case_missing_from_the_truth_is_refused() {
        let marks = "reader,modality,case,kind,lesion_id,rating\nA,X,9,NL,0,2\n";

        let err = read_bytes(marks.as_bytes(), TRUTH_CSV.as_bytes()).unwrap_err();

        assert!(
            err.to_string().contains("case '9' is not in truth.csv"),
            "{err}"
        );
    }

    #[test]
    fn weights_that_do_not_sum_to_one_are_refused() {
        let truth = "case,is_abnormal,lesion_id,weight\n1,0,0,0\n2,1,1,0.5\n2,1,2,0.4\n";

        let err = read_bytes(
            b"reader,modality,case,kind,lesion_id,rating\n",
            truth.as_bytes(),
        )
        .unwrap_err();

        assert!(err.to_string().contains("sum to 0.9"), "{err}");
    }

    #[test]
    fn a_missing_column_names_the_file_and_its_header() {
        let err =
            read_bytes(b"reader,modality,case,kind,rating\n", TRUTH_CSV.as_bytes()).unwrap_err();

        assert!(
            err.to_string()
                .starts_with("marks.csv: missing column 'lesion_id'"),
            "{err}"
        );
    }
}
