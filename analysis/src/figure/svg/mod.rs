//! ROC plots and grouped bar charts as standalone SVG 1.1: no scripts, no external fonts or
//! stylesheets, a `viewBox` so they scale, and every piece of text escaped (a reader named
//! `<b>` stays text). Colours follow the series (`unaided`, `aided`, `cnn`, `clinical`) in the
//! Okabe–Ito palette, which colour-blind readers can tell apart.

mod bar;
mod roc;

pub use bar::bar_svg;
pub use roc::roc_svg;

const AXIS_FPR: &str = "results-axis-fpr";
const AXIS_TPR: &str = "results-axis-tpr";
const LEFT: f64 = 70.0;
const TOP: f64 = 50.0;
const LEGEND_ROW: f64 = 17.0;

/// The message keys this module translates itself (the figures' own titles, legend labels and
/// categories come with the figures).
pub fn message_keys() -> Vec<&'static str> {
    vec![
        AXIS_FPR,
        AXIS_TPR,
        "results-curve-readers-unaided",
        "results-curve-readers-aided",
    ]
}

/// The stroke colour of a series.
pub fn colour(series: &str) -> &'static str {
    match series {
        "unaided" => "#0072B2",
        "aided" => "#D55E00",
        "cnn" => "#009E73",
        "clinical" => "#CC79A7",
        _ => "#555555",
    }
}

/// The root element: white background, the title for screen readers, sans-serif text.
fn open(width: f64, height: f64, title: &str) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" font-family="sans-serif" fill="#222222"><title>{}</title><rect width="100%" height="100%" fill="#ffffff"/>"##,
        crate::export::escape_xml(title)
    )
}

#[cfg(test)]
mod test_support {
    pub fn keys(key: &str) -> String {
        format!("[{key}]")
    }

    /// Every opening tag is closed in order: the text is well-formed XML as far as tags go.
    pub fn assert_balanced(svg: &str) {
        let mut stack: Vec<String> = Vec::new();
        for part in svg.split('<').skip(1) {
            let tag = &part[..part.find('>').expect("unclosed tag")];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            } else if !tag.ends_with('/') {
                stack.push(tag.split_whitespace().next().unwrap().to_string());
            }
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_svg_code_lists_the_keys_it_translates() {
        assert_eq!(
            &message_keys()[..2],
            ["results-axis-fpr", "results-axis-tpr"]
        );
        for series in ["unaided", "aided"] {
            assert!(message_keys().contains(&roc::readers_key(series).as_str()));
        }
    }
}
