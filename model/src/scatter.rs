//! An SVG scatter plot of a 2-D embedding: colour by class, marker shape by hospital.

use std::fmt::Write;

/// One point of the plot.
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterPoint {
    /// Coordinates (any scale; the plot rescales).
    pub xy: [f64; 2],
    /// `true` for osteosarcoma (red), `false` for GCT (blue).
    pub is_os: bool,
    /// Hospital; each distinct site gets its own marker.
    pub site: String,
    /// Tooltip text (e.g. the case id).
    pub label: String,
}

const SIZE: f64 = 640.0;
const MARGIN: f64 = 40.0;

fn marker(shape: usize, x: f64, y: f64, fill: &str, title: &str) -> String {
    let r = 5.0;
    let (tag, geometry) = match shape % 4 {
        0 => ("circle", format!(r#"cx="{x:.1}" cy="{y:.1}" r="{r}""#)),
        1 => (
            "rect",
            format!(
                r#"x="{:.1}" y="{:.1}" width="{}" height="{}""#,
                x - r,
                y - r,
                2.0 * r,
                2.0 * r
            ),
        ),
        2 => (
            "polygon",
            format!(
                r#"points="{x:.1},{:.1} {:.1},{:.1} {:.1},{:.1}""#,
                y - r,
                x - r,
                y + r,
                x + r,
                y + r
            ),
        ),
        _ => (
            "polygon",
            format!(
                r#"points="{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}""#,
                y - r,
                x + r,
                y + r,
                x - r
            ),
        ),
    };
    format!(
        "<{tag} {geometry} fill=\"{fill}\" fill-opacity=\"0.75\" stroke=\"#222\" stroke-width=\"0.5\"><title>{}</title></{tag}>\n",
        escape(title)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The legend's words, so a page can draw the plot in its reader's language and with the
/// study's own class names.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend<'a> {
    pub class: &'a str,
    pub positive: &'a str,
    pub negative: &'a str,
    pub site: &'a str,
}

impl Default for Legend<'_> {
    fn default() -> Self {
        Legend {
            class: "class",
            positive: "OS",
            negative: "GCT",
            site: "site",
        }
    }
}

/// Renders the points as a standalone SVG document with an English OS/GCT legend.
pub fn scatter_svg(points: &[ScatterPoint], title: &str) -> String {
    scatter_svg_with(points, title, &Legend::default())
}

/// Renders the points as a standalone SVG document with the given legend. Sites are assigned
/// markers (circle, square, triangle, diamond) in sorted order.
pub fn scatter_svg_with(points: &[ScatterPoint], title: &str, legend: &Legend) -> String {
    let mut sites: Vec<&str> = points.iter().map(|p| p.site.as_str()).collect();
    sites.sort_unstable();
    sites.dedup();
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in points {
        for k in 0..2 {
            lo[k] = lo[k].min(p.xy[k]);
            hi[k] = hi[k].max(p.xy[k]);
        }
    }
    let span = |k: usize| if hi[k] > lo[k] { hi[k] - lo[k] } else { 1.0 };
    let plot = SIZE - 2.0 * MARGIN;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{MARGIN}\" y=\"24\" font-size=\"15\">{}</text>\n",
        escape(title),
        w = SIZE + 150.0,
        h = SIZE
    );
    for p in points {
        let x = MARGIN + (p.xy[0] - lo[0]) / span(0) * plot;
        let y = SIZE - MARGIN - (p.xy[1] - lo[1]) / span(1) * plot;
        let shape = sites.iter().position(|s| *s == p.site).unwrap_or(0);
        let fill = if p.is_os { "#d62728" } else { "#1f77b4" };
        svg.push_str(&marker(shape, x, y, fill, &p.label));
    }
    let lx = SIZE + 10.0;
    let (class, positive, negative, site) = (
        escape(legend.class),
        escape(legend.positive),
        escape(legend.negative),
        escape(legend.site),
    );
    let _ = writeln!(svg, "<text x=\"{lx}\" y=\"60\">{class}</text>");
    svg.push_str(&marker(0, lx + 8.0, 78.0, "#d62728", legend.positive));
    let _ = writeln!(svg, "<text x=\"{}\" y=\"82\">{positive}</text>", lx + 20.0);
    svg.push_str(&marker(0, lx + 8.0, 98.0, "#1f77b4", legend.negative));
    let _ = writeln!(svg, "<text x=\"{}\" y=\"102\">{negative}</text>", lx + 20.0);
    let _ = writeln!(svg, "<text x=\"{lx}\" y=\"135\">{site}</text>");
    for (i, s) in sites.iter().enumerate() {
        let y = 153.0 + 20.0 * i as f64;
        svg.push_str(&marker(i, lx + 8.0, y, "#999", s));
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            lx + 20.0,
            y + 4.0,
            escape(s)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(x: f64, is_os: bool, site: &str) -> ScatterPoint {
        ScatterPoint {
            xy: [x, x],
            is_os,
            site: site.into(),
            label: format!("<{site}>"),
        }
    }

    #[test]
    fn each_site_gets_its_own_marker_and_labels_are_escaped() {
        let svg = scatter_svg(
            &[
                pt(0.0, true, "H1"),
                pt(1.0, false, "H2"),
                pt(2.0, true, "H3"),
            ],
            "t-SNE",
        );

        assert!(svg.contains("<circle") && svg.contains("<rect x=") && svg.contains("<polygon"));
        assert!(svg.contains("&lt;H1&gt;") && !svg.contains("<H1>"));
        assert!(svg.contains("#d62728") && svg.contains("#1f77b4"));
    }
}
