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
use crate::dist::normal_quantile;
use crate::error::{AnalysisError, Result};
use crate::fom::FomTable;
use crate::inference::LEVEL;
use crate::or::components;
use crate::study::ai::single_modality_rrrc;

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

/// Compares reading 0 of a one-modality table (the AI) with readings 1… (the readers).
///
/// # Errors
/// `TooFew` with fewer than two readers besides the AI; `InvalidArgument` with more than one
/// modality; `Degenerate` when a variance estimate is negative.
pub fn standalone<F>(table: &FomTable<F>) -> Result<Standalone> {
    if table.modalities != 1 {
        return Err(AnalysisError::InvalidArgument(
            "the AI is compared with readers within one modality".into(),
        ));
    }
    let n = table.readings.len();
    if n < 3 {
        return Err(AnalysisError::TooFew {
            what: "comparing the AI with readers in one modality",
            needed: 2,
            unit: "readers besides the AI",
            found: n.saturating_sub(1),
        });
    }
    // The jackknife covariance of the AI's and the readers' figures; that of the differences
    // ψ_j follows from it (the jackknife is linear in the leave-one-out values).
    let cov = jackknife(table);
    let values = table.values();
    let psi: Vec<f64> = values[1..].iter().map(|v| v - values[0]).collect();
    let psi_cov = cov.differences_from(0);
    let d = single_modality_rrrc(&psi, &psi_cov, "readers − AI")?;
    let r = single_modality_rrrc(&values[1..], &cov.block(1..n), "readers")?;
    let c = components(&psi, &psi_cov, 1, psi.len());
    let q = normal_quantile(0.5 + LEVEL / 2.0) * cov.get(0, 0).max(0.0).sqrt();
    Ok(Standalone {
        readers: psi.len(),
        ai: values[0],
        ai_ci: (values[0] - q, values[0] + q),
        readers_mean: r.estimate,
        readers_ci: (r.ci_lower, r.ci_upper),
        difference: d.estimate,
        difference_ci: (d.ci_lower, d.ci_upper),
        t: d.statistic,
        df: d.df.unwrap_or(f64::INFINITY),
        p: d.p,
        var_error: c.var_error,
        cov2: c.cov2,
        ms_r: c.ms_r,
    })
}
