//! PNG and JPEG sources: grey (8 or 16 bit) kept at its depth, colour reduced to luma.

use super::{DecodedImage, SourceFormat};
use crate::error::{ImagingError, Result};
use crate::grey::{GreyImage, Photometric, Window};
use image::{DynamicImage, ImageFormat};
use std::path::Path;

/// Decodes a PNG or JPEG. The window preset spans the full stored range, so the display shows
/// the file as any viewer would.
pub(super) fn decode(bytes: &[u8], format: SourceFormat, name: &Path) -> Result<DecodedImage> {
    let (image_format, label) = match format {
        SourceFormat::Png => (ImageFormat::Png, "PNG"),
        _ => (ImageFormat::Jpeg, "JPEG"),
    };
    let decoded = image::load_from_memory_with_format(bytes, image_format).map_err(|source| {
        ImagingError::Raster {
            path: name.to_path_buf(),
            format: label,
            source,
        }
    })?;
    let (width, height) = (decoded.width(), decoded.height());
    let (values, bits): (Vec<f32>, u16) = match decoded {
        DynamicImage::ImageLuma16(grey) => {
            (grey.into_raw().into_iter().map(f32::from).collect(), 16)
        }
        DynamicImage::ImageLumaA16(_)
        | DynamicImage::ImageRgb16(_)
        | DynamicImage::ImageRgba16(_) => (
            decoded
                .to_luma16()
                .into_raw()
                .into_iter()
                .map(f32::from)
                .collect(),
            16,
        ),
        other => (
            other
                .to_luma8()
                .into_raw()
                .into_iter()
                .map(f32::from)
                .collect(),
            8,
        ),
    };
    let levels = f64::from(1u32 << bits);
    Ok(DecodedImage {
        format,
        image: GreyImage {
            width,
            height,
            values,
            photometric: Photometric::Monochrome2,
            bits_stored: bits,
            windows: vec![Window::new(levels / 2.0, levels)],
            voi_tables: vec![],
        },
        dicom: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Luma};

    fn png16(values: Vec<u16>, width: u32) -> Vec<u8> {
        let height = values.len() as u32 / width;
        let buffer: ImageBuffer<Luma<u16>, Vec<u16>> =
            ImageBuffer::from_raw(width, height, values).unwrap();
        let mut out = std::io::Cursor::new(Vec::new());
        buffer.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_16_bit_png_keeps_its_full_depth() {
        let decoded = decode(
            &png16(vec![0, 1000, 40_000, 65_535], 2),
            SourceFormat::Png,
            Path::new("a.png"),
        )
        .unwrap();
        assert_eq!(decoded.image.values, vec![0.0, 1000.0, 40_000.0, 65_535.0]);
        assert_eq!(decoded.image.bits_stored, 16);
    }

    #[test]
    fn the_full_range_window_shows_black_and_white_at_the_extremes() {
        let decoded = decode(
            &png16(vec![0, 65_535], 2),
            SourceFormat::Png,
            Path::new("a.png"),
        )
        .unwrap();
        assert_eq!(decoded.image.display_values(None), vec![0.0, 1.0]);
    }

    #[test]
    fn a_grey_jpeg_decodes_to_8_bit_values_close_to_the_original() {
        let original: Vec<u8> = (0..64 * 64).map(|i| ((i % 64) * 4) as u8).collect();
        let buffer: ImageBuffer<Luma<u8>, Vec<u8>> =
            ImageBuffer::from_raw(64, 64, original.clone()).unwrap();
        let mut out = std::io::Cursor::new(Vec::new());
        buffer.write_to(&mut out, ImageFormat::Jpeg).unwrap();
        let decoded = decode(&out.into_inner(), SourceFormat::Jpeg, Path::new("a.jpg")).unwrap();
        assert_eq!((decoded.image.width, decoded.image.bits_stored), (64, 8));
        // Lossy at the default quality: each value within a few grey levels of the original.
        let worst = decoded
            .image
            .values
            .iter()
            .zip(&original)
            .map(|(d, o)| (d - f32::from(*o)).abs())
            .fold(0.0, f32::max);
        assert!(worst < 12.0, "largest JPEG error {worst}");
    }

    #[test]
    fn a_truncated_png_is_reported_as_corrupt() {
        let bytes = png16(vec![7; 64], 8);
        let err = decode(&bytes[..40], SourceFormat::Png, Path::new("cut.png")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cut.png: corrupt or unreadable PNG image"),
            "{err}"
        );
    }
}
