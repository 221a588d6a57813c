//! Operating points of one reading's localization curves (Chakraborty 2017, ch. 13–17):
//! - **FROC**: at each threshold ζ (every distinct finite rating, high to low) the non-lesion
//!   localization fraction NLF = (NL marks rated ≥ ζ)/K over all K cases against the lesion
//!   localization fraction LLF = (lesions whose LL is rated ≥ ζ)/L; it starts at (0, 0) and ends
//!   where the reader stopped marking, not at (1, 1).
//! - **wAFROC**: the false-positive fraction FPF = (normal cases whose highest NL is ≥ ζ)/K1
//!   against the weighted LLF = (Σ weights of lesions with LL ≥ ζ)/K2, from (0, 0) to the last
//!   operating point and then straight to (1, 1) (the unmarked cases and lesions, all at −∞).
//!   The trapezoidal area under it is the wAFROC figure of merit.

use super::data::Localization;
use super::fom::{reading_fom, LocalizationFom};
use crate::error::Result;
use crate::figure::{Curve, CurveKind, RocFigure};
use crate::study::figures::vertical_average;

/// Message keys of the wAFROC figure (in both catalogues of the app).
pub const FIGURE_KEYS: [&str; 3] = [
    "results-figure-wafroc",
    "results-axis-fpf",
    "results-axis-wllf",
];

/// Every distinct finite rating of a reading, highest first.
fn thresholds(study: &Localization, modality: usize, reader: usize) -> Vec<f64> {
    let mut all: Vec<f64> = study
        .reading(modality, reader)
        .iter()
        .flat_map(|m| m.nl.iter().chain(&m.ll))
        .copied()
        .filter(|x| x.is_finite())
        .collect();
    all.sort_by(|a, b| b.total_cmp(a));
    all.dedup();
    all
}

/// The FROC operating points `[NLF, LLF]` of one reading, from (0, 0).
pub fn froc_points(study: &Localization, modality: usize, reader: usize) -> Vec<[f64; 2]> {
    let marks = study.reading(modality, reader);
    let truth = study.truth();
    let (k, l) = (
        truth.cases().len() as f64,
        truth.total_lesions().max(1) as f64,
    );
    let mut points = vec![[0.0, 0.0]];
    for z in thresholds(study, modality, reader) {
        let nl = marks
            .iter()
            .flat_map(|m| &m.nl)
            .filter(|&&x| x >= z)
            .count() as f64;
        let ll = marks
            .iter()
            .flat_map(|m| &m.ll)
            .filter(|&&x| x >= z)
            .count() as f64;
        points.push([nl / k, ll / l]);
    }
    points
}

/// The wAFROC operating points `[FPF, wLLF]` of one reading, from (0, 0) to (1, 1).
pub fn wafroc_points(study: &Localization, modality: usize, reader: usize) -> Vec<[f64; 2]> {
    let marks = study.reading(modality, reader);
    let truth = study.truth();
    let k1 = truth.normals() as f64;
    let k2 = truth.abnormals() as f64;
    let mut points = vec![[0.0, 0.0]];
    for z in thresholds(study, modality, reader) {
        let fp = (0..marks.len())
            .filter(|&c| !truth.is_abnormal(c) && marks[c].highest_nl() >= z)
            .count() as f64;
        let weight: f64 = (0..marks.len())
            .filter(|&c| truth.is_abnormal(c))
            .flat_map(|c| truth.lesions(c).iter().zip(&marks[c].ll))
            .filter(|(_, &x)| x >= z)
            .map(|(l, _)| l.weight)
            .sum();
        points.push([fp / k1, weight / k2]);
    }
    points.push([1.0, 1.0]);
    points
}

/// The trapezoidal area under a curve of points sorted by x.
pub fn area(points: &[[f64; 2]]) -> f64 {
    points
        .windows(2)
        .map(|w| (w[1][0] - w[0][0]) * (w[1][1] + w[0][1]) / 2.0)
        .sum()
}

/// The wAFROC plot of a study: each reader's curve per modality (thin) and each modality's
/// vertically averaged curve (bold) with the readers' mean wAFROC; the modalities' text forms
/// are the curves' colour series (`unaided`, `aided`).
///
/// # Errors
/// As [`reading_fom`] (too few normal or abnormal cases).
pub fn wafroc_figure(study: &Localization, id: &str) -> Result<RocFigure> {
    let r = study.readers().len();
    let mut curves = Vec::new();
    for (m, modality) in study.modalities().iter().enumerate() {
        let mut each = Vec::new();
        let mut foms = Vec::new();
        for (j, reader) in study.readers().iter().enumerate() {
            let points = wafroc_points(study, m, j);
            let fom = reading_fom(study, m, j, LocalizationFom::Wafroc)?.value;
            curves.push(Curve {
                label: reader.clone(),
                label_is_key: false,
                kind: CurveKind::Reader,
                series: modality.clone(),
                points: points.clone(),
                auc: Some(fom),
            });
            each.push(points);
            foms.push(fom);
        }
        let slices: Vec<&[[f64; 2]]> = each.iter().map(Vec::as_slice).collect();
        curves.push(Curve {
            label: format!("results-curve-mean-{modality}"),
            label_is_key: true,
            kind: CurveKind::Mean,
            series: modality.clone(),
            points: vertical_average(&slices),
            auc: Some(foms.iter().sum::<f64>() / r as f64),
        });
    }
    Ok(RocFigure {
        id: id.into(),
        title: FIGURE_KEYS[0].into(),
        curves,
        axes: Some((FIGURE_KEYS[1].into(), FIGURE_KEYS[2].into())),
        merit: Some("wAFROC".into()),
        x_max: None,
    })
}

/// One reading's wAFROC curve drawn as a model's (bold, in its own colour `series`, named by the
/// message key `label`), e.g. the AI read as a reader.
///
/// # Errors
/// As [`reading_fom`].
pub fn model_curve(
    study: &Localization,
    modality: usize,
    reader: usize,
    label: &str,
    series: &str,
) -> Result<Curve> {
    Ok(Curve {
        label: label.into(),
        label_is_key: true,
        kind: CurveKind::Model,
        series: series.into(),
        points: wafroc_points(study, modality, reader),
        auc: Some(reading_fom(study, modality, reader, LocalizationFom::Wafroc)?.value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::froc::data::{CaseMarks, Lesion, LocalizationTruth};

    const NONE: f64 = f64::NEG_INFINITY;

    fn study() -> Localization {
        let l = |id, weight| Lesion { id, weight };
        let truth = LocalizationTruth::new(
            ["n1", "n2", "n3", "a1", "a2"].map(String::from).to_vec(),
            vec![
                vec![],
                vec![],
                vec![],
                vec![l(1, 1.0)],
                vec![l(1, 0.75), l(2, 0.25)],
            ],
        )
        .unwrap();
        let case = |nl: &[f64], ll: &[f64]| CaseMarks {
            nl: nl.to_vec(),
            ll: ll.to_vec(),
        };
        let marks = vec![
            case(&[2.0, 4.0], &[]),
            case(&[], &[]),
            case(&[3.0], &[]),
            case(&[1.0], &[3.0]),
            case(&[], &[NONE, 4.0]),
        ];
        Localization::new(truth, vec!["r".into()], vec!["m".into()], marks).unwrap()
    }

    #[test]
    fn the_area_under_the_wafroc_curve_is_the_wafroc_figure_of_merit() {
        let s = study();

        let points = wafroc_points(&s, 0, 0);
        let fom = reading_fom(&s, 0, 0, LocalizationFom::Wafroc)
            .unwrap()
            .value;

        assert_eq!(points.first(), Some(&[0.0, 0.0]));
        assert_eq!(points.last(), Some(&[1.0, 1.0]));
        assert!(
            (area(&points) - fom).abs() < 1e-15,
            "{} vs {fom}",
            area(&points)
        );
    }

    #[test]
    fn the_froc_curve_counts_marks_per_case_and_lesions_found() {
        let points = froc_points(&study(), 0, 0);

        // ζ = 4: the NL at 4 and a2's second lesion; ζ = 3: + the NL at 3 and a1's lesion; …
        assert_eq!(points[1], [1.0 / 5.0, 1.0 / 3.0]);
        assert_eq!(points[2], [2.0 / 5.0, 2.0 / 3.0]);
        assert_eq!(
            points.last(),
            Some(&[4.0 / 5.0, 2.0 / 3.0]),
            "ends where marking stopped"
        );
    }
}

#[cfg(test)]
mod figure_tests {
    use super::*;
    use crate::froc::data::{CaseMarks, Lesion, LocalizationTruth};

    #[test]
    fn the_wafroc_figure_has_each_readers_curve_and_each_modalitys_mean_on_its_own_axes() {
        let truth = LocalizationTruth::new(
            ["n1", "n2", "a1", "a2"].map(String::from).to_vec(),
            vec![
                vec![],
                vec![],
                vec![Lesion { id: 1, weight: 1.0 }],
                vec![Lesion { id: 1, weight: 1.0 }],
            ],
        )
        .unwrap();
        let case = |nl: &[f64], ll: &[f64]| CaseMarks {
            nl: nl.to_vec(),
            ll: ll.to_vec(),
        };
        let one = |x: f64| {
            vec![
                case(&[2.0], &[]),
                case(&[], &[]),
                case(&[], &[x]),
                case(&[], &[1.0]),
            ]
        };
        let marks = [one(3.0), one(1.5), one(4.0), one(5.0)].concat();
        let study = Localization::new(
            truth,
            vec!["A".into(), "B".into()],
            vec!["unaided".into(), "aided".into()],
            marks,
        )
        .unwrap();

        let figure = wafroc_figure(&study, "wafroc_all").unwrap();

        assert_eq!(figure.curves.len(), 2 * (2 + 1));
        let means: Vec<&Curve> = figure
            .curves
            .iter()
            .filter(|c| c.kind == CurveKind::Mean)
            .collect();
        assert_eq!(means[1].label, "results-curve-mean-aided");
        assert_eq!(
            figure.axes,
            Some(("results-axis-fpf".into(), "results-axis-wllf".into()))
        );
        let a = reading_fom(&study, 1, 0, LocalizationFom::Wafroc)
            .unwrap()
            .value;
        let b = reading_fom(&study, 1, 1, LocalizationFom::Wafroc)
            .unwrap()
            .value;
        assert!((means[1].auc.unwrap() - (a + b) / 2.0).abs() < 1e-15);
    }
}
