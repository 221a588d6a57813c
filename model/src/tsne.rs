//! Exact t-SNE of the CNN's penultimate features to 2-D, deterministic through PCA
//! initialisation, plus the 1-nearest-neighbour agreement used to judge the map.

// Index loops mirror the subscripts of the formulas they implement.
#![allow(clippy::needless_range_loop)]

use serde::{Deserialize, Serialize};

use crate::error::{ModelError, Result};
use crate::linalg::symmetric_eigen;

/// t-SNE settings; the defaults follow scikit-learn's (`perplexity` 30, early exaggeration 12
/// for 250 iterations, 1000 iterations, learning rate `max(n/12/4, 50)`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TsneConfig {
    /// Effective number of neighbours; lowered to `(n − 1)/3` for small `n`.
    pub perplexity: f64,
    /// Gradient iterations.
    pub iterations: usize,
    /// Iterations with exaggerated affinities.
    pub exaggeration_iterations: usize,
    /// Exaggeration factor.
    pub exaggeration: f64,
}

impl Default for TsneConfig {
    fn default() -> Self {
        Self {
            perplexity: 30.0,
            iterations: 1000,
            exaggeration_iterations: 250,
            exaggeration: 12.0,
        }
    }
}

/// First two principal components of `x`'s rows (centred), scaled so the first has standard
/// deviation 1e-4 (scikit-learn's `init="pca"`).
///
/// # Errors
/// Fewer than 2 points or rows of unequal length.
pub fn pca_2d(x: &[Vec<f64>]) -> Result<Vec<[f64; 2]>> {
    let n = x.len();
    let d = x.first().map_or(0, Vec::len);
    if n < 2 || d == 0 || x.iter().any(|r| r.len() != d) {
        return Err(ModelError::invalid(
            "t-sne input",
            format!("need ≥ 2 equal-length feature rows, got {n}"),
        ));
    }
    let mean: Vec<f64> = (0..d)
        .map(|j| x.iter().map(|r| r[j]).sum::<f64>() / n as f64)
        .collect();
    let centred: Vec<Vec<f64>> = x
        .iter()
        .map(|r| r.iter().zip(&mean).map(|(a, m)| a - m).collect())
        .collect();
    let mut cov = vec![vec![0.0; d]; d];
    for r in &centred {
        for i in 0..d {
            for j in i..d {
                cov[i][j] += r[i] * r[j];
            }
        }
    }
    for i in 0..d {
        for j in 0..i {
            cov[i][j] = cov[j][i];
        }
    }
    let (_, vecs) = symmetric_eigen(&cov);
    let comp = |k: usize| -> Vec<f64> {
        centred
            .iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .map(|(i, v)| v * vecs[i][k.min(d - 1)])
                    .sum()
            })
            .collect()
    };
    let (c0, c1) = (comp(0), if d > 1 { comp(1) } else { vec![0.0; n] });
    let sd = (c0.iter().map(|v| v * v).sum::<f64>() / n as f64).sqrt();
    let s = if sd > 0.0 { 1e-4 / sd } else { 1.0 };
    Ok(c0.iter().zip(&c1).map(|(a, b)| [a * s, b * s]).collect())
}

/// Joint affinities `p_ij = (p_j|i + p_i|j) / 2n`, with each row's Gaussian bandwidth found by
/// bisection so that its entropy equals `ln(perplexity)` (van der Maaten & Hinton 2008, §2–3).
fn affinities(x: &[Vec<f64>], perplexity: f64) -> Vec<f64> {
    let n = x.len();
    let d2: Vec<f64> = (0..n * n)
        .map(|k| {
            let (i, j) = (k / n, k % n);
            x[i].iter().zip(&x[j]).map(|(a, b)| (a - b) * (a - b)).sum()
        })
        .collect();
    let target = perplexity.ln();
    let mut p = vec![0.0; n * n];
    for i in 0..n {
        let (mut lo, mut hi, mut beta) = (0.0f64, f64::INFINITY, 1.0f64);
        let row = &d2[i * n..(i + 1) * n];
        let min_d = row
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, v)| *v)
            .fold(f64::INFINITY, f64::min);
        for _ in 0..200 {
            // Subtracting the nearest distance keeps exp() from underflowing for all j.
            let mut sum = 0.0;
            let mut dsum = 0.0;
            for j in 0..n {
                if j != i {
                    let e = (-(row[j] - min_d) * beta).exp();
                    sum += e;
                    dsum += (row[j] - min_d) * e;
                }
            }
            let entropy = sum.ln() + beta * dsum / sum;
            if (entropy - target).abs() < 1e-5 {
                break;
            }
            if entropy > target {
                lo = beta;
                beta = if hi.is_finite() {
                    (beta + hi) / 2.0
                } else {
                    beta * 2.0
                };
            } else {
                hi = beta;
                beta = (beta + lo) / 2.0;
            }
        }
        let mut sum = 0.0;
        for j in 0..n {
            if j != i {
                p[i * n + j] = (-(row[j] - min_d) * beta).exp();
                sum += p[i * n + j];
            }
        }
        for j in 0..n {
            p[i * n + j] /= sum;
        }
    }
    let mut joint = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            joint[i * n + j] = ((p[i * n + j] + p[j * n + i]) / (2.0 * n as f64)).max(1e-12);
        }
    }
    joint
}

/// Exact t-SNE (van der Maaten & Hinton 2008, JMLR 9:2579): minimises KL(P‖Q) with Student-t
/// `q_ij ∝ (1 + ‖y_i − y_j‖²)⁻¹` by gradient descent on
/// `∂C/∂y_i = 4 Σ_j (p_ij − q_ij)(y_i − y_j)(1 + ‖y_i − y_j‖²)⁻¹`, with momentum 0.5 → 0.8,
/// per-coordinate gains (Jacobs 1988) and early exaggeration. No randomness: identical input
/// gives identical output.
///
/// # Errors
/// Fewer than 4 points or unequal rows.
pub fn tsne(x: &[Vec<f64>], cfg: &TsneConfig) -> Result<Vec<[f64; 2]>> {
    let n = x.len();
    if n < 4 {
        return Err(ModelError::invalid(
            "t-sne input",
            format!("need at least 4 points, got {n}"),
        ));
    }
    let mut y = pca_2d(x)?;
    let perplexity = cfg.perplexity.min((n as f64 - 1.0) / 3.0).max(1.0);
    let p = affinities(x, perplexity);
    let lr = (n as f64 / cfg.exaggeration / 4.0).max(50.0);
    let mut update = vec![[0.0f64; 2]; n];
    let mut gains = vec![[1.0f64; 2]; n];
    let mut num = vec![0.0; n * n];
    for it in 0..cfg.iterations {
        let exag = if it < cfg.exaggeration_iterations {
            cfg.exaggeration
        } else {
            1.0
        };
        let momentum = if it < cfg.exaggeration_iterations {
            0.5
        } else {
            0.8
        };
        let mut z = 0.0;
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    let d = (y[i][0] - y[j][0]).powi(2) + (y[i][1] - y[j][1]).powi(2);
                    num[i * n + j] = 1.0 / (1.0 + d);
                    z += num[i * n + j];
                }
            }
        }
        for i in 0..n {
            let mut g = [0.0f64; 2];
            for j in 0..n {
                if i != j {
                    let w = (exag * p[i * n + j] - num[i * n + j] / z) * num[i * n + j];
                    g[0] += 4.0 * w * (y[i][0] - y[j][0]);
                    g[1] += 4.0 * w * (y[i][1] - y[j][1]);
                }
            }
            for k in 0..2 {
                gains[i][k] = if (g[k] > 0.0) != (update[i][k] > 0.0) {
                    gains[i][k] + 0.2
                } else {
                    (gains[i][k] * 0.8).max(0.01)
                };
                update[i][k] = momentum * update[i][k] - lr * gains[i][k] * g[k];
            }
        }
        for i in 0..n {
            y[i][0] += update[i][0];
            y[i][1] += update[i][1];
        }
    }
    Ok(y)
}

/// Fraction of points whose nearest other point (Euclidean, first index on ties) has the same
/// label — how well the 2-D map keeps classes apart.
pub fn one_nn_agreement(points: &[[f64; 2]], labels: &[bool]) -> f64 {
    let n = points.len();
    let hits = (0..n)
        .filter(|&i| {
            let nn = (0..n).filter(|&j| j != i).min_by(|&a, &b| {
                let da =
                    (points[a][0] - points[i][0]).powi(2) + (points[a][1] - points[i][1]).powi(2);
                let db =
                    (points[b][0] - points[i][0]).powi(2) + (points[b][1] - points[i][1]).powi(2);
                da.total_cmp(&db)
            });
            nn.is_some_and(|j| labels[j] == labels[i])
        })
        .count();
    hits as f64 / n.max(1) as f64
}
