//! The ROC plot: operating points of readers, group means and models on the unit square.

use std::fmt::Write;

use super::{colour, open, AXIS_FPR, AXIS_TPR, LEFT, LEGEND_ROW, TOP};
use crate::export::escape_xml as esc;
use crate::figure::{Curve, CurveKind, RocFigure};

/// A legend row: a curve whose stroke it shows and the text beside it.
struct LegendRow<'a> {
    curve: &'a Curve,
    text: String,
}

/// Means and models each with their AUC to 3 decimals, then one row per reader series saying
/// how many readers its thin lines are: a study of 16 readers does not list 32 curves.
fn legend<'a>(figure: &'a RocFigure, translate: &dyn Fn(&str) -> String) -> Vec<LegendRow<'a>> {
    let mut rows = Vec::new();
    for kind in [CurveKind::Mean, CurveKind::Model] {
        for curve in figure.curves.iter().filter(|c| c.kind == kind) {
            let label = if curve.label_is_key {
                translate(&curve.label)
            } else {
                curve.label.clone()
            };
            let auc = curve
                .auc
                .filter(|a| a.is_finite())
                .map(|a| format!(" ({} {a:.3})", figure.merit.as_deref().unwrap_or("AUC")))
                .unwrap_or_default();
            rows.push(LegendRow {
                curve,
                text: format!("{label}{auc}"),
            });
        }
    }
    let mut series: Vec<&str> = Vec::new();
    for c in figure.curves.iter().filter(|c| c.kind == CurveKind::Reader) {
        if !series.contains(&c.series.as_str()) {
            series.push(&c.series);
        }
    }
    for s in series {
        let mut of_series = figure
            .curves
            .iter()
            .filter(|c| c.kind == CurveKind::Reader && c.series == s);
        let first = of_series
            .next()
            .expect("the series came from a reader curve");
        let n = 1 + of_series.count();
        rows.push(LegendRow {
            curve: first,
            text: format!("{} (n = {n})", translate(&readers_key(s))),
        });
    }
    rows
}

/// The message key of the legend row that stands for every reader curve of one series.
pub(super) fn readers_key(series: &str) -> String {
    format!("results-curve-readers-{series}")
}

/// An ROC plot: a square plot of TPR against FPR on [0, 1] with the chance diagonal; each
/// reader thin and semi-transparent, group means bold, models dashed; the legend as [`legend`].
pub fn roc_svg(figure: &RocFigure, translate: &dyn Fn(&str) -> String) -> String {
    let size = 440.0;
    let legend_x = LEFT + size + 24.0;
    let legend = legend(figure, translate);
    let width = legend_x + 230.0;
    let height = (TOP + size + 60.0).max(TOP + legend.len() as f64 * LEGEND_ROW + 20.0);
    let title = translate(&figure.title);
    let mut s = open(width, height, &title);
    let _ = write!(
        s,
        r#"<text x="{LEFT}" y="28" font-size="15" font-weight="bold">{}</text>"#,
        esc(&title)
    );
    let x_max = figure.x_max.filter(|m| m.is_finite() && *m > 0.0);
    let span = x_max.unwrap_or(1.0);
    let (x, y) = (
        move |v: f64| LEFT + (v / span).clamp(0.0, 1.0) * size,
        |v: f64| TOP + (1.0 - v.clamp(0.0, 1.0)) * size,
    );
    // The x ticks are the axis's own values: fractions, or counts per case up to `x_max`.
    let x_digits = if span < 1.0 { 2 } else { 1 };
    for i in 0..=5 {
        let v = f64::from(i) / 5.0;
        let _ = write!(
            s,
            r##"<line x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{1:.1}" stroke="#e5e5e5"/><line x1="{LEFT}" y1="{2:.1}" x2="{3:.1}" y2="{2:.1}" stroke="#e5e5e5"/><text x="{0:.1}" y="{4:.1}" font-size="11" text-anchor="middle">{8:.9$}</text><text x="{6:.1}" y="{7:.1}" font-size="11" text-anchor="end">{5:.1}</text>"##,
            x(v * span),
            TOP + size,
            y(v),
            LEFT + size,
            TOP + size + 16.0,
            v,
            LEFT - 6.0,
            y(v) + 4.0,
            v * span,
            x_digits
        );
    }
    let _ = write!(
        s,
        r##"<rect x="{LEFT}" y="{TOP}" width="{size}" height="{size}" fill="none" stroke="#333333"/>{6}<text x="{0}" y="{1}" font-size="13" text-anchor="middle">{2}</text><text transform="translate({3} {4}) rotate(-90)" font-size="13" text-anchor="middle">{5}</text>"##,
        LEFT + size / 2.0,
        TOP + size + 40.0,
        esc(&translate(
            figure.axes.as_ref().map_or(AXIS_FPR, |a| a.0.as_str())
        )),
        LEFT - 42.0,
        TOP + size / 2.0,
        esc(&translate(
            figure.axes.as_ref().map_or(AXIS_TPR, |a| a.1.as_str())
        )),
        if x_max.is_some() {
            String::new()
        } else {
            format!(
                r##"<line x1="{LEFT}" y1="{}" x2="{}" y2="{TOP}" stroke="#999999" stroke-dasharray="4 4"/>"##,
                TOP + size,
                LEFT + size
            )
        }
    );
    for kind in [CurveKind::Reader, CurveKind::Model, CurveKind::Mean] {
        for curve in figure.curves.iter().filter(|c| c.kind == kind) {
            let points: Vec<String> = curve
                .points
                .iter()
                .filter(|p| p[0].is_finite() && p[1].is_finite())
                .map(|p| format!("{:.1},{:.1}", x(p[0]), y(p[1])))
                .collect();
            let _ = write!(
                s,
                r#"<polyline fill="none" points="{}"{}/>"#,
                points.join(" "),
                stroke(curve)
            );
        }
    }
    for (row, entry) in legend.iter().enumerate() {
        let ly = TOP + 8.0 + row as f64 * LEGEND_ROW;
        let _ = write!(
            s,
            r#"<line x1="{legend_x}" y1="{ly}" x2="{}" y2="{ly}"{}/><text x="{}" y="{}" font-size="11">{}</text>"#,
            legend_x + 22.0,
            stroke(entry.curve),
            legend_x + 28.0,
            ly + 4.0,
            esc(&entry.text)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// Stroke attributes of a curve by its kind.
fn stroke(curve: &Curve) -> String {
    let colour = colour(&curve.series);
    match curve.kind {
        CurveKind::Reader => format!(r#" stroke="{colour}" stroke-width="1" stroke-opacity="0.4""#),
        CurveKind::Mean => format!(r#" stroke="{colour}" stroke-width="3""#),
        CurveKind::Model => {
            format!(r#" stroke="{colour}" stroke-width="2" stroke-dasharray="7 4""#)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_balanced, keys};
    use super::*;

    fn curve(label: &str, is_key: bool, kind: CurveKind, series: &str, auc: f64) -> Curve {
        Curve {
            label: label.into(),
            label_is_key: is_key,
            kind,
            series: series.into(),
            points: vec![[0.0, 0.0], [0.1, 0.6], [0.4, 0.9], [1.0, 1.0]],
            auc: Some(auc),
        }
    }

    fn roc() -> RocFigure {
        RocFigure {
            axes: None,
            merit: None,
            x_max: None,
            id: "roc_all".into(),
            title: "results-roc-all".into(),
            curves: vec![
                curve(
                    "<b>Reader</b><script>x</script>",
                    false,
                    CurveKind::Reader,
                    "unaided",
                    0.8,
                ),
                curve(
                    "results-mean-aided",
                    true,
                    CurveKind::Mean,
                    "aided",
                    0.91234,
                ),
                curve("results-model-cnn", true, CurveKind::Model, "cnn", 0.9),
            ],
        }
    }

    #[test]
    fn reader_names_cannot_inject_markup_into_the_svg() {
        let mut figure = roc();
        figure.curves[1].label = "<b>Mean</b><script>x</script>".into();
        figure.curves[1].label_is_key = false;

        let svg = roc_svg(&figure, &keys);

        assert!(!svg.contains("<b>") && !svg.contains("<script"));
        assert!(svg.contains("&lt;b&gt;Mean&lt;/b&gt;&lt;script&gt;x&lt;/script&gt; (AUC 0.912)"));
        assert_balanced(&svg);
    }

    #[test]
    fn the_legend_names_readers_once_per_modality_with_their_count_not_one_row_each() {
        let mut figure = roc();
        for i in 0..15 {
            let name = format!("Reader {i}");
            figure
                .curves
                .push(curve(&name, false, CurveKind::Reader, "unaided", 0.7));
            figure
                .curves
                .push(curve(&name, false, CurveKind::Reader, "aided", 0.8));
        }

        let svg = roc_svg(&figure, &keys);

        assert!(svg.contains(">[results-curve-readers-unaided] (n = 16)</text>"));
        assert!(svg.contains(">[results-curve-readers-aided] (n = 15)</text>"));
        assert!(
            !svg.contains("Reader 3"),
            "no reader has a row of their own"
        );
        assert_eq!(
            svg.matches("<text").count(),
            12 + 2 + 1 + 4,
            "ticks, axes, title, legend"
        );
    }

    #[test]
    fn the_roc_plot_scales_and_labels_its_axes_through_the_translation() {
        let svg = roc_svg(&roc(), &keys);

        assert!(svg
            .starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 "#));
        assert!(svg.contains("<title>[results-roc-all]</title>"));
        assert!(
            svg.contains(">[results-axis-fpr]</text>")
                && svg.contains(">[results-axis-tpr]</text>")
        );
        assert!(
            svg.contains(r##"stroke="#999999" stroke-dasharray="4 4""##),
            "chance diagonal"
        );
        assert!(!svg.contains("href") && !svg.contains("@import"));
    }

    #[test]
    fn readers_are_thin_means_bold_models_dashed_and_the_legend_gives_auc_to_three_decimals() {
        let svg = roc_svg(&roc(), &keys);

        assert!(svg.contains(r##"stroke="#0072B2" stroke-width="1" stroke-opacity="0.4""##));
        assert!(svg.contains(r##"stroke="#D55E00" stroke-width="3""##));
        assert!(svg.contains(r##"stroke="#009E73" stroke-width="2" stroke-dasharray="7 4""##));
        let mean = svg.find("[results-mean-aided] (AUC 0.912)").unwrap();
        let readers = svg.find("[results-curve-readers-unaided] (n = 1)").unwrap();
        assert!(mean < readers, "means lead the legend");
        // Readers are drawn first, so the means lie on top of them.
        assert!(svg.find("stroke-opacity").unwrap() < svg.find(r#"stroke-width="3""#).unwrap());
    }
}
