//! Inference on DeLong AUCs: the Wald CI of one AUC, the paired test of two correlated AUCs
//! (DeLong, DeLong & Clarke-Pearson 1988) and the unpaired test of AUCs from independent samples.

use serde::Serialize;

use super::{covariance, variance, Placements};
use crate::dist::{normal_cdf, normal_quantile, normal_sf, t_sf};
use crate::error::{AnalysisError, Result};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delong::placements;

    #[test]
    fn identical_curves_give_z_zero_and_p_one() {
        let p = placements(&[0.9, 0.4], &[0.1, 0.5]).unwrap();

        let t = paired_test(&p, &p, 0.95).unwrap();

        assert_eq!((t.z, t.p_two_sided), (0.0, 1.0));
    }
}
