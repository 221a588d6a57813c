//! One results figure as a file for a paper: its SVG as the page draws it, or a 300-dpi PNG drawn
//! from that SVG with the bundled figure font (`app/assets/fonts`), and all of them in
//! `figures.zip`.
//!
//! The PNG is 2,100 px wide and says 300 dpi in its `pHYs` chunk: it prints 7 in (17.8 cm) wide,
//! a journal's full text width, at the resolution journals ask for (a single column takes it
//! scaled down, at higher resolution still).

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::domain::results::FigureView;
use crate::AppError;

/// Noto Sans CJK SC, cut down to the catalogues' characters (`scripts/figure-font.sh`).
const FONT: &[u8] = include_bytes!("../../../assets/fonts/figure-sans.otf");
const FONT_FAMILY: &str = "Noto Sans CJK SC";
/// The PNG's width in pixels: 7 in at 300 dpi.
pub const PNG_WIDTH: u32 = 2_100;
/// 300 dots per inch in pixels per metre, as PNG's `pHYs` chunk states resolution.
const DOTS_PER_METRE: u32 = 11_811;

/// Parsing options holding the figure font and nothing else, so a figure draws the same on
/// every server; the font is parsed once.
fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut fonts = usvg::fontdb::Database::new();
        fonts.load_font_data(FONT.to_vec());
        fonts.set_sans_serif_family(FONT_FAMILY);
        usvg::Options {
            font_family: FONT_FAMILY.into(),
            fontdb: Arc::new(fonts),
            ..usvg::Options::default()
        }
    })
}

/// The figure drawn as a 300-dpi PNG.
///
/// # Errors
/// [`AppError::Internal`] when the SVG does not parse or the PNG cannot be written (defects:
/// the SVG is Lector's own).
pub fn png(svg: &str) -> Result<Vec<u8>, AppError> {
    let tree = usvg::Tree::from_str(svg, options())
        .map_err(|e| crate::ssr::internal("parse a results figure", &e))?;
    let size = tree.size();
    let scale = PNG_WIDTH as f32 / size.width();
    let (width, height) = (PNG_WIDTH, (size.height() * scale).round() as u32);
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| AppError::Internal("a results figure has no area".into()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // Opaque (white underneath), so the premultiplied pixels are the straight ones.
    let rgba: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: DOTS_PER_METRE,
        yppu: DOTS_PER_METRE,
        unit: png::Unit::Meter,
    }));
    let written = encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&rgba));
    written.map_err(|e| crate::ssr::internal("write a figure's PNG", &e))?;
    Ok(bytes)
}

/// A figure file's format, from its name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureFormat {
    Svg,
    Png,
}

impl FigureFormat {
    /// `roc_all.svg` → (`roc_all`, SVG); `None` for any other extension.
    pub fn split(file: &str) -> Option<(&str, FigureFormat)> {
        let (id, extension) = file.rsplit_once('.')?;
        let format = match extension {
            "svg" => FigureFormat::Svg,
            "png" => FigureFormat::Png,
            _ => return None,
        };
        Some((id, format))
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FigureFormat::Svg => "image/svg+xml",
            FigureFormat::Png => "image/png",
        }
    }
}

/// One figure's bytes in `format`.
///
/// # Errors
/// As [`png`].
pub fn figure_bytes(figure: &FigureView, format: FigureFormat) -> Result<Vec<u8>, AppError> {
    match format {
        FigureFormat::Svg => Ok(figure.svg.clone().into_bytes()),
        FigureFormat::Png => png(&figure.svg),
    }
}

/// `figures.zip`: every figure as `<id>.svg` and `<id>.png`, and a README of their titles.
///
/// # Errors
/// As [`png`], or when the archive cannot be written.
pub fn figures_zip(figures: &[FigureView]) -> Result<Vec<u8>, AppError> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut readme = String::new();
    for figure in figures {
        for format in [FigureFormat::Svg, FigureFormat::Png] {
            let extension = if format == FigureFormat::Svg {
                "svg"
            } else {
                "png"
            };
            files.push((
                format!("{}.{extension}", figure.id),
                figure_bytes(figure, format)?,
            ));
        }
        readme.push_str(&format!("{}: {}\n", figure.id, figure.title));
    }
    readme.push_str("\nPNG files are 300 dpi, 7 in (17.8 cm) wide; SVG files scale to any size.\n");
    files.push(("README.txt".into(), readme.into_bytes()));
    analysis::export::zip_files("figures.zip", &files)
        .map_err(|e| crate::ssr::internal("write figures.zip", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_character_is_in_the_figure_font() {
        use read_fonts::{FontRef, TableProvider};
        let cmap = FontRef::new(FONT).unwrap().cmap().unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
        let mut missing = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            missing.extend(
                text.chars()
                    .filter(|c| !c.is_control() && cmap.map_codepoint(*c).is_none()),
            );
        }
        assert!(
            missing.is_empty(),
            "not in app/assets/fonts/figure-sans.otf: {missing:?}; run scripts/figure-font.sh"
        );
    }

    #[test]
    fn a_figure_draws_as_a_300_dpi_png_seven_inches_wide_with_its_text() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" width="200" height="40" font-family="sans-serif"><text x="4" y="28" font-size="20">AUC 曲线</text></svg>"##;
        let blank = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" width="200" height="40"></svg>"##;

        let drawn = png(svg).unwrap();
        let empty = png(blank).unwrap();

        let decoder = png::Decoder::new(std::io::Cursor::new(&drawn));
        let mut reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.width, info.height), (2_100, 420));
        let dims = info.pixel_dims.expect("pHYs");
        assert_eq!((dims.xppu, dims.unit), (11_811, png::Unit::Meter));
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut pixels).unwrap();
        let dark = pixels.chunks(4).filter(|p| p[0] < 128).count();
        assert!(dark > 5_000, "the text is drawn: {dark} dark pixels");
        assert!(empty.len() < drawn.len());
    }

    #[test]
    fn figure_files_are_svg_or_png_and_nothing_else() {
        assert_eq!(
            FigureFormat::split("roc_all.svg"),
            Some(("roc_all", FigureFormat::Svg))
        );
        assert_eq!(
            FigureFormat::split("tsne.png"),
            Some(("tsne", FigureFormat::Png))
        );
        assert_eq!(FigureFormat::split("roc_all.pdf"), None);
        assert_eq!(FigureFormat::split("roc_all"), None);
    }
}
