//! The manifest importer's reading side: `manifest.csv` in a data set folder, checked row by
//! row into [`Candidate`]s. Columns `case_id`, `file`, `truth` and `split` are required; `age`,
//! `sex`, `location` and `site` are optional and may be empty; any other column is kept as
//! metadata. Header order is free and names match ignoring case. This is the format
//! `lector synth` writes ([`crate::synth::HEADER`]); a mask is taken from
//! `masks/<case_id>.png` when that file exists.

use super::fields::{self, check_case_id, optional, resolve_inside};
use super::{table, Candidate, ImportError, ImportOptions, ImportReport, MaskSource, RowProblem};
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's file name inside the data set folder.
pub(crate) const MANIFEST: &str = "manifest.csv";

const REQUIRED: [&str; 4] = ["case_id", "file", "truth", "split"];
const OPTIONAL: [&str; 4] = ["age", "sex", "location", "site"];

/// Reads and checks `dir/manifest.csv`. Problems with rows go into the report; only failing to
/// open `dir` itself is an error.
pub(crate) fn read(
    dir: &Path,
    opts: &ImportOptions,
) -> Result<(Vec<Candidate>, ImportReport), ImportError> {
    let root = dir
        .canonicalize()
        .map_err(|e| ImportError::io(dir, "opening the data set folder", e))?;
    let mut report = ImportReport::default();
    let manifest = match resolve_inside(&root, MANIFEST, u64::MAX) {
        Ok(path) => path,
        Err(_) => {
            report.problems.push(RowProblem::whole(format!(
                "no {MANIFEST} in the data set folder; put it at the top (or in one top-level folder of a zip)"
            )));
            return Ok((Vec::new(), report));
        }
    };
    let rows = match table::read(&manifest, MANIFEST) {
        Ok(rows) => rows,
        Err(reason) => {
            report.problems.push(RowProblem::new(1, None, reason));
            return Ok((Vec::new(), report));
        }
    };
    let Some(((_, header), body)) = rows.split_first() else {
        report.problems.push(RowProblem::new(
            1,
            None,
            format!("{MANIFEST} is empty; add a header and one row per case"),
        ));
        return Ok((Vec::new(), report));
    };
    let columns = match Columns::from_header(header) {
        Ok(columns) => columns,
        Err(reasons) => {
            report.rows_checked = body.len();
            report
                .problems
                .extend(reasons.into_iter().map(|r| RowProblem::new(1, None, r)));
            return Ok((Vec::new(), report));
        }
    };
    let mut candidates = Vec::new();
    for (row, cells) in body {
        report.rows_checked += 1;
        match columns.candidate(*row, cells, &root, opts) {
            Ok(c) => candidates.push(c),
            Err(problems) => report.problems.extend(problems),
        }
    }
    Ok((candidates, report))
}

/// A check's outcome without its value.
fn status<T>(result: &Result<T, String>) -> Result<(), String> {
    result.as_ref().map(|_| ()).map_err(String::clone)
}

/// Where each column is.
struct Columns {
    names: Vec<String>,
    index: BTreeMap<&'static str, usize>,
}

impl Columns {
    fn from_header(header: &[String]) -> Result<Self, Vec<String>> {
        let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let mut index = BTreeMap::new();
        let mut reasons = Vec::new();
        for known in REQUIRED.iter().chain(&OPTIONAL) {
            let at: Vec<usize> = (0..names.len())
                .filter(|&i| names[i].eq_ignore_ascii_case(known))
                .collect();
            match at.as_slice() {
                [] if REQUIRED.contains(known) => reasons.push(format!(
                    "the header has no '{known}' column; the manifest needs {}",
                    REQUIRED.join(", ")
                )),
                [] => {}
                [i] => {
                    index.insert(*known, *i);
                }
                _ => reasons.push(format!(
                    "the header has {} '{known}' columns; keep one",
                    at.len()
                )),
            }
        }
        reasons
            .is_empty()
            .then_some(Self { names, index })
            .ok_or(reasons)
    }

    fn get<'a>(&self, cells: &'a [String], name: &str) -> &'a str {
        self.index
            .get(name)
            .and_then(|&i| cells.get(i))
            .map_or("", String::as_str)
    }

    /// Checks one row; every problem in it is reported, not just the first.
    fn candidate(
        &self,
        row: usize,
        cells: &[String],
        root: &Path,
        opts: &ImportOptions,
    ) -> Result<Candidate, Vec<RowProblem>> {
        let case_id = self.get(cells, "case_id").trim().to_string();
        let id = (!case_id.is_empty()).then_some(case_id.as_str());
        let problem = |reason: String| RowProblem::new(row, id, reason);
        if cells.len() != self.names.len() {
            return Err(vec![problem(format!(
                "the row has {} fields but the header has {}; quote values that contain commas",
                cells.len(),
                self.names.len()
            ))]);
        }
        let mut problems = Vec::new();
        let mut check = |result: Result<(), String>| {
            if let Err(reason) = result {
                problems.push(problem(reason));
            }
        };
        check(check_case_id(&case_id));
        let file = self.get(cells, "file").trim().to_string();
        let image = resolve_inside(root, &file, opts.max_image_bytes);
        check(status(&image));
        let truth_label = self.get(cells, "truth").trim().to_string();
        let truth = fields::parse_truth(&truth_label, &opts.positive_label, &opts.negative_label);
        check(status(&truth));
        let age = fields::parse_age(self.get(cells, "age"));
        check(status(&age));
        let sex = fields::parse_sex(self.get(cells, "sex"));
        check(status(&sex));
        let split = fields::parse_split(self.get(cells, "split"));
        check(status(&split));
        let mask = if check_case_id(&case_id).is_ok() {
            let rel = format!("masks/{case_id}.png");
            if root.join(&rel).symlink_metadata().is_ok() {
                let path = resolve_inside(root, &rel, opts.max_image_bytes);
                check(status(&path));
                path.map(|path| MaskSource::Png { path, name: rel }).ok()
            } else {
                Some(MaskSource::None)
            }
        } else {
            None
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let known: Vec<usize> = self.index.values().copied().collect();
        let metadata = self
            .names
            .iter()
            .zip(cells)
            .enumerate()
            .filter(|(i, _)| !known.contains(i))
            .map(|(_, (name, value))| (name.clone(), value.trim().to_string()))
            .collect();
        // Every Result is Ok here: an Err would have added a problem above.
        Ok(Candidate {
            row,
            case_id,
            truth: truth.unwrap_or_default(),
            truth_label,
            age: age.unwrap_or_default(),
            sex: sex.unwrap_or_default(),
            location: optional(self.get(cells, "location")),
            site: optional(self.get(cells, "site")),
            split: split.unwrap_or(crate::phantom::Split::Internal),
            metadata,
            source_file: file,
            image: image.unwrap_or_default(),
            mask: mask.unwrap_or(MaskSource::None),
        })
    }
}
