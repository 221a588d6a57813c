//! The figures of merit against their definitions: ψ's ties, weights, the one-variants' false
//! positives, and the closed-form leave-one-out against recomputation without the case.

use crate::froc::data::{Lesion, Localization};
use crate::froc::fom::*;
use crate::froc::test_support::{case, study, NONE};

/// θ by the definition: every (source, lesion) pair, no sorting.
fn brute(study: &Localization, fom: LocalizationFom, drop: Option<usize>) -> f64 {
    let truth = study.truth();
    let marks = study.reading(0, 0);
    let keep = |k: usize| Some(k) != drop;
    let (mut num, mut sources, mut weight) = (0.0, 0.0, 0.0);
    for s in (0..4).filter(|&k| keep(k)) {
        let source = fom.all_cases_false_positives() || !truth.is_abnormal(s);
        if fom != LocalizationFom::HrAuc && source {
            sources += 1.0;
        }
        if fom == LocalizationFom::HrAuc && !truth.is_abnormal(s) {
            sources += 1.0;
        }
    }
    for a in (0..4).filter(|&k| keep(k) && truth.is_abnormal(k)) {
        let targets: Vec<(f64, f64)> = if fom == LocalizationFom::HrAuc {
            vec![(marks[a].highest(), 1.0)]
        } else {
            let w = |l: &Lesion| if fom.weighted() { l.weight } else { 1.0 };
            truth
                .lesions(a)
                .iter()
                .map(w)
                .zip(&marks[a].ll)
                .map(|(w, &x)| (x, w))
                .collect()
        };
        for (x, w) in targets {
            weight += w;
            for s in (0..4).filter(|&k| keep(k)) {
                let fp = match fom {
                    LocalizationFom::HrAuc if !truth.is_abnormal(s) => marks[s].highest(),
                    LocalizationFom::HrAuc => continue,
                    _ if fom.all_cases_false_positives() || !truth.is_abnormal(s) => {
                        marks[s].highest_nl()
                    }
                    _ => continue,
                };
                num += w * psi(fp, x);
            }
        }
    }
    num / (sources * weight)
}

#[test]
fn psi_gives_one_half_when_two_unmarked_ratings_meet() {
    assert_eq!(psi(NONE, NONE), 0.5);
    assert_eq!(psi(NONE, 1.0), 1.0);
    assert_eq!(psi(2.0, NONE), 0.0);
}

#[test]
fn a_reader_who_marks_nothing_scores_one_half_on_wafroc() {
    let s = study(vec![
        case(&[], &[]),
        case(&[], &[]),
        case(&[], &[NONE]),
        case(&[], &[NONE, NONE]),
    ]);

    let r = reading_fom(&s, 0, 0, LocalizationFom::Wafroc).unwrap();

    assert_eq!(r.value, 0.5);
}

#[test]
fn wafroc_weights_each_lesion_by_its_weight_and_afroc_counts_lesions_equally() {
    // n1 has an NL at 2, n2 none; a1's lesion at 3; a2's heavy lesion missed, light one at 1.
    let s = study(vec![
        case(&[2.0], &[]),
        case(&[], &[]),
        case(&[], &[3.0]),
        case(&[], &[NONE, 1.0]),
    ]);

    let w = reading_fom(&s, 0, 0, LocalizationFom::Wafroc)
        .unwrap()
        .value;
    let a = reading_fom(&s, 0, 0, LocalizationFom::Afroc).unwrap().value;

    // wAFROC: a1 beats both FPs (1 + 1); a2's lesion 1 (0.75): vs 2 → 0, vs −∞ → ½;
    // lesion 2 (0.25): vs 2 → 0, vs −∞ → 1. Sum 2 + 0.375 + 0.25 = 2.625 over K1·K2 = 4.
    assert!((w - 2.625 / 4.0).abs() < 1e-15);
    // AFROC: 2 + ½ + 1 = 3.5 over K1·L = 2·3.
    assert!((a - 3.5 / 6.0).abs() < 1e-15);
}

#[test]
fn nl_marks_on_abnormal_cases_count_only_in_the_one_variants() {
    let without = study(vec![
        case(&[], &[]),
        case(&[], &[]),
        case(&[], &[2.0]),
        case(&[], &[2.0, 2.0]),
    ]);
    let with = study(vec![
        case(&[], &[]),
        case(&[], &[]),
        case(&[5.0], &[2.0]),
        case(&[], &[2.0, 2.0]),
    ]);

    let fom = |s: &Localization, f| reading_fom(s, 0, 0, f).unwrap().value;

    assert_eq!(
        fom(&without, LocalizationFom::Wafroc),
        fom(&with, LocalizationFom::Wafroc)
    );
    assert!(fom(&with, LocalizationFom::Wafroc1) < fom(&without, LocalizationFom::Wafroc1));
    // HrAuc sees the NL at 5 as a1's highest rating: a1 still beats both normals.
    assert_eq!(fom(&with, LocalizationFom::HrAuc), 1.0);
}

#[test]
fn closed_form_leave_one_out_equals_recomputing_without_the_case() {
    let s = study(vec![
        case(&[2.0, 4.0], &[]),
        case(&[], &[]),
        case(&[4.0], &[3.0]),
        case(&[1.0], &[NONE, 4.0]),
    ]);

    for fom in LocalizationFom::ALL {
        let r = reading_fom(&s, 0, 0, fom).unwrap();

        assert!((r.value - brute(&s, fom, None)).abs() < 1e-15, "{fom}");
        for k in 0..4 {
            let direct = brute(&s, fom, Some(k));
            assert!(
                (r.leave_one_out[k] - direct).abs() < 1e-15,
                "{fom} without case {k}"
            );
        }
    }
}
