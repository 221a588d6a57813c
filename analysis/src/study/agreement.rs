//! Inter-reader agreement of the binary calls: Fleiss' κ (general k categories) by group and
//! modality.

use serde::Serialize;

use super::data::Modality;
use super::prepare::{Group, Prepared, MODALITIES};
use crate::error::{AnalysisError, Result};

/// Fleiss' (1971) κ for N subjects each rated by the same number n ≥ 2 of raters into k
/// categories; `counts[i][j]` is how many raters put subject i in category j:
/// Pᵢ = (Σⱼ nᵢⱼ² − n)/(n(n − 1)), P̄ = Σᵢ Pᵢ/N, pⱼ = Σᵢ nᵢⱼ/(Nn), P̄ₑ = Σⱼ pⱼ²,
/// κ = (P̄ − P̄ₑ)/(1 − P̄ₑ) (Fleiss 1971, Psychol Bull 76:378). When every rating falls in one
/// category (P̄ₑ = 1) κ is undefined and NaN is returned.
///
/// # Errors
/// `InvalidArgument` when there are no subjects, rows differ in rater count or fewer than two
/// raters rate each subject.
pub fn fleiss_kappa(counts: &[Vec<usize>]) -> Result<f64> {
    let n = counts.first().map_or(0, |row| row.iter().sum::<usize>());
    if counts.is_empty() || n < 2 || counts.iter().any(|r| r.iter().sum::<usize>() != n) {
        return Err(AnalysisError::InvalidArgument(
            "Fleiss' kappa needs at least one subject, each rated by the same number (two or more) of raters".into(),
        ));
    }
    let (subjects, nf) = (counts.len() as f64, n as f64);
    let k = counts[0].len();
    let p_bar = counts
        .iter()
        .map(|row| {
            let sq: usize = row.iter().map(|&x| x * x).sum();
            (sq - n) as f64 / (nf * (nf - 1.0))
        })
        .sum::<f64>()
        / subjects;
    let p_e: f64 = (0..k)
        .map(|j| {
            let pj = counts.iter().map(|row| row[j]).sum::<usize>() as f64 / (subjects * nf);
            pj * pj
        })
        .sum();
    if p_e >= 1.0 {
        return Ok(f64::NAN);
    }
    Ok((p_bar - p_e) / (1.0 - p_e))
}

/// Fleiss' κ with a jackknife interval over the subjects (cases): the raters are the panel the
/// κ describes, the cases a sample. With κ₍₋ᵢ₎ the κ without subject i and κ̄ their mean,
/// SE² = (N − 1)/N Σᵢ (κ₍₋ᵢ₎ − κ̄)² (Efron & Tibshirani 1993, ch. 11) and the interval is
/// κ ± t_{N−1} SE. `None` for the interval when a leave-one-out κ is undefined (all remaining
/// calls in one category) or there are fewer than three subjects.
///
/// # Errors
/// As [`fleiss_kappa`].
pub fn fleiss_kappa_interval(
    counts: &[Vec<usize>],
    level: f64,
) -> Result<(f64, Option<(f64, f64)>)> {
    let kappa = fleiss_kappa(counts)?;
    let n = counts.len();
    if n < 3 || kappa.is_nan() {
        return Ok((kappa, None));
    }
    let mut rest: Vec<Vec<usize>> = counts[1..].to_vec();
    let mut leave_one_out = Vec::with_capacity(n);
    for i in 0..n {
        // `rest` holds every subject but i: put i − 1 back in i's slot for the next round.
        if i > 0 {
            rest[i - 1] = counts[i - 1].clone();
        }
        leave_one_out.push(fleiss_kappa(&rest)?);
    }
    if leave_one_out.iter().any(|k| k.is_nan()) {
        return Ok((kappa, None));
    }
    let nf = n as f64;
    let mean = leave_one_out.iter().sum::<f64>() / nf;
    let se = ((nf - 1.0) / nf
        * leave_one_out
            .iter()
            .map(|k| (k - mean).powi(2))
            .sum::<f64>())
    .sqrt();
    let q = crate::dist::t_quantile(0.5 + level / 2.0, nf - 1.0);
    Ok((kappa, Some((kappa - q * se, kappa + q * se))))
}

/// κ of one group under one modality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KappaRow {
    pub group: Group,
    pub modality: Modality,
    pub readers: usize,
    pub kappa: f64,
    /// The jackknife interval over cases ([`fleiss_kappa_interval`]).
    pub interval: Option<(f64, f64)>,
}

/// Fleiss' κ of the binary calls of each group with at least two complete readers, unaided and
/// aided, over all cases.
///
/// # Errors
/// As [`fleiss_kappa`] (not reached: groups are filtered first).
pub fn agreement(prepared: &Prepared<'_>) -> Result<Vec<KappaRow>> {
    let mut rows = Vec::new();
    for group in Group::ALL {
        let readers = prepared.group(group);
        if readers.len() < 2 {
            continue;
        }
        for modality in MODALITIES {
            let counts: Vec<Vec<usize>> = (0..prepared.data.cases.len())
                .map(|k| {
                    let positive = readers
                        .iter()
                        .filter(|&&j| prepared.complete_read(j, modality, k).call)
                        .count();
                    vec![positive, readers.len() - positive]
                })
                .collect();
            let (kappa, interval) = fleiss_kappa_interval(&counts, crate::inference::LEVEL)?;
            rows.push(KappaRow {
                group,
                modality,
                readers: readers.len(),
                kappa,
                interval,
            });
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fleiss_kappa_reproduces_the_worked_example_of_fleiss_1971() {
        // Wikipedia "Fleiss' kappa", worked example (10 subjects, 14 raters, 5 categories).
        // By hand: Σᵢ(Σⱼ nᵢⱼ² − 14) = 688, so P̄ = 688/(10·182) = 172/455; column totals 20, 28,
        // 39, 21, 32 give P̄ₑ = 4170/140² = 417/1960; over 25480,
        // κ = (9632 − 5421)/(25480 − 5421) = 4211/20059 = 0.20993… (Wikipedia prints 0.210).
        let table = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let counts: Vec<Vec<usize>> = table.iter().map(|r| r.to_vec()).collect();

        let kappa = fleiss_kappa(&counts).unwrap();

        assert!((kappa - 4211.0 / 20059.0).abs() < 1e-14, "kappa {kappa}");
    }

    #[test]
    fn the_jackknife_interval_brackets_kappa_and_is_missing_when_a_case_decides_it() {
        let counts: Vec<Vec<usize>> = [[3, 0], [0, 3], [2, 1], [3, 0], [1, 2], [0, 3]]
            .iter()
            .map(|r| r.to_vec())
            .collect();

        let (kappa, interval) = fleiss_kappa_interval(&counts, 0.95).unwrap();
        let (lower, upper) = interval.expect("estimable");
        // Without its one negative case this panel calls everything positive: κ is undefined.
        let lonely = vec![vec![2, 0], vec![2, 0], vec![0, 2]];

        assert!(lower < kappa && kappa < upper, "{lower} {kappa} {upper}");
        assert_eq!(fleiss_kappa_interval(&lonely, 0.95).unwrap().1, None);
    }

    #[test]
    fn perfect_agreement_between_two_categories_gives_kappa_one() {
        let counts = vec![vec![3, 0], vec![0, 3], vec![3, 0]];
        assert!((fleiss_kappa(&counts).unwrap() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn rows_with_different_rater_counts_are_refused() {
        assert!(fleiss_kappa(&[vec![2, 0], vec![1, 0]]).is_err());
    }
}
