//! The AI read on its own against a group of readers of the same cases in one modality:
//! RJafroc's `StSignificanceTestingCadVsRad(method = "1T-RRRC")` (Chakraborty, *Observer
//! Performance Methods for Diagnostic Imaging*, 2017, chapter "Standalone CAD vs.
//! radiologists"), the single-treatment Obuchowski–Rockette analysis of Hillis (2007, *Stat Med*
//! 26:596–619) applied to the differences ψ_j = θ_j − θ_AI.
//!
//! With J readers, jackknife values of ψ_j (each reader's leave-one-case-out figure minus the
//! AI's), their jackknife covariance, Var = its mean diagonal and Cov2 = its mean off-diagonal:
//! - MS_R = Σ_j (ψ_j − ψ̄)² / (J − 1), MS_den = MS_R + max(J·Cov2, 0);
//! - t = ψ̄ / √(MS_den / J) on ddf = MS_den² / (MS_R² / (J − 1)) (Satterthwaite), two-sided p;
//! - the 95% CI of ψ̄ is ψ̄ ± t_{0.975, ddf} √(MS_den / J).
//!
//! Readers random, cases random; the AI is a fixed reader. Beside it the AI's own figure with
//! its jackknife normal-approximation CI, and the readers' mean with the single-modality OR CI
//! (the same analysis on θ_j), where RJafroc shifts the difference's interval instead.

use serde::Serialize;

use crate::covariance::jackknife;
use crate::dist::{normal_quantile, t_two_sided};
use crate::error::{AnalysisError, Result};
use crate::fom::{FomTable, ReadingFom};
use crate::inference::{interval, satterthwaite, statistic, LEVEL};
use crate::or::components;

/// The AI against the readers (module doc).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standalone {
    pub readers: usize,
    /// The AI's figure and its jackknife 95% CI.
    pub ai: f64,
    pub ai_ci: (f64, f64),
    /// The readers' mean figure and its single-modality OR 95% CI.
    pub readers_mean: f64,
    pub readers_ci: (f64, f64),
    /// ψ̄ = readers' mean − AI, its 95% CI, t, ddf and two-sided p.
    pub difference: f64,
    pub difference_ci: (f64, f64),
    pub t: f64,
    pub df: f64,
    pub p: f64,
    /// Var and Cov2 of the differences' jackknife covariance, MS_R of the differences.
    pub var_error: f64,
    pub cov2: f64,
    pub ms_r: f64,
}

/// The single-modality OR interval of the mean of `table`'s readings: mean, its variance
/// (MS_den / J), ddf and MS_R, Cov2 and Var of their jackknife covariance.
fn single_modality<F>(table: &FomTable<F>, what: &str) -> Result<(f64, f64, f64, [f64; 3])> {
    let j = table.readings.len();
    let values = table.values();
    let cov = jackknife(table);
    let c = components(&values, &cov, 1, j);
    let num = c.ms_r + j as f64 * c.cov2.max(0.0);
    let df = satterthwaite(num, c.ms_r, j as f64 - 1.0);
    let mean = values.iter().sum::<f64>() / j as f64;
    let variance = num / j as f64;
    if !variance.is_finite() || variance < 0.0 {
        return Err(AnalysisError::Degenerate(format!(
            "{what}: the variance of the mean is {variance:e}"
        )));
    }
    Ok((mean, variance, df, [c.ms_r, c.cov2, c.var_error]))
}

/// Compares reading 0 of a one-modality table (the AI) with readings 1… (the readers).
///
/// # Errors
/// `TooFew` with fewer than two readers besides the AI; `InvalidArgument` with more than one
/// modality;
/// `Degenerate` when a variance estimate is negative or undefined.
pub fn standalone<F: Clone>(table: &FomTable<F>) -> Result<Standalone> {
    if table.modalities != 1 {
        return Err(AnalysisError::InvalidArgument(
            "the AI is compared with readers within one modality".into(),
        ));
    }
    if table.readings.len() < 3 {
        return Err(AnalysisError::TooFew {
            what: "comparing the AI with readers in one modality",
            needed: 2,
            unit: "readers besides the AI",
            found: table.readings.len().saturating_sub(1),
        });
    }
    let ai = &table.readings[0];
    let readers = FomTable {
        fom: table.fom.clone(),
        modalities: 1,
        readers: table.readings.len() - 1,
        readings: table.readings[1..].to_vec(),
    };
    let differences = FomTable {
        readings: readers
            .readings
            .iter()
            .map(|r| ReadingFom {
                value: r.value - ai.value,
                leave_one_out: r
                    .leave_one_out
                    .iter()
                    .zip(&ai.leave_one_out)
                    .map(|(x, a)| x - a)
                    .collect(),
                placements: None,
                contributions: None,
            })
            .collect(),
        ..readers.clone()
    };
    let (difference, variance, df, [ms_r, cov2, var_error]) =
        single_modality(&differences, "readers − AI")?;
    let d = interval("readers − AI", difference, variance, Some(df))?;
    let t = statistic(difference, d.se);
    let (mean, readers_variance, readers_df, _) = single_modality(&readers, "readers")?;
    let r = interval("readers", mean, readers_variance, Some(readers_df))?;
    let ai_var = jackknife(&FomTable {
        readings: vec![ai.clone()],
        readers: 1,
        ..readers.clone()
    })
    .get(0, 0);
    let q = normal_quantile(0.5 + LEVEL / 2.0) * ai_var.max(0.0).sqrt();
    Ok(Standalone {
        readers: readers.readings.len(),
        ai: ai.value,
        ai_ci: (ai.value - q, ai.value + q),
        readers_mean: mean,
        readers_ci: (r.ci_lower, r.ci_upper),
        difference,
        difference_ci: (d.ci_lower, d.ci_upper),
        t,
        df,
        p: t_two_sided(t, df),
        var_error,
        cov2,
        ms_r,
    })
}
