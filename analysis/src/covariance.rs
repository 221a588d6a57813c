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

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::delong;
use crate::design::Reads;
use crate::error::{AnalysisError, Result};
use crate::fom::{Fom, FomTable};

/// How the case-sampling covariance of the figures of merit is estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Covariance {
    #[default]
    Jackknife,
    #[serde(rename = "delong")]
    DeLong,
    Unbiased,
}

impl Covariance {
    /// The CLI spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Covariance::Jackknife => "jackknife",
            Covariance::DeLong => "delong",
            Covariance::Unbiased => "unbiased",
        }
    }
}

impl fmt::Display for Covariance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Covariance {
    type Err = AnalysisError;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "jackknife" => Ok(Covariance::Jackknife),
            "delong" => Ok(Covariance::DeLong),
            "unbiased" => Ok(Covariance::Unbiased),
            _ => Err(AnalysisError::UnknownOption {
                kind: "covariance method",
                value: s.to_string(),
                expected: "jackknife, delong, unbiased",
            }),
        }
    }
}

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

    fn set_sym(&mut self, a: usize, b: usize, v: f64) {
        self.values[a * self.size + b] = v;
        self.values[b * self.size + a] = v;
    }
}

/// Jackknife covariance of every pair of readings from their closed-form leave-one-out values:
/// (K−1)/K Σₖ (θ̂_a(−k) − θ̄_a(·))(θ̂_b(−k) − θ̄_b(·)) (Efron 1981; Hillis et al. 2005).
pub fn jackknife(table: &FomTable) -> CovMatrix {
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

/// Kernel ψ(i, j) ∈ {0, ½, 1} of one reading stored doubled as 0/1/2 so all sums stay exact.
fn doubled_kernel(scores: &[f64], truth: &[bool]) -> (Vec<u8>, usize, usize) {
    let pos: Vec<f64> = scores
        .iter()
        .zip(truth)
        .filter(|(_, &t)| t)
        .map(|(&s, _)| s)
        .collect();
    let neg: Vec<f64> = scores
        .iter()
        .zip(truth)
        .filter(|(_, &t)| !t)
        .map(|(&s, _)| s)
        .collect();
    let mut k = Vec::with_capacity(pos.len() * neg.len());
    for &x in &pos {
        for &y in &neg {
            k.push(if x > y {
                2
            } else if x == y {
                1
            } else {
                0
            });
        }
    }
    (k, pos.len(), neg.len())
}

/// Unbiased U-statistic covariance of every pair of readings' AUCs, θ̂_a θ̂_b − M₄ with M₄ the
/// disjoint-pair moment (Gallas 2006; module doc). O(mn) per pair of readings.
///
/// # Errors
/// `TooFew` with fewer than two cases of a class.
pub fn unbiased_matrix(reads: &Reads) -> Result<CovMatrix> {
    let (t, r) = (reads.modalities().len(), reads.readers().len());
    let mut kernels = Vec::with_capacity(t * r);
    for mo in 0..t {
        for j in 0..r {
            kernels.push(doubled_kernel(reads.scores(mo, j), reads.truth()));
        }
    }
    let (m, n) = (kernels[0].1, kernels[0].2);
    if m < 2 || n < 2 {
        return Err(AnalysisError::TooFew {
            what: "the unbiased covariance",
            needed: 2,
            unit: "cases of each truth class",
            found: m.min(n),
        });
    }
    // Row sums R(i), column sums C(j) and totals, all of doubled kernels.
    let sums: Vec<(Vec<f64>, Vec<f64>, f64)> = kernels
        .iter()
        .map(|(k, _, _)| {
            let rows: Vec<f64> = k
                .chunks(n)
                .map(|row| row.iter().map(|&v| f64::from(v)).sum())
                .collect();
            let mut cols = vec![0.0; n];
            for row in k.chunks(n) {
                for (c, &v) in cols.iter_mut().zip(row) {
                    *c += f64::from(v);
                }
            }
            let total = rows.iter().sum();
            (rows, cols, total)
        })
        .collect();
    let (mf, nf) = (m as f64, n as f64);
    let mut cov = CovMatrix::zeros(kernels.len());
    for a in 0..kernels.len() {
        for b in a..kernels.len() {
            let same: u64 = kernels[a]
                .0
                .iter()
                .zip(&kernels[b].0)
                .map(|(&x, &y)| u64::from(x) * u64::from(y))
                .sum();
            let same = same as f64;
            let (ra, ca, ta) = &sums[a];
            let (rb, cb, tb) = &sums[b];
            let rr: f64 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
            let cc: f64 = ca.iter().zip(cb).map(|(x, y)| x * y).sum();
            // Everything above is in units of 4 (doubled kernels on both sides).
            let m4 = (ta * tb - rr - cc + same) / 4.0 / (mf * (mf - 1.0) * nf * (nf - 1.0));
            let theta_a = ta / 2.0 / (mf * nf);
            let theta_b = tb / 2.0 / (mf * nf);
            cov.set_sym(a, b, theta_a * theta_b - m4);
        }
    }
    Ok(cov)
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
