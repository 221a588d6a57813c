//! The zip upload ([`import_zip`]): arbitrary bytes, valid zips with hostile entry names and
//! manifest rows, lying size fields, byte flips and truncations.

use crate::common::{assert_refused_clearly, config, options, strays, tiny_png};
use imaging::import::{check_case_id, import_zip, ImportError, PreparedImport};
use imaging::synth::HEADER;
use proptest::collection::vec;
use proptest::prelude::*;
use std::io::Write;
use std::path::Path;
use tempfile::TempDir;
use zip::write::SimpleFileOptions;

/// What a zip entry is.
#[derive(Debug, Clone)]
enum Kind {
    File(Vec<u8>),
    Dir,
    Symlink(String),
}

/// Entry names that try to leave the upload folder, plus ordinary ones.
fn entry_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "../x", "../../x", "/x", "/etc/passwd", "C:\\x", "C:/x", "..\\x", "a/../../x",
            "images/../../x", "images/../images/a.png", "\\\\server\\share\\x", "a\0b",
            "./manifest.csv", "__MACOSX/._manifest.csv", ".DS_Store", "images/", "x/", "",
            "manifest.csv", "images/a.png", "study/manifest.csv", "study/images/a.png",
        ])
        .prop_map(str::to_string),
        1 => "[a-z./\\\\]{1,16}",
        1 => "\\PC{1,12}",
    ]
}

fn entry() -> impl Strategy<Value = (String, Kind)> {
    let kind = prop_oneof![
        4 => vec(any::<u8>(), 0..64).prop_map(Kind::File),
        1 => Just(Kind::Dir),
        1 => prop::sample::select(vec!["../../etc", "/etc/passwd", "images/a.png"])
            .prop_map(|t| Kind::Symlink(t.to_string())),
    ];
    (entry_name(), kind)
}

/// A manifest's rows: mostly valid, with case ids and files that misbehave.
fn manifest_row() -> impl Strategy<Value = String> {
    let id = prop::sample::select(vec![
        "case_1", "case_2", "../../x", "..", ".x", "", "a/b", "a\\b", "CASE_1",
    ]);
    let file = prop::sample::select(vec![
        "images/a.png",
        "images/../../x",
        "/etc/passwd",
        "missing.png",
        "manifest.csv",
        "",
        "images",
    ]);
    let truth = prop::sample::select(vec!["OS", "GCT", "x", ""]);
    (id, file, truth)
        .prop_map(|(id, file, truth)| format!("{id},{file},{truth},40,F,distal_femur,H1,train"))
}

/// A synth-layout zip (manifest, one image) under `prefix`, with mutated rows and extra
/// hostile entries.
fn study_zip() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(vec!["", "study/"]),
        vec(manifest_row(), 0..5),
        vec(entry(), 0..5),
    )
        .prop_map(|(prefix, rows, extra)| {
            let manifest = format!("{HEADER}\n{}\n", rows.join("\n"));
            let mut entries = vec![
                (
                    format!("{prefix}manifest.csv"),
                    Kind::File(manifest.into_bytes()),
                ),
                (format!("{prefix}images/a.png"), Kind::File(tiny_png())),
            ];
            entries.extend(extra);
            build_zip(&entries)
        })
}

/// The entries as a zip; names the zip writer itself refuses are left out.
fn build_zip(entries: &[(String, Kind)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    for (name, kind) in entries {
        match kind {
            Kind::File(bytes) => {
                if writer.start_file(name.as_str(), options).is_ok() {
                    writer.write_all(bytes).unwrap();
                }
            }
            Kind::Dir => {
                let _ = writer.add_directory(name.as_str(), options);
            }
            Kind::Symlink(target) => {
                let _ = writer.add_symlink(name.as_str(), target.as_str(), options);
            }
        }
    }
    writer.finish().unwrap().into_inner()
}

/// Every offset of a zip signature `sig` (little endian) in `bytes`.
fn signatures(bytes: &[u8], sig: u32) -> Vec<usize> {
    let sig = sig.to_le_bytes();
    bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == sig)
        .map(|(i, _)| i)
        .collect()
}

/// Writes `value` into the size fields of every local header (compressed at +18, uncompressed
/// at +22) and central directory header (+20, +24): a zip whose headers lie about its sizes.
fn lie_about_sizes(bytes: &mut [u8], compressed: u32, uncompressed: u32) {
    let local = signatures(bytes, 0x0403_4b50);
    let central = signatures(bytes, 0x0201_4b50);
    let mut put = |at: usize, value: u32| {
        if at + 4 <= bytes.len() {
            bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
        }
    };
    for at in local {
        put(at + 18, compressed);
        put(at + 22, uncompressed);
    }
    for at in central {
        put(at + 20, compressed);
        put(at + 24, uncompressed);
    }
}

/// Imports `bytes` into a fresh folder and checks the outcome: accepted cases have safe ids,
/// a refusal says why, and nothing is written beside the staging folder.
fn import_checked(bytes: &[u8]) -> Result<(), TestCaseError> {
    let tmp = TempDir::new().unwrap();
    let staging = tmp.path().join("staging");

    let result: Result<PreparedImport, ImportError> = import_zip(bytes, &staging, &options());

    match result {
        Ok(prepared) => {
            for case in &prepared.cases {
                prop_assert!(check_case_id(&case.case_id).is_ok(), "{:?}", case.case_id);
                prop_assert!(case_files_inside(&staging, &case.case_id));
            }
        }
        Err(e) => assert_refused_clearly(&e),
    }
    let outside = strays(tmp.path(), "staging");
    prop_assert!(outside.is_empty(), "written outside staging: {outside:?}");
    Ok(())
}

fn case_files_inside(staging: &Path, case_id: &str) -> bool {
    let folder = staging.join(case_id);
    folder
        .canonicalize()
        .is_ok_and(|real| real.starts_with(staging.canonicalize().unwrap()) && real != staging)
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn any_bytes_uploaded_as_a_zip_are_refused_with_a_reason(
        bytes in prop_oneof![
            vec(any::<u8>(), 0..2048),
            // Past the first signature check, into the zip reader proper.
            vec(any::<u8>(), 0..2048).prop_map(|tail| [b"PK\x03\x04".as_slice(), &tail].concat()),
        ]
    ) {
        import_checked(&bytes)?;
    }

    #[test]
    fn a_zip_with_hostile_entries_and_rows_imports_or_is_refused_and_stays_inside_staging(
        bytes in study_zip()
    ) {
        import_checked(&bytes)?;
    }

    #[test]
    fn a_zip_whose_headers_lie_about_sizes_is_refused_or_read_within_the_limits(
        (bytes, compressed, uncompressed) in (study_zip(), any::<u32>(), any::<u32>())
    ) {
        let mut bytes = bytes;
        lie_about_sizes(&mut bytes, compressed, uncompressed);

        import_checked(&bytes)?;
    }

    #[test]
    fn a_zip_with_flipped_bytes_or_cut_short_is_refused_with_a_reason_or_imports(
        (bytes, flips, cut) in (
            study_zip(),
            vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
            prop::option::of(any::<prop::sample::Index>()),
        )
    ) {
        let mut bytes = bytes;
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }

        import_checked(&bytes)?;
    }
}
