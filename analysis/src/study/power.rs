//! Sample size of a follow-up study: readers × cases for a target power to detect the observed
//! AUC difference, by the OR method with random readers and cases (Hillis, Obuchowski & Berbaum
//! 2011), with the non-central F distribution it needs.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, FisherSnedecor};
use statrs::function::beta::beta_reg;

use crate::error::{AnalysisError, Result};
use crate::or::OrComponents;

/// Reader counts of the sample-size grid.
pub const READER_GRID: [usize; 7] = [4, 6, 8, 10, 12, 16, 20];
/// Largest case count searched; a row that needs more shows no case count.
pub const MAX_CASES: usize = 2000;
/// Above this the Hillis ddf is replaced by this value (the F is then its χ² limit to 1e-6).
const LARGE_DDF: f64 = 1e6;

/// CDF of the non-central F(d₁, d₂; λ) by its Poisson mixture of central beta variables:
/// P(F ≤ f) = Σⱼ e^(−λ/2) (λ/2)ʲ/j! · I_x(d₁/2 + j, d₂/2), x = d₁f/(d₁f + d₂) (Johnson, Kotz &
/// Balakrishnan 1995, Continuous Univariate Distributions vol. 2, eq. 30.7), summed until the
/// remaining Poisson weight is below 1e-14. λ = 0 is the central F.
///
/// # Errors
/// `InvalidArgument` for non-positive degrees of freedom or a negative λ.
pub fn noncentral_f_cdf(f: f64, d1: f64, d2: f64, lambda: f64) -> Result<f64> {
    if d1 <= 0.0 || d2 <= 0.0 || lambda < 0.0 || lambda.is_nan() {
        return Err(AnalysisError::InvalidArgument(format!(
            "a non-central F needs positive degrees of freedom and λ >= 0; got F({d1}, {d2}; {lambda})"
        )));
    }
    if f <= 0.0 {
        return Ok(0.0);
    }
    if f.is_infinite() {
        return Ok(1.0);
    }
    let x = d1 * f / (d1 * f + d2);
    let half = lambda / 2.0;
    let mut weight = (-half).exp();
    let (mut total, mut used) = (0.0, 0.0);
    let mut j = 0.0;
    // Start the sum near the Poisson mode would be faster for huge λ; power studies keep λ small.
    while used < 1.0 - 1e-14 && j < 100_000.0 {
        total += weight * beta_reg(d1 / 2.0 + j, d2 / 2.0, x);
        used += weight;
        j += 1.0;
        weight *= half / j;
        if weight == 0.0 && j > half {
            break;
        }
    }
    Ok(total.clamp(0.0, 1.0))
}

/// Power of the OR-RRRC test of two modalities with J readers and K cases (Hillis, Obuchowski &
/// Berbaum 2011, Acad Radiol 18:129, eqs. 6–9, t = 2), from a pilot's components on K* cases:
/// with D = σ²_TR + (K*/K)(Var − Cov1 + (J − 1)·max(Cov2 − Cov3, 0)),
/// λ = J d²/(2D), ddf = D²/([σ²_TR + (K*/K)(Var − Cov1 − max(Cov2 − Cov3, 0))]²/(J − 1)),
/// power = P(F(1, ddf; λ) > F₁₋α(1, ddf)). The error terms scale as K*/K; σ²_TR does not.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PowerInputs {
    /// σ²_TR of the pilot (truncated at 0).
    pub var_tr: f64,
    pub var_error: f64,
    pub cov1: f64,
    pub cov2: f64,
    pub cov3: f64,
    /// Cases of the pilot (K*).
    pub cases: usize,
}

impl PowerInputs {
    /// The inputs from an OR analysis of the pilot: RJafroc's σ²_TR = MS_TR − Var + Cov1 +
    /// max(Cov2 − Cov3, 0) (as Hillis 2011 prescribes for sizing), truncated at 0.
    pub fn from_components(c: &OrComponents, cases: usize) -> Self {
        Self {
            var_tr: c.rjafroc_var_tr().max(0.0),
            var_error: c.var_error,
            cov1: c.cov1,
            cov2: c.cov2,
            cov3: c.cov3,
            cases,
        }
    }

    /// The non-centrality λ and Hillis ddf of a follow-up with `readers` and `cases`.
    pub fn ncp_ddf(&self, effect: f64, readers: usize, cases: usize) -> (f64, f64) {
        let (j, scale) = (readers as f64, self.cases as f64 / cases as f64);
        let c23 = (self.cov2 - self.cov3).max(0.0);
        let den = self.var_tr + scale * (self.var_error - self.cov1 + (j - 1.0) * c23);
        let ms_tr = self.var_tr + scale * (self.var_error - self.cov1 - c23);
        let ddf = if ms_tr > 0.0 {
            (den * den / (ms_tr * ms_tr / (j - 1.0))).min(LARGE_DDF)
        } else {
            LARGE_DDF
        };
        (j * effect * effect / (2.0 * den), ddf)
    }

    /// Power to detect `effect` with `readers` and `cases` at level `alpha` (type doc).
    ///
    /// # Errors
    /// `InvalidArgument` for fewer than two readers, no cases, alpha outside (0, 1) or a
    /// non-positive variance of the difference.
    pub fn power(&self, effect: f64, readers: usize, cases: usize, alpha: f64) -> Result<f64> {
        if readers < 2 || cases == 0 || !(alpha > 0.0 && alpha < 1.0) {
            return Err(AnalysisError::InvalidArgument(format!(
                "power needs at least 2 readers, 1 case and alpha in (0, 1); got {readers}, {cases}, {alpha}"
            )));
        }
        let (ncp, ddf) = self.ncp_ddf(effect, readers, cases);
        if !(ncp.is_finite() && ncp >= 0.0) {
            return Err(AnalysisError::InvalidArgument(
                "the pilot's variance of the AUC difference is not positive, so power is undefined"
                    .into(),
            ));
        }
        let central = FisherSnedecor::new(1.0, ddf)
            .map_err(|e| AnalysisError::InvalidArgument(e.to_string()))?;
        let critical = central.inverse_cdf(1.0 - alpha);
        Ok(1.0 - noncentral_f_cdf(critical, 1.0, ddf, ncp)?)
    }

    /// The fewest cases (≤ [`MAX_CASES`]) giving at least `target` power with `readers`, by
    /// bisection (power rises with the case count), with the power reached.
    ///
    /// # Errors
    /// As [`PowerInputs::power`].
    pub fn cases_for(
        &self,
        effect: f64,
        readers: usize,
        alpha: f64,
        target: f64,
    ) -> Result<Option<(usize, f64)>> {
        let at = |k| self.power(effect, readers, k, alpha);
        if at(MAX_CASES)? < target {
            return Ok(None);
        }
        let (mut lo, mut hi) = (1, MAX_CASES);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if at(mid)? >= target {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        if at(lo)? >= target {
            hi = lo;
        }
        Ok(Some((hi, at(hi)?)))
    }
}

/// One row of the sample-size grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleSizeRow {
    pub readers: usize,
    /// Fewest cases reaching the target power; `None` beyond [`MAX_CASES`].
    pub cases: Option<usize>,
    pub power: Option<f64>,
}

/// The sample-size table: the observed effect and, for each reader count, the cases needed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleSize {
    /// The AUC difference the planned study should detect.
    pub effect: f64,
    /// Whether the coordinator entered `effect` (else it is this study's observed difference).
    pub entered: bool,
    pub alpha: f64,
    pub target_power: f64,
    pub inputs: PowerInputs,
    pub rows: Vec<SampleSizeRow>,
}

/// The grid of [`READER_GRID`] readers for an effect, from the pilot's components.
///
/// # Errors
/// As [`PowerInputs::power`].
pub fn sample_size(
    inputs: PowerInputs,
    effect: f64,
    alpha: f64,
    target_power: f64,
) -> Result<SampleSize> {
    let rows = READER_GRID
        .iter()
        .map(|&readers| {
            let found = inputs.cases_for(effect, readers, alpha, target_power)?;
            Ok(SampleSizeRow {
                readers,
                cases: found.map(|f| f.0),
                power: found.map(|f| f.1),
            })
        })
        .collect::<Result<_>>()?;
    Ok(SampleSize {
        effect,
        entered: false,
        alpha,
        target_power,
        inputs,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::FisherSnedecor;

    #[test]
    fn with_no_noncentrality_the_cdf_is_the_central_f() {
        let central = FisherSnedecor::new(3.0, 17.5).unwrap();
        for f in [0.2, 1.0, 2.7, 6.0] {
            let got = noncentral_f_cdf(f, 3.0, 17.5, 0.0).unwrap();
            assert!((got - central.cdf(f)).abs() < 1e-13, "F = {f}");
        }
    }

    #[test]
    fn with_one_numerator_df_and_huge_ddf_the_cdf_is_the_noncentral_chi_square() {
        // F(1, ∞; λ) = χ²₁(λ) = (Z + √λ)²: P(≤ 1) = Φ(1 − √λ) − Φ(−1 − √λ); λ = 4 gives
        // Φ(−1) − Φ(−3) = 0.15865525393145707 − 0.0013498980316301035 = 0.15730535589982697.
        let got = noncentral_f_cdf(1.0, 1.0, 1e9, 4.0).unwrap();
        assert!((got - 0.157_305_355_899_826_97).abs() < 1e-6, "{got}");
    }

    fn pilot() -> PowerInputs {
        PowerInputs {
            var_tr: 2e-4,
            var_error: 8e-4,
            cov1: 3.5e-4,
            cov2: 3.4e-4,
            cov3: 2.4e-4,
            cases: 114,
        }
    }

    #[test]
    fn power_equals_alpha_when_there_is_no_effect() {
        let power = pilot().power(0.0, 10, 200, 0.05).unwrap();
        assert!((power - 0.05).abs() < 1e-9, "{power}");
    }

    #[test]
    fn power_rises_with_readers_and_with_cases() {
        let p = pilot();
        let base = p.power(0.04, 6, 100, 0.05).unwrap();
        assert!(p.power(0.04, 12, 100, 0.05).unwrap() > base);
        assert!(p.power(0.04, 6, 300, 0.05).unwrap() > base);
    }
}
