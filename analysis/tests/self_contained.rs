//! The repository is self-contained: no source file reaches for the project's shared folder
//! outside the repo, so a plain clone runs its own tests (the fixtures live in `fixtures/`).

use std::path::{Path, PathBuf};

/// Built from two halves so that this file does not contain the text it looks for.
const NEEDLE: &str = concat!("..", "/shared");

/// Folders that are not the project's sources: build output, installed tools, run data, git's
/// store, and the copied fixtures (whose READMEs say where they came from).
const SKIPPED_DIRS: &[&str] = &[
    "target",
    "node_modules",
    "fixtures",
    "lector-data",
    "test-results",
    "playwright-report",
];

const SOURCE_EXTENSIONS: &[&str] = &["rs", "sh", "ts", "toml"];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("analysis/ has a parent")
        .to_path_buf()
}

fn source_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let entry = entry.unwrap();
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            // Dot folders are .git and local tool installs, never sources.
            if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name.as_ref()) {
                source_files(&path, found);
            }
        } else if kind.is_file()
            && path
                .extension()
                .is_some_and(|ext| SOURCE_EXTENSIONS.contains(&ext.to_string_lossy().as_ref()))
        {
            found.push(path);
        }
    }
}

#[test]
fn no_source_file_reads_the_shared_folder_outside_the_repo() {
    let root = repo_root();
    let mut files = Vec::new();
    source_files(&root, &mut files);

    let offenders: Vec<String> = files
        .iter()
        .filter_map(|path| {
            // Non-UTF-8 files are not sources this check is about.
            let text = std::fs::read_to_string(path).ok()?;
            let lines: Vec<String> = text
                .lines()
                .enumerate()
                .filter(|(_, line)| line.contains(NEEDLE))
                .map(|(i, _)| {
                    format!(
                        "{}:{}",
                        path.strip_prefix(&root).unwrap_or(path).display(),
                        i + 1
                    )
                })
                .collect();
            (!lines.is_empty()).then(|| lines.join("\n"))
        })
        .collect();

    // A walk that found nothing would pass vacuously; this file itself must have been seen.
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("analysis/tests/self_contained.rs")),
        "the walk from {} found no sources",
        root.display()
    );
    assert!(
        offenders.is_empty(),
        "these lines read {NEEDLE} outside the repository; use the in-repo fixtures/ instead:\n{}",
        offenders.join("\n")
    );
}
