//! DeLong's nonparametric analysis of correlated AUCs, with Sun & Xu's O(n log n) placements.
//!
//! For positives X₁..X_m and negatives Y₁..Y_n the empirical AUC is the Mann–Whitney statistic
//! θ̂ = (1/mn) Σᵢ Σⱼ ψ(Xᵢ, Yⱼ), ψ = 1 if X > Y, ½ if tied, 0 otherwise (Hanley & McNeil 1982).
//! DeLong, DeLong & Clarke-Pearson (1988, Biometrics 44:837) define the structural components
//! (placements) V₁₀(Xᵢ) = (1/n) Σⱼ ψ(Xᵢ, Yⱼ) and V₀₁(Yⱼ) = (1/m) Σᵢ ψ(Xᵢ, Yⱼ); the covariance of
//! two AUCs on the same cases is S₁₀/m + S₀₁/n with S the sample covariances (denominator m−1,
//! n−1) of the placements. Sun & Xu (2014, IEEE SPL 21:1389) compute the placements from midranks
//! after a single sort, O((m+n) log(m+n)) instead of O(mn); here one sort of the pooled scores
//! gives every placement by counting, per tie group, the opposite-class scores below and tied.

use serde::Serialize;

use crate::dist::{normal_cdf, normal_quantile, normal_sf, t_sf};
use crate::error::{AnalysisError, Result};

/// An AUC with its DeLong structural components.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placements {
    /// Empirical (Wilcoxon) AUC, ties counted ½.
    pub auc: f64,
    /// V₁₀ of each positive, in input order: fraction of negatives it outranks (ties ½).
    pub positives: Vec<f64>,
    /// V₀₁ of each negative, in input order: fraction of positives that outrank it (ties ½).
    pub negatives: Vec<f64>,
}

/// Maps a float to an integer with the same order, so the sort compares plain integers.
fn order_key(x: f64) -> u64 {
    // -0.0 and 0.0 must tie.
    let bits = if x == 0.0 {
        0.0f64.to_bits()
    } else {
        x.to_bits()
    };
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// Structural components of the AUC of `positives` against `negatives` (higher = more positive).
///
/// Formula: see the module documentation (DeLong 1988; Sun & Xu 2014).
///
/// # Errors
/// `TooFew` when either class is empty, `InvalidArgument` when a score is not finite.
pub fn placements(positives: &[f64], negatives: &[f64]) -> Result<Placements> {
    let (m, n) = (positives.len(), negatives.len());
    if m == 0 || n == 0 {
        return Err(AnalysisError::TooFew {
            what: "an AUC",
            needed: 1,
            unit: "positive and one negative score",
            found: 0,
        });
    }
    if positives.iter().chain(negatives).any(|x| !x.is_finite()) {
        return Err(AnalysisError::InvalidArgument(
            "scores must be finite numbers".to_string(),
        ));
    }
    let mut keyed: Vec<(u64, u32)> = positives
        .iter()
        .chain(negatives)
        .enumerate()
        .map(|(i, &x)| (order_key(x), i as u32))
        .collect();
    keyed.sort_unstable();

    let mut v10 = vec![0.0; m];
    let mut v01 = vec![0.0; n];
    let (mut pos_below, mut neg_below) = (0usize, 0usize);
    let mut start = 0;
    while start < keyed.len() {
        let key = keyed[start].0;
        let end = start + keyed[start..].partition_point(|&(k, _)| k == key);
        let group = &keyed[start..end];
        let pos_tied = group.iter().filter(|&&(_, i)| (i as usize) < m).count();
        let neg_tied = group.len() - pos_tied;
        let v10_here = (neg_below as f64 + 0.5 * neg_tied as f64) / n as f64;
        let v01_here = (m as f64 - pos_below as f64 - 0.5 * pos_tied as f64) / m as f64;
        for &(_, i) in group {
            let i = i as usize;
            if i < m {
                v10[i] = v10_here;
            } else {
                v01[i - m] = v01_here;
            }
        }
        pos_below += pos_tied;
        neg_below += neg_tied;
        start = end;
    }
    let auc = v10.iter().sum::<f64>() / m as f64;
    Ok(Placements {
        auc,
        positives: v10,
        negatives: v01,
    })
}

/// Splits scores by truth (true = positive) and computes [`placements`].
///
/// # Errors
/// As [`placements`]; `InvalidArgument` when the lengths differ.
pub fn placements_by_truth(scores: &[f64], truth: &[bool]) -> Result<Placements> {
    if scores.len() != truth.len() {
        return Err(AnalysisError::InvalidArgument(format!(
            "{} scores but {} truths",
            scores.len(),
            truth.len()
        )));
    }
    let positives: Vec<f64> = scores
        .iter()
        .zip(truth)
        .filter(|(_, &t)| t)
        .map(|(&s, _)| s)
        .collect();
    let negatives: Vec<f64> = scores
        .iter()
        .zip(truth)
        .filter(|(_, &t)| !t)
        .map(|(&s, _)| s)
        .collect();
    placements(&positives, &negatives)
}

fn sample_cov(a: &[f64], a_mean: f64, b: &[f64], b_mean: f64) -> f64 {
    if a.len() < 2 {
        return 0.0;
    }
    let s: f64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| (x - a_mean) * (y - b_mean))
        .sum();
    s / (a.len() - 1) as f64
}

/// DeLong covariance of two AUCs measured on the same cases: S₁₀/m + S₀₁/n (DeLong 1988, eq. 4).
///
/// # Errors
/// `InvalidArgument` when the two were computed on different numbers of cases.
pub fn covariance(a: &Placements, b: &Placements) -> Result<f64> {
    if a.positives.len() != b.positives.len() || a.negatives.len() != b.negatives.len() {
        return Err(AnalysisError::InvalidArgument(
            "paired AUCs must be computed on the same positives and negatives".to_string(),
        ));
    }
    let (m, n) = (a.positives.len() as f64, a.negatives.len() as f64);
    let s10 = sample_cov(&a.positives, a.auc, &b.positives, b.auc);
    // V₀₁ averages to θ as well, so θ is the mean of both placement vectors.
    let s01 = sample_cov(&a.negatives, a.auc, &b.negatives, b.auc);
    Ok(s10 / m + s01 / n)
}

/// DeLong variance of one AUC: S₁₀/m + S₀₁/n.
pub fn variance(p: &Placements) -> f64 {
    covariance(p, p).expect("a placement set always pairs with itself")
}

/// An AUC with its DeLong standard error and Wald confidence interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AucInterval {
    pub auc: f64,
    pub variance: f64,
    pub se: f64,
    pub lower: f64,
    pub upper: f64,
    pub level: f64,
}

/// Wald CI of one AUC, θ̂ ± z₁₋α/₂ √V, clipped to [0, 1] as pROC's `ci.auc(method="delong")`.
///
/// # Errors
/// `InvalidArgument` when `level` is not in (0, 1).
pub fn auc_interval(p: &Placements, level: f64) -> Result<AucInterval> {
    check_level(level)?;
    let var = variance(p);
    let se = var.sqrt();
    let z = normal_quantile(0.5 + level / 2.0);
    Ok(AucInterval {
        auc: p.auc,
        variance: var,
        se,
        lower: (p.auc - z * se).max(0.0),
        upper: (p.auc + z * se).min(1.0),
        level,
    })
}

fn check_level(level: f64) -> Result<()> {
    if level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(AnalysisError::InvalidArgument(format!(
            "confidence level {level} must lie strictly between 0 and 1"
        )))
    }
}

/// DeLong's test of two correlated AUCs (same cases, e.g. two markers or two modalities).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairedTest {
    pub auc_a: f64,
    pub auc_b: f64,
    /// θ̂_a − θ̂_b.
    pub difference: f64,
    pub se: f64,
    pub z: f64,
    pub p_two_sided: f64,
    /// One-sided p for the alternative θ_a > θ_b.
    pub p_greater: f64,
    /// One-sided p for the alternative θ_a < θ_b.
    pub p_less: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// Paired DeLong test: Z = (θ̂_a − θ̂_b)/√(V_a + V_b − 2C_ab) (DeLong 1988, eq. 5), with the Wald CI
/// of the difference. Identical curves (zero variance and zero difference) give Z = 0, p = 1.
///
/// # Errors
/// `InvalidArgument` for unpaired inputs or a bad level; `Degenerate` when the difference is
/// non-zero but its variance is zero.
pub fn paired_test(a: &Placements, b: &Placements, level: f64) -> Result<PairedTest> {
    check_level(level)?;
    let var = variance(a) + variance(b) - 2.0 * covariance(a, b)?;
    let difference = a.auc - b.auc;
    let se = var.max(0.0).sqrt();
    let z = z_score(difference, se)?;
    let zq = normal_quantile(0.5 + level / 2.0);
    Ok(PairedTest {
        auc_a: a.auc,
        auc_b: b.auc,
        difference,
        se,
        z,
        p_two_sided: (2.0 * normal_sf(z.abs())).min(1.0),
        p_greater: normal_sf(z),
        p_less: normal_cdf(z),
        ci_lower: difference - zq * se,
        ci_upper: difference + zq * se,
    })
}

fn z_score(difference: f64, se: f64) -> Result<f64> {
    if se > 0.0 {
        Ok(difference / se)
    } else if difference == 0.0 {
        Ok(0.0)
    } else {
        Err(AnalysisError::Degenerate(format!(
            "the AUCs differ by {difference} but the variance of the difference is zero, so no test is defined"
        )))
    }
}

/// DeLong's test of two AUCs from independent samples (e.g. internal vs external test set).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnpairedTest {
    pub auc_a: f64,
    pub auc_b: f64,
    pub difference: f64,
    pub se: f64,
    /// D = (θ̂_a − θ̂_b)/√(V_a + V_b).
    pub d: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    pub p_two_sided: f64,
    pub p_greater: f64,
    pub p_less: f64,
}

/// Unpaired test: D = (θ̂_a − θ̂_b)/√(V_a + V_b) referred to Student's t with
/// df = (V_a + V_b)² / (V_a²/(N_a − 1) + V_b²/(N_b − 1)), N the total cases of each sample
/// (the convention of pROC's `roc.test(paired = FALSE, method = "delong")`).
///
/// # Errors
/// `Degenerate` when both variances are zero and the AUCs differ.
pub fn unpaired_test(a: &Placements, b: &Placements) -> Result<UnpairedTest> {
    let (va, vb) = (variance(a), variance(b));
    let difference = a.auc - b.auc;
    let se = (va + vb).sqrt();
    let d = z_score(difference, se)?;
    let na = (a.positives.len() + a.negatives.len()) as f64;
    let nb = (b.positives.len() + b.negatives.len()) as f64;
    let df = if se > 0.0 {
        (va + vb).powi(2) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0))
    } else {
        f64::INFINITY
    };
    Ok(UnpairedTest {
        auc_a: a.auc,
        auc_b: b.auc,
        difference,
        se,
        d,
        df,
        p_two_sided: (2.0 * t_sf(d.abs(), df)).min(1.0),
        p_greater: t_sf(d, df),
        p_less: t_sf(-d, df),
    })
}

/// DeLong covariance matrix of several AUCs on the same cases (row i, column j = Cov(θ̂ᵢ, θ̂ⱼ)).
///
/// # Errors
/// As [`covariance`].
pub fn covariance_matrix(aucs: &[Placements]) -> Result<Vec<Vec<f64>>> {
    let k = aucs.len();
    let mut s = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in i..k {
            let c = covariance(&aucs[i], &aucs[j])?;
            s[i][j] = c;
            s[j][i] = c;
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_count_half_in_the_auc() {
        // One positive tied with one of two negatives: (1 + 0.5)/2 by hand.
        let p = placements(&[1.0], &[1.0, 0.0]).unwrap();

        assert_eq!(p.auc, 0.75);
        assert_eq!(p.negatives, vec![0.5, 1.0]);
    }

    #[test]
    fn placements_match_the_quadratic_definition() {
        let pos = [0.3, 0.9, 0.5, 0.5, -0.0];
        let neg = [0.0, 0.5, 0.1, 0.7];
        let psi = |x: f64, y: f64| {
            if x > y {
                1.0
            } else if x == y {
                0.5
            } else {
                0.0
            }
        };

        let p = placements(&pos, &neg).unwrap();

        for (i, &x) in pos.iter().enumerate() {
            let v: f64 = neg.iter().map(|&y| psi(x, y)).sum::<f64>() / neg.len() as f64;
            assert!((p.positives[i] - v).abs() < 1e-15);
        }
        for (j, &y) in neg.iter().enumerate() {
            let v: f64 = pos.iter().map(|&x| psi(x, y)).sum::<f64>() / pos.len() as f64;
            assert!((p.negatives[j] - v).abs() < 1e-15);
        }
    }

    #[test]
    fn identical_curves_give_z_zero_and_p_one() {
        let p = placements(&[0.9, 0.4], &[0.1, 0.5]).unwrap();

        let t = paired_test(&p, &p, 0.95).unwrap();

        assert_eq!((t.z, t.p_two_sided), (0.0, 1.0));
    }
}
