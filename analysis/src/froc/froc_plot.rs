//! The FROC plot of a localization study: each reading's lesion localization fraction against
//! its non-lesion localizations per case ([`froc_points`]), one thin curve per reader and
//! modality, on an x axis that ends at the largest NLF any reading reached (rounded up), since
//! NLF is a count per case and has no upper bound. No mean curve: readers stop marking at
//! different NLF, so a vertical average over a common axis would invent points.

use super::curves::froc_points;
use super::data::Localization;
use crate::figure::{Curve, CurveKind, RocFigure};

/// Message keys of the FROC figure (in both catalogues of the app).
pub const FROC_KEYS: [&str; 3] = [
    "results-figure-froc",
    "results-axis-nlf",
    "results-axis-llf",
];

/// `x` rounded up to one significant step of 1, 2 or 5 × 10ⁿ (at least 0.1).
fn nice_ceiling(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.1) {
        return 0.1;
    }
    let decade = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * decade)
        .find(|&v| v >= x - 1e-12)
        .unwrap_or(10.0 * decade)
}

/// The FROC plot (module doc); the modalities' text forms are the curves' colour series.
pub fn froc_figure(study: &Localization, id: &str) -> RocFigure {
    let mut curves = Vec::new();
    for (m, modality) in study.modalities().iter().enumerate() {
        for (j, reader) in study.readers().iter().enumerate() {
            curves.push(Curve {
                label: reader.clone(),
                label_is_key: false,
                kind: CurveKind::Reader,
                series: modality.clone(),
                points: froc_points(study, m, j),
                auc: None,
            });
        }
    }
    let widest = curves
        .iter()
        .flat_map(|c| c.points.iter().map(|p| p[0]))
        .fold(0.0, f64::max);
    RocFigure {
        id: id.into(),
        title: FROC_KEYS[0].into(),
        curves,
        axes: Some((FROC_KEYS[1].into(), FROC_KEYS[2].into())),
        merit: None,
        x_max: Some(nice_ceiling(widest)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::froc::data::{CaseMarks, Lesion, LocalizationTruth};

    #[test]
    fn the_axis_ends_at_the_widest_nlf_rounded_up_to_a_round_step() {
        assert_eq!(nice_ceiling(0.0), 0.1);
        assert_eq!(nice_ceiling(0.13), 0.2);
        assert_eq!(nice_ceiling(0.5), 0.5);
        assert_eq!(nice_ceiling(2.4), 5.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
    }

    #[test]
    fn each_reading_is_a_curve_and_the_axis_holds_them_all() {
        let truth = LocalizationTruth::new(
            ["n", "a"].map(String::from).to_vec(),
            vec![vec![], vec![Lesion { id: 1, weight: 1.0 }]],
        )
        .unwrap();
        let case = |nl: &[f64], ll: &[f64]| CaseMarks {
            nl: nl.to_vec(),
            ll: ll.to_vec(),
        };
        // Reader 1 leaves three NL marks over two cases: NLF reaches 1.5.
        let marks = vec![
            case(&[1.0, 2.0], &[]),
            case(&[3.0], &[4.0]),
            case(&[], &[]),
            case(&[], &[2.0]),
        ];
        let study = Localization::new(
            truth,
            vec!["r1".into(), "r2".into()],
            vec!["m".into()],
            marks,
        )
        .unwrap();

        let figure = froc_figure(&study, "froc_all");

        assert_eq!(figure.curves.len(), 2);
        assert_eq!(figure.curves[0].points.last(), Some(&[1.5, 1.0]));
        assert_eq!(figure.x_max, Some(2.0));
    }
}
