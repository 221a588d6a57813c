//! Importing an uploaded zip: the synth layout at the root or in one folder, and the guards.

use crate::common::{assert_one_problem, is_missing_or_empty, options, refused, Workspace};
use imaging::import::{import_zip, import_zip_file, ImportOptions};
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;

/// The files under `dir` as a zip, each name prefixed with `prefix`.
fn zip_folder(dir: &Path, prefix: &str) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(dir).unwrap().to_str().unwrap();
            writer
                .start_file(format!("{prefix}{rel}"), SimpleFileOptions::default())
                .unwrap();
            writer.write_all(&std::fs::read(&path).unwrap()).unwrap();
        }
    }
    writer.finish().unwrap().into_inner()
}

/// A zip of the given (name, bytes) entries.
fn zip_entries(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer
            .start_file(*name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_zip_of_the_synth_folder_imports_like_the_folder_itself() {
    let ws = Workspace::with_phantoms();
    let bytes = zip_folder(&ws.data(), "phantoms/");

    let from_zip = import_zip(&bytes, &ws.staging(), &options()).unwrap();
    let from_folder =
        imaging::import::import_folder(&ws.data(), &ws.tmp.path().join("folder"), &options())
            .unwrap();

    assert_eq!(from_zip.cases, from_folder.cases);
    assert!(
        !ws.staging().join(".upload").exists(),
        "the unpacked upload is removed"
    );
    let staged: Vec<_> = std::fs::read_dir(ws.staging()).unwrap().collect();
    assert_eq!(staged.len(), 12);
}

#[test]
fn a_zip_with_the_manifest_at_its_root_imports_from_a_file_too() {
    let ws = Workspace::with_phantoms();
    let zip_path = ws.tmp.path().join("upload.zip");
    std::fs::write(&zip_path, zip_folder(&ws.data(), "")).unwrap();

    let prepared = import_zip_file(&zip_path, &ws.staging(), &options()).unwrap();

    assert_eq!(prepared.cases.len(), 12);
}

#[test]
fn zip_entries_that_would_land_outside_the_folder_are_refused_and_nothing_is_written() {
    let ws = Workspace::empty();
    let bytes = zip_entries(&[
        ("manifest.csv", b"case_id,file,truth,split\n"),
        ("../evil.png", b"x"),
        ("/etc/evil.png", b"x"),
        ("images/../../evil.png", b"x"),
    ]);

    let report = refused(import_zip(&bytes, &ws.staging(), &options()));

    let reasons: Vec<&str> = report.problems.iter().map(|p| p.reason.as_str()).collect();
    assert_eq!(reasons.len(), 3, "{report}");
    assert!(reasons[0].starts_with("zip entry '../evil.png' leaves the upload folder"));
    assert!(reasons[1].starts_with("zip entry '/etc/evil.png' is an absolute path"));
    assert!(reasons[2].contains("leaves the upload folder"));
    assert!(!ws.tmp.path().join("evil.png").exists());
    assert!(is_missing_or_empty(&ws.staging()));
}

#[test]
fn a_symlink_entry_is_refused() {
    let ws = Workspace::empty();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer
        .add_symlink("images/a.png", "/etc/passwd", SimpleFileOptions::default())
        .unwrap();
    let bytes = writer.finish().unwrap().into_inner();

    let report = refused(import_zip(&bytes, &ws.staging(), &options()));

    assert_one_problem(&report, 0, "zip entry 'images/a.png' is a symbolic link");
}

#[test]
fn a_zip_bomb_is_stopped_at_the_unpacked_limit() {
    let ws = Workspace::empty();
    let zeros = vec![0u8; 20_000_000];
    let bytes = zip_entries(&[("manifest.csv", b"x"), ("images/bomb.png", &zeros)]);
    assert!(
        bytes.len() < 100_000,
        "20 MB of zeros deflate to {} bytes",
        bytes.len()
    );
    let opts = ImportOptions {
        max_unpacked_bytes: 5_000_000,
        ..options()
    };

    let report = refused(import_zip(&bytes, &ws.staging(), &opts));

    assert_one_problem(&report, 0, "the zip unpacks to more than 5.0 MB");
    assert!(is_missing_or_empty(&ws.staging()));
}

#[test]
fn too_many_zip_entries_are_refused() {
    let ws = Workspace::empty();
    let names: Vec<String> = (0..30).map(|i| format!("f{i}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let opts = ImportOptions {
        max_zip_entries: 20,
        ..options()
    };

    let report = refused(import_zip(&zip_entries(&entries), &ws.staging(), &opts));

    assert_one_problem(
        &report,
        0,
        "the zip holds 30 entries, more than the 20 allowed",
    );
}

#[test]
fn an_over_size_upload_is_refused_before_it_is_opened() {
    let ws = Workspace::empty();
    let opts = ImportOptions {
        max_upload_bytes: 10,
        ..options()
    };

    let report = refused(import_zip(&[0u8; 11], &ws.staging(), &opts));

    assert_one_problem(
        &report,
        0,
        "the upload is 11 bytes, more than the 10 bytes allowed",
    );
}

#[test]
fn bytes_that_are_not_a_zip_are_refused() {
    let ws = Workspace::empty();

    let report = refused(import_zip(
        b"definitely not a zip",
        &ws.staging(),
        &options(),
    ));

    assert_one_problem(&report, 0, "the upload is not a readable zip");
}

#[test]
fn a_zip_without_a_manifest_says_where_it_belongs() {
    let ws = Workspace::empty();
    let bytes = zip_entries(&[("a/manifest.csv", b""), ("b/manifest.csv", b"")]);

    let report = refused(import_zip(&bytes, &ws.staging(), &options()));

    assert_one_problem(
        &report,
        0,
        "no manifest.csv at its root or in a single top-level folder",
    );
    assert!(is_missing_or_empty(&ws.staging()));
}

#[test]
fn row_problems_inside_a_zip_are_reported_like_a_folders() {
    let ws = Workspace::with_phantoms();
    ws.set_field(2, 2, "Ewing");
    let bytes = zip_folder(&ws.data(), "study/");

    let report = refused(import_zip(&bytes, &ws.staging(), &options()));

    assert_one_problem(&report, 4, "truth 'Ewing' is neither 'OS' nor 'GCT'");
    assert!(is_missing_or_empty(&ws.staging()));
}
