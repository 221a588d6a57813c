//! Dorfman–Berbaum–Metz (1992) jackknife-pseudovalue ANOVA with Hillis (2008) degrees of freedom.
//!
//! Pseudovalues Yᵢⱼₖ = K θ̂ᵢⱼ − (K − 1) θ̂ᵢⱼ(−k) over the K jackknife cases, centred so that their
//! mean is θ̂ᵢⱼ (Yᵢⱼₖ + θ̂ᵢⱼ − Ȳᵢⱼ·, as RJafroc's `UtilPseudoValues`; nothing changes for figures that
//! are U-statistics — AUC, wAFROC, HrAuc, proportions — but AFROC, whose jackknife deletes an
//! unequal number of lesions per case, needs it), are analysed as a
//! three-way treatment × reader × case ANOVA with one observation per cell (mean squares MS_T,
//! MS_R, MS_C, MS_TR, MS_TC, MS_RC, MS_TRC). Then (Hillis 2008, Acad Radiol 15:647):
//! - RRRC: F = MS_T / (MS_TR + max(MS_TC − MS_TRC, 0)) ~ F(t − 1, ddf_H),
//!   ddf_H = (MS_TR + max(MS_TC − MS_TRC, 0))² / (MS_TR²/((t − 1)(r − 1))); identical to OR with
//!   jackknife covariance. Difference SE √(2/(rK) · denominator); modality i:
//!   Var = (MS_R(i) + max(MS_C(i) − MS_RC(i), 0))/(rK), df from the same Satterthwaite form.
//! - FRRC: F = MS_T/MS_TC ~ F(t − 1, (t − 1)(K − 1)) (an F test, unlike OR's χ²); per reader
//!   F = MS_T(j)/MS_TC(j) ~ F(t − 1, (t − 1)(K − 1)), its differences with SE √(2 MS_TC(j)/K) on
//!   K − 1 df (RJafroc's convention, conservative: MS_TC(j) has (t − 1)(K − 1) df, the same when
//!   t = 2); modality i: MS_C(i)/(rK) with K − 1 df.
//! - RRFC: F = MS_T/MS_TR ~ F(t − 1, (t − 1)(r − 1)); modality i: MS_R(i)/(rK) with r − 1 df.
//!
//! Variance components: var_R = (MS_R − MS_TR − MS_RC + MS_TRC)/(tK), var_C = (MS_C − MS_TC −
//! MS_RC + MS_TRC)/(tr), var_TR = (MS_TR − MS_TRC)/K, var_TC = (MS_TC − MS_TRC)/r,
//! var_RC = (MS_RC − MS_TRC)/t, var_error = MS_TRC.

mod anova;

use serde::Serialize;

use crate::dist::f_sf;
use crate::error::{AnalysisError, Result};
use crate::fom::FomTable;
use crate::inference::{
    difference, guarded_ratio, interval, pairs, satterthwaite, Difference, ModalityInterval,
};
use anova::mean_squares;

pub use anova::DbmMeanSquares;

/// DBM variance components.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbmComponents {
    pub var_r: f64,
    pub var_c: f64,
    pub var_tr: f64,
    pub var_tc: f64,
    pub var_rc: f64,
    pub var_error: f64,
}

/// One F test with its pairwise differences and per-modality intervals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbmTest {
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
    pub denominator: f64,
    pub differences: Vec<Difference>,
    pub modalities: Vec<ModalityInterval>,
}

/// Per-reader fixed-reader F test, F(t − 1, (t − 1)(K − 1)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbmReaderTest {
    pub reader: String,
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
    pub differences: Vec<Difference>,
}

/// A complete DBM analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbmAnalysis {
    pub mean_squares: DbmMeanSquares,
    pub components: DbmComponents,
    pub rrrc: DbmTest,
    pub frrc: DbmTest,
    pub frrc_readers: Vec<DbmReaderTest>,
    pub rrfc: DbmTest,
}

fn modality_means<F>(table: &FomTable<F>) -> Vec<f64> {
    (0..table.modalities)
        .map(|i| (0..table.readers).map(|j| table.value(i, j)).sum::<f64>() / table.readers as f64)
        .collect()
}

/// DBM analysis of a figure-of-merit table (uses its leave-one-out values).
///
/// # Errors
/// `TooFew` with fewer than two modalities or readers; `Degenerate` when an error term is
/// negative (a zero one gives the statistic of [`crate::inference::guarded_ratio`]).
pub fn dbm<F>(
    table: &FomTable<F>,
    modalities: &[String],
    readers: &[String],
) -> Result<DbmAnalysis> {
    let (t, r) = (table.modalities, table.readers);
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
            what: "the DBM analysis",
            needed: 2,
            unit: "readers",
            found: r,
        });
    }
    let k = table.jackknife_cases();
    let (tf, rf, kf) = (t as f64, r as f64, k as f64);
    let y: Vec<Vec<Vec<f64>>> = (0..t)
        .map(|i| {
            (0..r)
                .map(|j| {
                    let reading = &table.readings[i * r + j];
                    let y: Vec<f64> = reading
                        .leave_one_out
                        .iter()
                        .map(|loo| kf * reading.value - (kf - 1.0) * loo)
                        .collect();
                    // Centre on θ̂ (module doc): a no-op up to rounding for U-statistics.
                    let shift = reading.value - y.iter().sum::<f64>() / kf;
                    y.into_iter().map(|v| v + shift).collect()
                })
                .collect()
        })
        .collect();
    let ms = mean_squares(&y);
    let components = DbmComponents {
        var_r: (ms.r - ms.tr - ms.rc + ms.trc) / (tf * kf),
        var_c: (ms.c - ms.tc - ms.rc + ms.trc) / (tf * rf),
        var_tr: (ms.tr - ms.trc) / kf,
        var_tc: (ms.tc - ms.trc) / rf,
        var_rc: (ms.rc - ms.trc) / tf,
        var_error: ms.trc,
    };
    let means = modality_means(table);
    let diffs = |scale: f64, df: f64, what: &str| -> Result<Vec<Difference>> {
        pairs(t)
            .map(|(a, b)| {
                difference(
                    &modalities[a],
                    &modalities[b],
                    means[a] - means[b],
                    2.0 * scale / (rf * kf),
                    Some(df),
                    what,
                )
            })
            .collect()
    };

    let den = ms.tr + (ms.tc - ms.trc).max(0.0);
    let df2 = satterthwaite(den, ms.tr, (tf - 1.0) * (rf - 1.0));
    let f = guarded_ratio(ms.t, den, "DBM random-reader test")?;
    let rrrc = DbmTest {
        f,
        df1: tf - 1.0,
        df2,
        p: f_sf(f, tf - 1.0, df2),
        denominator: den,
        differences: diffs(den, df2, "DBM random-reader difference")?,
        modalities: (0..t)
            .map(|i| {
                let num = ms.r_each_modality[i]
                    + (ms.c_each_modality[i] - ms.rc_each_modality[i]).max(0.0);
                let df = satterthwaite(num, ms.r_each_modality[i], rf - 1.0);
                interval(&modalities[i], means[i], num / (rf * kf), Some(df))
            })
            .collect::<Result<_>>()?,
    };

    let df_c = (tf - 1.0) * (kf - 1.0);
    let f = guarded_ratio(ms.t, ms.tc, "DBM fixed-reader test")?;
    let frrc = DbmTest {
        f,
        df1: tf - 1.0,
        df2: df_c,
        p: f_sf(f, tf - 1.0, df_c),
        denominator: ms.tc,
        differences: diffs(ms.tc, df_c, "DBM fixed-reader difference")?,
        modalities: (0..t)
            .map(|i| {
                interval(
                    &modalities[i],
                    means[i],
                    ms.c_each_modality[i] / (rf * kf),
                    Some(kf - 1.0),
                )
            })
            .collect::<Result<_>>()?,
    };
    let frrc_readers = (0..r)
        .map(|j| {
            let what = format!("DBM fixed-reader test of reader '{}'", readers[j]);
            let f = guarded_ratio(ms.t_each_reader[j], ms.tc_each_reader[j], &what)?;
            let differences = pairs(t)
                .map(|(a, b)| {
                    let est = table.value(a, j) - table.value(b, j);
                    difference(
                        &modalities[a],
                        &modalities[b],
                        est,
                        2.0 * ms.tc_each_reader[j] / kf,
                        Some(kf - 1.0),
                        &what,
                    )
                })
                .collect::<Result<_>>()?;
            Ok(DbmReaderTest {
                reader: readers[j].clone(),
                f,
                df1: tf - 1.0,
                df2: df_c,
                p: f_sf(f, tf - 1.0, df_c),
                differences,
            })
        })
        .collect::<Result<_>>()?;

    let df_r = (tf - 1.0) * (rf - 1.0);
    let f = guarded_ratio(ms.t, ms.tr, "DBM fixed-case test")?;
    let rrfc = DbmTest {
        f,
        df1: tf - 1.0,
        df2: df_r,
        p: f_sf(f, tf - 1.0, df_r),
        denominator: ms.tr,
        differences: diffs(ms.tr, df_r, "DBM fixed-case difference")?,
        modalities: (0..t)
            .map(|i| {
                interval(
                    &modalities[i],
                    means[i],
                    ms.r_each_modality[i] / (rf * kf),
                    Some(rf - 1.0),
                )
            })
            .collect::<Result<_>>()?,
    };
    Ok(DbmAnalysis {
        mean_squares: ms,
        components,
        rrrc,
        frrc,
        frrc_readers,
        rrfc,
    })
}
