//! Heat-map overlays: a colour map blended over the radiograph, encoded as PNG.

use image::ImageEncoder;

use crate::error::{ModelError, Result};
use crate::gradcam::upsample;
use crate::preprocess::GreyImage;

/// The "jet" colour map (blue → cyan → yellow → red) at `t ∈ [0, 1]`, as 8-bit RGB.
pub fn jet(t: f32) -> [u8; 3] {
    let t = t.clamp(0.0, 1.0);
    let ch = |c: f32| ((1.5 - (4.0 * t - c).abs()).clamp(0.0, 1.0) * 255.0).round() as u8;
    [ch(3.0), ch(2.0), ch(1.0)]
}

/// Blends a normalised `side²` map over `image` (already the network's square input, or any
/// square image the map covers): `rgb = (1 − a·h)·grey + a·h·jet(h)` with `a = alpha`, so cold
/// regions show the radiograph unchanged.
pub fn overlay_rgb(image: &GreyImage, map: &[f32], side: usize, alpha: f32) -> Vec<u8> {
    let heat = upsample(map, side, image.width.max(image.height));
    let size = image.width.max(image.height);
    let mut rgb = Vec::with_capacity(image.width * image.height * 3);
    for r in 0..image.height {
        for c in 0..image.width {
            let grey = image.pixels[r * image.width + c].clamp(0.0, 1.0) * 255.0;
            let h = heat[r * size + c];
            let colour = jet(h);
            let a = alpha * h;
            for ch in colour {
                rgb.push(((1.0 - a) * grey + a * f32::from(ch)).round() as u8);
            }
        }
    }
    rgb
}

/// Encodes 8-bit RGB pixels as a PNG file in memory.
///
/// # Errors
/// The encoder fails (only on inconsistent sizes).
pub fn encode_rgb_png(width: usize, height: usize, rgb: &[u8]) -> Result<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            rgb,
            width as u32,
            height as u32,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| ModelError::invalid("png encoding", e.to_string()))?;
    Ok(out.into_inner())
}

/// A heat-map overlay PNG of a normalised map over the square network input.
///
/// # Errors
/// PNG encoding fails.
pub fn overlay_png(image: &GreyImage, map: &[f32], side: usize) -> Result<Vec<u8>> {
    let rgb = overlay_rgb(image, map, side, 0.5);
    encode_rgb_png(image.width, image.height, &rgb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jet_runs_from_blue_to_red() {
        assert_eq!(jet(0.0), [0, 0, 128]);
        assert_eq!(jet(1.0), [128, 0, 0]);
        assert_eq!(jet(0.5), [128, 255, 128]);
    }

    #[test]
    fn a_cold_map_leaves_the_radiograph_grey() {
        let img = GreyImage::new(2, 2, vec![0.5; 4]).unwrap();

        let rgb = overlay_rgb(&img, &[0.0; 4], 2, 0.5);

        assert!(rgb.iter().all(|&v| v == 128));
    }

    #[test]
    fn the_png_starts_with_the_signature() {
        let png = encode_rgb_png(1, 1, &[1, 2, 3]).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
}
