//! An image's full-depth pixels as the reading page receives them, and the viewer's drawing of
//! them: the wire format (`LPX1`), a pyramid of halved levels for a zoomed-out view, the
//! window/level lookup table, and the lookup itself. Pure code, so the server, the browser and
//! the tests share it; the browser does the lookup on every frame, so window/level follows the
//! mouse without asking the server.
//!
//! Wire format, little endian: `LPX1`, width u32, height u32, offset f32, scale f32 (a sample
//! `s` stands for the value `offset + s * scale`), MONOCHROME1 u8, three zero bytes, row and
//! column pixel spacing f32 in mm (0 when unknown), then the default lookup table (65,536
//! brightness bytes, one per sample, the display the server renders: the file's first window or
//! VOI LUT, MONOCHROME1 inverted), then `width * height` u16 samples row by row.

/// Bytes before the default table.
pub const HEADER: usize = 32;
/// Entries of a lookup table: one per possible sample.
pub const LEVELS: usize = 1 << 16;
const MAGIC: &[u8; 4] = b"LPX1";

/// One level of detail: level 0 is the image, each next one half as wide and high.
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub width: u32,
    pub height: u32,
    pub samples: Vec<u16>,
}

/// A decoded `LPX1` body.
#[derive(Clone, Debug, PartialEq)]
pub struct Pixels {
    pub offset: f32,
    pub scale: f32,
    pub monochrome1: bool,
    /// Row and column spacing in mm, when the file gives it.
    pub spacing: Option<(f32, f32)>,
    pub default_lut: Vec<u8>,
    pub image: Level,
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn f32_at(bytes: &[u8], at: usize) -> Option<f32> {
    u32_at(bytes, at).map(f32::from_bits)
}

/// Writes the `LPX1` body of these samples.
pub fn encode(pixels: &Pixels) -> Vec<u8> {
    let image = &pixels.image;
    let mut out = Vec::with_capacity(HEADER + LEVELS + image.samples.len() * 2);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&image.width.to_le_bytes());
    out.extend_from_slice(&image.height.to_le_bytes());
    out.extend_from_slice(&pixels.offset.to_le_bytes());
    out.extend_from_slice(&pixels.scale.to_le_bytes());
    out.extend_from_slice(&[u8::from(pixels.monochrome1), 0, 0, 0]);
    let (row, column) = pixels.spacing.unwrap_or((0.0, 0.0));
    out.extend_from_slice(&row.to_le_bytes());
    out.extend_from_slice(&column.to_le_bytes());
    out.extend_from_slice(&pixels.default_lut);
    for s in &image.samples {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

/// Whether `bytes` is an `LPX1` body of the length its header promises (without reading it).
pub fn well_formed(bytes: &[u8]) -> bool {
    let size = |w: u32, h: u32| {
        (w as usize)
            .checked_mul(h as usize)
            .filter(|n| *n > 0)
            .and_then(|n| n.checked_mul(2))
            .and_then(|n| n.checked_add(HEADER + LEVELS))
    };
    bytes.get(..4) == Some(MAGIC.as_slice())
        && matches!((u32_at(bytes, 4), u32_at(bytes, 8)), (Some(w), Some(h)) if size(w, h) == Some(bytes.len()))
}

/// Reads an `LPX1` body; `None` for anything else (a wrong magic, a short body, an image of
/// no pixels).
pub fn decode(bytes: &[u8]) -> Option<Pixels> {
    if bytes.get(..4)? != MAGIC {
        return None;
    }
    let (width, height) = (u32_at(bytes, 4)?, u32_at(bytes, 8)?);
    let count = (width as usize).checked_mul(height as usize)?;
    let body = HEADER + LEVELS;
    if count == 0 || bytes.len() != body.checked_add(count.checked_mul(2)?)? {
        return None;
    }
    let (row, column) = (f32_at(bytes, 24)?, f32_at(bytes, 28)?);
    Some(Pixels {
        offset: f32_at(bytes, 12)?,
        scale: f32_at(bytes, 16)?,
        monochrome1: bytes[20] == 1,
        spacing: (row > 0.0 && column > 0.0).then_some((row, column)),
        default_lut: bytes[HEADER..body].to_vec(),
        image: Level {
            width,
            height,
            samples: bytes[body..]
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .collect(),
        },
    })
}

/// Halves `level` (each sample the mean of a 2 × 2 block; an odd last row or column kept).
pub fn halve(level: &Level) -> Level {
    let (w, h) = (level.width as usize, level.height as usize);
    let (hw, hh) = (w.div_ceil(2), h.div_ceil(2));
    let mut samples = Vec::with_capacity(hw * hh);
    for y in 0..hh {
        let (y0, y1) = (2 * y, (2 * y + 1).min(h - 1));
        for x in 0..hw {
            let (x0, x1) = (2 * x, (2 * x + 1).min(w - 1));
            let sum = u32::from(level.samples[y0 * w + x0])
                + u32::from(level.samples[y0 * w + x1])
                + u32::from(level.samples[y1 * w + x0])
                + u32::from(level.samples[y1 * w + x1]);
            samples.push(((sum + 2) / 4) as u16);
        }
    }
    Level {
        width: hw as u32,
        height: hh as u32,
        samples,
    }
}

/// The image and its halvings down to at most `smallest` pixels on the longer side.
pub fn pyramid(image: Level, smallest: u32) -> Vec<Level> {
    let mut levels = vec![image];
    while let Some(last) = levels.last() {
        if last.width.max(last.height) <= smallest {
            break;
        }
        let next = halve(last);
        levels.push(next);
    }
    levels
}

/// The coarsest level that still has at least one sample per device pixel when the image's
/// full width is shown `device_width` device pixels wide.
pub fn level_for(full_width: u32, device_width: f64, levels: usize) -> usize {
    if !(device_width.is_finite() && device_width > 0.0) {
        return 0;
    }
    let ratio = f64::from(full_width) / device_width;
    let level = ratio.log2().floor().max(0.0) as usize;
    level.min(levels.saturating_sub(1))
}

/// The lookup table of the DICOM linear window (PS3.3 C.11.2.1.2.1) with this centre and
/// width over the samples' values, inverted for MONOCHROME1 and again when the reader asks.
pub fn window_lut(pixels: &Pixels, center: f64, width: f64, invert: bool) -> Vec<u8> {
    let width = width.max(1.0);
    let flip = pixels.monochrome1 != invert;
    (0..LEVELS)
        .map(|s| {
            let x = f64::from(pixels.offset) + s as f64 * f64::from(pixels.scale);
            let y = ((x - (center - 0.5)) / (width - 1.0).max(1e-9) + 0.5).clamp(0.0, 1.0);
            let y = if flip { 1.0 - y } else { y };
            (y * 255.0).round() as u8
        })
        .collect()
}

/// The default table, inverted when the reader asks.
pub fn default_lut(pixels: &Pixels, invert: bool) -> Vec<u8> {
    if invert {
        pixels.default_lut.iter().map(|v| 255 - v).collect()
    } else {
        pixels.default_lut.clone()
    }
}

/// A lookup table as whole opaque grey RGBA pixels (bytes R, G, B, A in memory order), so the
/// drawing does one load and one store per pixel.
pub fn rgba_lut(lut: &[u8]) -> Vec<u32> {
    lut.iter()
        .map(|&v| u32::from_le_bytes([v, v, v, 255]))
        .collect()
}

/// Paints `level` through `lut` (from [`rgba_lut`]) into `rgba`, sample by sample.
pub fn paint(level: &Level, lut: &[u32], rgba: &mut Vec<u32>) {
    rgba.clear();
    rgba.extend(level.samples.iter().map(|&s| lut[usize::from(s)]));
}

/// The bytes of painted pixels, as a canvas takes them.
pub fn bytes(rgba: &[u32]) -> &[u8] {
    bytemuck::cast_slice(rgba)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixels(width: u32, height: u32, samples: Vec<u16>) -> Pixels {
        Pixels {
            offset: -1024.0,
            scale: 1.0,
            monochrome1: false,
            spacing: Some((0.139, 0.14)),
            default_lut: (0..LEVELS).map(|s| (s % 256) as u8).collect(),
            image: Level {
                width,
                height,
                samples,
            },
        }
    }

    #[test]
    fn the_wire_format_reads_back_what_was_written_and_refuses_a_short_body() {
        let original = pixels(3, 2, vec![0, 1, 2, 65535, 4, 5]);

        let bytes = encode(&original);

        assert_eq!(bytes.len(), HEADER + LEVELS + 12);
        assert_eq!(decode(&bytes), Some(original));
        assert!(well_formed(&bytes));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        assert!(!well_formed(&bytes[..bytes.len() - 1]));
        assert_eq!(decode(b"PNG and more bytes than a header has"), None);
    }

    #[test]
    fn each_level_halves_the_one_before_by_block_means() {
        let image = Level {
            width: 3,
            height: 2,
            samples: vec![0, 4, 10, 8, 12, 20],
        };

        let levels = pyramid(image, 1);

        assert_eq!(levels[1].samples, vec![6, 15]);
        assert_eq!((levels[1].width, levels[1].height), (2, 1));
        assert_eq!(levels.last().unwrap().width, 1);
    }

    #[test]
    fn the_level_shown_has_a_sample_for_every_device_pixel() {
        assert_eq!(level_for(2000, 2000.0, 5), 0);
        assert_eq!(level_for(2000, 900.0, 5), 1);
        assert_eq!(level_for(2000, 400.0, 5), 2);
        assert_eq!(level_for(2000, 10.0, 3), 2, "no coarser than the coarsest");
        assert_eq!(level_for(2000, 4000.0, 5), 0, "magnified: the image itself");
    }

    #[test]
    fn the_window_maps_its_centre_to_mid_grey_and_clips_outside() {
        let p = pixels(1, 1, vec![0]);
        // Values are offset + sample: -1024 .. 64511. Window 40 / 400 (soft tissue in HU).
        let lut = window_lut(&p, 40.0, 400.0, false);
        let at = |value: f64| lut[(value - -1024.0) as usize];

        assert_eq!(at(-160.0), 0);
        assert_eq!(at(240.0), 255);
        assert_eq!(at(40.0), 128);
        assert_eq!(
            window_lut(&p, 40.0, 400.0, true)[(40.0 + 1024.0) as usize],
            127
        );
    }

    #[test]
    fn painting_looks_every_sample_up_as_opaque_grey() {
        let p = pixels(2, 1, vec![1, 300]);
        let mut rgba = Vec::new();

        paint(&p.image, &rgba_lut(&p.default_lut), &mut rgba);

        assert_eq!(bytes(&rgba), &[1, 1, 1, 255, 44, 44, 44, 255]);
    }
}
