//! The manifest CSV, read by `lector predict`/`train` ([`read_manifest`]) and by the importer
//! ([`import_folder`]): arbitrary bytes, and well-formed manifests whose cells are hostile.

use crate::common::{assert_refused_clearly, assert_says_why, config, options, strays, tiny_png};
use imaging::import::{check_case_id, import_folder};
use imaging::synth::{read_manifest, HEADER};
use proptest::collection::vec;
use proptest::prelude::*;
use tempfile::TempDir;

/// Cells a careless or malicious spreadsheet holds, plus valid values so that some rows pass.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "case_1", "case_2", "c.3", "images/a.png", "dicom/a.dcm", "OS", "GCT", "os", "45",
            "045Y", "M", "F", "female", "distal_femur", "proximal_tibia", "H1", "train",
            "internal", "external", "practice",
        ])
        .prop_map(str::to_string),
        3 => prop::sample::select(vec![
            "", " ", "../../x", "../x", "..", ".", ".hidden", "/etc/passwd", "C:\\x", "a/b",
            "images/../../x", "\u{feff}case", "\"", "\"a,b\"", "\"\"\"", "\r", "\0", "NaN",
            "-1", "4294967296", "999999999999999999999", "1e400", "ÿ", "😀",
        ])
        .prop_map(str::to_string),
        2 => "\\PC{0,16}",
        1 => "[a-z0-9_.,\"\\-/\\\\]{0,70}",
    ]
}

/// A header: the real one, its columns in another order or case, or anything.
fn header() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(HEADER.to_string()),
        2 => Just(HEADER.split(',').collect::<Vec<_>>())
            .prop_shuffle()
            .prop_map(|names| names.join(",").to_uppercase()),
        1 => vec(cell(), 0..10).prop_map(|cells| cells.join(",")),
    ]
}

/// A manifest: a header and up to six rows of up to ten hostile cells, with LF or CRLF.
fn manifest_text() -> impl Strategy<Value = String> {
    (header(), vec(vec(cell(), 0..10), 0..6), prop::bool::ANY).prop_map(|(header, rows, crlf)| {
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut text = header;
        for row in rows {
            text.push_str(newline);
            text.push_str(&row.join(","));
        }
        text
    })
}

/// Any bytes at all, or a manifest with hostile cells.
fn manifest_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..1024),
        manifest_text().prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_manifest_is_read_or_refused_with_a_reason_and_every_id_read_is_a_safe_name(
        bytes in manifest_bytes()
    ) {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("manifest.csv");
        std::fs::write(&path, &bytes).unwrap();

        let result = read_manifest(&path);

        match result {
            Ok(manifest) => {
                for row in &manifest.rows {
                    prop_assert!(check_case_id(&row.case_id).is_ok(), "{:?}", row.case_id);
                }
            }
            Err(e) => assert_says_why(&e.to_string()),
        }
    }
}

proptest! {
    // Each case imports a folder (decoding its few images), so fewer of them.
    #![proptest_config(config(96))]

    #[test]
    fn any_manifest_imports_or_is_refused_with_a_reason_and_nothing_lands_outside_staging(
        bytes in manifest_bytes()
    ) {
        let tmp = TempDir::new().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir_all(data.join("images")).unwrap();
        std::fs::create_dir_all(data.join("dicom")).unwrap();
        std::fs::write(data.join("images/a.png"), tiny_png()).unwrap();
        std::fs::copy(crate::common::dicom_fixture("CR1_6154.dcm"), data.join("dicom/a.dcm"))
            .unwrap();
        std::fs::write(data.join("manifest.csv"), &bytes).unwrap();
        let staging = tmp.path().join("staging");

        let result = import_folder(&data, &staging, &options());

        match result {
            Ok(prepared) => {
                for case in &prepared.cases {
                    prop_assert!(check_case_id(&case.case_id).is_ok(), "{:?}", case.case_id);
                }
            }
            Err(e) => assert_refused_clearly(&e),
        }
        let mut outside = strays(tmp.path(), "data");
        outside.retain(|name| name != "staging");
        prop_assert!(outside.is_empty(), "written outside: {outside:?}");
    }
}

#[test]
fn a_manifest_row_with_case_id_climbing_out_of_the_folder_is_refused_by_both_readers() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("images")).unwrap();
    std::fs::write(data.join("images/a.png"), tiny_png()).unwrap();
    std::fs::write(
        data.join("manifest.csv"),
        format!("{HEADER}\n../../x,images/a.png,OS,40,M,distal_femur,H1,train\n"),
    )
    .unwrap();

    let for_predict = read_manifest(&data.join("manifest.csv")).unwrap_err();
    let for_import = import_folder(&data, &tmp.path().join("staging"), &options()).unwrap_err();

    assert!(
        for_predict.to_string().ends_with(
            "row 2: case_id '../../x' starts with a dot; start it with a letter or digit"
        ),
        "{for_predict}"
    );
    assert!(
        for_import
            .to_string()
            .contains("case_id '../../x' starts with a dot"),
        "{for_import}"
    );
}
