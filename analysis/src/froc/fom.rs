//! Localization figures of merit of one reading, with their closed-form leave-one-case-out values.
//!
//! With ψ(x, y) = 1 if x < y, ½ if x = y (so −∞ against −∞ gives ½), 0 otherwise, a false-positive
//! rating FPₛ per "source" case (its highest NL rating, −∞ without NL marks) and a rating x_al with
//! weight w_al per lesion l of abnormal case a (−∞ when unmarked), every figure here is
//!
//!   θ = Σₛ Σₐ Σₗ w_al ψ(FPₛ, x_al) / (N_s · Σₐ Σₗ w_al)
//!
//! (Chakraborty 2017, ch. 13–17; RJafroc `MyFOM.cpp`):
//! - **wAFROC**: sources the K1 normal cases, w the truth's lesion weights (Σₗ w_al = 1), so the
//!   denominator is K1·K2.
//! - **AFROC**: as wAFROC with every lesion weighing 1 (denominator K1·L).
//! - **wAFROC1 / AFROC1**: the sources are all K cases (NL marks on abnormal cases count as false
//!   positives too).
//! - **HrAuc**: the Wilcoxon AUC of each case's highest rating of any mark (ROC inferred from
//!   FROC): sources the normal cases with their highest rating, one "lesion" of weight 1 per
//!   abnormal case rated with its highest rating.
//!
//! Deleting case k removes its row sum Rₖ = Σ_{a,l} w ψ(FPₖ, x_al) if it is a source, its column
//! sum Cₖ = Σ_{s,l} w_kl ψ(FPₛ, x_kl) if it is a target, and adds back its own term if it is both:
//! θ(−k) = (S − Rₖ − Cₖ + Dₖ) / ((N_s − [k source]) · (W − Wₖ)), the jackknife RJafroc computes by
//! recomputation. Row and column sums come from sorted ratings in O((N_s + L) log(N_s + L)).

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::data::Localization;
use crate::error::{AnalysisError, Result};
use crate::fom::{FomTable, ReadingFom};

/// The figure of merit a localization analysis compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LocalizationFom {
    /// Weighted AFROC: each abnormal case counts once, its lesions by weight (RJafroc's default).
    #[default]
    Wafroc,
    /// AFROC: every lesion counts once.
    Afroc,
    /// wAFROC with false positives from all cases.
    Wafroc1,
    /// AFROC with false positives from all cases.
    Afroc1,
    /// The AUC of the highest rating on each case (ROC inferred from FROC).
    HrAuc,
}

impl LocalizationFom {
    /// Every figure, in the CLI's order.
    pub const ALL: [Self; 5] = [
        Self::Wafroc,
        Self::Afroc,
        Self::Wafroc1,
        Self::Afroc1,
        Self::HrAuc,
    ];

    /// The CLI spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Wafroc => "wafroc",
            Self::Afroc => "afroc",
            Self::Wafroc1 => "wafroc1",
            Self::Afroc1 => "afroc1",
            Self::HrAuc => "hrauc",
        }
    }

    /// The name printed in tables, as in the literature.
    pub fn label(self) -> &'static str {
        match self {
            Self::Wafroc => "wAFROC",
            Self::Afroc => "AFROC",
            Self::Wafroc1 => "wAFROC1",
            Self::Afroc1 => "AFROC1",
            Self::HrAuc => "HrAuc",
        }
    }

    pub(crate) fn weighted(self) -> bool {
        matches!(self, Self::Wafroc | Self::Wafroc1)
    }

    pub(crate) fn all_cases_false_positives(self) -> bool {
        matches!(self, Self::Wafroc1 | Self::Afroc1)
    }
}

impl fmt::Display for LocalizationFom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LocalizationFom {
    type Err = AnalysisError;

    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| AnalysisError::UnknownOption {
                kind: "localization figure of merit",
                value: s.clone(),
                expected: "wafroc, afroc, wafroc1, afroc1, hrauc",
            })
    }
}

pub(crate) fn psi(fp: f64, x: f64) -> f64 {
    if fp < x {
        1.0
    } else if fp == x {
        0.5
    } else {
        0.0
    }
}

/// A case whose lesions are compared with the false positives: (case index, [(rating, weight)]).
type Target = (usize, Vec<(f64, f64)>);

/// θ and its leave-one-case-out values over `cases` cases (module doc for the formula).
fn afroc_family(cases: usize, sources: &[(usize, f64)], targets: &[Target]) -> ReadingFom {
    let mut fps: Vec<f64> = sources.iter().map(|s| s.1).collect();
    fps.sort_by(f64::total_cmp);
    let mut lesions: Vec<(f64, f64)> = targets.iter().flat_map(|t| t.1.iter().copied()).collect();
    lesions.sort_by(|a, b| a.0.total_cmp(&b.0));
    let below: Vec<f64> = std::iter::once(0.0)
        .chain(lesions.iter().scan(0.0, |acc, l| {
            *acc += l.1;
            Some(*acc)
        }))
        .collect();
    let total_weight = below[lesions.len()];
    let weight_below = |x: f64, inclusive: bool| {
        below[lesions.partition_point(|l| if inclusive { l.0 <= x } else { l.0 < x })]
    };

    let mut row = vec![0.0; cases];
    let mut is_source = vec![false; cases];
    let mut fp_of = vec![f64::NAN; cases];
    for &(k, fp) in sources {
        let (lt, le) = (weight_below(fp, false), weight_below(fp, true));
        row[k] = (total_weight - le) + 0.5 * (le - lt);
        is_source[k] = true;
        fp_of[k] = fp;
    }
    let mut col = vec![0.0; cases];
    let mut own = vec![0.0; cases];
    let mut case_weight = vec![0.0; cases];
    for (k, ls) in targets {
        for &(x, w) in ls {
            let lt = fps.partition_point(|&f| f < x) as f64;
            let le = fps.partition_point(|&f| f <= x) as f64;
            col[*k] += w * (lt + 0.5 * (le - lt));
            case_weight[*k] += w;
            if is_source[*k] {
                own[*k] += w * psi(fp_of[*k], x);
            }
        }
    }
    let sum: f64 = col.iter().sum();
    let n_sources = sources.len() as f64;
    let value = sum / (n_sources * total_weight);
    let leave_one_out = (0..cases)
        .map(|k| {
            let s = f64::from(u8::from(is_source[k]));
            (sum - row[k] - col[k] + own[k]) / ((n_sources - s) * (total_weight - case_weight[k]))
        })
        .collect();
    ReadingFom {
        value,
        leave_one_out,
        placements: None,
        contributions: None,
    }
}

/// One reading's figure of merit and its leave-one-case-out values, in the truth's case order.
///
/// # Errors
/// `TooFew` with fewer than two normal or two abnormal cases (the jackknife deletes one of them).
pub fn reading_fom(
    study: &Localization,
    modality: usize,
    reader: usize,
    fom: LocalizationFom,
) -> Result<ReadingFom> {
    let truth = study.truth();
    let found = truth.normals().min(truth.abnormals());
    if found < 2 {
        return Err(AnalysisError::TooFew {
            what: "the jackknife of a localization figure of merit",
            needed: 2,
            unit: "normal and abnormal cases each",
            found,
        });
    }
    let marks = study.reading(modality, reader);
    let cases = marks.len();
    let abnormal = |k: &usize| truth.is_abnormal(*k);
    if fom == LocalizationFom::HrAuc {
        let sources: Vec<(usize, f64)> = (0..cases)
            .filter(|k| !abnormal(k))
            .map(|k| (k, marks[k].highest()))
            .collect();
        let targets: Vec<Target> = (0..cases)
            .filter(abnormal)
            .map(|k| (k, vec![(marks[k].highest(), 1.0)]))
            .collect();
        return Ok(afroc_family(cases, &sources, &targets));
    }
    let sources: Vec<(usize, f64)> = (0..cases)
        .filter(|k| fom.all_cases_false_positives() || !abnormal(k))
        .map(|k| (k, marks[k].highest_nl()))
        .collect();
    let targets: Vec<Target> = (0..cases)
        .filter(abnormal)
        .map(|k| {
            let ls = truth.lesions(k).iter().zip(&marks[k].ll);
            let rated = ls
                .map(|(l, &x)| (x, if fom.weighted() { l.weight } else { 1.0 }))
                .collect();
            (k, rated)
        })
        .collect();
    Ok(afroc_family(cases, &sources, &targets))
}

/// Every reading's figure of merit, `[modality][reader]`.
///
/// # Errors
/// As [`reading_fom`].
pub fn localization_table(
    study: &Localization,
    fom: LocalizationFom,
) -> Result<FomTable<LocalizationFom>> {
    let (t, r) = (study.modalities().len(), study.readers().len());
    let readings = (0..t)
        .flat_map(|m| (0..r).map(move |j| (m, j)))
        .map(|(m, j)| reading_fom(study, m, j, fom))
        .collect::<Result<_>>()?;
    Ok(FomTable {
        fom,
        modalities: t,
        readers: r,
        readings,
    })
}
