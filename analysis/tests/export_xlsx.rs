//! The results workbook read back with calamine, as a spreadsheet program would: one sheet per
//! table under a legal unique name, numbers as numbers, headings and notes as text.

use std::io::Cursor;

use analysis::export::to_xlsx;
use analysis::table::{Cell, Table};
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

/// Message keys shown as `<key>` (`[` and `]` are not allowed in sheet names).
fn keys(key: &str) -> String {
    format!("<{key}>")
}

fn table(id: &str, title: &str) -> Table {
    Table {
        id: id.into(),
        title: title.into(),
        columns: vec![
            "results-col-reader".into(),
            "results-col-auc".into(),
            "results-col-ci".into(),
            "results-col-sensitivity".into(),
            "results-col-p".into(),
            "results-col-cases".into(),
        ],
        rows: vec![
            vec![
                Cell::Text("Ana <b>".into()),
                Cell::Number {
                    value: 0.8123,
                    digits: 3,
                },
                Cell::Interval {
                    lower: 0.75,
                    upper: 0.87,
                    digits: 3,
                },
                Cell::Percent {
                    value: 0.8126,
                    digits: 1,
                },
                Cell::PValue(0.0004),
                Cell::Count(60),
            ],
            vec![
                Cell::Label("results-all-readers".into()),
                Cell::Number {
                    value: f64::NAN,
                    digits: 3,
                },
                Cell::Empty,
                Cell::Percent {
                    value: 0.5,
                    digits: 1,
                },
                Cell::PValue(0.0516),
                Cell::Count(60),
            ],
        ],
        notes: vec!["results-note-or".into()],
    }
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("the bytes are an XLSX workbook")
}

/// The one sheet of a workbook holding only the fixture table, read back.
fn seniority_sheet() -> calamine::Range<Data> {
    let mut workbook =
        open(to_xlsx(&[table("seniority", "results-table-seniority")], &keys).unwrap());
    workbook
        .worksheet_range("<results-table-seniority>")
        .unwrap()
}

#[test]
fn every_table_becomes_its_own_sheet() {
    let tables = [
        table("seniority", "results-table-seniority"),
        table("mrmc_or", "results-table-or"),
    ];

    let workbook = open(to_xlsx(&tables, &keys).unwrap());

    assert_eq!(
        workbook.sheet_names(),
        vec!["<results-table-seniority>", "<results-table-or>"]
    );
}

#[test]
fn a_numeric_cell_stays_numeric_and_text_stays_text() {
    let sheet = seniority_sheet();

    // Row 1 title, row 3 headings (the interval heading spans two columns), data from row 4.
    assert_eq!(
        sheet.get_value((0, 0)),
        Some(&Data::String("<results-table-seniority>".into()))
    );
    assert_eq!(
        sheet.get_value((2, 0)),
        Some(&Data::String("<results-col-reader>".into()))
    );
    assert_eq!(
        sheet.get_value((2, 2)),
        Some(&Data::String("<results-col-ci>".into()))
    );
    assert_eq!(
        sheet.get_value((2, 4)),
        Some(&Data::String("<results-col-sensitivity>".into()))
    );
    assert_eq!(
        sheet.get_value((3, 0)),
        Some(&Data::String("Ana <b>".into()))
    );
    assert_eq!(sheet.get_value((3, 1)), Some(&Data::Float(0.8123)));
    assert_eq!(sheet.get_value((3, 2)), Some(&Data::Float(0.75)));
    assert_eq!(sheet.get_value((3, 3)), Some(&Data::Float(0.87)));
    assert_eq!(sheet.get_value((3, 4)), Some(&Data::Float(0.8126)));
    assert_eq!(sheet.get_value((3, 5)), Some(&Data::Float(0.0004)));
    assert_eq!(sheet.get_value((3, 6)), Some(&Data::Float(60.0)));
    assert_eq!(
        sheet.get_value((4, 0)),
        Some(&Data::String("<results-all-readers>".into()))
    );
    assert!(
        matches!(sheet.get_value((4, 1)), None | Some(Data::Empty)),
        "NaN is a blank cell"
    );
}

#[test]
fn notes_sit_under_the_table_after_a_blank_row() {
    let sheet = seniority_sheet();

    assert_eq!(
        sheet.get_value((6, 0)),
        Some(&Data::String("<results-note-or>".into()))
    );
}

#[test]
fn sheets_with_the_same_long_title_get_distinct_names_within_excels_limit() {
    let long = "a title far longer than the thirty-one characters Excel allows";
    let tables = [table("a", long), table("b", long)];

    let workbook = open(to_xlsx(&tables, &|k: &str| k.to_string()).unwrap());

    let names = workbook.sheet_names();
    assert_eq!(names.len(), 2);
    assert_ne!(names[0], names[1]);
    assert!(
        names.iter().all(|n| n.encode_utf16().count() <= 31),
        "{names:?}"
    );
}

#[test]
fn no_tables_still_make_a_workbook_that_opens() {
    let workbook = open(to_xlsx(&[], &keys).unwrap());

    assert_eq!(workbook.sheet_names().len(), 1);
}
