//! Covariance of the figures of merit of all readings over the case sample, by jackknife,
//! DeLong or unbiased U-statistics: the input of the Obuchowski–Rockette analysis.
//!
//! - Jackknife (Efron 1981; Hillis, Obuchowski & Berbaum 2005):
//!   Ĉov(θ̂_a, θ̂_b) = (K−1)/K Σₖ (θ̂_a(−k) − θ̄_a(·))(θ̂_b(−k) − θ̄_b(·)) over the K jackknife cases.
//! - DeLong (DeLong, DeLong & Clarke-Pearson 1988): S₁₀/m + S₀₁/n from the placements.
//! - Unbiased (Gallas 2006, Acad Radiol 13:353; MRMCaov `cov = unbiased`): with kernel sums
//!   T_a = Σᵢⱼ ψ_a(i,j), R_a(i) = Σⱼ ψ_a(i,j), C_a(j) = Σᵢ ψ_a(i,j) and S = Σᵢⱼ ψ_a ψ_b,
//!   the disjoint-pair moment M₄ = (T_a T_b − Σᵢ R_a R_b − Σⱼ C_a C_b + S)/(m(m−1)n(n−1)) is
//!   unbiased for θ_a θ_b, so Ĉov = θ̂_a θ̂_b − M₄ is unbiased for Cov(θ̂_a, θ̂_b).
//!
//! For sensitivity, specificity and accuracy (means of per-case values) all three reduce to the
//! unbiased sample covariance of the means, S_ab/K, which the jackknife computes exactly.

mod unbiased;

use serde::Serialize;

use crate::delong;
use crate::design::Reads;
use crate::error::{AnalysisError, Result};
use crate::fom::{Fom, FomTable};

pub use vocab::Covariance;

/// A symmetric covariance matrix over readings, indexed `modality * readers + reader`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CovMatrix {
    pub size: usize,
    pub values: Vec<f64>,
}

impl CovMatrix {
    fn zeros(size: usize) -> Self {
        Self {
            size,
            values: vec![0.0; size * size],
        }
    }

    /// Element (a, b).
    pub fn get(&self, a: usize, b: usize) -> f64 {
        self.values[a * self.size + b]
    }

    /// The covariance of the differences θ̂ⱼ − θ̂_ref of every other reading j (in order) with
    /// reading `reference`: Cⱼⱼ′ − Cⱼ,ref − C_ref,ⱼ′ + C_ref,ref.
    pub fn differences_from(&self, reference: usize) -> CovMatrix {
        let others: Vec<usize> = (0..self.size).filter(|&j| j != reference).collect();
        let n = others.len();
        let mut d = CovMatrix::zeros(n);
        for (a, &ja) in others.iter().enumerate() {
            for (b, &jb) in others.iter().enumerate() {
                d.values[a * n + b] =
                    self.get(ja, jb) - self.get(ja, reference) - self.get(reference, jb)
                        + self.get(reference, reference);
            }
        }
        d
    }

    /// The block of readings `range` (e.g. the readers without the AI).
    pub fn block(&self, range: std::ops::Range<usize>) -> CovMatrix {
        let n = range.len();
        let mut d = CovMatrix::zeros(n);
        for (a, ja) in range.clone().enumerate() {
            for (b, jb) in range.clone().enumerate() {
                d.values[a * n + b] = self.get(ja, jb);
            }
        }
        d
    }

    fn set_sym(&mut self, a: usize, b: usize, v: f64) {
        self.values[a * self.size + b] = v;
        self.values[b * self.size + a] = v;
    }
}

/// Jackknife covariance of every pair of readings from their closed-form leave-one-out values:
/// (K−1)/K Σₖ (θ̂_a(−k) − θ̄_a(·))(θ̂_b(−k) − θ̄_b(·)) (Efron 1981; Hillis et al. 2005).
pub fn jackknife<F>(table: &FomTable<F>) -> CovMatrix {
    let n = table.readings.len();
    let k = table.jackknife_cases() as f64;
    let centred: Vec<Vec<f64>> = table
        .readings
        .iter()
        .map(|r| {
            let mean = r.leave_one_out.iter().sum::<f64>() / k;
            r.leave_one_out.iter().map(|v| v - mean).collect()
        })
        .collect();
    let mut cov = CovMatrix::zeros(n);
    for a in 0..n {
        for b in a..n {
            let s: f64 = centred[a].iter().zip(&centred[b]).map(|(x, y)| x * y).sum();
            cov.set_sym(a, b, (k - 1.0) / k * s);
        }
    }
    cov
}

/// DeLong covariance of every pair of readings (AUC only): S₁₀/m + S₀₁/n of their placements
/// (DeLong, DeLong & Clarke-Pearson 1988).
///
/// # Errors
/// `InvalidArgument` when the table does not hold AUCs.
pub fn delong_matrix(table: &FomTable) -> Result<CovMatrix> {
    let placements = table
        .readings
        .iter()
        .map(|r| r.placements.clone())
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| AnalysisError::InvalidArgument("DeLong covariance needs the AUC".into()))?;
    let m = delong::covariance_matrix(&placements)?;
    Ok(CovMatrix {
        size: m.len(),
        values: m.into_iter().flatten().collect(),
    })
}

/// Unbiased U-statistic covariance of every pair of readings' AUCs, θ̂_a θ̂_b − M₄ with M₄ the
/// disjoint-pair moment (Gallas 2006; module doc), in O((m + n) log n) per pair of readings
/// ([`unbiased`]).
///
/// # Errors
/// `TooFew` with fewer than two cases of a class.
pub fn unbiased_matrix(reads: &Reads) -> Result<CovMatrix> {
    let (t, r) = (reads.modalities().len(), reads.readers().len());
    let readings: Vec<&[f64]> = (0..t)
        .flat_map(|mo| (0..r).map(move |j| (mo, j)))
        .map(|(mo, j)| reads.scores(mo, j))
        .collect();
    let values = unbiased::matrix(&readings, reads.truth())?;
    Ok(CovMatrix {
        size: readings.len(),
        values,
    })
}

/// Covariance matrix of a study's figures of merit by the chosen method.
///
/// # Errors
/// As the individual estimators.
pub fn covariance_matrix(reads: &Reads, table: &FomTable, method: Covariance) -> Result<CovMatrix> {
    match (method, table.fom) {
        (Covariance::Jackknife, _) | (_, Fom::Sensitivity | Fom::Specificity | Fom::Accuracy) => {
            Ok(jackknife(table))
        }
        (Covariance::DeLong, Fom::Auc) => delong_matrix(table),
        (Covariance::Unbiased, Fom::Auc) => unbiased_matrix(reads),
    }
}
