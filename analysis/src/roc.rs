//! Empirical ROC curves: operating points, trapezoidal AUC, partial AUC and sensitivity at a
//! fixed specificity.
//!
//! The empirical ROC joins the points (FPR(t), TPR(t)) for every distinct threshold t, calling a
//! case positive when its rating is ≥ t; its trapezoidal area equals the Wilcoxon–Mann–Whitney
//! AUC with ties counted ½ (Hanley & McNeil 1982, Radiology 143:29; Bamber 1975).

use serde::Serialize;

use crate::delong::placements;
use crate::error::{AnalysisError, Result};

/// One operating point of an empirical ROC curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RocPoint {
    /// Ratings ≥ threshold are called positive; +∞ for the (0, 0) corner.
    pub threshold: f64,
    pub fpr: f64,
    pub tpr: f64,
}

/// The empirical ROC curve from (0, 0) to (1, 1), one point per distinct rating.
///
/// # Errors
/// `TooFew` when a class is empty, `InvalidArgument` for non-finite scores.
pub fn curve(positives: &[f64], negatives: &[f64]) -> Result<Vec<RocPoint>> {
    if positives.is_empty() || negatives.is_empty() {
        return Err(AnalysisError::TooFew {
            what: "an ROC curve",
            needed: 1,
            unit: "positive and one negative score",
            found: 0,
        });
    }
    if positives.iter().chain(negatives).any(|x| !x.is_finite()) {
        return Err(AnalysisError::InvalidArgument(
            "scores must be finite numbers".to_string(),
        ));
    }
    let mut all: Vec<(f64, bool)> = positives
        .iter()
        .map(|&x| (x, true))
        .chain(negatives.iter().map(|&x| (x, false)))
        .collect();
    all.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    let (m, n) = (positives.len() as f64, negatives.len() as f64);
    let mut points = vec![RocPoint {
        threshold: f64::INFINITY,
        fpr: 0.0,
        tpr: 0.0,
    }];
    let (mut tp, mut fp) = (0usize, 0usize);
    let mut i = 0;
    while i < all.len() {
        let t = all[i].0;
        while i < all.len() && all[i].0 == t {
            if all[i].1 {
                tp += 1;
            } else {
                fp += 1;
            }
            i += 1;
        }
        points.push(RocPoint {
            threshold: t,
            fpr: fp as f64 / n,
            tpr: tp as f64 / m,
        });
    }
    Ok(points)
}

/// Trapezoidal area under the empirical ROC = Wilcoxon AUC with ties ½.
///
/// # Errors
/// As [`curve`].
pub fn auc(positives: &[f64], negatives: &[f64]) -> Result<f64> {
    Ok(placements(positives, negatives)?.auc)
}

/// TPR of a piecewise-linear curve at `fpr`; on a vertical segment the highest TPR is taken.
fn tpr_at(points: &[RocPoint], fpr: f64) -> f64 {
    let mut best: f64 = 0.0;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if fpr < a.fpr || fpr > b.fpr {
            continue;
        }
        let tpr = if b.fpr == a.fpr {
            b.tpr
        } else {
            a.tpr + (b.tpr - a.tpr) * (fpr - a.fpr) / (b.fpr - a.fpr)
        };
        best = best.max(tpr);
    }
    best
}

/// Sensitivity at a fixed specificity, read off the empirical curve by linear interpolation
/// between operating points (the convention of MRMCaov's `empirical_sens`).
///
/// # Errors
/// `InvalidArgument` when `specificity` is outside [0, 1].
pub fn sensitivity_at_specificity(points: &[RocPoint], specificity: f64) -> Result<f64> {
    check_unit("specificity", specificity)?;
    Ok(tpr_at(points, 1.0 - specificity))
}

/// Specificity at a fixed sensitivity: 1 − the smallest FPR reaching that TPR, interpolated.
///
/// # Errors
/// `InvalidArgument` when `sensitivity` is outside [0, 1].
pub fn specificity_at_sensitivity(points: &[RocPoint], sensitivity: f64) -> Result<f64> {
    check_unit("sensitivity", sensitivity)?;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if sensitivity >= a.tpr && sensitivity <= b.tpr {
            let fpr = if b.tpr == a.tpr {
                a.fpr
            } else {
                a.fpr + (b.fpr - a.fpr) * (sensitivity - a.tpr) / (b.tpr - a.tpr)
            };
            return Ok(1.0 - fpr);
        }
    }
    Ok(0.0)
}

fn check_unit(name: &str, x: f64) -> Result<()> {
    if (0.0..=1.0).contains(&x) {
        Ok(())
    } else {
        Err(AnalysisError::InvalidArgument(format!(
            "{name} {x} must lie in [0, 1]"
        )))
    }
}

/// Area under the piecewise-linear path `xy` (x non-decreasing) for x in [lo, hi].
fn area(xy: &[(f64, f64)], lo: f64, hi: f64) -> f64 {
    let mut total = 0.0;
    for w in xy.windows(2) {
        let ((ax, ay), (bx, by)) = (w[0], w[1]);
        let (x0, x1) = (ax.max(lo), bx.min(hi));
        if x1 <= x0 || bx == ax {
            continue;
        }
        let y = |x: f64| ay + (by - ay) * (x - ax) / (bx - ax);
        total += (x1 - x0) * (y(x0) + y(x1)) / 2.0;
    }
    total
}

fn check_range(name: &str, low: f64, high: f64) -> Result<()> {
    check_unit(name, low)?;
    check_unit(name, high)?;
    if low > high {
        return Err(AnalysisError::InvalidArgument(format!(
            "{name} range [{low}, {high}] is reversed"
        )));
    }
    Ok(())
}

/// Partial AUC over the specificity range [`spec_low`, `spec_high`]: ∫ TPR dFPR for FPR in
/// [1 − spec_high, 1 − spec_low] on the linearly interpolated empirical curve (uncorrected, as
/// pROC's `auc(partial.auc = c(high, low), partial.auc.focus = "specificity")`; McClish 1989).
///
/// # Errors
/// `InvalidArgument` when the bounds are outside [0, 1] or reversed.
pub fn partial_auc_specificity(points: &[RocPoint], spec_low: f64, spec_high: f64) -> Result<f64> {
    check_range("specificity", spec_low, spec_high)?;
    let xy: Vec<(f64, f64)> = points.iter().map(|p| (p.fpr, p.tpr)).collect();
    Ok(area(&xy, 1.0 - spec_high, 1.0 - spec_low))
}

/// Partial AUC over the sensitivity range [`sens_low`, `sens_high`]: ∫ specificity dTPR over that
/// range (pROC's `partial.auc.focus = "sensitivity"`, uncorrected).
///
/// # Errors
/// `InvalidArgument` when the bounds are outside [0, 1] or reversed.
pub fn partial_auc_sensitivity(points: &[RocPoint], sens_low: f64, sens_high: f64) -> Result<f64> {
    check_range("sensitivity", sens_low, sens_high)?;
    let xy: Vec<(f64, f64)> = points.iter().map(|p| (p.tpr, 1.0 - p.fpr)).collect();
    Ok(area(&xy, sens_low, sens_high))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_runs_from_the_origin_to_the_top_right_corner() {
        let pts = curve(&[3.0, 2.0], &[1.0, 2.0]).unwrap();

        assert_eq!((pts[0].fpr, pts[0].tpr), (0.0, 0.0));
        let last = pts.last().unwrap();
        assert_eq!((last.fpr, last.tpr), (1.0, 1.0));
    }

    #[test]
    fn the_trapezoidal_area_equals_the_wilcoxon_auc() {
        let (pos, neg) = ([0.9, 0.4, 0.4, 0.7], [0.4, 0.1, 0.5]);
        let pts = curve(&pos, &neg).unwrap();

        let trapezoid = partial_auc_specificity(&pts, 0.0, 1.0).unwrap();

        assert!((trapezoid - auc(&pos, &neg).unwrap()).abs() < 1e-15);
    }
}
