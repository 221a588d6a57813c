//! Importing a BTXRD-shaped folder built at test time: `images/` JPEGs, `Annotations/` LabelMe
//! JSON and `dataset.xlsx` written with rust_xlsxwriter, in the published column layout.

use crate::common::{assert_one_problem, is_missing_or_empty, refused, Workspace};
use imaging::import::{import_btxrd, BtxrdOptions, ImportError, PreparedImport};
use imaging::phantom::Split;
use rust_xlsxwriter::Workbook;

const COLUMNS: [&str; 11] = [
    "image_id",
    "center",
    "age",
    "gender",
    "femur",
    "tibia",
    "tumor",
    "osteochondroma",
    "giant cell tumor",
    "osteosarcoma",
    "frontal",
];

/// One table row: image file, centre, age, gender, the site and the tumour column set to 1
/// (`""` for a normal image).
struct Row(
    &'static str,
    u32,
    u32,
    &'static str,
    &'static str,
    &'static str,
);

const ROWS: [Row; 5] = [
    Row("IMG000001.jpeg", 1, 15, "M", "femur", "osteosarcoma"),
    Row("IMG000002.jpeg", 2, 33, "F", "tibia", "giant cell tumor"),
    Row("IMG000003.jpeg", 1, 40, "F", "femur", "osteochondroma"),
    Row("IMG000004.jpg", 3, 12, "M", "tibia", "osteosarcoma"),
    Row("IMG000005.jpeg", 1, 50, "M", "femur", ""),
];

const RECTANGLE: &str = r#"{"version":"5.0.1","flags":{},"shapes":[{"label":"tumor",
    "points":[[10,8],[30,20]],"group_id":null,"shape_type":"rectangle","flags":{}}],
    "imagePath":"IMG000001.jpeg","imageData":null,"imageHeight":48,"imageWidth":64}"#;

const POLYGON: &str = r#"{"shapes":[{"label":"tumor","points":[[0,0],[40,0],[0,40]],
    "shape_type":"polygon"}],"imageHeight":48,"imageWidth":64}"#;

/// A 64x48 grey JPEG, a different ramp per `seed`.
fn jpeg(seed: u8) -> Vec<u8> {
    let grey = image::GrayImage::from_fn(64, 48, |x, y| {
        image::Luma([(x * 3 + y + u32::from(seed) * 20) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    grey.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn btxrd_folder(rows: &[Row]) -> Workspace {
    let ws = Workspace::empty();
    let data = ws.data();
    std::fs::create_dir(data.join("images")).unwrap();
    std::fs::create_dir(data.join("Annotations")).unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, name) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    for (i, Row(file, center, age, gender, site, tumour)) in rows.iter().enumerate() {
        std::fs::write(data.join("images").join(file), jpeg(i as u8)).unwrap();
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *file).unwrap();
        sheet.write_number(r, 1, *center).unwrap();
        sheet.write_number(r, 2, *age).unwrap();
        sheet.write_string(r, 3, *gender).unwrap();
        for (col, name) in COLUMNS.iter().enumerate().skip(4) {
            let set = name == site
                || name == tumour
                || (*name == "tumor" && !tumour.is_empty())
                || *name == "frontal";
            sheet.write_number(r, col as u16, u8::from(set)).unwrap();
        }
    }
    workbook.save(data.join("dataset.xlsx")).unwrap();
    std::fs::write(data.join("Annotations/IMG000001.json"), RECTANGLE).unwrap();
    std::fs::write(data.join("Annotations/IMG000002.json"), POLYGON).unwrap();
    ws
}

fn os_vs_gct() -> BtxrdOptions {
    BtxrdOptions {
        external_centres: vec!["3".into()],
        ..BtxrdOptions::new("osteosarcoma", "giant cell tumor")
    }
}

fn import(ws: &Workspace) -> Result<PreparedImport, ImportError> {
    import_btxrd(&ws.data(), &ws.staging(), &os_vs_gct())
}

#[test]
fn a_btxrd_folder_imports_the_two_tumour_classes_and_skips_the_other_rows() {
    let ws = btxrd_folder(&ROWS);

    let prepared = import(&ws).unwrap();

    assert_eq!(
        (prepared.report.rows_checked, prepared.report.skipped),
        (5, 2)
    );
    let ids: Vec<&str> = prepared.cases.iter().map(|c| c.case_id.as_str()).collect();
    assert_eq!(ids, ["IMG000001", "IMG000002", "IMG000004"]);
    let [os, gct, external] = prepared.cases.as_slice() else {
        unreachable!()
    };
    assert!(os.truth && !gct.truth && external.truth);
    assert_eq!(
        (os.truth_label.as_str(), gct.truth_label.as_str()),
        ("osteosarcoma", "giant cell tumor")
    );
    assert_eq!(
        (os.age, os.sex.as_deref(), os.location.as_deref()),
        (Some(15), Some("M"), Some("femur"))
    );
    assert_eq!(
        (gct.site.as_deref(), gct.split),
        (Some("2"), Split::Internal)
    );
    assert_eq!(
        (external.site.as_deref(), external.split),
        (Some("3"), Split::External)
    );
    assert_eq!(os.source_file, "images/IMG000001.jpeg");
    assert_eq!(os.metadata.get("frontal").map(String::as_str), Some("1"));
    assert_eq!(
        os.metadata.get("osteochondroma").map(String::as_str),
        Some("0")
    );
    assert!(!os.metadata.contains_key("osteosarcoma") && !os.metadata.contains_key("femur"));
    assert_eq!((os.width, os.height, os.bits_stored), (64, 48, 8));
    assert!(os.files.original.ends_with("original.jpg"));
    assert!(external.files.mask.is_none(), "no annotation, no mask");
}

#[test]
fn btxrd_masks_are_rasterised_from_the_labelme_rectangles_and_polygons() {
    let ws = btxrd_folder(&ROWS);

    let prepared = import(&ws).unwrap();

    let inside = |i: usize| {
        let path = prepared
            .staging
            .join(prepared.cases[i].files.mask.as_ref().unwrap());
        let mask = image::open(path).unwrap().to_luma8();
        assert_eq!(mask.dimensions(), (64, 48));
        mask.pixels().filter(|p| p.0[0] == 255).count()
    };
    // Rectangle (10,8)-(30,20): 20 x 12 pixel centres. Triangle of legs 40: the centres with
    // x + y + 1 < 40, 39 * 40 / 2 of them.
    assert_eq!(inside(0), 240);
    assert_eq!(inside(1), 780);
}

#[test]
fn a_btxrd_row_marked_as_both_classes_is_a_problem() {
    let ws = btxrd_folder(&ROWS);
    let mut opts = os_vs_gct();
    // Every tumour row has tumor = 1, so the osteosarcoma rows are marked as both classes.
    opts.import.negative_label = "tumor".into();

    let report = refused(import_btxrd(&ws.data(), &ws.staging(), &opts));

    let rows: Vec<usize> = report.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [2, 5], "{report}");
    assert!(report.problems[0]
        .reason
        .contains("marked both 'osteosarcoma' and 'tumor'; keep one"));
    assert!(is_missing_or_empty(&ws.staging()));
}

#[test]
fn a_btxrd_annotation_for_another_image_size_is_refused() {
    let ws = btxrd_folder(&ROWS);
    std::fs::write(
        ws.data().join("Annotations/IMG000002.json"),
        POLYGON.replace("48", "480"),
    )
    .unwrap();

    let report = refused(import(&ws));

    assert_one_problem(&report, 3, "is for a 64x480 image but the image is 64x48");
    assert_eq!(report.problems[0].case_id.as_deref(), Some("IMG000002"));
}

#[test]
fn a_btxrd_missing_image_is_reported_and_skipped_rows_are_not_checked() {
    let ws = btxrd_folder(&ROWS);
    std::fs::remove_file(ws.data().join("images/IMG000004.jpg")).unwrap();
    std::fs::remove_file(ws.data().join("images/IMG000003.jpeg")).unwrap();

    let report = refused(import(&ws));

    assert_one_problem(&report, 5, "file 'images/IMG000004.jpg' does not exist");
    assert_eq!(report.skipped, 2);
}

#[test]
fn a_btxrd_table_without_the_chosen_tumour_column_is_refused_on_its_header_row() {
    let ws = btxrd_folder(&ROWS);
    let opts = BtxrdOptions::new("ewing sarcoma", "giant cell tumor");

    let report = refused(import_btxrd(&ws.data(), &ws.staging(), &opts));

    assert_one_problem(&report, 1, "the table has no column 'ewing sarcoma'");
}

#[test]
fn a_btxrd_csv_table_is_read_when_there_is_no_xlsx() {
    let ws = btxrd_folder(&ROWS);
    std::fs::remove_file(ws.data().join("dataset.xlsx")).unwrap();
    std::fs::write(
        ws.data().join("dataset.csv"),
        format!(
            "{}\nIMG000002.jpeg,2,33,F,0,1,1,0,1,0,1\n",
            COLUMNS.join(",")
        ),
    )
    .unwrap();

    let prepared = import(&ws).unwrap();

    assert_eq!(prepared.cases.len(), 1);
    assert_eq!(prepared.cases[0].location.as_deref(), Some("tibia"));
}
