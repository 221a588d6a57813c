//! The results page's figures as data: ROC plots (each reader thin, the group mean bold, the CNN
//! and the clinical model dashed) and the accuracy bar chart by group.

use serde::Serialize;

use super::data::{Seniority, StudyData};
use super::prepare::{rating, Group, Prepared, MODALITIES};
use super::StudyResults;
use crate::error::Result;
use crate::figure::{BarChart, BarSeries, Curve, CurveKind, RocFigure};
use crate::fom::Fom;
use crate::roc::{curve, sensitivity_at_specificity, RocPoint};

/// Points of the fixed FPR grid on which reader curves are averaged.
pub const GRID_POINTS: usize = 101;

/// One complete reader's empirical ROC curves, unaided then aided, as (FPR, TPR).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderCurves {
    pub name: String,
    pub group: Group,
    pub points: [Vec<[f64; 2]>; 2],
    pub auc: [f64; 2],
}

/// A model's empirical ROC curve on the cases it scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelCurve {
    pub cases: usize,
    pub points: Vec<[f64; 2]>,
    pub auc: f64,
}

fn split(scores: &[f64], truth: &[bool]) -> (Vec<f64>, Vec<f64>) {
    let pos = scores
        .iter()
        .zip(truth)
        .filter(|(_, &t)| t)
        .map(|(&s, _)| s);
    let neg = scores
        .iter()
        .zip(truth)
        .filter(|(_, &t)| !t)
        .map(|(&s, _)| s);
    (pos.collect(), neg.collect())
}

fn xy(points: &[RocPoint]) -> Vec<[f64; 2]> {
    points.iter().map(|p| [p.fpr, p.tpr]).collect()
}

/// Empirical curves of every complete reader (on all cases).
///
/// # Errors
/// `TooFew` when a truth class is empty.
pub fn reader_curves(prepared: &Prepared<'_>) -> Result<Vec<ReaderCurves>> {
    let cases = prepared.all_cases();
    let reads = prepared.reads(&prepared.complete, &cases, rating)?;
    let table = crate::fom::fom_table(&reads, Fom::Auc, None)?;
    prepared
        .complete
        .iter()
        .enumerate()
        .map(|(j, &reader)| {
            let points = [0, 1].map(|m| {
                let (pos, neg) = split(reads.scores(m, j), reads.truth());
                curve(&pos, &neg).map(|p| xy(&p))
            });
            let [unaided, aided] = points;
            let r = &prepared.data.readers[reader];
            Ok(ReaderCurves {
                name: r.name.clone(),
                group: Group::of(r.seniority),
                points: [unaided?, aided?],
                auc: [table.value(0, j), table.value(1, j)],
            })
        })
        .collect()
}

fn model_curve(
    data: &StudyData,
    probability: impl Fn(usize) -> Option<f64>,
) -> Result<Option<ModelCurve>> {
    let (scores, truth): (Vec<f64>, Vec<bool>) = (0..data.cases.len())
        .filter_map(|k| probability(k).map(|p| (p, data.cases[k].truth)))
        .unzip();
    let (pos, neg) = split(&scores, &truth);
    if pos.is_empty() || neg.is_empty() {
        return Ok(None);
    }
    Ok(Some(ModelCurve {
        cases: scores.len(),
        points: xy(&curve(&pos, &neg)?),
        auc: crate::roc::auc(&pos, &neg)?,
    }))
}

/// The CNN's and the clinical model's curves on the study's cases they scored.
///
/// # Errors
/// `InvalidArgument` for a non-finite probability.
pub fn model_curves(data: &StudyData) -> Result<(Option<ModelCurve>, Option<ModelCurve>)> {
    Ok((
        model_curve(data, |k| data.cases[k].cnn_probability)?,
        model_curve(data, |k| data.cases[k].clinical_probability)?,
    ))
}

/// Vertical average of empirical curves: the mean TPR at each of [`GRID_POINTS`] equally spaced
/// FPRs, each curve read by linear interpolation and, on a vertical segment, at its top
/// (Fawcett 2006, Pattern Recognit Lett 27:861, "vertical averaging").
pub fn vertical_average(curves: &[&[[f64; 2]]]) -> Vec<[f64; 2]> {
    (0..GRID_POINTS)
        .map(|i| {
            let fpr = i as f64 / (GRID_POINTS - 1) as f64;
            let tpr = curves
                .iter()
                .map(|c| {
                    let pts: Vec<RocPoint> = c
                        .iter()
                        .map(|p| RocPoint {
                            threshold: 0.0,
                            fpr: p[0],
                            tpr: p[1],
                        })
                        .collect();
                    sensitivity_at_specificity(&pts, 1.0 - fpr).unwrap_or(f64::NAN)
                })
                .sum::<f64>()
                / curves.len() as f64;
            [fpr, tpr]
        })
        .collect()
}

fn model(label: &str, series: &str, m: &ModelCurve) -> Curve {
    Curve {
        label: label.into(),
        label_is_key: true,
        kind: CurveKind::Model,
        series: series.into(),
        points: m.points.clone(),
        auc: Some(m.auc),
    }
}

/// ROC figures of all readers and of each group with complete readers.
pub fn roc_figures(results: &StudyResults) -> Vec<RocFigure> {
    let mut figures = Vec::new();
    // All readers first, then each seniority group.
    for group in std::iter::once(Group::All).chain(Seniority::ALL.iter().map(|&s| Group::Of(s))) {
        let readers: Vec<&ReaderCurves> = results
            .reader_curves
            .iter()
            .filter(|r| group == Group::All || r.group == group)
            .collect();
        if readers.is_empty() {
            continue;
        }
        let mut curves = Vec::new();
        for (m, modality) in MODALITIES.iter().enumerate() {
            for r in &readers {
                curves.push(Curve {
                    label: r.name.clone(),
                    label_is_key: false,
                    kind: CurveKind::Reader,
                    series: modality.as_str().into(),
                    points: r.points[m].clone(),
                    auc: Some(r.auc[m]),
                });
            }
            let each: Vec<&[[f64; 2]]> = readers.iter().map(|r| r.points[m].as_slice()).collect();
            curves.push(Curve {
                label: format!("results-curve-mean-{}", modality.as_str()),
                label_is_key: true,
                kind: CurveKind::Mean,
                series: modality.as_str().into(),
                points: vertical_average(&each),
                auc: Some(readers.iter().map(|r| r.auc[m]).sum::<f64>() / readers.len() as f64),
            });
        }
        if let Some(cnn) = &results.cnn_curve {
            curves.push(model("results-curve-cnn", "cnn", cnn));
        }
        if let Some(clinical) = &results.clinical_curve {
            curves.push(model("results-curve-clinical", "clinical", clinical));
        }
        figures.push(RocFigure {
            axes: None,
            merit: None,
            x_max: None,
            id: format!("roc_{}", group.as_str()),
            title: format!("results-figure-roc-{}", group.as_str()),
            curves,
        });
    }
    figures
}

/// Accuracy by group (groups with complete readers, then all), unaided and aided. Whiskers are
/// the OR-RRRC 95 % CIs; a group with one reader has none (NaN bounds).
pub fn accuracy_chart(results: &StudyResults) -> BarChart {
    let groups: Vec<_> = results
        .groups
        .iter()
        .filter(|g| g.means.is_some())
        .collect();
    let series = MODALITIES
        .iter()
        .enumerate()
        .map(|(m, modality)| BarSeries {
            label: format!("results-{}", modality.as_str()),
            series: modality.as_str().into(),
            values: groups
                .iter()
                .map(|g| g.means.map_or(f64::NAN, |x| x.accuracy[m]))
                .collect(),
            intervals: Some(
                groups
                    .iter()
                    .map(|g| {
                        g.mrmc.as_ref().map_or((f64::NAN, f64::NAN), |x| {
                            let ci = x.interval(Fom::Accuracy, m);
                            (ci.ci_lower, ci.ci_upper)
                        })
                    })
                    .collect(),
            ),
        })
        .collect();
    BarChart {
        id: "accuracy_by_group".into(),
        title: "results-chart-accuracy".into(),
        axis: "results-axis-accuracy".into(),
        categories: groups.iter().map(|g| g.group.key().to_string()).collect(),
        series,
    }
}
