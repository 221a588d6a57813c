//! The study's seeded choices: each reader's case order per session, the practice set, and
//! the crossover group of a newly enrolled reader. All derive from the study seed so that any
//! later Lector version deals them identically.

use crate::rng::SplitMix64;
use crate::{CrossoverGroup, Seniority};

/// Purposes, so that the streams of different choices never coincide.
const ORDER: u64 = 1;
const PRACTICE: u64 = 2;
const GROUP: u64 = 3;

/// A reader's order for a session: a permutation of `cases` (database ids) fixed by
/// (seed, reader, session).
pub fn case_order(cases: &[i64], seed: i64, reader_id: i64, session: i64) -> Vec<i64> {
    let mut order = cases.to_vec();
    order.sort_unstable();
    SplitMix64::for_purpose(seed as u64, &[ORDER, reader_id as u64, session as u64])
        .shuffle(&mut order);
    order
}

/// The practice set: `count` of the `candidates` (database ids, in import order), the same for
/// every reader of the study.
pub fn practice_set(candidates: &[i64], count: usize, seed: i64) -> Vec<i64> {
    let mut pool = candidates.to_vec();
    SplitMix64::for_purpose(seed as u64, &[PRACTICE]).shuffle(&mut pool);
    pool.truncate(count);
    pool.sort_unstable();
    pool
}

/// The crossover group of a newly enrolled reader: the smaller group within the reader's
/// seniority group, then the smaller group overall, then a seeded coin, so that both orders of
/// modality are read by every seniority group in equal numbers (±1).
pub fn assign_group(
    seniority: Seniority,
    existing: &[(Seniority, CrossoverGroup)],
    seed: i64,
) -> CrossoverGroup {
    let count = |same_seniority: bool, group| {
        existing
            .iter()
            .filter(|r| (!same_seniority || r.0 == seniority) && r.1 == group)
            .count()
    };
    for same_seniority in [true, false] {
        let (a, b) = (
            count(same_seniority, CrossoverGroup::A),
            count(same_seniority, CrossoverGroup::B),
        );
        if a != b {
            return if a < b {
                CrossoverGroup::A
            } else {
                CrossoverGroup::B
            };
        }
    }
    let mut rng = SplitMix64::for_purpose(seed as u64, &[GROUP, existing.len() as u64]);
    if rng.below(2) == 0 {
        CrossoverGroup::A
    } else {
        CrossoverGroup::B
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_stay_balanced_within_every_seniority_group() {
        let mut enrolled = Vec::new();
        let seniorities = [
            Seniority::Junior,
            Seniority::Senior,
            Seniority::Intermediate,
        ];
        for i in 0..30 {
            let seniority = seniorities[(i * 7 % 11) % 3];
            let group = assign_group(seniority, &enrolled, 2024);
            enrolled.push((seniority, group));
        }
        for seniority in seniorities {
            let in_group = |g| {
                enrolled
                    .iter()
                    .filter(|r| r.0 == seniority && r.1 == g)
                    .count()
            };
            let (a, b) = (in_group(CrossoverGroup::A), in_group(CrossoverGroup::B));
            assert!(a.abs_diff(b) <= 1, "{seniority:?}: {a} vs {b}");
        }
    }

    #[test]
    fn a_readers_order_is_a_stable_permutation_that_differs_between_readers_and_sessions() {
        let cases: Vec<i64> = (1..=40).collect();

        let first = case_order(&cases, 7, 3, 1);
        let again = case_order(&cases, 7, 3, 1);
        let other_reader = case_order(&cases, 7, 4, 1);
        let other_session = case_order(&cases, 7, 3, 2);

        assert_eq!(first, again);
        let mut sorted = first.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, cases);
        assert_ne!(first, other_reader);
        assert_ne!(first, other_session);
    }

    #[test]
    fn orders_dealt_by_earlier_versions_are_dealt_again() {
        // The order of ten cases for seed 2024, reader 1, session 1, as the first Lector release
        // dealt it (printed by app::ssr::design's generator at 9faaf6f, before it moved here).
        let cases: Vec<i64> = (1..=10).collect();
        assert_eq!(case_order(&cases, 2024, 1, 1), RECORDED_ORDER.to_vec());
    }

    const RECORDED_ORDER: [i64; 10] = [4, 9, 10, 1, 7, 6, 8, 3, 2, 5];

    #[test]
    fn the_practice_set_is_the_same_for_everyone_and_has_the_asked_size() {
        let candidates: Vec<i64> = (100..160).collect();
        assert_eq!(
            practice_set(&candidates, 5, 1),
            practice_set(&candidates, 5, 1)
        );
        assert_eq!(practice_set(&candidates, 5, 1).len(), 5);
        assert_eq!(practice_set(&candidates[..3], 5, 1).len(), 3);
    }
}
