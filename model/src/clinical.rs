//! The clinical comparator: logistic regression of OS vs GCT on age, sex and lesion site,
//! fitted by IRLS on the training split, scored on a test split and compared with the CNN by a
//! paired DeLong test.

// Index loops mirror the subscripts of the formulas they implement.
#![allow(clippy::needless_range_loop)]

use std::collections::HashMap;

use serde::Serialize;

use crate::card::AucCi;
use crate::data::{CaseMeta, Split};
use crate::error::{ModelError, Result};
use crate::linalg::invert;
use crate::metrics::{auc_with_ci, normal_sf, paired_delong};

const Z95: f64 = 1.959_963_984_540_054;

/// One coefficient with its inference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// `intercept`, `age` (per year), `male`, or `site:<location>`.
    pub name: String,
    /// Log-odds coefficient β.
    pub coef: f64,
    /// Standard error `sqrt([(XᵀWX)⁻¹]_jj)`.
    pub se: f64,
    /// Wald statistic β/SE.
    pub z: f64,
    /// Two-sided Wald p-value.
    pub p: f64,
    /// `exp(β)`.
    pub odds_ratio: f64,
    /// `exp(β − 1.96·SE)`.
    pub or_lo: f64,
    /// `exp(β + 1.96·SE)`.
    pub or_hi: f64,
}

/// A fitted logistic model of P(OS | age, sex, site).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClinicalModel {
    /// Coefficients in design-matrix order.
    pub terms: Vec<Term>,
    /// Site levels with a dummy column, in order; the reference level has none.
    pub site_levels: Vec<String>,
    /// The reference site (most frequent in training).
    pub reference_site: String,
    /// IRLS iterations used.
    pub iterations: usize,
    /// Cases fitted.
    pub n: usize,
}

impl ClinicalModel {
    fn row(&self, c: &CaseMeta) -> Vec<f64> {
        design_row(c, &self.site_levels)
    }

    /// P(OS) for a case: `1 / (1 + exp(−xᵀβ))`.
    pub fn predict(&self, c: &CaseMeta) -> f64 {
        let eta: f64 = self
            .row(c)
            .iter()
            .zip(&self.terms)
            .map(|(x, t)| x * t.coef)
            .sum();
        logistic(eta)
    }
}

fn logistic(eta: f64) -> f64 {
    1.0 / (1.0 + (-eta).exp())
}

fn design_row(c: &CaseMeta, levels: &[String]) -> Vec<f64> {
    let mut r = vec![1.0, c.age, f64::from(u8::from(c.male))];
    r.extend(levels.iter().map(|l| f64::from(u8::from(&c.location == l))));
    r
}

/// Fits `logit P(OS) = β0 + β1·age + β2·male + Σ γ_s·[site = s]` by iteratively reweighted least
/// squares (Newton–Raphson on the log-likelihood; McCullagh & Nelder 1989, *Generalized Linear
/// Models*, §4.4): `β ← β + (XᵀWX)⁻¹ Xᵀ(y − p)`, `W = diag(p(1 − p))`, until the largest step
/// is below 1e-10. Standard errors come from the inverse Fisher information at convergence.
///
/// # Errors
/// Fewer cases than coefficients, one class only, collinear predictors, or no convergence in
/// 100 iterations (complete separation).
pub fn fit(cases: &[CaseMeta]) -> Result<ClinicalModel> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in cases {
        *counts.entry(c.location.as_str()).or_default() += 1;
    }
    let mut levels: Vec<String> = counts.keys().map(|s| s.to_string()).collect();
    levels.sort();
    let reference = levels
        .iter()
        .max_by(|a, b| counts[a.as_str()].cmp(&counts[b.as_str()]).then(b.cmp(a)))
        .cloned()
        .unwrap_or_default();
    levels.retain(|l| l != &reference);
    let x: Vec<Vec<f64>> = cases.iter().map(|c| design_row(c, &levels)).collect();
    let y: Vec<f64> = cases.iter().map(|c| f64::from(u8::from(c.is_os))).collect();
    let k = 3 + levels.len();
    let positives = y.iter().filter(|&&v| v > 0.5).count();
    if cases.len() <= k || positives == 0 || positives == cases.len() {
        return Err(ModelError::invalid(
            "clinical model",
            format!("{} cases ({positives} OS) cannot fit {k} coefficients; need both classes and more cases", cases.len()),
        ));
    }
    let mut beta = vec![0.0; k];
    let mut info_inv = vec![vec![0.0; k]; k];
    let mut iterations = 0;
    let mut converged = false;
    while iterations < 100 {
        iterations += 1;
        let mut info = vec![vec![0.0; k]; k];
        let mut score = vec![0.0; k];
        for (row, &yi) in x.iter().zip(&y) {
            let p = logistic(row.iter().zip(&beta).map(|(a, b)| a * b).sum());
            let w = p * (1.0 - p);
            for i in 0..k {
                score[i] += row[i] * (yi - p);
                for j in 0..k {
                    info[i][j] += w * row[i] * row[j];
                }
            }
        }
        info_inv = invert(&info)?;
        let step: Vec<f64> = (0..k)
            .map(|i| (0..k).map(|j| info_inv[i][j] * score[j]).sum())
            .collect();
        for (b, s) in beta.iter_mut().zip(&step) {
            *b += s;
        }
        if step.iter().all(|s| s.abs() < 1e-10) {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(ModelError::invalid("clinical model", "IRLS did not converge in 100 iterations; the classes are separable on these predictors"));
    }
    let mut names = vec![
        "intercept".to_string(),
        "age".to_string(),
        "male".to_string(),
    ];
    names.extend(levels.iter().map(|l| format!("site:{l}")));
    let terms = names
        .into_iter()
        .enumerate()
        .map(|(j, name)| {
            let (coef, se) = (beta[j], info_inv[j][j].sqrt());
            let z = coef / se;
            Term {
                name,
                coef,
                se,
                z,
                p: 2.0 * normal_sf(z.abs()),
                odds_ratio: coef.exp(),
                or_lo: (coef - Z95 * se).exp(),
                or_hi: (coef + Z95 * se).exp(),
            }
        })
        .collect();
    Ok(ClinicalModel {
        terms,
        site_levels: levels,
        reference_site: reference,
        iterations,
        n: cases.len(),
    })
}

/// The clinical model against the CNN on the same test cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClinicalReport {
    /// The fitted model.
    pub model: ClinicalModel,
    /// Which split was scored.
    pub test_split: Split,
    /// Clinical model AUC on the test cases.
    pub clinical_auc: AucCi,
    /// CNN AUC on the same cases (when CNN scores were given).
    pub cnn_auc: Option<AucCi>,
    /// Paired DeLong `(z, p)` of CNN − clinical.
    pub delong: Option<(f64, f64)>,
}

/// `lector clinical`: fits on the `Train` (and `Val`) rows of the manifest, scores `test_split`,
/// and, if `cnn_scores` (case id → P(OS)) are given, compares by paired DeLong.
///
/// # Errors
/// The fit fails, the test split lacks a class, or a test case has no CNN score.
pub fn evaluate(
    cases: &[CaseMeta],
    test_split: Split,
    cnn_scores: Option<&HashMap<String, f64>>,
) -> Result<ClinicalReport> {
    let train: Vec<CaseMeta> = cases
        .iter()
        // The validation part too: the clinical model does not early-stop.
        .filter(|c| c.split == Split::Train)
        .cloned()
        .collect();
    let model = fit(&train)?;
    let test: Vec<&CaseMeta> = cases.iter().filter(|c| c.split == test_split).collect();
    let labels: Vec<bool> = test.iter().map(|c| c.is_os).collect();
    let clin: Vec<f64> = test.iter().map(|c| model.predict(c)).collect();
    let ci = |s: &[f64]| {
        auc_with_ci(s, &labels).map(|(auc, lo, hi)| AucCi {
            auc,
            lo,
            hi,
            n: s.len(),
        })
    };
    let clinical_auc = ci(&clin)?;
    let (cnn_auc, delong) = match cnn_scores {
        Some(map) => {
            let cnn = test
                .iter()
                .map(|c| {
                    map.get(&c.case_id).copied().ok_or_else(|| {
                        ModelError::invalid(
                            "cnn scores",
                            format!("no CNN probability for test case '{}'", c.case_id),
                        )
                    })
                })
                .collect::<Result<Vec<f64>>>()?;
            (Some(ci(&cnn)?), Some(paired_delong(&cnn, &clin, &labels)?))
        }
        None => (None, None),
    };
    Ok(ClinicalReport {
        model,
        test_split,
        clinical_auc,
        cnn_auc,
        delong,
    })
}

/// Reads `predictions.csv` written by [`crate::infer::predict_dir`] into case id → P(OS).
///
/// # Errors
/// The file is missing or a probability is not a number.
pub fn read_predictions(path: &std::path::Path) -> Result<HashMap<String, f64>> {
    let bad = |row: usize, reason: String| ModelError::Manifest {
        path: path.to_path_buf(),
        row,
        reason,
    };
    let mut rdr = csv::Reader::from_path(path).map_err(|e| bad(0, e.to_string()))?;
    let mut out = HashMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| bad(i + 1, e.to_string()))?;
        let p = rec.get(2).unwrap_or("").parse::<f64>().map_err(|_| {
            bad(
                i + 1,
                format!("probability '{}' is not a number", rec.get(2).unwrap_or("")),
            )
        })?;
        out.insert(rec.get(0).unwrap_or("").to_string(), p);
    }
    Ok(out)
}
