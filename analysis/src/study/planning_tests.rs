//! The sample-size table plans a study: the coordinator's effect, α and power when given, the
//! observed difference otherwise, and the table says which.

use super::simulate::DemoStudy;
use super::*;

fn results(options: ResultsOptions) -> StudyResults {
    let data = DemoStudy {
        readers: [3, 3, 3],
        cases: 80,
        design: ReadingDesign::Crossover,
    }
    .sample(9);
    study_results(&data, &options).unwrap()
}

fn sample_size_notes(results: &StudyResults) -> Vec<String> {
    results
        .tables()
        .into_iter()
        .find(|t| t.id == "sample_size")
        .unwrap()
        .notes
}

#[test]
fn without_an_entered_effect_the_table_plans_with_the_observed_difference_and_says_so() {
    let results = results(ResultsOptions::default());

    let s = results.sample_size.as_ref().unwrap();
    let all = results
        .groups
        .iter()
        .find(|g| g.group == Group::All)
        .unwrap();
    let observed = all.mrmc.as_ref().unwrap().effect(crate::Fom::Auc).estimate;
    assert!(!s.entered);
    assert!((s.effect - observed.abs()).abs() < 1e-15);
    let notes = sample_size_notes(&results);
    assert!(notes.contains(&"results-note-sample-size-observed".to_string()));
    assert!(notes
        .iter()
        .any(|n| n.starts_with("results-note-sample-size-target")));
}

#[test]
fn an_entered_smaller_effect_needs_more_cases_and_is_labelled_as_entered() {
    let observed = results(ResultsOptions::default());
    let effect = observed.sample_size.as_ref().unwrap().effect / 2.0;

    let planned = results(ResultsOptions {
        effect: Some(effect),
        power: 0.9,
        ..ResultsOptions::default()
    });

    let s = planned.sample_size.as_ref().unwrap();
    assert!(s.entered && s.effect == effect && s.target_power == 0.9);
    let cases = |r: &StudyResults| r.sample_size.as_ref().unwrap().rows[3].cases;
    match (cases(&observed), cases(&planned)) {
        (Some(before), Some(after)) => assert!(after > before, "{before} → {after}"),
        (Some(_), None) => {} // beyond the 2,000-case cap: more, as it must be
        other => panic!("the observed effect's row has a case count: {other:?}"),
    }
    assert!(sample_size_notes(&planned).contains(&"results-note-sample-size-entered".to_string()));
}
