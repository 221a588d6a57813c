//! The OR two-way ANOVA mean squares of the figures of merit and the error-covariance
//! components Var, Cov1, Cov2, Cov3 averaged from a covariance matrix (Obuchowski & Rockette
//! 1995; Hillis 2007): var_R = (MS_R − MS_TR)/t − Cov1 + Cov3 and
//! var_TR = MS_TR − Var + Cov1 + Cov2 − Cov3, reported without truncation.

use serde::Serialize;

use crate::covariance::CovMatrix;

/// Mean squares and error-covariance components of an OR analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrComponents {
    pub ms_t: f64,
    pub ms_r: f64,
    pub ms_tr: f64,
    pub var_r: f64,
    pub var_tr: f64,
    pub cov1: f64,
    pub cov2: f64,
    pub cov3: f64,
    pub var_error: f64,
    /// MS_R, Var and Cov2 within each modality.
    pub ms_r_each_modality: Vec<f64>,
    pub var_each_modality: Vec<f64>,
    pub cov2_each_modality: Vec<f64>,
    /// MS_T, Var and Cov1 within each reader.
    pub ms_t_each_reader: Vec<f64>,
    pub var_each_reader: Vec<f64>,
    pub cov1_each_reader: Vec<f64>,
}

impl OrComponents {
    /// RJafroc's var_R, which replaces Cov2 − Cov3 by max(Cov2 − Cov3, 0) inside var_TR and
    /// derives var_R from E\[MS_R\]; equal to `var_r` whenever Cov2 ≥ Cov3.
    pub fn rjafroc_var_r(&self, modalities: usize) -> f64 {
        // Solve E[MS_R] = t·var_R + var_TR + Var + (t−1)Cov1 − Cov2 − (t−1)Cov3 for var_R.
        let t = modalities as f64;
        (self.ms_r - self.rjafroc_var_tr() - self.var_error - (t - 1.0) * self.cov1
            + self.cov2
            + (t - 1.0) * self.cov3)
            / t
    }

    /// RJafroc's var_TR = MS_TR − Var + Cov1 + max(Cov2 − Cov3, 0).
    pub fn rjafroc_var_tr(&self) -> f64 {
        self.ms_tr - self.var_error + self.cov1 + (self.cov2 - self.cov3).max(0.0)
    }
}

pub(super) fn mean(x: impl Iterator<Item = f64>) -> f64 {
    let (s, n) = x.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        s / n as f64
    }
}

/// ANOVA mean squares and covariance components (module doc for the formulas).
///
/// `values` is `[modality][reader]`; Cov1 (Cov2, Cov3) is 0 when t = 1 (r = 1).
pub fn components(values: &[f64], cov: &CovMatrix, t: usize, r: usize) -> OrComponents {
    let at = |i: usize, j: usize| values[i * r + j];
    let idx = |i: usize, j: usize| i * r + j;
    let (tf, rf) = (t as f64, r as f64);
    let grand = mean(values.iter().copied());
    let mod_mean: Vec<f64> = (0..t).map(|i| mean((0..r).map(|j| at(i, j)))).collect();
    let rdr_mean: Vec<f64> = (0..r).map(|j| mean((0..t).map(|i| at(i, j)))).collect();
    let ss = |x: &[f64], m: f64| x.iter().map(|v| (v - m).powi(2)).sum::<f64>();
    let ms_t = if t > 1 {
        rf * ss(&mod_mean, grand) / (tf - 1.0)
    } else {
        0.0
    };
    let ms_r = if r > 1 {
        tf * ss(&rdr_mean, grand) / (rf - 1.0)
    } else {
        0.0
    };
    let ms_tr = if t > 1 && r > 1 {
        let s: f64 = (0..t)
            .flat_map(|i| (0..r).map(move |j| (i, j)))
            .map(|(i, j)| (at(i, j) - mod_mean[i] - rdr_mean[j] + grand).powi(2))
            .sum();
        s / ((tf - 1.0) * (rf - 1.0))
    } else {
        0.0
    };
    let (mut v, mut c1, mut c2, mut c3) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..t {
        for j in 0..r {
            for i2 in 0..t {
                for j2 in 0..r {
                    let c = cov.get(idx(i, j), idx(i2, j2));
                    match (i == i2, j == j2) {
                        (true, true) => v.push(c),
                        (false, true) => c1.push(c),
                        (true, false) => c2.push(c),
                        (false, false) => c3.push(c),
                    }
                }
            }
        }
    }
    let (var_error, cov1, cov2, cov3) = (
        mean(v.into_iter()),
        mean(c1.into_iter()),
        mean(c2.into_iter()),
        mean(c3.into_iter()),
    );
    let ms_r_each_modality = (0..t)
        .map(|i| {
            if r > 1 {
                (0..r)
                    .map(|j| (at(i, j) - mod_mean[i]).powi(2))
                    .sum::<f64>()
                    / (rf - 1.0)
            } else {
                0.0
            }
        })
        .collect();
    let var_each_modality = (0..t)
        .map(|i| mean((0..r).map(|j| cov.get(idx(i, j), idx(i, j)))))
        .collect();
    let cov2_each_modality = (0..t)
        .map(|i| {
            mean(
                (0..r)
                    .flat_map(|j| (0..r).filter(move |&j2| j2 != j).map(move |j2| (j, j2)))
                    .map(|(j, j2)| cov.get(idx(i, j), idx(i, j2))),
            )
        })
        .collect();
    let ms_t_each_reader = (0..r)
        .map(|j| {
            if t > 1 {
                (0..t)
                    .map(|i| (at(i, j) - rdr_mean[j]).powi(2))
                    .sum::<f64>()
                    / (tf - 1.0)
            } else {
                0.0
            }
        })
        .collect();
    let var_each_reader = (0..r)
        .map(|j| mean((0..t).map(|i| cov.get(idx(i, j), idx(i, j)))))
        .collect();
    let cov1_each_reader = (0..r)
        .map(|j| {
            mean(
                (0..t)
                    .flat_map(|i| (0..t).filter(move |&i2| i2 != i).map(move |i2| (i, i2)))
                    .map(|(i, i2)| cov.get(idx(i, j), idx(i2, j))),
            )
        })
        .collect();
    OrComponents {
        ms_t,
        ms_r,
        ms_tr,
        var_r: (ms_r - ms_tr) / tf - cov1 + cov3,
        var_tr: ms_tr - var_error + cov1 + cov2 - cov3,
        cov1,
        cov2,
        cov3,
        var_error,
        ms_r_each_modality,
        var_each_modality,
        cov2_each_modality,
        ms_t_each_reader,
        var_each_reader,
        cov1_each_reader,
    }
}
