//! The standalone HTML report: one self-contained file (inline CSS, figures as inline SVG,
//! images as `data:` URIs, no scripts, nothing fetched) that reads on screen and prints well:
//! each ROC or bar figure starts a page, table rows are not split across pages, the table
//! header repeats on every page.

use serde::{Deserialize, Serialize};

use super::fit::{split_columns, Page};
use super::{base64, escape_xml as esc, numeric_column};
use crate::figure::svg::{bar_svg, roc_svg};
use crate::figure::{BarChart, RocFigure};
use crate::table::Table;

const TABLES: &str = "results-report-tables";
const FIGURES: &str = "results-report-figures";
const GALLERY: &str = "results-report-gallery";

/// Everything the report shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportDocument {
    /// The study's name, shown verbatim.
    pub title: String,
    /// The report's language.
    pub lang: vocab::Locale,
    /// Facts about the study under the title: (message key, verbatim value).
    pub meta: Vec<(String, String)>,
    pub tables: Vec<Table>,
    pub rocs: Vec<RocFigure>,
    pub bars: Vec<BarChart>,
    /// Figures drawn elsewhere (e.g. a t-SNE scatter): (message key of the title, SVG text).
    /// They are embedded as images, so whatever the SVG holds cannot run in the report.
    pub extra_svgs: Vec<(String, String)>,
    /// Images with a caption, e.g. Grad-CAM overlays.
    pub gallery: Vec<GalleryItem>,
}

/// One image of the gallery.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GalleryItem {
    /// Shown verbatim (a case ID, the AI's probability).
    pub caption: String,
    /// The PNG file's bytes.
    pub png: Vec<u8>,
}

/// The message keys this module and the LaTeX tables translate themselves (section headings,
/// the caption of a split table's later parts).
pub fn message_keys() -> Vec<&'static str> {
    vec![TABLES, FIGURES, GALLERY, super::latex::CONTINUED]
}

/// A4 portrait less 15 mm margins is 180 mm, 680 CSS pixels; tables print at 8 pt, whose en is
/// taken as 6.8 px (digits are about 6 px in the fonts the style names; headings wrap less
/// tidily than estimated), with 0.3 rem (4.8 px) of padding either side.
/// Tables wider than that are split into column parts ([`split_columns`]); a browser test
/// prints the report and checks that no table overflows.
/// Row labels wrap at 40 ens, as a browser wraps a long cell when the table must fit.
const PAGE: Page = Page {
    heading_lines: 3,
    text_cap: 40.0,
    budget: 680.0 / 6.8,
    padding: 9.6 / 6.8,
};

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','PingFang SC','Microsoft YaHei',sans-serif;color:#222;line-height:1.45;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .6rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2.2rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
.table-block{margin:1.2rem 0}table{border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums}
caption{caption-side:top;text-align:left;font-weight:600;padding-bottom:.4rem}
th{text-align:left;padding:.3rem .6rem;border-top:2px solid #222;border-bottom:1px solid #222}
td{padding:.25rem .6rem;border-bottom:1px solid #e5e5e5}tbody tr:last-child td{border-bottom:2px solid #222}
.num{text-align:right}p.note{font-size:.8rem;color:#555;margin:.25rem 0}
figure{margin:1.5rem 0}figure svg,figure img{max-width:100%;height:auto}figcaption{font-size:.9rem;color:#444}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem}.gallery figure{margin:0}
@media print{@page{size:A4 portrait;margin:15mm}body{max-width:none;margin:0;font-size:10pt}table{font-size:8pt}th,td{padding:.15rem .3rem}h2{break-after:avoid;page-break-after:avoid}
caption{break-after:avoid}thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}
figure.chart{break-before:page;page-break-before:always;break-inside:avoid;page-break-inside:avoid}
section.gallery-section{break-before:page;page-break-before:always}.gallery figure{break-inside:avoid;page-break-inside:avoid}}";

/// The report as one HTML file.
pub fn report_html(doc: &ReportDocument, translate: &dyn Fn(&str) -> String) -> String {
    let lang = doc.lang.tag();
    let title = esc(&doc.title);
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Lector\">\n<title>{title}</title>\n<style>\n{STYLE}\n</style>\n\
         </head>\n<body>\n<header>\n<h1>{title}</h1>\n"
    );
    if !doc.meta.is_empty() {
        s.push_str("<dl class=\"meta\">\n");
        for (key, value) in &doc.meta {
            s.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>\n",
                esc(&translate(key)),
                esc(value)
            ));
        }
        s.push_str("</dl>\n");
    }
    s.push_str("</header>\n");
    if !doc.tables.is_empty() {
        s.push_str(&format!(
            "<section class=\"tables\">\n<h2>{}</h2>\n",
            esc(&translate(TABLES))
        ));
        for table in &doc.tables {
            let parts = split_columns(table, translate, &PAGE);
            for (index, part) in parts.iter().enumerate() {
                table_html(&mut s, part, index > 0, translate);
            }
        }
        s.push_str("</section>\n");
    }
    if !(doc.rocs.is_empty() && doc.bars.is_empty() && doc.extra_svgs.is_empty()) {
        s.push_str(&format!(
            "<section class=\"figures\">\n<h2>{}</h2>\n",
            esc(&translate(FIGURES))
        ));
        for roc in &doc.rocs {
            s.push_str(&format!(
                "<figure class=\"chart\" id=\"{}\">\n{}</figure>\n",
                anchor(&roc.id),
                roc_svg(roc, translate)
            ));
        }
        for bar in &doc.bars {
            s.push_str(&format!(
                "<figure class=\"chart\" id=\"{}\">\n{}</figure>\n",
                anchor(&bar.id),
                bar_svg(bar, translate)
            ));
        }
        for (key, svg) in &doc.extra_svgs {
            let caption = esc(&translate(key));
            s.push_str(&format!(
                "<figure class=\"chart\">\n<img src=\"data:image/svg+xml;base64,{}\" alt=\"{caption}\">\n<figcaption>{caption}</figcaption>\n</figure>\n",
                base64::encode(svg.as_bytes())
            ));
        }
        s.push_str("</section>\n");
    }
    if !doc.gallery.is_empty() {
        s.push_str(&format!(
            "<section class=\"gallery-section\">\n<h2>{}</h2>\n<div class=\"gallery\">\n",
            esc(&translate(GALLERY))
        ));
        for item in &doc.gallery {
            let caption = esc(&item.caption);
            s.push_str(&format!(
                "<figure>\n<img src=\"data:image/png;base64,{}\" alt=\"{caption}\">\n<figcaption>{caption}</figcaption>\n</figure>\n",
                base64::encode(&item.png)
            ));
        }
        s.push_str("</div>\n</section>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}

fn table_html(s: &mut String, table: &Table, continued: bool, translate: &dyn Fn(&str) -> String) {
    let class = |c: usize| {
        if numeric_column(table, c) {
            " class=\"num\""
        } else {
            ""
        }
    };
    s.push_str(&format!(
        "<div class=\"table-block\" id=\"{}\">\n<table>\n<caption>{}</caption>\n<thead><tr>",
        anchor(&table.id),
        if continued {
            format!(
                "{} {}",
                esc(&translate(&table.title)),
                esc(&translate(super::latex::CONTINUED))
            )
        } else {
            esc(&translate(&table.title))
        }
    ));
    for (c, key) in table.columns.iter().enumerate() {
        s.push_str(&format!(
            "<th scope=\"col\"{}>{}</th>",
            class(c),
            esc(&translate(key))
        ));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        s.push_str("<tr>");
        for (c, cell) in row.iter().enumerate() {
            s.push_str(&format!(
                "<td{}>{}</td>",
                class(c),
                esc(&cell.render(translate))
            ));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    for note in &table.notes {
        s.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            esc(&translate(note))
        ));
    }
    s.push_str("</div>\n");
}

/// An element id from a table or figure id: letters, digits, `-` and `_` only.
fn anchor(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("lector-{clean}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::{keys, seniority};
    use crate::figure::{Curve, CurveKind};

    fn document() -> ReportDocument {
        ReportDocument {
            title: "Knee <OS> vs GCT & co".into(),
            lang: vocab::Locale::ZhCn,
            meta: vec![("results-meta-readers".into(), "12 <all>".into())],
            tables: vec![seniority()],
            rocs: vec![RocFigure {
                axes: None,
                merit: None,
                x_max: None,
                id: "roc_all".into(),
                title: "results-roc-all".into(),
                // A curve named in the legend (readers are counted there, not named).
                curves: vec![Curve {
                    label: "<b>Ana</b>".into(),
                    label_is_key: false,
                    kind: CurveKind::Model,
                    series: "unaided".into(),
                    points: vec![[0.0, 0.0], [0.2, 0.7], [1.0, 1.0]],
                    auc: Some(0.81),
                }],
            }],
            bars: Vec::new(),
            extra_svgs: vec![(
                "results-tsne".into(),
                "<svg><script>alert(1)</script></svg>".into(),
            )],
            gallery: vec![GalleryItem {
                caption: "case <img src=x onerror=alert(1)>".into(),
                png: vec![0x89, b'P', b'N', b'G'],
            }],
        }
    }

    #[test]
    fn the_report_is_one_self_contained_file_in_the_chosen_language() {
        let html = report_html(&document(), &keys);

        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(!html.contains("<script") && !html.contains("<link"));
        assert!(!html.contains("src=\"http") && !html.contains("url("));
        assert!(html.contains("<h2>[results-report-tables]</h2>"));
        assert!(html.contains("<caption>[results-table-seniority]</caption>"));
        assert!(html.contains("<td class=\"num\">&lt; 0.001</td>"));
        assert!(html.contains("<p class=\"note\">[results-note-or]</p>"));
    }

    #[test]
    fn study_names_captions_and_values_cannot_inject_markup() {
        let html = report_html(&document(), &keys);

        assert!(html.contains("<title>Knee &lt;OS&gt; vs GCT &amp; co</title>"));
        assert!(html.contains("<dd>12 &lt;all&gt;</dd>"));
        assert!(html.contains("&lt;b&gt;Ana&lt;/b&gt;"));
        assert!(!html.contains("<img src=x"));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn images_and_foreign_svgs_are_embedded_as_data_uris() {
        let html = report_html(&document(), &keys);

        assert!(html.contains("<img src=\"data:image/png;base64,iVBORw==\""));
        assert!(html.contains("<img src=\"data:image/svg+xml;base64,PHN2Zz48c2NyaXB0Pm"));
        assert!(html.contains("<figcaption>[results-tsne]</figcaption>"));
    }

    #[test]
    fn figures_start_a_page_and_rows_are_not_split_when_printed() {
        let html = report_html(&document(), &keys);

        assert!(html.contains("@media print"));
        assert!(html.contains("figure.chart{break-before:page"));
        assert!(html.contains("tr{break-inside:avoid"));
        assert!(html.contains("<figure class=\"chart\" id=\"lector-roc_all\">\n<svg"));
    }

    #[test]
    fn the_report_is_tagged_with_its_language_and_no_other_tag_gets_in() {
        let doc = document();
        assert!(report_html(&doc, &keys).contains("<html lang=\"zh-CN\">"));

        let mut json = serde_json::to_value(&doc).unwrap();
        json["lang"] = serde_json::json!("en\"><script>");
        assert!(serde_json::from_value::<ReportDocument>(json).is_err());
    }
}
