//! Importing a manifest folder: the good synth folder, and each way a data set is refused.

use crate::common::{assert_one_problem, is_missing_or_empty, options, refused, Workspace};
use imaging::import::{import_folder, ImportError, ImportOptions};
use imaging::phantom::Split;
use imaging::synth::read_manifest;

#[test]
fn a_synth_folder_imports_every_case_with_its_facts_and_derived_files() {
    let ws = Workspace::with_phantoms();
    let manifest = read_manifest(&ws.data().join("manifest.csv")).unwrap();

    let prepared = ws.import().unwrap();

    assert_eq!(prepared.cases.len(), 12);
    assert_eq!(prepared.report.rows_checked, 12);
    for (case, row) in prepared.cases.iter().zip(&manifest.rows) {
        assert_eq!(case.case_id, row.case_id);
        assert_eq!(case.truth, row.truth.label() == "OS");
        assert_eq!(case.truth_label, row.truth.label());
        assert_eq!(case.age, Some(row.age));
        assert_eq!(case.sex.as_deref(), Some(row.sex.label()));
        assert_eq!(case.location.as_deref(), Some(row.location.label()));
        assert_eq!(case.site.as_deref(), Some(row.site.as_str()));
        assert_eq!(case.split, row.split);
        assert_eq!((case.width, case.height, case.bits_stored), (96, 96, 8));
        assert!(case.metadata.is_empty() && case.windows.is_empty());
        let file = |rel: &std::path::Path| prepared.staging.join(rel);
        assert_eq!(
            std::fs::read(file(&case.files.original)).unwrap(),
            std::fs::read(ws.data().join(&row.file)).unwrap()
        );
        assert!(case.files.original.ends_with("original.png"));
        let display = image::open(file(&case.files.display)).unwrap();
        assert_eq!((display.width(), display.height()), (96, 96));
        assert!(file(&case.files.thumb).is_file());
        let mask = image::open(file(case.files.mask.as_ref().unwrap()))
            .unwrap()
            .to_luma8();
        assert!(
            mask.pixels().any(|p| p.0[0] == 255),
            "the lesion is in the mask"
        );
        assert!(mask.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
    }
}

#[test]
fn columns_may_come_in_any_order_with_extra_ones_kept_and_optional_ones_empty() {
    let ws = Workspace::with_phantoms();
    let first = ws.manifest().lines().nth(1).unwrap().to_string();
    let f: Vec<&str> = first.split(',').collect();
    ws.write_manifest(&format!(
        "Split,scanner,TRUTH,file,case_id,age,sex,location,site\n{},Fuji CR,os,{},{},,,,\n",
        f[7], f[1], f[0]
    ));

    let prepared = ws.import().unwrap();

    let case = &prepared.cases[0];
    assert_eq!(case.case_id, f[0]);
    assert!(case.truth);
    assert_eq!(case.truth_label, "os");
    assert_eq!(
        (case.age, case.sex.clone(), case.location.clone()),
        (None, None, None)
    );
    assert_eq!(
        case.metadata.get("scanner").map(String::as_str),
        Some("Fuji CR")
    );
}

#[test]
fn a_row_with_the_wrong_field_count_is_reported_with_its_row_number() {
    let ws = Workspace::with_phantoms();
    ws.edit_row(2, |line| format!("{line},extra"));

    let report = refused(ws.import());

    assert_one_problem(&report, 4, "the row has 9 fields but the header has 8");
}

#[test]
fn an_unknown_truth_label_is_reported_with_the_two_allowed_labels() {
    let ws = Workspace::with_phantoms();
    ws.set_field(0, 2, "Ewing");

    let report = refused(ws.import());

    assert_one_problem(&report, 2, "truth 'Ewing' is neither 'OS' nor 'GCT'");
}

#[test]
fn a_bad_age_sex_and_split_are_each_reported() {
    let ws = Workspace::with_phantoms();
    ws.set_field(3, 3, "forty");
    ws.set_field(3, 4, "X");
    ws.set_field(3, 7, "test");

    let report = refused(ws.import());

    let reasons: Vec<&str> = report.problems.iter().map(|p| p.reason.as_str()).collect();
    assert_eq!(reasons.len(), 3, "{report}");
    assert!(reasons[0].starts_with("age 'forty' is not a whole number"));
    assert!(reasons[1].starts_with("sex 'X' is not M or F"));
    assert!(
        reasons[2].starts_with("split 'test' is not one of train, internal, external, practice")
    );
    assert!(report.problems.iter().all(|p| p.row == 5));
}

#[test]
fn a_missing_file_is_reported_with_its_path() {
    let ws = Workspace::with_phantoms();
    ws.set_field(1, 1, "images/nowhere.png");

    let report = refused(ws.import());

    assert_one_problem(&report, 3, "file 'images/nowhere.png' does not exist");
}

#[test]
fn a_duplicate_case_id_rejects_the_whole_import() {
    let ws = Workspace::with_phantoms();
    let first_id = ws
        .manifest()
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string();
    ws.set_field(5, 0, &first_id.to_uppercase());

    let result = ws.import();

    let report = refused(result);
    assert_one_problem(&report, 7, "is already used on row 2");
    assert_eq!(
        report.problems[0].case_id.as_deref(),
        Some(first_id.to_uppercase().as_str())
    );
    assert!(is_missing_or_empty(&ws.staging()));
}

#[test]
fn paths_leaving_the_folder_are_refused_whether_by_dots_absolute_or_symlink() {
    let ws = Workspace::with_phantoms();
    let outside = ws.tmp.path().join("outside.png");
    std::fs::copy(
        ws.data()
            .join("masks")
            .read_dir()
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
        &outside,
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, ws.data().join("images/link.png")).unwrap();
    ws.set_field(0, 1, "../outside.png");
    ws.set_field(1, 1, outside.to_str().unwrap());
    ws.set_field(2, 1, "images/link.png");

    let report = refused(ws.import());

    let reasons: Vec<&str> = report.problems.iter().map(|p| p.reason.as_str()).collect();
    assert_eq!(reasons.len(), 3, "{report}");
    assert!(
        reasons[0].contains("leaves the data set folder ('..')"),
        "{report}"
    );
    assert!(reasons[1].contains("is an absolute path"), "{report}");
    assert!(
        reasons[2].contains("is a link to outside the data set folder"),
        "{report}"
    );
}

#[test]
fn too_many_cases_are_refused_before_any_image_is_decoded() {
    let ws = Workspace::with_phantoms();
    let opts = ImportOptions {
        max_cases: 10,
        ..options()
    };

    let report = refused(import_folder(&ws.data(), &ws.staging(), &opts));

    assert_one_problem(&report, 0, "12 cases, more than the 10 one import may hold");
}

#[test]
fn an_over_size_image_is_refused_with_its_size_and_the_limit() {
    let ws = Workspace::with_phantoms();
    let first = ws
        .manifest()
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .to_string();
    let size = std::fs::metadata(ws.data().join(&first)).unwrap().len();
    let opts = ImportOptions {
        max_image_bytes: size - 1,
        ..options()
    };
    let report = refused(import_folder(&ws.data(), &ws.staging(), &opts));

    let over: Vec<_> = report.problems.iter().filter(|p| p.row == 2).collect();
    assert_eq!(over.len(), 1, "{report}");
    assert!(over[0].reason.contains("allowed per image"), "{report}");
}

#[test]
fn an_unsafe_case_id_is_refused() {
    let ws = Workspace::with_phantoms();
    ws.set_field(0, 0, ".hidden");

    let report = refused(ws.import());

    assert_one_problem(&report, 2, "case_id '.hidden' starts with a dot");
}

#[test]
fn an_undecodable_image_is_refused_with_the_decoders_reason() {
    let ws = Workspace::with_phantoms();
    std::fs::write(ws.data().join("images/broken.png"), b"GIF89a not an image").unwrap();
    ws.set_field(4, 1, "images/broken.png");

    let report = refused(ws.import());

    assert_one_problem(
        &report,
        6,
        "images/broken.png: not a PNG, JPEG or DICOM file",
    );
}

#[test]
fn every_problem_is_reported_in_row_order_not_just_the_first() {
    let ws = Workspace::with_phantoms();
    ws.set_field(9, 2, "maybe");
    ws.set_field(1, 1, "images/nowhere.png");
    ws.set_field(4, 7, "");

    let report = refused(ws.import());

    let rows: Vec<usize> = report.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![3, 6, 11], "{report}");
    assert_eq!(report.rows_checked, 12);
    assert!(report.problems.iter().all(|p| p.case_id.is_some()));
}

#[test]
fn a_refused_import_leaves_an_existing_staging_folder_empty_and_removes_one_it_made() {
    let (existing, made) = (Workspace::with_phantoms(), Workspace::with_phantoms());
    std::fs::create_dir(existing.staging()).unwrap();
    for ws in [&existing, &made] {
        ws.set_field(11, 2, "maybe");
    }

    refused(existing.import());
    refused(made.import());

    assert!(existing.staging().is_dir() && is_missing_or_empty(&existing.staging()));
    assert!(!made.staging().exists());
}

#[test]
fn a_staging_folder_that_already_holds_files_is_refused_and_left_alone() {
    let ws = Workspace::with_phantoms();
    std::fs::create_dir(ws.staging()).unwrap();
    std::fs::write(ws.staging().join("keep.txt"), b"mine").unwrap();

    let err = ws.import().unwrap_err();

    assert!(matches!(err, ImportError::StagingNotEmpty { .. }), "{err}");
    assert!(err
        .to_string()
        .ends_with("the staging folder is not empty; give a new or empty folder"));
    assert_eq!(
        std::fs::read(ws.staging().join("keep.txt")).unwrap(),
        b"mine"
    );
}

#[test]
fn a_folder_without_a_manifest_is_refused_saying_where_to_put_it() {
    let ws = Workspace::empty();

    let report = refused(ws.import());

    assert_one_problem(&report, 0, "no manifest.csv in the data set folder");
}

#[test]
fn a_header_missing_a_required_column_is_reported_on_row_1() {
    let ws = Workspace::with_phantoms();
    ws.write_manifest("case_id,file,truth\nc1,images/x.png,OS\n");

    let report = refused(ws.import());

    assert_one_problem(&report, 1, "the header has no 'split' column");
}

#[test]
fn the_split_is_read_ignoring_case() {
    let ws = Workspace::with_phantoms();
    ws.set_field(0, 7, "Practice");

    let prepared = ws.import().unwrap();

    assert_eq!(prepared.cases[0].split, Split::Practice);
}
