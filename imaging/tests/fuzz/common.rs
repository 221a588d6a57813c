//! What the property tests share: the deterministic proptest configuration, the real fixture
//! files, and the checks that a refusal says something.

use imaging::import::{ImportError, ImportOptions};
use proptest::test_runner::{Config, RngSeed};
use std::path::{Path, PathBuf};

/// `cases` inputs from a fixed seed, with no failure persistence file: CI sees the same inputs
/// on every run, and a failure is turned into a named regression test rather than a file.
pub fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x4c45_4354_4f52),
        // Shrinking big byte vectors can take long; a few hundred steps find a small input.
        max_shrink_iters: 512,
        ..Config::default()
    }
}

/// A file of the repository's DICOM fixtures (`fixtures/dicom/` at the repo root).
pub fn dicom_fixture(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/dicom")).join(name)
}

/// The import options of an OS-vs-GCT study, with limits small enough that a hostile input
/// reaches them quickly.
pub fn options() -> ImportOptions {
    ImportOptions {
        max_cases: 20,
        max_upload_bytes: 1_000_000,
        max_unpacked_bytes: 2_000_000,
        max_zip_entries: 64,
        max_image_bytes: 1_000_000,
        threads: 1,
        ..ImportOptions::new("OS", "GCT")
    }
}

/// Panics unless `message` says something.
pub fn assert_says_why(message: &str) {
    assert!(!message.trim().is_empty(), "an error with an empty message");
}

/// Panics unless a failed import explains itself: a refusal lists at least one problem and
/// every problem has a reason.
pub fn assert_refused_clearly(error: &ImportError) {
    assert_says_why(&error.to_string());
    if let Some(report) = error.report() {
        assert!(!report.problems.is_empty(), "a refusal without a problem");
        for problem in &report.problems {
            assert_says_why(&problem.reason);
        }
    }
}

/// The entries of `dir` other than `keep`: whatever an import wrote outside its staging folder.
pub fn strays(dir: &Path, keep: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != keep)
        .collect()
}

/// A small grey PNG, the kind of image a manifest row points at.
pub fn tiny_png() -> Vec<u8> {
    let image: image::ImageBuffer<image::Luma<u8>, Vec<u8>> =
        image::ImageBuffer::from_fn(8, 8, |x, y| image::Luma([(x * 30 + y) as u8]));
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}
