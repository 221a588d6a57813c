//! AUC with a DeLong confidence interval and the paired DeLong test.
//!
//! TODO(lead): replace with analysis::delong — the `analysis` crate owns the project's one DeLong
//! implementation; this minimal copy exists only until the branches merge.

use crate::error::{ModelError, Result};

/// Empirical AUC (Mann–Whitney; ties count ½) and DeLong's structural components.
///
/// `V10_i = mean_j ψ(x_i, y_j)` over negatives for positive `i`, `V01_j = mean_i ψ(x_i, y_j)`,
/// with `ψ(x, y) = 1 if x > y, ½ if equal, 0 otherwise` (DeLong, DeLong & Clarke-Pearson 1988,
/// Biometrics 44:837).
struct Components {
    auc: f64,
    v10: Vec<f64>,
    v01: Vec<f64>,
}

fn components(scores: &[f64], labels: &[bool]) -> Result<Components> {
    if scores.len() != labels.len() {
        return Err(ModelError::invalid(
            "auc",
            format!("{} scores but {} labels", scores.len(), labels.len()),
        ));
    }
    let pos: Vec<f64> = scores
        .iter()
        .zip(labels)
        .filter(|(_, &l)| l)
        .map(|(s, _)| *s)
        .collect();
    let neg: Vec<f64> = scores
        .iter()
        .zip(labels)
        .filter(|(_, &l)| !l)
        .map(|(s, _)| *s)
        .collect();
    if pos.len() < 2 || neg.len() < 2 {
        return Err(ModelError::invalid(
            "auc",
            format!(
                "need at least 2 positive and 2 negative cases, got {} and {}",
                pos.len(),
                neg.len()
            ),
        ));
    }
    let psi = |x: f64, y: f64| {
        if x > y {
            1.0
        } else if x == y {
            0.5
        } else {
            0.0
        }
    };
    let v10: Vec<f64> = pos
        .iter()
        .map(|&x| neg.iter().map(|&y| psi(x, y)).sum::<f64>() / neg.len() as f64)
        .collect();
    let v01: Vec<f64> = neg
        .iter()
        .map(|&y| pos.iter().map(|&x| psi(x, y)).sum::<f64>() / pos.len() as f64)
        .collect();
    let auc = v10.iter().sum::<f64>() / pos.len() as f64;
    Ok(Components { auc, v10, v01 })
}

fn cov(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let ma = a.iter().sum::<f64>() / n;
    let mb = b.iter().sum::<f64>() / n;
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - ma) * (y - mb))
        .sum::<f64>()
        / (n - 1.0)
}

/// AUC and its 95 % DeLong confidence interval, `AUC ± 1.96·sqrt(S10/m + S01/n)`, clipped to
/// [0, 1] (DeLong et al. 1988).
///
/// # Errors
/// Lengths differ or either class has fewer than two cases.
pub fn auc_with_ci(scores: &[f64], labels: &[bool]) -> Result<(f64, f64, f64)> {
    let c = components(scores, labels)?;
    let var = cov(&c.v10, &c.v10) / c.v10.len() as f64 + cov(&c.v01, &c.v01) / c.v01.len() as f64;
    let half = 1.959_963_984_540_054 * var.sqrt();
    Ok((c.auc, (c.auc - half).max(0.0), (c.auc + half).min(1.0)))
}

/// Paired DeLong test of two scores on the same cases: `z = (A − B)/sqrt(Var A + Var B − 2 Cov)`,
/// with the variances and covariance from the structural components; two-sided normal p.
///
/// # Errors
/// Lengths differ, a class has fewer than two cases, or the two AUCs have zero variance of
/// their difference.
pub fn paired_delong(a: &[f64], b: &[f64], labels: &[bool]) -> Result<(f64, f64)> {
    let ca = components(a, labels)?;
    let cb = components(b, labels)?;
    let (m, n) = (ca.v10.len() as f64, ca.v01.len() as f64);
    let var = (cov(&ca.v10, &ca.v10) + cov(&cb.v10, &cb.v10) - 2.0 * cov(&ca.v10, &cb.v10)) / m
        + (cov(&ca.v01, &ca.v01) + cov(&cb.v01, &cb.v01) - 2.0 * cov(&ca.v01, &cb.v01)) / n;
    if var <= 0.0 {
        return Err(ModelError::invalid(
            "paired delong",
            "the two scores rank the cases identically; the difference has no variance",
        ));
    }
    let z = (ca.auc - cb.auc) / var.sqrt();
    Ok((z, 2.0 * normal_sf(z.abs())))
}

/// Upper tail of the standard normal, `1 − Φ(z)`, via statrs' complementary error function.
pub(crate) fn normal_sf(z: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(z / std::f64::consts::SQRT_2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_count_half_in_the_auc() {
        let (auc, _, _) = auc_with_ci(&[1.0, 0.5, 0.5, 0.0], &[true, true, false, false]).unwrap();
        // Pairs (pos, neg): (1,.5)=1 (1,0)=1 (.5,.5)=.5 (.5,0)=1 → 3.5/4.
        assert!((auc - 0.875).abs() < 1e-12);
    }

    /// Reference: `shared/fixtures/mrmc/README.md` (pROC on its aSAH data): ndka AUC
    /// 0.611957994579946, DeLong 95 % CI (0.501244999271703, 0.722670989888189); paired DeLong
    /// wfns vs s100b Z 2.20898359144091, p 0.0271757822291882.
    #[test]
    fn matches_proc_on_the_asah_data() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/fixtures/mrmc/aSAH_pROC.csv"
        );
        let mut rdr = csv::Reader::from_path(path).unwrap();
        let headers = rdr.headers().unwrap().clone();
        let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
        let (io, is, iw, ind) = (col("outcome"), col("s100b"), col("wfns"), col("ndka"));
        let (mut labels, mut s100b, mut wfns, mut ndka) = (vec![], vec![], vec![], vec![]);
        for rec in rdr.records() {
            let rec = rec.unwrap();
            labels.push(&rec[io] == "Poor");
            s100b.push(rec[is].parse::<f64>().unwrap());
            wfns.push(rec[iw].parse::<f64>().unwrap());
            ndka.push(rec[ind].parse::<f64>().unwrap());
        }

        let (auc, lo, hi) = auc_with_ci(&ndka, &labels).unwrap();
        let (z, p) = paired_delong(&wfns, &s100b, &labels).unwrap();

        assert!((auc - 0.611957994579946).abs() < 1e-9, "auc {auc}");
        assert!((lo - 0.501244999271703).abs() < 1e-9, "lo {lo}");
        assert!((hi - 0.722670989888189).abs() < 1e-9, "hi {hi}");
        assert!((z - 2.20898359144091).abs() < 1e-9, "z {z}");
        assert!((p - 0.0271757822291882).abs() < 1e-9, "p {p}");
    }
}
