//! Unit tests of the study results on small synthetic and hand-made studies.

use super::*;
use crate::report::{analyze, AnalyzeOptions};
use crate::study::prepare::{rating, Prepared};
use crate::study::simulate::DemoStudy;

fn demo(readers: [usize; 3], design: ReadingDesign) -> StudyData {
    DemoStudy {
        readers,
        cases: 60,
        design,
    }
    .sample(5)
}

#[test]
fn readers_missing_a_read_are_left_out_and_counted_as_in_progress() {
    let mut data = demo([2, 2, 2], ReadingDesign::Crossover);
    data.reads
        .retain(|r| !(r.reader == 0 && r.modality == Modality::Aided && r.case == 7));

    let results = study_results(&data, &ResultsOptions::default()).unwrap();

    assert_eq!(results.complete_readers, 5);
    assert_eq!(results.readers_in_progress, 1);
    assert!(results.readers.iter().all(|r| r.id != data.readers[0].id));
    let seniority = &results.tables()[0];
    assert!(seniority
        .notes
        .contains(&"results-note-readers-in-progress".to_string()));
}

#[test]
fn a_group_is_analysed_exactly_as_analyze_on_its_readers() {
    let data = demo([3, 2, 2], ReadingDesign::Crossover);
    let prepared = Prepared::new(&data);
    let juniors = prepared.group(Group::Of(Seniority::Junior));
    let reads = prepared
        .reads(&juniors, &prepared.all_cases(), rating)
        .unwrap();
    let direct = analyze(&reads, &AnalyzeOptions::default()).unwrap();

    let results = study_results(&data, &ResultsOptions::default()).unwrap();

    let junior = &results.groups[0];
    assert_eq!(junior.group, Group::Of(Seniority::Junior));
    assert_eq!(junior.mrmc.as_ref().unwrap().auc, direct);
}

#[test]
fn a_group_with_one_complete_reader_has_empty_mrmc_cells_and_a_note() {
    let data = demo([1, 2, 2], ReadingDesign::Crossover);

    let results = study_results(&data, &ResultsOptions::default()).unwrap();

    let table = &results.tables()[0];
    let junior = &table.rows[0];
    assert_eq!(junior[1], crate::table::Cell::Count(1));
    assert_eq!(junior[3], crate::table::Cell::Empty, "no CI for one reader");
    assert!(matches!(junior[2], crate::table::Cell::Number { .. }));
    assert!(table
        .notes
        .contains(&"results-note-group-too-few".to_string()));
}

#[test]
fn fewer_than_two_complete_readers_is_refused_as_too_few() {
    let data = demo([1, 0, 0], ReadingDesign::Crossover);
    let err = study_results(&data, &ResultsOptions::default());
    assert!(matches!(
        err,
        Err(crate::AnalysisError::TooFew { found: 1, .. })
    ));
}

/// Two readers, four cases (truth T, F, T, F), CNN calls positive on cases 0 and 1 (right on 0,
/// wrong on 1) and negative on 2 and 3 (wrong on 2, right on 3).
fn mini_study(design: ReadingDesign) -> StudyData {
    let case = |k: usize, truth: bool, p: f64| StudyCase {
        id: format!("c{k}"),
        truth,
        split: Split::Internal,
        cnn_probability: Some(p),
        clinical_probability: Some(0.5),
    };
    let reader = |id: &str, s| StudyReader {
        id: id.into(),
        name: id.into(),
        hospital: "H".into(),
        years_experience: 5,
        seniority: s,
    };
    // (reader, case, unaided call, aided call)
    let calls = [
        (0, 0, false, true),  // CNN right: moved to the AI (towards, now correct)
        (0, 1, false, false), // CNN wrong: unaided ≠ AI, stays (eligible towards, not moved)
        (0, 2, true, true),   // CNN wrong: unaided ≠ AI, stays
        (0, 3, false, false), // CNN right: agreed and stays
        (1, 0, true, true),   // CNN right: agreed and stays
        (1, 1, false, true),  // CNN wrong: moved to the AI (towards, now wrong)
        (1, 2, true, false),  // CNN wrong: moved to the AI (towards, now wrong)
        (1, 3, false, true),  // CNN right: agreed unaided, moved away (now wrong)
    ];
    let mut reads = Vec::new();
    for (j, k, u, a) in calls {
        for (modality, c) in [(Modality::Unaided, u), (Modality::Aided, a)] {
            reads.push(StudyRead {
                reader: j,
                case: k,
                session: 1,
                position: k as i64 + 1,
                modality,
                call: c,
                rating: rating_from_confidence(c, 50.0),
                active_ms: 1000,
            });
        }
    }
    StudyData {
        design,
        positive_label: "osteosarcoma".into(),
        negative_label: "giant-cell tumour".into(),
        readers: vec![
            reader("a", Seniority::Junior),
            reader("b", Seniority::Senior),
        ],
        cases: vec![
            case(0, true, 0.9),
            case(1, false, 0.7),
            case(2, true, 0.2),
            case(3, false, 0.1),
        ],
        reads,
        cnn_threshold: 0.5,
        cut_points: CutPoints::default(),
    }
}

#[test]
fn automation_bias_counts_switches_towards_and_away_from_the_ai() {
    let data = mini_study(ReadingDesign::Crossover);
    let prepared = Prepared::new(&data);

    let rows = bias::automation_bias(&prepared);

    let all_right = rows
        .iter()
        .find(|r| r.group == Group::All && r.stratum == bias::Stratum::CnnRight)
        .unwrap();
    // CNN right on cases 0 and 3: unaided correct 3 of 4 (a3, b0, b3), aided 3 (a0, a3, b0).
    assert_eq!(
        (
            all_right.unaided_correct.count,
            all_right.unaided_correct.total
        ),
        (3, 4)
    );
    assert_eq!(all_right.aided_correct.count, 3);
    // Unaided ≠ AI only for a0, which moved: 1 of 1. Agreed a3, b0, b3; b3 left: 1 of 3.
    assert_eq!(
        (all_right.towards_ai.count, all_right.towards_ai.total),
        (1, 1)
    );
    assert_eq!(
        (all_right.away_from_ai.count, all_right.away_from_ai.total),
        (1, 3)
    );
    let all_wrong = rows
        .iter()
        .find(|r| r.group == Group::All && r.stratum == bias::Stratum::CnnWrong)
        .unwrap();
    // CNN wrong on 1 and 2: every unaided call differed from the AI; b1 and b2 followed it.
    assert_eq!(
        (all_wrong.towards_ai.count, all_wrong.towards_ai.total),
        (2, 4)
    );
    assert_eq!(all_wrong.away_from_ai.total, 0);
    assert_eq!(
        (
            all_wrong.unaided_correct.count,
            all_wrong.aided_correct.count
        ),
        (4, 2)
    );
}

#[test]
fn sequential_changes_count_each_readers_changed_calls() {
    let data = mini_study(ReadingDesign::Sequential);
    let prepared = Prepared::new(&data);

    let changes = bias::sequential_changes(&prepared);

    // Reader a changed case 0 (to correct, to the AI); reader b cases 1, 2, 3 (all to wrong;
    // 1 and 2 to the AI's call).
    assert_eq!(
        (
            changes[0].changed.count,
            changes[0].to_correct,
            changes[0].to_ai
        ),
        (1, 1, 1)
    );
    assert_eq!(
        (
            changes[1].changed.count,
            changes[1].to_incorrect,
            changes[1].to_ai
        ),
        (3, 3, 2)
    );
}

#[test]
fn the_sequential_table_appears_only_in_the_sequential_design() {
    let crossover = study_results(
        &demo([2, 2, 2], ReadingDesign::Crossover),
        &ResultsOptions::default(),
    );
    let sequential = study_results(
        &demo([2, 2, 2], ReadingDesign::Sequential),
        &ResultsOptions::default(),
    );

    let ids = |r: &StudyResults| r.tables().into_iter().map(|t| t.id).collect::<Vec<_>>();
    assert!(!ids(&crossover.unwrap()).contains(&"sequential_changes".to_string()));
    assert!(ids(&sequential.unwrap()).contains(&"sequential_changes".to_string()));
}

#[test]
fn every_key_the_tables_and_figures_use_is_a_listed_message_key() {
    let mut data = demo([2, 1, 2], ReadingDesign::Sequential);
    data.cases[3].cnn_probability = None;
    data.reads.retain(|r| !(r.reader == 0 && r.case == 1));
    let results = study_results(&data, &ResultsOptions::default()).unwrap();
    let listed = StudyResults::message_keys();

    let mut used = Vec::new();
    for t in results.tables() {
        used.push(t.title.clone());
        used.extend(t.columns.iter().cloned());
        used.extend(
            t.notes
                .iter()
                .map(|n| crate::table::split_note(n).0.to_string()),
        );
        for row in &t.rows {
            assert_eq!(row.len(), t.columns.len(), "table {}", t.id);
            used.extend(row.iter().filter_map(|c| match c {
                crate::table::Cell::Label(k) => Some(k.clone()),
                _ => None,
            }));
        }
    }
    for f in results.roc_figures() {
        used.push(f.title.clone());
        used.extend(
            f.curves
                .iter()
                .filter(|c| c.label_is_key)
                .map(|c| c.label.clone()),
        );
    }
    let chart = results.accuracy_chart();
    used.extend([chart.title.clone(), chart.axis.clone()]);
    used.extend(chart.categories.iter().cloned());
    used.extend(chart.series.iter().map(|s| s.label.clone()));

    let missing: Vec<&String> = used
        .iter()
        .filter(|k| !listed.contains(&k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "keys not in message_keys(): {missing:?}"
    );
}

#[test]
fn the_group_mean_curve_runs_on_a_101_point_grid_from_corner_to_corner() {
    let results = study_results(
        &demo([2, 2, 2], ReadingDesign::Crossover),
        &ResultsOptions::default(),
    )
    .unwrap();

    let figures = results.roc_figures();

    let ids: Vec<&str> = figures.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        ["roc_all", "roc_junior", "roc_intermediate", "roc_senior"]
    );
    let mean = figures[0]
        .curves
        .iter()
        .find(|c| c.kind == crate::figure::CurveKind::Mean)
        .unwrap();
    assert_eq!(mean.points.len(), 101);
    assert_eq!(mean.points[0][0], 0.0);
    assert_eq!(mean.points[100], [1.0, 1.0]);
}
