//! The grouped bar chart of proportions, with 95 % CI whiskers, on a percent axis.

use std::fmt::Write;

use super::{colour, open, LEFT, LEGEND_ROW, TOP};
use crate::export::escape_xml as esc;
use crate::figure::BarChart;

/// A grouped bar chart of proportions: one group per category, one bar per series, 95 % CI
/// whiskers where given, the y axis in percent from 0 to 100.
pub fn bar_svg(chart: &BarChart, translate: &dyn Fn(&str) -> String) -> String {
    let groups = chart.categories.len().max(1) as f64;
    let bars = chart.series.len().max(1) as f64;
    let plot_w = (groups * (bars * 26.0 + 30.0)).max(320.0);
    let plot_h = 300.0;
    let legend_x = LEFT + plot_w + 24.0;
    let width = legend_x + 200.0;
    let height = (TOP + plot_h + 60.0).max(TOP + chart.series.len() as f64 * LEGEND_ROW + 20.0);
    let title = translate(&chart.title);
    let mut s = open(width, height, &title);
    let _ = write!(
        s,
        r#"<text x="{LEFT}" y="28" font-size="15" font-weight="bold">{}</text>"#,
        esc(&title)
    );
    let y = |v: f64| TOP + (1.0 - v.clamp(0.0, 1.0)) * plot_h;
    for i in 0..=5 {
        let v = f64::from(i) / 5.0;
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="#e5e5e5"/><text x="{2:.1}" y="{3:.1}" font-size="11" text-anchor="end">{4}%</text>"##,
            y(v),
            LEFT + plot_w,
            LEFT - 6.0,
            y(v) + 4.0,
            i * 20
        );
    }
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{0}" stroke="#333333"/><line x1="{LEFT}" y1="{0}" x2="{1}" y2="{0}" stroke="#333333"/><text transform="translate({2} {3}) rotate(-90)" font-size="13" text-anchor="middle">{4}</text>"##,
        TOP + plot_h,
        LEFT + plot_w,
        LEFT - 46.0,
        TOP + plot_h / 2.0,
        esc(&translate(&chart.axis))
    );
    let group_w = plot_w / groups;
    let bar_w = group_w * 0.8 / bars;
    for (g, category) in chart.categories.iter().enumerate() {
        let gx = LEFT + g as f64 * group_w;
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle">{}</text>"#,
            gx + group_w / 2.0,
            TOP + plot_h + 18.0,
            esc(&translate(category))
        );
        for (b, series) in chart.series.iter().enumerate() {
            let Some(&value) = series.values.get(g).filter(|v| v.is_finite()) else {
                continue;
            };
            let bx = gx + group_w * 0.1 + b as f64 * bar_w;
            let _ = write!(
                s,
                r#"<rect x="{bx:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
                y(value),
                bar_w * 0.92,
                TOP + plot_h - y(value),
                colour(&series.series)
            );
            let interval = series.intervals.as_ref().and_then(|i| i.get(g));
            if let Some(&(lo, hi)) = interval.filter(|(lo, hi)| lo.is_finite() && hi.is_finite()) {
                let (cx, cap) = (bx + bar_w * 0.46, bar_w * 0.2);
                let _ = write!(
                    s,
                    r##"<path d="M{cx:.1} {0:.1}V{1:.1}M{2:.1} {0:.1}H{3:.1}M{2:.1} {1:.1}H{3:.1}" stroke="#222222" fill="none"/>"##,
                    y(lo),
                    y(hi),
                    cx - cap,
                    cx + cap
                );
            }
        }
    }
    for (row, series) in chart.series.iter().enumerate() {
        let ly = TOP + 8.0 + row as f64 * LEGEND_ROW;
        let _ = write!(
            s,
            r#"<rect x="{legend_x}" y="{}" width="14" height="10" fill="{}"/><text x="{}" y="{}" font-size="11">{}</text>"#,
            ly - 5.0,
            colour(&series.series),
            legend_x + 20.0,
            ly + 4.0,
            esc(&translate(&series.label))
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_balanced, keys};
    use super::*;
    use crate::figure::BarSeries;

    #[test]
    fn bars_show_percent_ticks_whiskers_and_skip_missing_values() {
        let chart = BarChart {
            id: "accuracy".into(),
            title: "results-bar-accuracy".into(),
            axis: "results-axis-accuracy".into(),
            categories: vec!["results-group-junior".into(), "results-group-senior".into()],
            series: vec![
                BarSeries {
                    label: "results-unaided".into(),
                    series: "unaided".into(),
                    values: vec![0.7, f64::NAN],
                    intervals: Some(vec![(0.6, 0.8), (f64::NAN, f64::NAN)]),
                },
                BarSeries {
                    label: "<i>aided</i>".into(),
                    series: "aided".into(),
                    values: vec![0.8, 0.9],
                    intervals: None,
                },
            ],
        };

        let svg = bar_svg(&chart, &keys);

        assert!(svg.contains(">100%</text>") && svg.contains(">0%</text>"));
        assert_eq!(
            svg.matches(r#"<rect x="#).count(),
            3 + 2,
            "three bars and two legend swatches"
        );
        assert_eq!(svg.matches("<path").count(), 1, "one whisker");
        assert!(svg.contains(">[results-group-senior]</text>"));
        assert!(svg.contains("[&lt;i&gt;aided&lt;/i&gt;]"));
        assert_balanced(&svg);
    }
}
