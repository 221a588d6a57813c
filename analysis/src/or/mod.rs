//! Obuchowski–Rockette (1995) MRMC analysis with Hillis (2007, 2008) degrees of freedom, for any
//! number t ≥ 2 of modalities and r ≥ 2 readers.
//!
//! Model: θ̂ᵢⱼ = μ + τᵢ + Rⱼ + (τR)ᵢⱼ + εᵢⱼ, with the case-sampling errors ε correlated as
//! Var(ε) = Var, Cov1 (same reader, different modality), Cov2 (same modality, different reader),
//! Cov3 (both different), estimated from a [`CovMatrix`] (jackknife, DeLong or unbiased).
//! With MS_T, MS_R, MS_TR the two-way ANOVA mean squares of the θ̂ᵢⱼ:
//! - var_R = (MS_R − MS_TR)/t − Cov1 + Cov3, var_TR = MS_TR − Var + Cov1 + Cov2 − Cov3 (Hillis
//!   2007, as MRMCaov and OR-DBM MRMC; RJafroc instead uses max(Cov2 − Cov3, 0), see
//!   [`OrComponents::rjafroc_var_r`]).
//! - RRRC: F = MS_T / (MS_TR + r·max(Cov2 − Cov3, 0)) ~ F(t − 1, ddf_H) with
//!   ddf_H = (MS_TR + r·max(Cov2 − Cov3, 0))² / (MS_TR²/((t − 1)(r − 1))) (Hillis 2007, 2008);
//!   difference SE √(2/r · denominator); modality i: Var(θ̄ᵢ) = (MS_R(i) + r·max(Cov2ᵢ, 0))/r,
//!   df = (MS_R(i) + r·max(Cov2ᵢ, 0))²/(MS_R(i)²/(r − 1)).
//! - FRRC: X² = (t − 1)·MS_T / (Var − Cov1 + (r − 1)·max(Cov2 − Cov3, 0)) ~ χ²(t − 1); per
//!   reader j: X²ⱼ = (t − 1)·MS_T(j)/(Varⱼ − Cov1ⱼ); modality i: (Varᵢ + (r − 1)max(Cov2ᵢ, 0))/r.
//! - RRFC: F = MS_T/MS_TR ~ F(t − 1, (t − 1)(r − 1)); modality i: MS_R(i)/r with r − 1 df.

mod components;

use serde::Serialize;

use crate::covariance::{CovMatrix, Covariance};
use crate::dist::{chi2_sf, f_sf};
use crate::error::{AnalysisError, Result};
use crate::inference::{
    difference, guarded_ratio, interval, pairs, satterthwaite, Difference, ModalityInterval,
};

use components::mean;
pub use components::{components, OrComponents};

/// Random readers, random cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rrrc {
    pub f: f64,
    pub df1: f64,
    /// Hillis ddf; collapses to (t − 1)(r − 1) when Cov2 ≤ Cov3; ∞ (null) when MS_TR = 0.
    pub df2: f64,
    pub p: f64,
    pub denominator: f64,
    pub differences: Vec<Difference>,
    pub modalities: Vec<ModalityInterval>,
}

/// Per-reader fixed-reader test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderTest {
    pub reader: String,
    pub chi2: f64,
    pub df: f64,
    pub p: f64,
    pub differences: Vec<Difference>,
}

/// Fixed readers, random cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Frrc {
    pub chi2: f64,
    pub df: f64,
    pub p: f64,
    pub denominator: f64,
    pub differences: Vec<Difference>,
    pub modalities: Vec<ModalityInterval>,
    pub readers: Vec<ReaderTest>,
}

/// Random readers, fixed cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rrfc {
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
    pub differences: Vec<Difference>,
    pub modalities: Vec<ModalityInterval>,
}

/// A complete Obuchowski–Rockette analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrAnalysis {
    pub covariance: Covariance,
    pub components: OrComponents,
    pub rrrc: Rrrc,
    pub frrc: Frrc,
    pub rrfc: Rrfc,
}

/// The reader-averaged figure of each modality, from `values` ordered `[modality][reader]`.
pub(crate) fn modality_means(values: &[f64], t: usize, r: usize) -> Vec<f64> {
    (0..t)
        .map(|i| mean(values[i * r..(i + 1) * r].iter().copied()))
        .collect()
}

/// Random-reader random-case test with Hillis ddf.
///
/// # Errors
/// `Degenerate` when the error term is negative (see [`guarded_ratio`] for a zero one).
pub fn rrrc(values: &[f64], c: &OrComponents, modalities: &[String], r: usize) -> Result<Rrrc> {
    let t = modalities.len();
    let (tf, rf) = (t as f64, r as f64);
    let denominator = c.ms_tr + rf * (c.cov2 - c.cov3).max(0.0);
    let f = guarded_ratio(c.ms_t, denominator, "OR random-reader test")?;
    let df2 = satterthwaite(denominator, c.ms_tr, (tf - 1.0) * (rf - 1.0));
    let means = modality_means(values, t, r);
    let differences = pairs(t)
        .map(|(a, b)| {
            difference(
                &modalities[a],
                &modalities[b],
                means[a] - means[b],
                2.0 / rf * denominator,
                Some(df2),
                "OR random-reader difference",
            )
        })
        .collect::<Result<_>>()?;
    let modalities_ci = (0..t)
        .map(|i| {
            let num = c.ms_r_each_modality[i] + rf * c.cov2_each_modality[i].max(0.0);
            let df = satterthwaite(num, c.ms_r_each_modality[i], rf - 1.0);
            interval(&modalities[i], means[i], num / rf, Some(df))
        })
        .collect::<Result<_>>()?;
    Ok(Rrrc {
        f,
        df1: tf - 1.0,
        df2,
        p: f_sf(f, tf - 1.0, df2),
        denominator,
        differences,
        modalities: modalities_ci,
    })
}

/// Fixed-reader random-case χ² test, overall and per reader.
///
/// # Errors
/// `Degenerate` when an error term is negative (see [`guarded_ratio`] for a zero one).
pub fn frrc(
    values: &[f64],
    c: &OrComponents,
    modalities: &[String],
    readers: &[String],
) -> Result<Frrc> {
    let (t, r) = (modalities.len(), readers.len());
    let (tf, rf) = (t as f64, r as f64);
    let denominator = c.var_error - c.cov1 + (rf - 1.0) * (c.cov2 - c.cov3).max(0.0);
    let chi2 = guarded_ratio((tf - 1.0) * c.ms_t, denominator, "OR fixed-reader test")?;
    let means = modality_means(values, t, r);
    let differences = pairs(t)
        .map(|(a, b)| {
            difference(
                &modalities[a],
                &modalities[b],
                means[a] - means[b],
                2.0 / rf * denominator,
                None,
                "OR fixed-reader difference",
            )
        })
        .collect::<Result<_>>()?;
    let modalities_ci = (0..t)
        .map(|i| {
            let var = (c.var_each_modality[i] + (rf - 1.0) * c.cov2_each_modality[i].max(0.0)) / rf;
            interval(&modalities[i], means[i], var, None)
        })
        .collect::<Result<_>>()?;
    let readers_tests = (0..r)
        .map(|j| {
            let den = c.var_each_reader[j] - c.cov1_each_reader[j];
            let what = format!("OR fixed-reader test of reader '{}'", readers[j]);
            let chi2 = guarded_ratio((tf - 1.0) * c.ms_t_each_reader[j], den, &what)?;
            let differences = pairs(t)
                .map(|(a, b)| {
                    difference(
                        &modalities[a],
                        &modalities[b],
                        values[a * r + j] - values[b * r + j],
                        2.0 * den,
                        None,
                        &what,
                    )
                })
                .collect::<Result<_>>()?;
            Ok(ReaderTest {
                reader: readers[j].clone(),
                chi2,
                df: tf - 1.0,
                p: chi2_sf(chi2, tf - 1.0),
                differences,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Frrc {
        chi2,
        df: tf - 1.0,
        p: chi2_sf(chi2, tf - 1.0),
        denominator,
        differences,
        modalities: modalities_ci,
        readers: readers_tests,
    })
}

/// Random-reader fixed-case F test.
///
/// # Errors
/// Never fails for MS_TR ≥ 0; the `Result` keeps the signature of the other tests.
pub fn rrfc(values: &[f64], c: &OrComponents, modalities: &[String], r: usize) -> Result<Rrfc> {
    let t = modalities.len();
    let (tf, rf) = (t as f64, r as f64);
    let f = guarded_ratio(c.ms_t, c.ms_tr, "OR fixed-case test")?;
    let df2 = (tf - 1.0) * (rf - 1.0);
    let means = modality_means(values, t, r);
    let differences = pairs(t)
        .map(|(a, b)| {
            difference(
                &modalities[a],
                &modalities[b],
                means[a] - means[b],
                2.0 / rf * c.ms_tr,
                Some(df2),
                "OR fixed-case difference",
            )
        })
        .collect::<Result<_>>()?;
    let modalities_ci = (0..t)
        .map(|i| {
            interval(
                &modalities[i],
                means[i],
                c.ms_r_each_modality[i] / rf,
                Some(rf - 1.0),
            )
        })
        .collect::<Result<_>>()?;
    Ok(Rrfc {
        f,
        df1: tf - 1.0,
        df2,
        p: f_sf(f, tf - 1.0, df2),
        differences,
        modalities: modalities_ci,
    })
}

/// Full OR analysis of a `[modality][reader]` table of figures of merit and their covariance.
///
/// # Errors
/// `TooFew` with fewer than two modalities or readers; `Degenerate` as the tests.
pub fn obuchowski_rockette(
    values: &[f64],
    cov: &CovMatrix,
    covariance: Covariance,
    modalities: &[String],
    readers: &[String],
) -> Result<OrAnalysis> {
    let (t, r) = (modalities.len(), readers.len());
    if t < 2 {
        return Err(AnalysisError::TooFew {
            what: "comparing modalities",
            needed: 2,
            unit: "modalities",
            found: t,
        });
    }
    if r < 2 {
        return Err(AnalysisError::TooFew {
            what: "the random-reader OR analysis",
            needed: 2,
            unit: "readers",
            found: r,
        });
    }
    let components = components(values, cov, t, r);
    Ok(OrAnalysis {
        covariance,
        rrrc: rrrc(values, &components, modalities, r)?,
        frrc: frrc(values, &components, modalities, readers)?,
        rrfc: rrfc(values, &components, modalities, r)?,
        components,
    })
}
