//! The analyses of a reads file with one modality or one reader, where the MRMC tests have
//! nothing to compare or no reader variance to estimate:
//! - each reading's figure with its own 95% CI: the AUC's DeLong Wald interval (DeLong 1988, as
//!   pROC's `ci.auc(method = "delong")`), a proportion's Wilson interval (Newcombe 1998);
//! - one modality, r ≥ 2 readers: the reader-averaged figure with the single-modality OR interval
//!   θ̄ ± t_{0.975, df} √((MS_R + r·max(Cov2, 0))/r), df = (MS_R + r·max(Cov2, 0))² / (MS_R²/(r − 1))
//!   (Obuchowski & Rockette 1995; Hillis 2007; MRMCaov's single-treatment analysis), with Cov2
//!   from the study's covariance method;
//! - one reader, t ≥ 2 modalities (AUC): DeLong's paired test of every pair of modalities,
//!   Z = (θ̂_a − θ̂_b)/√(V_a + V_b − 2C_ab) (DeLong 1988, eq. 5; pROC's `roc.test`).

use serde::Serialize;

use crate::binary::wilson;
use crate::covariance::CovMatrix;
use crate::delong::{auc_interval, paired_test};
use crate::design::Reads;
use crate::error::{AnalysisError, Result};
use crate::fom::FomTable;
use crate::inference::{interval, satterthwaite, ModalityInterval, LEVEL};
use crate::or::components;

/// One reading's figure of merit with its own confidence interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingInterval {
    pub reader: String,
    pub modality: String,
    pub estimate: f64,
    pub se: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// `delong` (AUC) or `wilson` (a proportion).
    pub method: &'static str,
}

/// A file with one modality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SingleModality {
    pub modality: String,
    pub readings: Vec<ReadingInterval>,
    /// The reader-averaged figure with the single-modality OR interval; `None` with one reader.
    pub mean: Option<ModalityInterval>,
}

/// DeLong's paired test of two modalities read by the same reader on the same cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairedComparison {
    pub modality_a: String,
    pub modality_b: String,
    /// θ̂_a − θ̂_b.
    pub estimate: f64,
    pub se: f64,
    pub z: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    pub p: f64,
}

/// A file with one reader.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SingleReader {
    pub reader: String,
    pub readings: Vec<ReadingInterval>,
    /// Every pair of modalities in file order (AUC only; a proportion's paired test is the
    /// exact McNemar test of the binary section).
    pub comparisons: Vec<PairedComparison>,
}

/// Each reading of `table` with its own CI, in `[modality][reader]` order.
///
/// # Errors
/// `InvalidArgument` when a proportion has no cases to count.
pub fn reading_intervals(reads: &Reads, table: &FomTable) -> Result<Vec<ReadingInterval>> {
    let r = reads.readers().len();
    table
        .readings
        .iter()
        .enumerate()
        .map(|(k, reading)| {
            let (reader, modality) = (
                reads.readers()[k % r].clone(),
                reads.modalities()[k / r].clone(),
            );
            if let Some(p) = &reading.placements {
                let ci = auc_interval(p, LEVEL)?;
                return Ok(ReadingInterval {
                    reader,
                    modality,
                    estimate: ci.auc,
                    se: ci.se,
                    ci_lower: ci.lower,
                    ci_upper: ci.upper,
                    method: "delong",
                });
            }
            let x = reading.contributions.as_deref().unwrap_or_default();
            let hits = x.iter().sum::<f64>().round() as usize;
            let p = wilson(hits, x.len(), LEVEL)?;
            let n = x.len() as f64;
            Ok(ReadingInterval {
                reader,
                modality,
                estimate: p.estimate,
                se: (p.estimate * (1.0 - p.estimate) / n).sqrt(),
                ci_lower: p.lower,
                ci_upper: p.upper,
                method: "wilson",
            })
        })
        .collect()
}

/// The single-modality analysis of a one-modality file (module doc).
///
/// # Errors
/// `Degenerate` when the variance of the mean is estimated negative; as [`reading_intervals`].
pub fn single_modality(reads: &Reads, table: &FomTable, cov: &CovMatrix) -> Result<SingleModality> {
    let r = reads.readers().len();
    let modality = reads.modalities()[0].clone();
    let values = table.values();
    let mean = if r >= 2 {
        let c = components(&values[..r], cov, 1, r);
        let estimate = values[..r].iter().sum::<f64>() / r as f64;
        let num = c.ms_r + r as f64 * c.cov2.max(0.0);
        let df = satterthwaite(num, c.ms_r, r as f64 - 1.0);
        Some(interval(&modality, estimate, num / r as f64, Some(df))?)
    } else {
        None
    };
    Ok(SingleModality {
        modality,
        readings: reading_intervals(reads, table)?,
        mean,
    })
}

/// The single-reader analysis of a one-reader file (module doc).
///
/// # Errors
/// `Degenerate` when two AUCs differ but their difference has no variance; as
/// [`reading_intervals`].
pub fn single_reader(reads: &Reads, table: &FomTable) -> Result<SingleReader> {
    let readings = reading_intervals(reads, table)?;
    let t = reads.modalities().len();
    let mut comparisons = Vec::new();
    for a in 0..t {
        for b in a + 1..t {
            let (Some(pa), Some(pb)) =
                (&table.readings[a].placements, &table.readings[b].placements)
            else {
                continue;
            };
            let test = paired_test(pa, pb, LEVEL)?;
            comparisons.push(PairedComparison {
                modality_a: reads.modalities()[a].clone(),
                modality_b: reads.modalities()[b].clone(),
                estimate: test.difference,
                se: test.se,
                z: test.z,
                ci_lower: test.ci_lower,
                ci_upper: test.ci_upper,
                p: test.p_two_sided,
            });
        }
    }
    let reader = reads
        .readers()
        .first()
        .cloned()
        .ok_or_else(|| AnalysisError::InvalidArgument("a reads file without readers".into()))?;
    Ok(SingleReader {
        reader,
        readings,
        comparisons,
    })
}
