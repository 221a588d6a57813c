//! Result rows shared by the OR and DBM analyses: pairwise modality differences, per-modality
//! confidence intervals, and the guarded ratio used for test statistics.

use serde::Serialize;

use crate::dist::{normal_quantile, t_quantile, t_two_sided, z_two_sided};
use crate::error::{AnalysisError, Result};

/// Confidence level of every interval in the MRMC reports.
pub const LEVEL: f64 = 0.95;

/// One pairwise difference of modality means, `modality_a − modality_b`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub modality_a: String,
    pub modality_b: String,
    pub estimate: f64,
    pub se: f64,
    /// Degrees of freedom of the t reference; `None` means the normal (z) reference.
    pub df: Option<f64>,
    /// t or z statistic (0 when estimate and se are both 0).
    pub statistic: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// Two-sided p-value.
    pub p: f64,
}

/// A modality's reader-averaged figure of merit with its confidence interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModalityInterval {
    pub modality: String,
    pub estimate: f64,
    pub se: f64,
    /// `None` = normal reference.
    pub df: Option<f64>,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

fn quantile(df: Option<f64>) -> f64 {
    let p = 0.5 + LEVEL / 2.0;
    match df {
        Some(df) => t_quantile(p, df),
        None => normal_quantile(p),
    }
}

/// A test statistic effect / error term with the degenerate cases defined: 0 when both are 0
/// (no difference, no variability: p = 1), ±∞ when only the error term is 0 (p = 0, written
/// as null in JSON and explained in the report notes).
///
/// # Errors
/// `Degenerate` when the error term is negative (a negative variance estimate).
pub fn guarded_ratio(numerator: f64, denominator: f64, what: &str) -> Result<f64> {
    if denominator >= 0.0 {
        Ok(statistic(numerator, denominator))
    } else {
        Err(AnalysisError::Degenerate(format!(
            "{what}: the error term is {denominator:e}, a negative variance estimate, so the test \
             is undefined; this happens with the unbiased covariance on small samples: try --cov \
             jackknife or more cases"
        )))
    }
}

/// `numerator / scale` for a scale that cannot be negative (a standard error), with the crate's
/// convention for a zero one: 0 when the numerator is 0 too, ±∞ otherwise.
pub fn statistic(numerator: f64, scale: f64) -> f64 {
    if scale > 0.0 {
        numerator / scale
    } else if numerator == 0.0 {
        0.0
    } else {
        f64::INFINITY.copysign(numerator)
    }
}

/// Builds a difference row with a t (df given) or z (df None) reference.
///
/// # Errors
/// As [`guarded_ratio`].
pub fn difference(
    modality_a: &str,
    modality_b: &str,
    estimate: f64,
    variance: f64,
    df: Option<f64>,
    what: &str,
) -> Result<Difference> {
    let se = variance.max(0.0).sqrt();
    let statistic = guarded_ratio(estimate, if variance > 0.0 { se } else { variance }, what)?;
    let q = quantile(df);
    let p = match df {
        Some(df) => t_two_sided(statistic, df),
        None => z_two_sided(statistic),
    };
    Ok(Difference {
        modality_a: modality_a.to_string(),
        modality_b: modality_b.to_string(),
        estimate,
        se,
        df,
        statistic,
        ci_lower: estimate - q * se,
        ci_upper: estimate + q * se,
        p,
    })
}

/// Builds a modality interval estimate ± q·se; a negative variance estimate is reported as an
/// error rather than a NaN.
///
/// # Errors
/// `Degenerate` when `variance` is negative.
pub fn interval(
    modality: &str,
    estimate: f64,
    variance: f64,
    df: Option<f64>,
) -> Result<ModalityInterval> {
    if variance < 0.0 {
        return Err(AnalysisError::Degenerate(format!(
            "modality '{modality}': the variance estimate of its mean is negative ({variance:e}); \
             try --cov jackknife or more cases"
        )));
    }
    let se = variance.sqrt();
    let q = quantile(df);
    Ok(ModalityInterval {
        modality: modality.to_string(),
        estimate,
        se,
        df,
        ci_lower: estimate - q * se,
        ci_upper: estimate + q * se,
    })
}

/// Satterthwaite degrees of freedom num² / (ms² / df_ms); infinite when ms is 0 (the error
/// term then has no sampling variability, so the reference becomes the normal / χ² limit).
pub fn satterthwaite(num: f64, ms: f64, df_ms: f64) -> f64 {
    if ms == 0.0 {
        f64::INFINITY
    } else {
        num * num / (ms * ms / df_ms)
    }
}

/// Every ordered pair (a, b) with a before b, in modality order.
pub fn pairs(t: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..t).flat_map(move |a| (a + 1..t).map(move |b| (a, b)))
}
