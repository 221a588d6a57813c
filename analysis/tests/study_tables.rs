//! The results tables as a journal prints them: units once per column, percentage points for
//! changes, a CI beside every estimate, unique headings, α and the method in every note, the
//! seniority cut-points and the CNN's threshold stated, each AUC under its own model.

use std::collections::HashSet;

use analysis::study::simulate::DemoStudy;
use analysis::study::{study_results, CutPoints, ResultsOptions, StudyData, StudyResults};
use analysis::table::{split_note, Cell, Table};

fn demo() -> StudyData {
    DemoStudy {
        readers: [3, 2, 2],
        cases: 90,
        design: analysis::study::ReadingDesign::Sequential,
    }
    .sample(11)
}

fn results(data: &StudyData) -> StudyResults {
    study_results(data, &ResultsOptions::default()).unwrap()
}

fn table<'a>(tables: &'a [Table], id: &str) -> &'a Table {
    tables.iter().find(|t| t.id == id).unwrap()
}

fn column(table: &Table, key: &str) -> usize {
    table
        .columns
        .iter()
        .position(|c| c == key)
        .unwrap_or_else(|| panic!("{} has no column {key}: {:?}", table.id, table.columns))
}

/// The note with this key, split into its arguments.
fn note<'a>(table: &'a Table, key: &str) -> Option<Vec<(&'a str, &'a str)>> {
    table.notes.iter().find_map(|n| {
        let (k, args) = split_note(n);
        (k == key).then_some(args)
    })
}

fn number(cell: &Cell) -> f64 {
    match cell {
        Cell::Number { value, .. } => *value,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn no_table_repeats_a_heading() {
    let tables = results(&demo()).tables();

    for t in &tables {
        let mut seen = HashSet::new();
        let repeated: Vec<&String> = t.columns.iter().filter(|c| !seen.insert(*c)).collect();
        assert!(repeated.is_empty(), "{} repeats {repeated:?}", t.id);
    }
    assert!(table(&tables, "seniority").columns.len() > 20);
}

#[test]
fn no_cell_carries_its_own_percent_sign() {
    let tables = results(&demo()).tables();

    for t in &tables {
        for row in &t.rows {
            assert!(
                !row.iter().any(|c| matches!(c, Cell::Percent { .. })),
                "{}: the unit belongs in the heading",
                t.id
            );
        }
    }
}

#[test]
fn accuracy_changes_are_in_percentage_points() {
    let results = results(&demo());
    let all = results.groups.last().unwrap();
    let change = all.mrmc.as_ref().unwrap().effect(analysis::Fom::Accuracy);

    let tables = results.tables();

    let seniority = table(&tables, "seniority");
    let row = seniority.rows.last().unwrap();
    let shown = number(&row[column(seniority, "results-col-accuracy-change")]);
    assert!((shown - 100.0 * change.estimate).abs() < 1e-9);
    match &row[column(seniority, "results-col-accuracy-change-ci")] {
        Cell::Interval { lower, upper, .. } => {
            assert!((lower - 100.0 * change.ci_lower).abs() < 1e-9);
            assert!((upper - 100.0 * change.ci_upper).abs() < 1e-9);
        }
        other => panic!("no interval: {other:?}"),
    }
}

#[test]
fn every_group_mean_auc_has_its_or_interval() {
    let results = results(&demo());

    let tables = results.tables();

    let seniority = table(&tables, "seniority");
    for (g, row) in results.groups.iter().zip(&seniority.rows) {
        let mrmc = g.mrmc.as_ref().unwrap();
        for (m, key) in ["results-col-auc-ci-unaided", "results-col-auc-ci-aided"]
            .into_iter()
            .enumerate()
        {
            let expected = mrmc.interval(analysis::Fom::Auc, m);
            assert_eq!(
                row[column(seniority, key)],
                Cell::Interval {
                    lower: expected.ci_lower,
                    upper: expected.ci_upper,
                    digits: 3
                },
                "{:?} {key}",
                g.group
            );
        }
    }
}

#[test]
fn every_table_note_states_alpha_and_the_method() {
    // Each table's method note: the analysis its numbers come from.
    let method = [
        ("seniority", "results-note-ci-or-rrrc"),
        ("mrmc_or", "results-note-or-method"),
        ("mrmc_dbm", "results-note-dbm-method"),
        ("readers", "results-note-mcnemar"),
        ("ai_vs_readers", "results-note-cad-vs-readers"),
        ("ai_models", "results-note-delong-paired"),
        ("automation_bias", "results-note-switches"),
        ("sequential_changes", "results-note-sequential"),
        ("reading_time", "results-note-reading-time"),
        ("agreement", "results-note-fleiss"),
        ("sample_size", "results-note-sample-size"),
    ];

    let tables = results(&demo()).tables();

    for t in &tables {
        let (_, key) = method.iter().find(|(id, _)| *id == t.id).unwrap();
        assert!(note(t, key).is_some(), "{} lacks {key}", t.id);
        let tests_or_intervals = t
            .rows
            .iter()
            .flatten()
            .any(|c| matches!(c, Cell::Interval { .. } | Cell::PValue(_)))
            || t.id == "sample_size";
        if tests_or_intervals {
            assert_eq!(
                note(t, "results-note-alpha"),
                Some(vec![("alpha", "0.05")]),
                "{}",
                t.id
            );
        }
    }
}

#[test]
fn the_seniority_table_states_the_studys_cut_points() {
    let mut data = demo();
    data.cut_points = CutPoints {
        junior_max: 4,
        intermediate_max: 12,
    };

    let tables = results(&data).tables();

    assert_eq!(
        note(table(&tables, "seniority"), "results-note-cut-points"),
        Some(vec![
            ("junior", "4"),
            ("intermediate_from", "5"),
            ("intermediate", "12")
        ])
    );
}

#[test]
fn the_ai_tables_state_the_cnns_threshold() {
    let mut data = demo();
    data.cnn_threshold = 0.35;

    let tables = results(&data).tables();

    for id in ["ai_vs_readers", "ai_models", "automation_bias"] {
        assert_eq!(
            note(table(&tables, id), "results-note-cnn-call"),
            Some(vec![("threshold", "0.35")]),
            "{id}"
        );
    }
}

#[test]
fn the_cnn_vs_clinical_table_puts_each_auc_under_its_own_model() {
    let results = results(&demo());
    let models = &results.ai_models;
    let unpaired = models.internal_vs_external.as_ref().unwrap();

    let tables = results.tables();

    let t = table(&tables, "ai_models");
    let (cnn, clinical) = (
        column(t, "results-col-cnn-auc"),
        column(t, "results-col-clinical-auc"),
    );
    let clinical_aucs: Vec<f64> = models.comparisons.iter().map(|c| c.clinical.auc).collect();
    let cnn_aucs: Vec<f64> = models.comparisons.iter().map(|c| c.cnn.auc).collect();
    for row in &t.rows {
        if let Cell::Number { value, .. } = row[clinical] {
            assert!(
                clinical_aucs.contains(&value),
                "{value} is not a clinical AUC"
            );
        }
        if let Cell::Number { value, .. } = row[cnn] {
            assert!(cnn_aucs.contains(&value), "{value} is not a CNN AUC");
        }
    }
    let last = t.rows.last().unwrap();
    assert_eq!(
        last[0],
        Cell::Label("results-row-cnn-internal-vs-external".into())
    );
    assert_eq!(
        number(&last[column(t, "results-col-difference")]),
        unpaired.difference
    );
    match last[column(t, "results-col-difference-ci")] {
        // The interval and the unpaired test share their reference distribution.
        Cell::Interval { lower, upper, .. } => assert_eq!(
            lower > 0.0 || upper < 0.0,
            unpaired.p_two_sided < 0.05,
            "[{lower}, {upper}] vs p {}",
            unpaired.p_two_sided
        ),
        ref other => panic!("no interval: {other:?}"),
    }
}
