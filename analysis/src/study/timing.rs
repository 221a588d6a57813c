//! Active reading time per case, unaided vs aided, by group: median, mean and IQR of the reads,
//! and a paired t test on the readers' mean times.

use serde::Serialize;

use super::data::Modality;
use super::prepare::{Group, Prepared, MODALITIES};
use crate::dist::{t_quantile, t_two_sided};
use crate::inference::LEVEL;

/// Summary of the reading times of one group and modality, in seconds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeSummary {
    pub reads: usize,
    pub median: f64,
    pub mean: f64,
    pub q1: f64,
    pub q3: f64,
}

/// Paired t test on per-reader mean times, aided − unaided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairedT {
    pub readers: usize,
    /// Mean of the readers' (aided − unaided) mean times, seconds.
    pub estimate: f64,
    pub se: f64,
    pub df: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    pub p: f64,
}

/// One group's reading times.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeRow {
    pub group: Group,
    pub unaided: TimeSummary,
    pub aided: TimeSummary,
    /// `None` with fewer than two readers.
    pub test: Option<PairedT>,
}

/// Sample quantile by linear interpolation between order statistics (Hyndman & Fan 1996
/// definition 7, R's default `quantile(type = 7)`): h = (n − 1)p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ −
/// x₍⌊h⌋₎) on the sorted sample (0-based). NaN for an empty sample.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

fn summary(mut seconds: Vec<f64>) -> TimeSummary {
    seconds.sort_by(f64::total_cmp);
    let n = seconds.len();
    TimeSummary {
        reads: n,
        median: quantile(&seconds, 0.5),
        mean: seconds.iter().sum::<f64>() / n as f64,
        q1: quantile(&seconds, 0.25),
        q3: quantile(&seconds, 0.75),
    }
}

/// Paired t test of differences dⱼ: t = d̄/(s_d/√n) on n − 1 df (Student 1908), with the
/// 95 % CI d̄ ± t_{0.975, n−1} s_d/√n. `None` with fewer than two differences; a zero spread
/// gives p = 1 for d̄ = 0 and p = 0 otherwise.
pub fn paired_t(differences: &[f64]) -> Option<PairedT> {
    let n = differences.len();
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let mean = differences.iter().sum::<f64>() / nf;
    let var = differences.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (nf - 1.0);
    let se = (var / nf).sqrt();
    let df = nf - 1.0;
    let q = t_quantile(0.5 + LEVEL / 2.0, df);
    let p = if se > 0.0 {
        t_two_sided(mean / se, df)
    } else if mean == 0.0 {
        1.0
    } else {
        0.0
    };
    Some(PairedT {
        readers: n,
        estimate: mean,
        se,
        df,
        ci_lower: mean - q * se,
        ci_upper: mean + q * se,
        p,
    })
}

/// Reading times of the complete readers of every group that has any. A paired t test is used
/// rather than Wilcoxon's signed-rank test because per-reader mean times are close to normal
/// and the t interval gives the effect in seconds.
pub fn reading_time(prepared: &Prepared<'_>) -> Vec<TimeRow> {
    let cases = prepared.data.cases.len();
    Group::ALL
        .iter()
        .filter_map(|&group| {
            let readers = prepared.group(group);
            if readers.is_empty() {
                return None;
            }
            let seconds = |j: usize, m: Modality| {
                (0..cases).map(move |k| prepared.complete_read(j, m, k).active_ms as f64 / 1000.0)
            };
            let [unaided, aided] =
                MODALITIES.map(|m| summary(readers.iter().flat_map(|&j| seconds(j, m)).collect()));
            let differences: Vec<f64> = readers
                .iter()
                .map(|&j| {
                    let mean = |m| seconds(j, m).sum::<f64>() / cases as f64;
                    mean(Modality::Aided) - mean(Modality::Unaided)
                })
                .collect();
            Some(TimeRow {
                group,
                unaided,
                aided,
                test: paired_t(&differences),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_follow_r_type_seven() {
        // R: quantile(c(1, 2, 4, 8), c(0.25, 0.5, 0.75)) = 1.75, 3.00, 5.00
        let x = [1.0, 2.0, 4.0, 8.0];
        assert_eq!(
            [quantile(&x, 0.25), quantile(&x, 0.5), quantile(&x, 0.75)],
            [1.75, 3.0, 5.0]
        );
    }

    #[test]
    fn the_paired_t_test_matches_a_hand_computation() {
        // d = 1, 2, 3: mean 2, s = 1, se = 1/√3, t = 2√3 on 2 df; Student's t with 2 df has
        // the closed form p = 1 − t/√(2 + t²) = 1 − √(6/7) = 0.07417990022744858.
        let t = paired_t(&[1.0, 2.0, 3.0]).unwrap();
        assert!((t.se - 1.0 / 3f64.sqrt()).abs() < 1e-15);
        assert!((t.p - 0.074_179_900_227_448_58).abs() < 1e-9);
    }
}
