//! Display rendering: full-depth grey values -> windowed, MONOCHROME1-corrected 8-bit PNGs for the
//! viewer and thumbnails for lists.

use crate::error::{ImagingError, Result};
use crate::grey::{GreyImage, Window};
use image::{ImageBuffer, Luma};

/// Default thumbnail side in pixels.
pub const THUMBNAIL_SIDE: u32 = 256;

/// The 8-bit display image: VOI window (the given one, else the image's default), MONOCHROME1
/// inversion, then, if the image is larger than `max_side` on either side, an area-averaging
/// reduction keeping the aspect ratio. Quantising to 8 bits happens last, after the reduction.
///
/// # Panics
/// If `image.values` does not hold `width * height` values.
pub fn render_display(
    image: &GreyImage,
    window: Option<&Window>,
    max_side: u32,
) -> ImageBuffer<Luma<u8>, Vec<u8>> {
    let shown = image.display_values(window);
    // 16-bit intermediate so that the reduction averages before the 8-bit rounding.
    let wide: Vec<u16> = shown.iter().map(|v| (v * 65535.0).round() as u16).collect();
    let buffer = ImageBuffer::<Luma<u16>, Vec<u16>>::from_raw(image.width, image.height, wide)
        .expect("display values have width * height pixels");
    let (w, h) = fit(image.width, image.height, max_side.max(1));
    let reduced = if (w, h) == (image.width, image.height) {
        buffer
    } else {
        image::imageops::thumbnail(&buffer, w, h)
    };
    let bytes = reduced
        .as_raw()
        .iter()
        .map(|v| ((u32::from(*v) * 255 + 32767) / 65535) as u8)
        .collect();
    ImageBuffer::from_raw(w, h, bytes).expect("reduced image has w * h pixels")
}

/// The size that fits `width x height` within `max_side`, keeping the aspect ratio.
fn fit(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= max_side {
        return (width, height);
    }
    let scale = f64::from(max_side) / f64::from(longest);
    let side = |n: u32| ((f64::from(n) * scale).round() as u32).max(1);
    (side(width), side(height))
}

/// [`render_display`] encoded as an 8-bit grey PNG.
///
/// # Errors
/// [`ImagingError::Encode`] if the PNG encoder fails.
pub fn render_display_png(
    image: &GreyImage,
    window: Option<&Window>,
    max_side: u32,
) -> Result<Vec<u8>> {
    encode_png(&render_display(image, window, max_side))
}

/// A thumbnail PNG, at most `side` pixels on its longer side, with the default window.
///
/// # Errors
/// [`ImagingError::Encode`] if the PNG encoder fails.
pub fn thumbnail_png(image: &GreyImage, side: u32) -> Result<Vec<u8>> {
    render_display_png(image, None, side)
}

/// Encodes an 8-bit grey buffer as PNG.
///
/// # Errors
/// [`ImagingError::Encode`] if the PNG encoder fails.
pub fn encode_png(buffer: &ImageBuffer<Luma<u8>, Vec<u8>>) -> Result<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|source| ImagingError::Encode {
            width: buffer.width(),
            height: buffer.height(),
            source,
        })?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grey::Photometric;

    fn ramp(width: u32, height: u32) -> GreyImage {
        GreyImage {
            width,
            height,
            values: (0..width * height).map(|i| (i % width) as f32).collect(),
            photometric: Photometric::Monochrome2,
            bits_stored: 12,
            windows: vec![],
            voi_tables: vec![],
        }
    }

    #[test]
    fn large_images_are_reduced_to_the_longest_side_keeping_the_aspect() {
        let shown = render_display(&ramp(400, 200), None, 100);
        assert_eq!(shown.dimensions(), (100, 50));
    }

    #[test]
    fn small_images_keep_their_size_and_span_black_to_white() {
        let shown = render_display(&ramp(16, 4), None, 512);
        assert_eq!(shown.dimensions(), (16, 4));
        assert_eq!(shown.get_pixel(0, 0).0[0], 0);
        assert_eq!(shown.get_pixel(15, 0).0[0], 255);
    }

    #[test]
    fn a_thumbnail_fits_the_requested_side() {
        let png = thumbnail_png(&ramp(1000, 500), THUMBNAIL_SIDE).unwrap();
        let back = image::load_from_memory(&png).unwrap();
        assert_eq!((back.width(), back.height()), (256, 128));
    }

    #[test]
    fn a_display_png_decodes_back_to_the_rendered_pixels() {
        let image = ramp(32, 8);
        let png = render_display_png(&image, Some(&Window::new(16.0, 32.0)), 64).unwrap();
        let back = image::load_from_memory(&png).unwrap().to_luma8();
        assert_eq!(
            back,
            render_display(&image, Some(&Window::new(16.0, 32.0)), 64)
        );
    }
}
