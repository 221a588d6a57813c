//! Small dense linear algebra for the clinical model and PCA: matrix inverse and the symmetric
//! eigen-decomposition (matrices here are at most a few hundred wide).

// Index loops mirror the subscripts of the formulas they implement.
#![allow(clippy::needless_range_loop)]

use crate::error::{ModelError, Result};

/// Inverse of a square row-major matrix by Gauss–Jordan elimination with partial pivoting.
///
/// # Errors
/// The matrix is not square or is singular to working precision.
pub fn invert(a: &[Vec<f64>]) -> Result<Vec<Vec<f64>>> {
    let n = a.len();
    if a.iter().any(|r| r.len() != n) {
        return Err(ModelError::invalid(
            "matrix inverse",
            "matrix is not square",
        ));
    }
    let mut m: Vec<Vec<f64>> = a
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = r.clone();
            row.extend((0..n).map(|j| if i == j { 1.0 } else { 0.0 }));
            row
        })
        .collect();
    let scale = a
        .iter()
        .flatten()
        .fold(0.0f64, |s, v| s.max(v.abs()))
        .max(1.0);
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&x, &y| m[x][col].abs().total_cmp(&m[y][col].abs()))
            .unwrap_or(col);
        if m[pivot][col].abs() < 1e-12 * scale {
            return Err(ModelError::invalid(
                "matrix inverse",
                "matrix is singular; a predictor is constant or collinear with others",
            ));
        }
        m.swap(col, pivot);
        let p = m[col][col];
        for v in &mut m[col] {
            *v /= p;
        }
        let pivot_row = m[col].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != col {
                let f = row[col];
                if f != 0.0 {
                    for (v, pv) in row.iter_mut().zip(&pivot_row) {
                        *v -= f * pv;
                    }
                }
            }
        }
    }
    Ok(m.into_iter().map(|r| r[n..].to_vec()).collect())
}

/// Eigenvalues (descending) and unit eigenvectors (as columns `vecs[i][k]` of eigenvalue `k`) of
/// a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan, *Matrix Computations*,
/// §8.5). Each eigenvector's sign is fixed so its largest-magnitude entry is positive, making
/// the result deterministic.
pub fn symmetric_eigen(a: &[Vec<f64>]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = a.len();
    let mut m: Vec<Vec<f64>> = a.to_vec();
    let mut v: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i][j] * m[i][j])
            .sum();
        let total: f64 = m.iter().flatten().map(|x| x * x).sum();
        if off <= 1e-22 * total.max(f64::MIN_POSITIVE) {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if m[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (m[q][q] - m[p][p]) / (2.0 * m[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (mkp, mkq) = (m[k][p], m[k][q]);
                    m[k][p] = c * mkp - s * mkq;
                    m[k][q] = s * mkp + c * mkq;
                }
                for k in 0..n {
                    let (mpk, mqk) = (m[p][k], m[q][k]);
                    m[p][k] = c * mpk - s * mqk;
                    m[q][k] = s * mpk + c * mqk;
                }
                for row in v.iter_mut() {
                    let (vp, vq) = (row[p], row[q]);
                    row[p] = c * vp - s * vq;
                    row[q] = s * vp + c * vq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| m[y][y].total_cmp(&m[x][x]));
    let values: Vec<f64> = order.iter().map(|&k| m[k][k]).collect();
    let mut vecs: Vec<Vec<f64>> = vec![vec![0.0; n]; n];
    for (new_k, &k) in order.iter().enumerate() {
        let col: Vec<f64> = (0..n).map(|i| v[i][k]).collect();
        let big = col
            .iter()
            .cloned()
            .fold(0.0f64, |b, x| if x.abs() > b.abs() { x } else { b });
        let sign = if big < 0.0 { -1.0 } else { 1.0 };
        for i in 0..n {
            vecs[i][new_k] = sign * col[i];
        }
    }
    (values, vecs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_times_matrix_is_identity() {
        let a = vec![
            vec![4.0, 2.0, 0.6],
            vec![2.0, 5.0, 1.0],
            vec![0.6, 1.0, 3.0],
        ];
        let inv = invert(&a).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                let s: f64 = (0..3).map(|k| a[i][k] * inv[k][j]).sum();
                assert!((s - f64::from(u8::from(i == j))).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn singular_matrix_is_refused() {
        assert!(invert(&[vec![1.0, 2.0], vec![2.0, 4.0]]).is_err());
    }

    #[test]
    fn eigen_of_a_known_matrix() {
        // [[2,1],[1,2]] has eigenvalues 3 and 1 with eigenvectors (1,1)/√2 and (1,−1)/√2.
        let (vals, vecs) = symmetric_eigen(&[vec![2.0, 1.0], vec![1.0, 2.0]]);
        assert!((vals[0] - 3.0).abs() < 1e-12 && (vals[1] - 1.0).abs() < 1e-12);
        let r = std::f64::consts::FRAC_1_SQRT_2;
        assert!((vecs[0][0] - r).abs() < 1e-12 && (vecs[1][0] - r).abs() < 1e-12);
        assert!((vecs[0][1].abs() - r).abs() < 1e-12 && (vecs[0][1] + vecs[1][1]).abs() < 1e-12);
    }
}
