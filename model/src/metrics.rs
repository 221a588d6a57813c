//! The model's view of the project's one DeLong implementation (`analysis::delong`): AUC with
//! its 95 % CI for model cards and study figures, and the paired test of two scores.

use analysis::delong::{auc_interval, paired_test, placements_by_truth};

use crate::error::{ModelError, Result};

/// AUC (Mann–Whitney, ties ½) and its 95 % DeLong confidence interval clipped to [0, 1]
/// (DeLong, DeLong & Clarke-Pearson 1988, Biometrics 44:837), via `analysis::delong`.
///
/// # Errors
/// Lengths differ or a class is missing.
pub fn auc_with_ci(scores: &[f64], labels: &[bool]) -> Result<(f64, f64, f64)> {
    let placements = placements_by_truth(scores, labels)
        .map_err(|e| ModelError::invalid("auc", e.to_string()))?;
    let interval =
        auc_interval(&placements, 0.95).map_err(|e| ModelError::invalid("auc", e.to_string()))?;
    Ok((interval.auc, interval.lower, interval.upper))
}

/// Paired DeLong test of two scores on the same cases, `z = (A − B)/sqrt(Var A + Var B − 2 Cov)`,
/// two-sided normal p; via `analysis::delong::paired_test`.
///
/// # Errors
/// Lengths differ, a class is missing, or the difference has no variance.
pub fn paired_delong(a: &[f64], b: &[f64], labels: &[bool]) -> Result<(f64, f64)> {
    let invalid = |e: analysis::AnalysisError| ModelError::invalid("paired delong", e.to_string());
    let pa = placements_by_truth(a, labels).map_err(invalid)?;
    let pb = placements_by_truth(b, labels).map_err(invalid)?;
    let test = paired_test(&pa, &pb, 0.95).map_err(invalid)?;
    Ok((test.z, test.p_two_sided))
}

/// Upper tail of the standard normal, `1 − Φ(z)`, for Wald tests.
pub(crate) fn normal_sf(z: f64) -> f64 {
    analysis::dist::normal_sf(z)
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

    /// Reference: `fixtures/mrmc/README.md` (pROC on its aSAH data): ndka AUC
    /// 0.611957994579946, DeLong 95 % CI (0.501244999271703, 0.722670989888189); paired DeLong
    /// wfns vs s100b Z 2.20898359144091, p 0.0271757822291882.
    #[test]
    fn matches_proc_on_the_asah_data() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../fixtures/mrmc/aSAH_pROC.csv"
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
