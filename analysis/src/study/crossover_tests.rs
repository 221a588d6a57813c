//! Unit tests of the crossover table: when it appears, what its effects say on studies made to
//! have them, and how it explains what it cannot estimate.

use super::crossover::two_period;
use super::simulate::DemoStudy;
use super::*;
use crate::table::Cell;

fn demo(readers: [usize; 3], design: ReadingDesign) -> StudyData {
    DemoStudy {
        readers,
        cases: 60,
        design,
    }
    .sample(11)
}

fn results(data: &StudyData) -> StudyResults {
    study_results(data, &ResultsOptions::default()).unwrap()
}

fn crossover_table(results: &StudyResults) -> Table {
    results
        .tables()
        .into_iter()
        .find(|t| t.id == "crossover")
        .expect("a crossover study has the crossover table")
}

#[test]
fn a_sequential_study_has_no_period_table() {
    let results = results(&demo([2, 2, 2], ReadingDesign::Sequential));

    assert!(results.crossover.is_none());
    assert!(results.tables().iter().all(|t| t.id != "crossover"));
}

#[test]
fn a_crossover_study_shows_the_period_table_after_the_readers_table() {
    let results = results(&demo([2, 2, 2], ReadingDesign::Crossover));

    let ids: Vec<String> = results.tables().into_iter().map(|t| t.id).collect();
    let at = ids.iter().position(|id| id == "readers").unwrap();
    assert_eq!(ids[at + 1], "crossover");
    let x = results.crossover.as_ref().unwrap();
    assert_eq!((x.unaided_first, x.aided_first, x.unassigned), (3, 3, 0));
    let table = crossover_table(&results);
    assert_eq!(
        table.rows.len(),
        6,
        "period, sequence, treatment for AUC and accuracy"
    );
    assert!(table.rows.iter().all(|r| r[3] != Cell::Empty));
}

#[test]
fn a_period_effect_shows_when_every_reader_does_better_in_session_two() {
    let mut data = demo([2, 2, 2], ReadingDesign::Crossover);
    let truth: Vec<bool> = data.cases.iter().map(|c| c.truth).collect();
    for read in data.reads.iter_mut().filter(|r| r.session == 2) {
        read.call = truth[read.case];
        read.rating = rating_from_confidence(read.call, 80.0);
    }

    let x = results(&data).crossover.unwrap();

    let period = x.auc.unwrap().period;
    assert!(period.ci_lower > 0.0 && period.p < 0.05, "{period:?}");
    let accuracy = x.accuracy.unwrap().period;
    assert!(accuracy.ci_lower > 0.0 && accuracy.p < 0.05, "{accuracy:?}");
}

#[test]
fn with_equal_groups_the_treatment_row_equals_the_mrmc_aided_minus_unaided_difference() {
    let results = results(&demo([2, 2, 2], ReadingDesign::Crossover));

    let treatment = results.crossover.as_ref().unwrap().auc.unwrap().treatment;

    let all = results
        .groups
        .iter()
        .find(|g| g.group == Group::All)
        .unwrap();
    let mrmc = all.mrmc.as_ref().unwrap().effect(crate::Fom::Auc);
    assert!((treatment.estimate - mrmc.estimate).abs() < 1e-12);
}

#[test]
fn a_group_with_one_reader_leaves_the_effects_empty_and_says_why() {
    // Readers alternate A, B, A: group B has one.
    let results = results(&demo([1, 1, 1], ReadingDesign::Crossover));

    let table = crossover_table(&results);

    assert_eq!(table.rows[0][1], Cell::Count(2));
    assert_eq!(table.rows[0][2], Cell::Count(1));
    assert!(table
        .rows
        .iter()
        .all(|r| r[3..].iter().all(|c| *c == Cell::Empty)));
    assert!(table
        .notes
        .contains(&"results-note-crossover-too-few".to_string()));
}

#[test]
fn readers_whose_sessions_follow_neither_group_are_left_out_and_noted() {
    let mut data = demo([2, 2, 2], ReadingDesign::Crossover);
    for read in data.reads.iter_mut().filter(|r| r.reader == 0) {
        read.session = 1;
    }

    let results = results(&data);

    let x = results.crossover.as_ref().unwrap();
    assert_eq!((x.unaided_first, x.aided_first, x.unassigned), (2, 3, 1));
    assert!(crossover_table(&results)
        .notes
        .contains(&"results-note-crossover-unassigned".to_string()));
}

#[test]
fn every_key_of_the_crossover_table_is_a_listed_message_key() {
    let mut data = demo([1, 1, 1], ReadingDesign::Crossover);
    for read in data.reads.iter_mut().filter(|r| r.reader == 0) {
        read.session = 2;
    }
    let table = crossover_table(&results(&data));
    assert!(table.notes.len() == 5, "every note: {:?}", table.notes);

    let mut used = vec![table.title.clone()];
    used.extend(table.columns.iter().cloned());
    used.extend(table.notes.iter().cloned());
    for row in &table.rows {
        assert_eq!(row.len(), table.columns.len());
        if let Cell::Label(key) = &row[0] {
            used.push(key.clone());
        }
    }
    let listed = StudyResults::message_keys();
    let missing: Vec<_> = used
        .iter()
        .filter(|k| !listed.contains(&k.as_str()))
        .collect();
    assert!(missing.is_empty(), "not in message_keys(): {missing:?}");
}

#[test]
fn a_crossover_group_of_one_reader_is_too_few_for_the_effects() {
    let err = two_period(&[[0.8, 0.9]], &[[0.9, 0.8], [0.85, 0.8]]);

    assert!(matches!(
        err,
        Err(crate::AnalysisError::TooFew { found: 1, .. })
    ));
}

#[test]
fn readers_who_all_shift_alike_give_an_infinite_t_and_p_zero() {
    // Every reader gains exactly 1/16 in session 2 and 1/8 aided (binary fractions, so the
    // differences are exact and their variance exactly zero).
    let x = two_period(
        &[[0.5, 0.6875], [0.625, 0.8125]],
        &[[0.625, 0.5625], [0.375, 0.3125]],
    )
    .unwrap();

    assert_eq!(x.period.estimate, 0.0625);
    assert_eq!(x.treatment.estimate, 0.125);
    assert!(x.period.t.is_infinite() && x.period.p == 0.0);
    assert_eq!(x.period.df, 2.0);
}
