//! Binary-decision statistics: per-reader proportions with Wilson intervals, the exact McNemar
//! test of paired calls and Holm's step-down adjustment. The MRMC analysis of sensitivity,
//! specificity and accuracy itself runs through [`crate::or`] with jackknife covariance.

use serde::Serialize;

use crate::design::Reads;
use crate::dist::normal_quantile;
use crate::error::{AnalysisError, Result};
use crate::fom::{reading_fom, Fom};
use crate::inference::{pairs, LEVEL};

/// A proportion x/n with its Wilson score interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proportion {
    pub successes: usize,
    pub total: usize,
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
}

/// Wilson (1927) score interval, as in Newcombe (1998, Stat Med 17:857, method 3):
/// (p̂ + z²/2n ± z √(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
///
/// # Errors
/// `InvalidArgument` when `total` is 0, `successes > total` or `level` is outside (0, 1).
pub fn wilson(successes: usize, total: usize, level: f64) -> Result<Proportion> {
    if total == 0 || successes > total || !(level > 0.0 && level < 1.0) {
        return Err(AnalysisError::InvalidArgument(format!(
            "a Wilson interval needs 0 <= successes <= total, total > 0 and a level in (0, 1); got {successes}/{total} at {level}"
        )));
    }
    let p = successes as f64 / total as f64;
    let (lower, upper) = wilson_bounds(p, total as f64, normal_quantile(0.5 + level / 2.0));
    Ok(Proportion {
        successes,
        total,
        estimate: p,
        lower,
        upper,
    })
}

/// Wilson's bounds for a proportion `p` on `n` (possibly effective, non-integer) trials with
/// quantile `z`, clamped to [0, 1].
pub(crate) fn wilson_bounds(p: f64, n: f64, z: f64) -> (f64, f64) {
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Exact McNemar test of two paired binary outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct McNemar {
    /// Pairs positive under A only.
    pub a_only: usize,
    /// Pairs positive under B only.
    pub b_only: usize,
    /// Two-sided exact p-value.
    pub p: f64,
}

/// Exact (binomial) McNemar test: under H₀ the discordant count b ~ Bin(b + c, ½), and
/// p = min(1, 2 P(X ≤ min(b, c))) (McNemar 1947; the exact form of Fay 2010 / R `binom.test`).
/// No discordant pairs gives p = 1.
///
/// # Errors
/// `InvalidArgument` when the two call vectors differ in length.
pub fn mcnemar_exact(a: &[bool], b: &[bool]) -> Result<McNemar> {
    if a.len() != b.len() {
        return Err(AnalysisError::InvalidArgument(format!(
            "McNemar needs paired calls: {} vs {}",
            a.len(),
            b.len()
        )));
    }
    let a_only = a.iter().zip(b).filter(|(&x, &y)| x && !y).count();
    let b_only = a.iter().zip(b).filter(|(&x, &y)| !x && y).count();
    let n = a_only + b_only;
    let k = a_only.min(b_only);
    // P(X ≤ k) for X ~ Bin(n, ½), summed in log space so large n cannot overflow.
    let ln_half_n = -(n as f64) * std::f64::consts::LN_2;
    let mut ln_choose = 0.0; // ln C(n, 0)
    let mut tail = 0.0;
    for i in 0..=k {
        if i > 0 {
            ln_choose += ((n - i + 1) as f64).ln() - (i as f64).ln();
        }
        tail += (ln_choose + ln_half_n).exp();
    }
    Ok(McNemar {
        a_only,
        b_only,
        p: (2.0 * tail).min(1.0),
    })
}

/// Holm (1979) step-down adjusted p-values, returned in the input order:
/// p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎) over the ascending order p₍₁₎ ≤ … ≤ p₍ₘ₎.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut adjusted = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        running = running.max(((m - rank) as f64 * p[i]).min(1.0));
        adjusted[i] = running;
    }
    adjusted
}

/// One reader's binary figure under one modality, with its Wilson interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderRate {
    pub reader: String,
    pub modality: String,
    pub rate: Proportion,
}

/// One reader's exact McNemar test between two modalities, with the Holm-adjusted p over readers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderMcNemar {
    pub reader: String,
    pub modality_a: String,
    pub modality_b: String,
    pub test: McNemar,
    pub p_holm: f64,
}

/// Per-case outcomes that a binary figure averages: for sensitivity the calls on positives, for
/// specificity the negative calls on negatives, for accuracy the correct calls on all cases.
fn outcomes(scores: &[f64], truth: &[bool], fom: Fom, threshold: Option<f64>) -> Result<Vec<bool>> {
    let reading = reading_fom(scores, truth, fom, threshold)?;
    let contributions = reading.contributions.ok_or_else(|| {
        AnalysisError::InvalidArgument(
            "per-reader rates need sensitivity, specificity or accuracy".into(),
        )
    })?;
    Ok(contributions.iter().map(|&x| x == 1.0).collect())
}

/// Wilson intervals of every reader × modality and exact McNemar tests of every reader between
/// every pair of modalities (Holm-adjusted across readers within each pair).
///
/// # Errors
/// `InvalidArgument` for the AUC or non-binary ratings without a threshold.
pub fn reader_rates(
    reads: &Reads,
    fom: Fom,
    threshold: Option<f64>,
) -> Result<(Vec<ReaderRate>, Vec<ReaderMcNemar>)> {
    let (t, r) = (reads.modalities().len(), reads.readers().len());
    let mut calls = Vec::with_capacity(t * r);
    let mut rates = Vec::with_capacity(t * r);
    for m in 0..t {
        for j in 0..r {
            let x = outcomes(reads.scores(m, j), reads.truth(), fom, threshold)?;
            let hits = x.iter().filter(|&&v| v).count();
            rates.push(ReaderRate {
                reader: reads.readers()[j].clone(),
                modality: reads.modalities()[m].clone(),
                rate: wilson(hits, x.len(), LEVEL)?,
            });
            calls.push(x);
        }
    }
    let mut tests = Vec::new();
    for (a, b) in pairs(t) {
        let family: Vec<McNemar> = (0..r)
            .map(|j| mcnemar_exact(&calls[a * r + j], &calls[b * r + j]))
            .collect::<Result<_>>()?;
        let adjusted = holm(&family.iter().map(|f| f.p).collect::<Vec<_>>());
        for (j, (test, p_holm)) in family.into_iter().zip(adjusted).enumerate() {
            tests.push(ReaderMcNemar {
                reader: reads.readers()[j].clone(),
                modality_a: reads.modalities()[a].clone(),
                modality_b: reads.modalities()[b].clone(),
                test,
                p_holm,
            });
        }
    }
    Ok((rates, tests))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_intervals_match_newcombe_1998_table_one() {
        // Newcombe (1998) Stat Med 17:857, Table I, method 3, printed to 4 decimals.
        for (x, n, lo, hi) in [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ] {
            let w = wilson(x, n, 0.95).unwrap();
            assert!((w.lower - lo).abs() <= 5e-5, "{x}/{n}: lower {}", w.lower);
            assert!((w.upper - hi).abs() <= 5e-5, "{x}/{n}: upper {}", w.upper);
        }
    }

    #[test]
    fn mcnemar_exact_p_is_twice_the_binomial_tail() {
        // 1 vs 9 discordant pairs: 2 (C(10,0) + C(10,1)) / 2^10 = 22/1024, by hand.
        let a = [
            true, false, false, false, false, false, false, false, false, false, true,
        ];
        let b = [
            false, true, true, true, true, true, true, true, true, true, true,
        ];

        let t = mcnemar_exact(&a, &b).unwrap();

        assert_eq!((t.a_only, t.b_only), (1, 9));
        assert!((t.p - 22.0 / 1024.0).abs() < 1e-15);
    }

    #[test]
    fn no_discordant_pairs_gives_p_one() {
        assert_eq!(
            mcnemar_exact(&[true, false], &[true, false]).unwrap().p,
            1.0
        );
    }

    #[test]
    fn holm_adjusts_in_step_down_order() {
        // By hand: 5·0.01, 4·0.02, 3·0.03, then the running maximum 0.09 twice.
        let adjusted = holm(&[0.04, 0.01, 0.05, 0.02, 0.03]);

        let expected = [0.09, 0.05, 0.09, 0.08, 0.09];
        for (a, e) in adjusted.iter().zip(expected) {
            assert!((a - e).abs() < 1e-15);
        }
    }
}
