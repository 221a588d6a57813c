//! What a failed import hands back: [`ImportError`], and for a refused data set the
//! [`ImportReport`] listing every problem found, one [`RowProblem`] per problem.

use std::fmt;
use std::path::PathBuf;

/// One problem with the data set: where it is, which case, what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based row of the manifest or spreadsheet (the header is row 1); 0 when the problem is
    /// not tied to a row (the upload itself, a zip entry, a missing manifest, too many cases).
    pub row: usize,
    pub case_id: Option<String>,
    /// Lowercase, says what is wrong and how to fix it.
    pub reason: String,
}

impl RowProblem {
    pub fn new(row: usize, case_id: Option<&str>, reason: impl Into<String>) -> Self {
        Self {
            row,
            case_id: case_id.map(str::to_string),
            reason: reason.into(),
        }
    }

    /// A problem with the data set as a whole (row 0, no case).
    pub(crate) fn whole(reason: impl Into<String>) -> Self {
        Self::new(0, None, reason)
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, &self.case_id) {
            (0, None) => write!(f, "{}", self.reason),
            (0, Some(id)) => write!(f, "case {id}: {}", self.reason),
            (row, None) => write!(f, "row {row}: {}", self.reason),
            (row, Some(id)) => write!(f, "row {row} (case {id}): {}", self.reason),
        }
    }
}

/// Every problem found in a refused import, in row order, with what was looked at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub problems: Vec<RowProblem>,
    /// Data rows read (the header not counted).
    pub rows_checked: usize,
    /// Rows left out on purpose and not errors (BTXRD rows of neither tumour class).
    pub skipped: usize,
}

impl ImportReport {
    pub(crate) fn sort(&mut self) {
        self.problems.sort_by_key(|p| p.row);
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} problem{} in {} row{}",
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" },
            self.rows_checked,
            if self.rows_checked == 1 { "" } else { "s" },
        )?;
        for problem in &self.problems {
            write!(f, "\n  {problem}")?;
        }
        Ok(())
    }
}

/// Why an import did not succeed. In every case the staging folder is left empty (or removed
/// if the import created it) and nothing else has been written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The data set has problems; the report lists all of them. Fix them and import again.
    #[error("import refused: {0}")]
    Rejected(ImportReport),
    /// The staging folder already holds files; the import needs an empty or missing folder.
    #[error("{}: the staging folder is not empty; give a new or empty folder", path.display())]
    StagingNotEmpty { path: PathBuf },
    /// Reading the source or writing the staging folder failed for a reason outside the data
    /// set (permissions, disk full).
    #[error("{}: {action} failed", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
}

impl ImportError {
    pub(crate) fn io(
        path: impl Into<PathBuf>,
        action: &'static str,
        source: std::io::Error,
    ) -> Self {
        Self::Io {
            path: path.into(),
            action,
            source,
        }
    }

    /// The report of a refused import, if that is what this is.
    pub fn report(&self) -> Option<&ImportReport> {
        match self {
            Self::Rejected(report) => Some(report),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_lists_every_problem_with_its_row_and_case() {
        let report = ImportReport {
            problems: vec![
                RowProblem::new(3, Some("c2"), "truth 'x' is neither 'OS' nor 'GCT'"),
                RowProblem::whole("no manifest.csv; put it at the root"),
            ],
            rows_checked: 4,
            skipped: 0,
        };
        assert_eq!(
            ImportError::Rejected(report).to_string(),
            "import refused: 2 problems in 4 rows\n  row 3 (case c2): truth 'x' is neither \
             'OS' nor 'GCT'\n  no manifest.csv; put it at the root"
        );
    }
}
