//! The study design's deterministic choices: seniority from years, balanced crossover groups,
//! the practice set, and each reader's case order per session, all derived from the study seed.

use store::{CrossoverGroup, ReadingDesign, Seniority, StudyConfig};

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, well-mixed generator whose output is fixed by
/// its definition, so an order dealt today is dealt identically by any later Lector version
/// (library RNGs do not promise that across releases).
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A stream for one purpose: the study seed mixed with up to three discriminators.
    pub fn for_purpose(seed: i64, parts: &[u64]) -> Self {
        let mut state = SplitMix64(seed as u64);
        for part in parts {
            state = SplitMix64(state.next_u64() ^ part.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        }
        state
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), by rejection so no value is favoured.
    pub fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// Purposes, so that streams for different choices never coincide.
const ORDER: u64 = 1;
const PRACTICE: u64 = 2;
const GROUP: u64 = 3;

/// Seniority group from years of experience: junior ≤ `junior_max_years`, intermediate ≤
/// `intermediate_max_years`, senior above.
pub fn seniority_for(years: i64, config: &StudyConfig) -> Seniority {
    if years <= config.junior_max_years {
        Seniority::Junior
    } else if years <= config.intermediate_max_years {
        Seniority::Intermediate
    } else {
        Seniority::Senior
    }
}

/// The crossover group for a newly enrolled reader: the smaller group within the reader's
/// seniority group, then the smaller group overall, then a seeded coin, so that both orders of
/// modality are read by every seniority group in equal numbers (±1).
pub fn assign_group(
    seniority: Seniority,
    existing: &[(Seniority, CrossoverGroup)],
    seed: i64,
) -> CrossoverGroup {
    let count = |pred: &dyn Fn(&(Seniority, CrossoverGroup)) -> bool, group| {
        existing.iter().filter(|r| pred(r) && r.1 == group).count()
    };
    let same = |r: &(Seniority, CrossoverGroup)| r.0 == seniority;
    let any = |_: &(Seniority, CrossoverGroup)| true;
    for pred in [&same as &dyn Fn(&_) -> bool, &any] {
        let (a, b) = (
            count(pred, CrossoverGroup::A),
            count(pred, CrossoverGroup::B),
        );
        if a != b {
            return if a < b {
                CrossoverGroup::A
            } else {
                CrossoverGroup::B
            };
        }
    }
    let mut rng = SplitMix64::for_purpose(seed, &[GROUP, existing.len() as u64]);
    if rng.below(2) == 0 {
        CrossoverGroup::A
    } else {
        CrossoverGroup::B
    }
}

/// Reading sessions of a design: crossover has two (1 and 2), sequential one.
pub fn reading_sessions(design: ReadingDesign) -> &'static [i64] {
    match design {
        ReadingDesign::Crossover => &[1, 2],
        ReadingDesign::Sequential => &[1],
    }
}

/// Whether a session is aided: crossover group A reads unaided first, B aided first; the
/// sequential session is aided after each unaided commit (reported as aided).
pub fn session_is_aided(design: ReadingDesign, group: CrossoverGroup, session: i64) -> bool {
    match design {
        ReadingDesign::Sequential => session >= 1,
        ReadingDesign::Crossover => match group {
            CrossoverGroup::A => session == 2,
            CrossoverGroup::B => session == 1,
        },
    }
}

/// The practice set: `count` cases (by database id) from those given, the same for every
/// reader of the study; `candidates` in import order.
pub fn practice_set(candidates: &[i64], count: usize, seed: i64) -> Vec<i64> {
    let mut pool = candidates.to_vec();
    SplitMix64::for_purpose(seed, &[PRACTICE]).shuffle(&mut pool);
    pool.truncate(count);
    pool.sort_unstable();
    pool
}

/// A reader's order for a session: a permutation of `cases` fixed by (seed, reader, session).
pub fn case_order(cases: &[i64], seed: i64, reader_id: i64, session: i64) -> Vec<i64> {
    let mut order = cases.to_vec();
    order.sort_unstable();
    SplitMix64::for_purpose(seed, &[ORDER, reader_id as u64, session as u64]).shuffle(&mut order);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_its_published_first_output() {
        // Reference: the first output of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        assert_eq!(SplitMix64(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn seniority_follows_the_default_cut_points() {
        let config = StudyConfig::default();
        assert_eq!(seniority_for(5, &config), Seniority::Junior);
        assert_eq!(seniority_for(6, &config), Seniority::Intermediate);
        assert_eq!(seniority_for(10, &config), Seniority::Intermediate);
        assert_eq!(seniority_for(11, &config), Seniority::Senior);
    }

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
            let a = enrolled
                .iter()
                .filter(|r| r.0 == seniority && r.1 == CrossoverGroup::A)
                .count();
            let b = enrolled
                .iter()
                .filter(|r| r.0 == seniority && r.1 == CrossoverGroup::B)
                .count();
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
    fn the_practice_set_is_the_same_for_everyone_and_has_the_asked_size() {
        let candidates: Vec<i64> = (100..160).collect();
        assert_eq!(
            practice_set(&candidates, 5, 1),
            practice_set(&candidates, 5, 1)
        );
        assert_eq!(practice_set(&candidates, 5, 1).len(), 5);
        assert_eq!(practice_set(&candidates[..3], 5, 1).len(), 3);
    }

    #[test]
    fn crossover_groups_read_the_modalities_in_opposite_orders() {
        let d = ReadingDesign::Crossover;
        assert!(!session_is_aided(d, CrossoverGroup::A, 1));
        assert!(session_is_aided(d, CrossoverGroup::A, 2));
        assert!(session_is_aided(d, CrossoverGroup::B, 1));
        assert!(!session_is_aided(d, CrossoverGroup::B, 2));
    }
}
