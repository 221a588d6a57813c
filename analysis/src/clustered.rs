//! A proportion pooled over reads that share readers and cases (an automation-bias switch rate,
//! a group's accuracy on a stratum), with a confidence interval that accounts for both: reads
//! by one reader are correlated, and so are reads of one case. A Wilson interval on the pooled
//! count treats every read as independent and is too narrow.
//!
//! Variance: the two-way cluster-robust estimator of Cameron, Gelbach & Miller (2011, J Bus
//! Econ Stat 29:238) for the intercept of y = p + e, with each one-way term's small-sample factor
//! G/(G − 1) as statsmodels' `cov_cluster_2groups` applies it:
//! V = [c_R Σ_r S_r² + c_C Σ_c S_c² − c_N Σ_k e_k²] / N², where e_k = y_k − p̂ are the reads'
//! residuals, S_g the sum of a cluster's residuals (each read is its own reader × case cell)
//! and c_G = G/(G − 1). When V ≤ 0 (possible in small samples) the larger one-way variance is
//! used instead, as CGM suggest.
//!
//! Interval: Wilson's score interval on the effective sample size n* = p̂(1 − p̂)/V (at most N: a
//! design effect below 1 is not credited), with the t quantile on min(G_R, G_C) − 1 degrees of
//! freedom in place of z — the effective-n approach of Korn & Graubard (1998, Surv Methodol
//! 24:193), which keeps the interval inside [0, 1]. At p̂ = 0 or 1 there is no residual
//! variance to estimate and n* = N.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::binary::wilson_bounds;
use crate::dist::t_quantile;
use crate::error::{AnalysisError, Result};

/// One read: its reader, its case and whether it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Read {
    pub reader: usize,
    pub case: usize,
    pub success: bool,
}

/// A pooled proportion with its two-way cluster-robust interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClusteredProportion {
    pub successes: usize,
    pub total: usize,
    pub estimate: f64,
    /// √V of the module doc.
    pub se: f64,
    /// Effective sample size n*.
    pub effective_n: f64,
    /// min(readers, cases) − 1.
    pub df: f64,
    pub lower: f64,
    pub upper: f64,
}

/// The pooled proportion of `reads` with its interval at `level` (module doc).
///
/// # Errors
/// `TooFew` without reads, or with fewer than two readers or two cases among them (a one-way
/// cluster variance needs two clusters).
pub fn pooled_proportion(reads: &[Read], level: f64) -> Result<ClusteredProportion> {
    let n = reads.len();
    let successes = reads.iter().filter(|r| r.success).count();
    let by = |key: fn(&Read) -> usize| {
        // Ordered, so the sums below add in the same order every run (the exports are compared
        // byte for byte across runs).
        let mut sums: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for read in reads {
            let entry = sums.entry(key(read)).or_default();
            entry.0 += usize::from(read.success);
            entry.1 += 1;
        }
        sums.into_values().collect::<Vec<_>>()
    };
    let (readers, cases) = (by(|r| r.reader), by(|r| r.case));
    let clusters = readers.len().min(cases.len());
    if clusters < 2 {
        return Err(AnalysisError::TooFew {
            what: "a pooled proportion's clustered interval",
            needed: 2,
            unit: "readers and cases among its reads",
            found: clusters,
        });
    }
    let nf = n as f64;
    let p = successes as f64 / nf;
    // Σ_g S_g² with S_g = successes_g − p·reads_g, times G/(G − 1).
    let term = |groups: &[(usize, usize)]| {
        let g = groups.len() as f64;
        let sum: f64 = groups
            .iter()
            .map(|&(x, m)| (x as f64 - p * m as f64).powi(2))
            .sum();
        sum * g / (g - 1.0)
    };
    let (v_readers, v_cases) = (term(&readers) / (nf * nf), term(&cases) / (nf * nf));
    let cells =
        (successes as f64 * (1.0 - p).powi(2) + (nf - successes as f64) * p * p) * nf / (nf - 1.0);
    let mut variance = v_readers + v_cases - cells / (nf * nf);
    if variance <= 0.0 {
        variance = v_readers.max(v_cases);
    }
    let effective_n = if variance > 0.0 {
        (p * (1.0 - p) / variance).min(nf)
    } else {
        nf
    };
    let df = (clusters - 1) as f64;
    let q = t_quantile(0.5 + level / 2.0, df);
    let (lower, upper) = wilson_bounds(p, effective_n, q);
    Ok(ClusteredProportion {
        successes,
        total: n,
        estimate: p,
        se: variance.sqrt(),
        effective_n,
        df,
        lower,
        upper,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(readers: usize, cases: usize, success: impl Fn(usize, usize) -> bool) -> Vec<Read> {
        (0..readers)
            .flat_map(|reader| (0..cases).map(move |case| (reader, case)))
            .map(|(reader, case)| Read {
                reader,
                case,
                success: success(reader, case),
            })
            .collect()
    }

    #[test]
    fn reads_that_depend_only_on_the_case_give_a_wider_interval_than_wilson() {
        // Every reader calls cases 0..12 right and 12..20 wrong: 8 readers agree perfectly,
        // so the 160 reads carry the information of 20 cases.
        let reads = grid(8, 20, |_, case| case < 12);

        let pooled = pooled_proportion(&reads, 0.95).unwrap();
        let naive = crate::binary::wilson(96, 160, 0.95).unwrap();

        assert_eq!((pooled.successes, pooled.total), (96, 160));
        assert!((pooled.estimate - 0.6).abs() < 1e-15);
        assert!(pooled.effective_n < 30.0, "{pooled:?}");
        assert!(pooled.upper - pooled.lower > 2.0 * (naive.upper - naive.lower));
        assert!(pooled.lower >= 0.0 && pooled.upper <= 1.0);
    }

    #[test]
    fn all_successes_give_an_interval_that_ends_at_one() {
        let reads = grid(3, 10, |_, _| true);

        let pooled = pooled_proportion(&reads, 0.95).unwrap();

        assert_eq!(pooled.upper, 1.0);
        // t on 3 − 1 df is wide: few readers say little about readers in general.
        assert!(pooled.lower < 1.0 && pooled.lower > 0.5, "{pooled:?}");
    }

    #[test]
    fn one_reader_is_too_few_to_estimate_reader_clustering() {
        let reads = grid(1, 10, |_, case| case % 2 == 0);

        assert!(pooled_proportion(&reads, 0.95).is_err());
        assert!(pooled_proportion(&[], 0.95).is_err());
    }
}
