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
//!
//! The descriptive figures ([`ReadingSummary`]) follow RJafroc's `UtilFigureOfMerit`: HrSe the
//! fraction of abnormal cases with any mark, HrSp the fraction of normal cases with no mark,
//! MaxLLF the fraction of lesions marked, MaxNLF the NL marks per normal case, MaxNLFAllCases the
//! NL marks per case.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::data::{CaseMarks, Localization};
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

    fn weighted(self) -> bool {
        matches!(self, Self::Wafroc | Self::Wafroc1)
    }

    fn all_cases_false_positives(self) -> bool {
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

fn psi(fp: f64, x: f64) -> f64 {
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

/// The descriptive figures of one reading (module doc).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingSummary {
    pub reader: String,
    pub modality: String,
    pub hr_se: f64,
    pub hr_sp: f64,
    pub max_llf: f64,
    pub max_nlf: f64,
    pub max_nlf_all_cases: f64,
    /// Marks placed: on lesions (LL) and elsewhere (NL).
    pub ll_marks: usize,
    pub nl_marks: usize,
}

/// The descriptive figures of one reading.
pub fn reading_summary(study: &Localization, modality: usize, reader: usize) -> ReadingSummary {
    let truth = study.truth();
    let marks = study.reading(modality, reader);
    let (k1, k2) = (truth.normals() as f64, truth.abnormals() as f64);
    let split = |abnormal: bool| {
        marks
            .iter()
            .enumerate()
            .filter(move |(k, _)| truth.is_abnormal(*k) == abnormal)
            .map(|(_, m)| m)
    };
    let count = |it: &mut dyn Iterator<Item = &CaseMarks>| it.count() as f64;
    let ll_marks: usize = marks.iter().map(CaseMarks::marked_lesions).sum();
    let nl_marks: usize = marks.iter().map(|m| m.nl.len()).sum();
    let nl_on_normals: usize = split(false).map(|m| m.nl.len()).sum();
    ReadingSummary {
        reader: study.readers()[reader].clone(),
        modality: study.modalities()[modality].clone(),
        hr_se: count(&mut split(true).filter(|m| m.highest().is_finite())) / k2,
        hr_sp: count(&mut split(false).filter(|m| !m.highest().is_finite())) / k1,
        max_llf: ll_marks as f64 / truth.total_lesions() as f64,
        max_nlf: nl_on_normals as f64 / k1,
        max_nlf_all_cases: nl_marks as f64 / (k1 + k2),
        ll_marks,
        nl_marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::froc::data::{Lesion, LocalizationTruth};

    const NONE: f64 = f64::NEG_INFINITY;

    /// Two normal cases and two abnormal ones, the second with two lesions weighted 0.75/0.25.
    fn study(marks: Vec<CaseMarks>) -> Localization {
        let l = |id, weight| Lesion { id, weight };
        let truth = LocalizationTruth::new(
            ["n1", "n2", "a1", "a2"].map(String::from).to_vec(),
            vec![
                vec![],
                vec![],
                vec![l(1, 1.0)],
                vec![l(1, 0.75), l(2, 0.25)],
            ],
        )
        .unwrap();
        Localization::new(truth, vec!["r".into()], vec!["m".into()], marks).unwrap()
    }

    fn case(nl: &[f64], ll: &[f64]) -> CaseMarks {
        CaseMarks {
            nl: nl.to_vec(),
            ll: ll.to_vec(),
        }
    }

    /// θ by the definition: every (source, lesion) pair, no sorting.
    fn brute(study: &Localization, fom: LocalizationFom, drop: Option<usize>) -> f64 {
        let truth = study.truth();
        let marks = study.reading(0, 0);
        let keep = |k: usize| Some(k) != drop;
        let (mut num, mut sources, mut weight) = (0.0, 0.0, 0.0);
        for s in (0..4).filter(|&k| keep(k)) {
            let source = fom.all_cases_false_positives() || !truth.is_abnormal(s);
            if fom != LocalizationFom::HrAuc && source {
                sources += 1.0;
            }
            if fom == LocalizationFom::HrAuc && !truth.is_abnormal(s) {
                sources += 1.0;
            }
        }
        for a in (0..4).filter(|&k| keep(k) && truth.is_abnormal(k)) {
            let targets: Vec<(f64, f64)> = if fom == LocalizationFom::HrAuc {
                vec![(marks[a].highest(), 1.0)]
            } else {
                let w = |l: &Lesion| if fom.weighted() { l.weight } else { 1.0 };
                truth
                    .lesions(a)
                    .iter()
                    .map(w)
                    .zip(&marks[a].ll)
                    .map(|(w, &x)| (x, w))
                    .collect()
            };
            for (x, w) in targets {
                weight += w;
                for s in (0..4).filter(|&k| keep(k)) {
                    let fp = match fom {
                        LocalizationFom::HrAuc if !truth.is_abnormal(s) => marks[s].highest(),
                        LocalizationFom::HrAuc => continue,
                        _ if fom.all_cases_false_positives() || !truth.is_abnormal(s) => {
                            marks[s].highest_nl()
                        }
                        _ => continue,
                    };
                    num += w * psi(fp, x);
                }
            }
        }
        num / (sources * weight)
    }

    #[test]
    fn psi_gives_one_half_when_two_unmarked_ratings_meet() {
        assert_eq!(psi(NONE, NONE), 0.5);
        assert_eq!(psi(NONE, 1.0), 1.0);
        assert_eq!(psi(2.0, NONE), 0.0);
    }

    #[test]
    fn a_reader_who_marks_nothing_scores_one_half_on_wafroc() {
        let s = study(vec![
            case(&[], &[]),
            case(&[], &[]),
            case(&[], &[NONE]),
            case(&[], &[NONE, NONE]),
        ]);

        let r = reading_fom(&s, 0, 0, LocalizationFom::Wafroc).unwrap();

        assert_eq!(r.value, 0.5);
    }

    #[test]
    fn wafroc_weights_each_lesion_by_its_weight_and_afroc_counts_lesions_equally() {
        // n1 has an NL at 2, n2 none; a1's lesion at 3; a2's heavy lesion missed, light one at 1.
        let s = study(vec![
            case(&[2.0], &[]),
            case(&[], &[]),
            case(&[], &[3.0]),
            case(&[], &[NONE, 1.0]),
        ]);

        let w = reading_fom(&s, 0, 0, LocalizationFom::Wafroc)
            .unwrap()
            .value;
        let a = reading_fom(&s, 0, 0, LocalizationFom::Afroc).unwrap().value;

        // wAFROC: a1 beats both FPs (1 + 1); a2's lesion 1 (0.75): vs 2 → 0, vs −∞ → ½;
        // lesion 2 (0.25): vs 2 → 0, vs −∞ → 1. Sum 2 + 0.375 + 0.25 = 2.625 over K1·K2 = 4.
        assert!((w - 2.625 / 4.0).abs() < 1e-15);
        // AFROC: 2 + ½ + 1 = 3.5 over K1·L = 2·3.
        assert!((a - 3.5 / 6.0).abs() < 1e-15);
    }

    #[test]
    fn nl_marks_on_abnormal_cases_count_only_in_the_one_variants() {
        let without = study(vec![
            case(&[], &[]),
            case(&[], &[]),
            case(&[], &[2.0]),
            case(&[], &[2.0, 2.0]),
        ]);
        let with = study(vec![
            case(&[], &[]),
            case(&[], &[]),
            case(&[5.0], &[2.0]),
            case(&[], &[2.0, 2.0]),
        ]);

        let fom = |s: &Localization, f| reading_fom(s, 0, 0, f).unwrap().value;

        assert_eq!(
            fom(&without, LocalizationFom::Wafroc),
            fom(&with, LocalizationFom::Wafroc)
        );
        assert!(fom(&with, LocalizationFom::Wafroc1) < fom(&without, LocalizationFom::Wafroc1));
        // HrAuc sees the NL at 5 as a1's highest rating: a1 still beats both normals.
        assert_eq!(fom(&with, LocalizationFom::HrAuc), 1.0);
    }

    #[test]
    fn closed_form_leave_one_out_equals_recomputing_without_the_case() {
        let s = study(vec![
            case(&[2.0, 4.0], &[]),
            case(&[], &[]),
            case(&[4.0], &[3.0]),
            case(&[1.0], &[NONE, 4.0]),
        ]);

        for fom in LocalizationFom::ALL {
            let r = reading_fom(&s, 0, 0, fom).unwrap();

            assert!((r.value - brute(&s, fom, None)).abs() < 1e-15, "{fom}");
            for k in 0..4 {
                let direct = brute(&s, fom, Some(k));
                assert!(
                    (r.leave_one_out[k] - direct).abs() < 1e-15,
                    "{fom} without case {k}"
                );
            }
        }
    }

    #[test]
    fn the_summary_counts_marked_cases_lesions_and_false_marks() {
        let s = study(vec![
            case(&[2.0, 4.0], &[]),
            case(&[], &[]),
            case(&[4.0], &[NONE]),
            case(&[], &[NONE, 4.0]),
        ]);

        let x = reading_summary(&s, 0, 0);

        assert_eq!((x.hr_se, x.hr_sp), (1.0, 0.5));
        assert!((x.max_llf - 1.0 / 3.0).abs() < 1e-15);
        assert_eq!((x.max_nlf, x.max_nlf_all_cases), (1.0, 0.75));
        assert_eq!((x.ll_marks, x.nl_marks), (1, 3));
    }
}
