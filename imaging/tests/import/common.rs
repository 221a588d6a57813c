//! Shared arrangements: a small phantom data set made once, copied per test, and helpers to
//! rewrite its manifest and read a refused import's report.

use imaging::import::{ImportError, ImportOptions, ImportReport, PreparedImport};
use imaging::phantom::PhantomConfig;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

/// The import options of an OS-vs-GCT study.
pub fn options() -> ImportOptions {
    ImportOptions::new("OS", "GCT")
}

/// Twelve 96-pixel phantoms written by `synthesize`, made once per test run.
fn phantoms() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        let config = PhantomConfig {
            size: 96,
            ..PhantomConfig::with_total(12, 5)
        };
        imaging::synth::synthesize(&config, dir.path(), |_, _| {}).unwrap();
        dir
    })
    .path()
}

/// A scratch folder holding its own copy of the phantom data set in `data/`, with `staging`
/// (not yet created) beside it.
pub struct Workspace {
    pub tmp: TempDir,
}

impl Workspace {
    pub fn with_phantoms() -> Self {
        let tmp = TempDir::new().unwrap();
        copy_dir(phantoms(), &tmp.path().join("data"));
        Self { tmp }
    }

    pub fn empty() -> Self {
        let tmp = TempDir::new().unwrap();
        std::fs::create_dir(tmp.path().join("data")).unwrap();
        Self { tmp }
    }

    pub fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    pub fn staging(&self) -> PathBuf {
        self.tmp.path().join("staging")
    }

    pub fn manifest(&self) -> String {
        std::fs::read_to_string(self.data().join("manifest.csv")).unwrap()
    }

    pub fn write_manifest(&self, text: &str) {
        std::fs::write(self.data().join("manifest.csv"), text).unwrap();
    }

    /// Rewrites data row `index` (0-based, header excluded) of the manifest with `edit`.
    pub fn edit_row(&self, index: usize, edit: impl FnOnce(&str) -> String) {
        let text = self.manifest();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[index + 1] = edit(&lines[index + 1]);
        self.write_manifest(&(lines.join("\n") + "\n"));
    }

    /// Replaces field `field` (0-based) of data row `index`.
    pub fn set_field(&self, index: usize, field: usize, value: &str) {
        self.edit_row(index, |line| {
            let mut f: Vec<&str> = line.split(',').collect();
            f[field] = value;
            f.join(",")
        });
    }

    pub fn import(&self) -> Result<PreparedImport, ImportError> {
        imaging::import::import_folder(&self.data(), &self.staging(), &options())
    }
}

/// The report of an import that must have been refused.
pub fn refused(result: Result<PreparedImport, ImportError>) -> ImportReport {
    match result {
        Err(ImportError::Rejected(report)) => report,
        Err(other) => panic!("expected a refusal, got {other}"),
        Ok(p) => panic!("expected a refusal, got {} cases", p.cases.len()),
    }
}

/// Asserts `report` has exactly one problem, on `row`, whose reason contains `text`.
pub fn assert_one_problem(report: &ImportReport, row: usize, text: &str) {
    assert_eq!(report.problems.len(), 1, "{report}");
    let problem = &report.problems[0];
    assert_eq!(problem.row, row, "{report}");
    assert!(problem.reason.contains(text), "{report}");
    assert!(
        !problem.reason.starts_with(char::is_uppercase),
        "reasons start lowercase: {report}"
    );
}

/// True when `dir` is missing or empty.
pub fn is_missing_or_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).map_or(true, |mut e| e.next().is_none())
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
