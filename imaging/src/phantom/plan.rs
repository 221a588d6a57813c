//! Who is who in a data set before any pixel is drawn: each case's class, hospital and split.
//!
//! Classes are allocated to hospitals by largest remainder on the hospitals' shares, then, within
//! each class, the training hospitals' cases are shuffled and dealt into practice, internal test
//! and training, so both test sets are stratified by class. Case ids are assigned in a shuffled
//! order so that an id says nothing about the class.

use super::{Class, PhantomConfig, Split};
use crate::error::Result;
use vocab::SplitMix64;

/// The identity of one case, fixed before its image is generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePlan {
    /// Position in the data set; also the case's random stream.
    pub index: usize,
    pub case_id: String,
    pub truth: Class,
    /// Index into `PhantomConfig::hospitals`.
    pub hospital: usize,
    pub split: Split,
}

/// Splits `n` items over `shares` by largest remainder (Hamilton's method).
fn apportion(n: usize, shares: &[f64]) -> Vec<usize> {
    let total: f64 = shares.iter().sum();
    let exact: Vec<f64> = shares.iter().map(|s| n as f64 * s / total).collect();
    let mut counts: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    let missing = n - counts.iter().sum::<usize>();
    for &i in order.iter().take(missing) {
        counts[i] += 1;
    }
    counts
}

/// Plans every case of `config`, in case-id order.
///
/// # Errors
/// [`crate::ImagingError::Config`] if the configuration is invalid.
pub fn plan(config: &PhantomConfig) -> Result<Vec<CasePlan>> {
    config.validate()?;
    let mut rng = SplitMix64::for_stream(config.seed, 0);
    let shares: Vec<f64> = config.hospitals.iter().map(|h| h.share).collect();
    let mut cases: Vec<(Class, usize, Split)> = Vec::new();
    let practice_os = config.practice_cases / 2;
    for (class, n, practice) in [
        (Class::Os, config.cases_os, practice_os),
        (
            Class::Gct,
            config.cases_gct,
            config.practice_cases - practice_os,
        ),
    ] {
        let mut internal_pool = Vec::new();
        for (hospital, count) in apportion(n, &shares).into_iter().enumerate() {
            if config.hospitals[hospital].external {
                cases.extend((0..count).map(|_| (class, hospital, Split::External)));
            } else {
                internal_pool.extend(std::iter::repeat_n(hospital, count));
            }
        }
        rng.shuffle_by_index(&mut internal_pool);
        // Practice cases never take more than a tenth of a class's training-site cases, so a
        // small data set (e.g. `lector synth --cases 10`) keeps its training and test cases.
        let practice = practice.min(internal_pool.len() / 10);
        let rest = internal_pool.len() - practice;
        let internal = (rest as f64 * config.internal_fraction).round() as usize;
        for (k, hospital) in internal_pool.into_iter().enumerate() {
            let split = if k < practice {
                Split::Practice
            } else if k < practice + internal {
                Split::Internal
            } else {
                Split::Train
            };
            cases.push((class, hospital, split));
        }
    }
    rng.shuffle_by_index(&mut cases);
    let width = cases.len().to_string().len().max(4);
    Ok(cases
        .into_iter()
        .enumerate()
        .map(|(index, (truth, hospital, split))| CasePlan {
            index,
            case_id: format!("case_{:0width$}", index + 1),
            truth,
            hospital,
            split,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder_hands_out_every_item() {
        assert_eq!(apportion(10, &[0.34, 0.24, 0.21, 0.21]), vec![4, 2, 2, 2]);
        assert_eq!(apportion(0, &[1.0, 2.0]), vec![0, 0]);
    }

    #[test]
    fn the_default_plan_has_the_seed_study_shape() {
        let cases = plan(&PhantomConfig::default()).unwrap();
        let count = |f: &dyn Fn(&CasePlan) -> bool| cases.iter().filter(|c| f(c)).count();
        assert_eq!(cases.len(), 333);
        assert_eq!(count(&|c| c.truth == Class::Os), 136);
        assert_eq!(count(&|c| c.split == Split::Practice), 4);
        // Every external case comes from the external hospital and no other case does.
        assert!(cases
            .iter()
            .all(|c| (c.split == Split::External) == (c.hospital == 3)));
        let external_os = count(&|c| c.split == Split::External && c.truth == Class::Os);
        let external_gct = count(&|c| c.split == Split::External && c.truth == Class::Gct);
        assert!(
            external_os >= 25 && external_gct >= 35,
            "{external_os} {external_gct}"
        );
    }

    #[test]
    fn a_small_data_set_gives_no_case_to_practice() {
        let config = PhantomConfig {
            cases_os: 4,
            cases_gct: 6,
            ..PhantomConfig::default()
        };
        let cases = plan(&config).unwrap();
        assert!(cases.iter().all(|c| c.split != Split::Practice));
        assert!(cases.iter().any(|c| c.split == Split::Train));
    }

    #[test]
    fn the_internal_test_set_is_stratified_by_class() {
        let cases = plan(&PhantomConfig::default()).unwrap();
        for class in [Class::Os, Class::Gct] {
            let of_class = |s: Split| {
                cases
                    .iter()
                    .filter(|c| c.truth == class && c.split == s)
                    .count()
            };
            let (train, internal) = (of_class(Split::Train), of_class(Split::Internal));
            let share = internal as f64 / (train + internal) as f64;
            assert!(
                (share - 0.3).abs() < 0.01,
                "{class}: internal share {share}"
            );
        }
    }
}
