//! The AI against the readers and against the clinical model: the single-modality OR test of
//! the readers' unaided AUC against the standalone CNN (readers random), and DeLong comparisons
//! of the CNN with the clinical model and of the CNN across test sets.

use serde::Serialize;

use super::data::StudyCase;
use super::prepare::{Group, Prepared};
use crate::covariance::{covariance_matrix, CovMatrix, Covariance};
use crate::delong::{auc_interval, paired_test, placements_by_truth, unpaired_test};
use crate::delong::{AucInterval, PairedTest, UnpairedTest};
use crate::design::Reads;
use crate::error::{AnalysisError, Result};
use crate::fom::{fom_table, Fom};
use crate::inference::{difference, Difference, LEVEL};
use crate::or::{components, rrrc};

/// Readers' mean unaided AUC against the CNN's on the same cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AiVsReaders {
    pub group: Group,
    pub readers: usize,
    /// Cases with a CNN probability (the others are left out).
    pub cases: usize,
    pub cnn: AucInterval,
    pub readers_mean_auc: f64,
    /// Mean reader AUC − CNN AUC with its Hillis-df t interval and p.
    pub difference: Difference,
}

/// The single-modality OR-RRRC interval of the mean of per-reader values θ̂ⱼ with case-sampling
/// covariance `cov` (one modality, r readers): Var(θ̄) = (MS_R + r·max(Cov2, 0))/r with Hillis
/// df (MS_R + r·max(Cov2, 0))²/(MS_R²/(r − 1)) (Hillis 2007; RJafroc's `ciAvgRdrEachTrt`,
/// RRRC), returned as a one-sample t test of the mean against 0.
///
/// # Errors
/// `TooFew` with fewer than two readers; `Degenerate` for a negative variance estimate.
pub fn single_modality_rrrc(values: &[f64], cov: &CovMatrix, what: &str) -> Result<Difference> {
    let r = values.len();
    if r < 2 {
        return Err(AnalysisError::TooFew {
            what: "a random-reader interval",
            needed: 2,
            unit: "readers",
            found: r,
        });
    }
    let c = components(values, cov, 1, r);
    let test = rrrc(values, &c, &[what.to_string()], r)?;
    let m = &test.modalities[0];
    difference(what, "0", m.estimate, m.se * m.se, m.df, what)
}

/// Readers random, CNN fixed: D̂ⱼ = θ̂ⱼ − θ̂_CNN, whose case-sampling covariance is
/// Cov(D̂ⱼ, D̂ⱼ′) = Cⱼⱼ′ − Cⱼ,CNN − C_CNN,ⱼ′ + C_CNN,CNN from the covariance of the readers' and
/// the CNN's AUCs (chosen method), analysed by [`single_modality_rrrc`] (Hillis 2005 and
/// Chakraborty's RJafroc `StSignificanceTestingCadVsRad`, method 1T-RRRC).
///
/// `readers` holds the unaided ratings (one modality); `cnn` the CNN's probabilities.
///
/// # Errors
/// As [`single_modality_rrrc`], and as the covariance estimators.
pub fn cad_vs_readers(
    readers: &Reads,
    cnn: &[f64],
    covariance: Covariance,
) -> Result<(Difference, AucInterval)> {
    let r = readers.readers().len();
    let mut ratings = Vec::with_capacity((r + 1) * cnn.len());
    let mut ids = readers.readers().to_vec();
    for j in 0..r {
        ratings.extend_from_slice(readers.scores(0, j));
    }
    ratings.extend_from_slice(cnn);
    ids.push("cnn".into());
    let joint = Reads::new(
        ids,
        vec![readers.modalities()[0].clone()],
        readers.cases().to_vec(),
        readers.truth().to_vec(),
        ratings,
    )?;
    let table = fom_table(&joint, Fom::Auc, None)?;
    let cov = covariance_matrix(&joint, &table, covariance)?;
    let values: Vec<f64> = (0..r)
        .map(|j| table.value(0, j) - table.value(0, r))
        .collect();
    let diff = single_modality_rrrc(&values, &cov.differences_from(r), "readers-cnn")?;
    let cnn_auc = auc_interval(&placements_by_truth(cnn, readers.truth())?, LEVEL)?;
    Ok((diff, cnn_auc))
}

/// The CNN against each group's (and all readers') unaided AUC, on the cases the CNN scored;
/// groups with fewer than two complete readers are left out.
///
/// # Errors
/// As [`cad_vs_readers`].
pub fn ai_vs_readers(prepared: &Prepared<'_>, covariance: Covariance) -> Result<Vec<AiVsReaders>> {
    let cases = prepared.cnn_cases();
    let cnn: Vec<f64> = cases
        .iter()
        .filter_map(|&k| prepared.data.cases[k].cnn_probability)
        .collect();
    let mut rows = Vec::new();
    for group in Group::ALL {
        let readers = prepared.group(group);
        if readers.len() < 2 || cases.len() < 4 {
            continue;
        }
        let unaided = prepared
            .reads(&readers, &cases, |r| r.rating)?
            .subset(&[0], &(0..readers.len()).collect::<Vec<_>>());
        let (difference, cnn_auc) = cad_vs_readers(&unaided, &cnn, covariance)?;
        rows.push(AiVsReaders {
            group,
            readers: readers.len(),
            cases: cases.len(),
            readers_mean_auc: difference.estimate + cnn_auc.auc,
            cnn: cnn_auc,
            difference,
        });
    }
    Ok(rows)
}

/// CNN against the clinical model on one test set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelComparison {
    /// `internal`, `external` or `combined`.
    pub set: String,
    /// Cases with both probabilities.
    pub cases: usize,
    pub cnn: AucInterval,
    pub clinical: AucInterval,
    /// Paired DeLong test, CNN − clinical.
    pub test: PairedTest,
}

/// The models' comparisons and the CNN's internal vs external AUC.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AiModels {
    pub comparisons: Vec<ModelComparison>,
    /// Unpaired DeLong test of the CNN's AUC, internal − external.
    pub internal_vs_external: Option<UnpairedTest>,
    /// Cases left out of a comparison for a missing probability.
    pub cases_missing_probability: usize,
}

/// The 95 % interval of the CNN's internal − external AUC difference on the unpaired test's
/// reference distribution (Student's t, Welch–Satterthwaite df, as pROC's `roc.test`); `None`
/// when the difference has no variance.
pub fn internal_vs_external_interval(t: &UnpairedTest) -> Option<(f64, f64)> {
    let variance = t.se * t.se;
    let what = "the CNN's internal − external AUC difference";
    let d = difference(
        "internal",
        "external",
        t.difference,
        variance,
        Some(t.df),
        what,
    )
    .ok()?;
    Some((d.ci_lower, d.ci_upper))
}

fn scored<'a>(cases: impl Iterator<Item = &'a StudyCase>) -> (Vec<f64>, Vec<f64>, Vec<bool>) {
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    for c in cases {
        if let (Some(a), Some(b)) = (c.cnn_probability, c.clinical_probability) {
            out.0.push(a);
            out.1.push(b);
            out.2.push(c.truth);
        }
    }
    out
}

fn has_both_classes(truth: &[bool]) -> bool {
    truth.iter().filter(|&&t| t).count() >= 2 && truth.iter().filter(|&&t| !t).count() >= 2
}

/// Paired DeLong CNN vs clinical on the internal, external and combined test cases (cases with
/// both probabilities; sets lacking two cases of each class are left out), and the unpaired
/// DeLong test of the CNN internal vs external (DeLong 1988; pROC's unpaired convention).
///
/// # Errors
/// `Degenerate` when two AUCs differ with a zero variance of their difference.
pub fn ai_models(cases: &[StudyCase]) -> Result<AiModels> {
    let mut comparisons = Vec::new();
    let mut cnn_by_set = Vec::new();
    for set in ["internal", "external", "combined"] {
        let (cnn, clinical, truth) = scored(
            cases
                .iter()
                .filter(|c| set == "combined" || c.split.as_str() == set),
        );
        if !has_both_classes(&truth) {
            continue;
        }
        let (pc, pm) = (
            placements_by_truth(&cnn, &truth)?,
            placements_by_truth(&clinical, &truth)?,
        );
        comparisons.push(ModelComparison {
            set: set.into(),
            cases: truth.len(),
            cnn: auc_interval(&pc, LEVEL)?,
            clinical: auc_interval(&pm, LEVEL)?,
            test: paired_test(&pc, &pm, LEVEL)?,
        });
    }
    for set in ["internal", "external"] {
        let (cnn, truth): (Vec<f64>, Vec<bool>) = cases
            .iter()
            .filter(|c| c.split.as_str() == set)
            .filter_map(|c| c.cnn_probability.map(|p| (p, c.truth)))
            .unzip();
        if has_both_classes(&truth) {
            cnn_by_set.push(placements_by_truth(&cnn, &truth)?);
        }
    }
    let internal_vs_external = match cnn_by_set.as_slice() {
        [internal, external] => Some(unpaired_test(internal, external)?),
        _ => None,
    };
    let cases_missing_probability = cases
        .iter()
        .filter(|c| c.cnn_probability.is_none() || c.clinical_probability.is_none())
        .count();
    Ok(AiModels {
        comparisons,
        internal_vs_external,
        cases_missing_probability,
    })
}
