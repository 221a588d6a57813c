//! A case's full-depth pixels for the viewer (`GET /images/cases/{id}/pixels`): the stored
//! original decoded and quantised to 16 bits (exactly, for the integer values of 16-bit DICOM),
//! with the default display as a lookup table so the browser draws what the server would.

use imaging::grey::GreyImage;

use crate::domain::pixels::{Level, Pixels, LEVELS};

/// The wire body of `image`, with the file's pixel spacing (row, column; mm) if any.
pub fn body(image: &GreyImage, spacing: Option<(f64, f64)>) -> Vec<u8> {
    crate::domain::pixels::encode(&pixels(image, spacing))
}

/// `image` as 16-bit samples: `value = offset + sample * scale`, with scale 1 when the values
/// are integers spanning at most 65,536 levels, else the range over 65,535 steps.
pub fn pixels(image: &GreyImage, spacing: Option<(f64, f64)>) -> Pixels {
    let (lo, hi) = image
        .values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 0.0) };
    let integral = image.values.iter().all(|v| v.fract() == 0.0);
    let scale = if integral && hi - lo <= 65535.0 {
        1.0
    } else {
        ((hi - lo) / 65535.0).max(f32::MIN_POSITIVE)
    };
    let samples = image
        .values
        .iter()
        .map(|&v| {
            let s = ((v - lo) / scale).round();
            if s.is_finite() {
                s.clamp(0.0, 65535.0) as u16
            } else {
                0
            }
        })
        .collect();
    Pixels {
        offset: lo,
        scale,
        monochrome1: image.photometric == imaging::Photometric::Monochrome1,
        spacing: spacing
            .filter(|(r, c)| *r > 0.0 && *c > 0.0)
            .map(|(r, c)| (r as f32, c as f32)),
        default_lut: default_lut(image, lo, scale),
        image: Level {
            width: image.width,
            height: image.height,
            samples,
        },
    }
}

/// The display of each possible sample, through the same code as the server's rendering: the
/// file's first window, else its VOI LUT, else the image's value range; MONOCHROME1 inverted.
fn default_lut(image: &GreyImage, offset: f32, scale: f32) -> Vec<u8> {
    let levels = GreyImage {
        width: LEVELS as u32,
        height: 1,
        values: (0..LEVELS).map(|s| offset + s as f32 * scale).collect(),
        photometric: image.photometric,
        bits_stored: image.bits_stored,
        windows: image.windows.clone(),
        voi_tables: image.voi_tables.clone(),
    };
    // The fallback window comes from the image's range, not from the table's.
    let fallback =
        (image.windows.is_empty() && image.voi_tables.is_empty()).then(|| image.default_window());
    levels
        .display_values(fallback.as_ref())
        .iter()
        // The two roundings of `imaging::render::render_display`, so the bytes match it.
        .map(|y| {
            let wide = u32::from((y * 65535.0).round() as u16);
            ((wide * 255 + 32767) / 65535) as u8
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(values: Vec<f32>) -> GreyImage {
        GreyImage {
            width: values.len() as u32,
            height: 1,
            values,
            photometric: imaging::Photometric::Monochrome2,
            bits_stored: 12,
            windows: vec![],
            voi_tables: vec![],
        }
    }

    #[test]
    fn integer_values_are_kept_exactly_and_the_default_table_draws_the_servers_display() {
        let original = image(vec![-1000.0, 0.0, 3095.0]);

        let p = pixels(&original, Some((0.2, 0.2)));

        assert_eq!((p.offset, p.scale), (-1000.0, 1.0));
        assert_eq!(p.image.samples, vec![0, 1000, 4095]);
        let shown = imaging::render::render_display(&original, None, 4096);
        for (i, s) in p.image.samples.iter().enumerate() {
            assert_eq!(p.default_lut[usize::from(*s)], shown.as_raw()[i]);
        }
        assert_eq!(p.spacing, Some((0.2, 0.2)));
    }

    #[test]
    fn fractional_values_are_spread_over_the_sixteen_bits() {
        let p = pixels(&image(vec![0.0, 0.5, 1.0]), None);

        assert_eq!(p.image.samples, vec![0, 32768, 65535]);
        assert!((p.scale - 1.0 / 65535.0).abs() < 1e-9);
    }
}
