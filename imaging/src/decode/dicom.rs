//! DICOM sources: transfer-syntax check, pixel decoding by dicom-rs with pure-Rust codecs
//! (native, RLE, JPEG baseline/lossless via jpeg-decoder, JPEG 2000 via openjp2), the Modality
//! LUT (rescale slope/intercept) applied, window presets, VOI LUT function and VOI LUT tables
//! read from the tags.
//! MONOCHROME1 is kept as stored and inverted at display time.

use super::{lengths, DecodedImage, SourceFormat};
use crate::error::{ImagingError, Result};
use crate::grey::{GreyImage, Photometric, VoiFunction, VoiTable, Window};
use dicom_core::Tag;
use dicom_dictionary_std::tags;
use dicom_object::{DefaultDicomObject, OpenFileOptions};
use dicom_pixeldata::PixelDecoder;
use std::path::Path;

/// Header facts of a DICOM source.
#[derive(Debug, Clone, PartialEq)]
pub struct DicomInfo {
    pub transfer_syntax: String,
    pub modality: Option<String>,
    pub body_part: Option<String>,
    /// PatientAge as written, e.g. `023Y`.
    pub patient_age: Option<String>,
    pub patient_sex: Option<String>,
    pub rescale_slope: f64,
    pub rescale_intercept: f64,
    /// Frames in the file; only the first is decoded.
    pub frames: u32,
    /// Row and column spacing in mm: Pixel Spacing, else Imager Pixel Spacing (projection
    /// radiographs measure at the detector).
    pub pixel_spacing: Option<(f64, f64)>,
}

/// Whether this crate decodes a transfer syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferSyntaxSupport {
    Supported,
    /// Refused, with the syntax's name for the error message.
    Unsupported(&'static str),
}

impl TransferSyntaxSupport {
    /// Classifies `uid` for an image of `bits_stored`. Refused: JPEG extended with more than 8
    /// bits (no pure-Rust 12-bit DCT decoder), JPEG-LS (needs the CharLS C library), MPEG/HEVC
    /// video and JPEG XL (no decoder compiled in). Everything else is tried.
    pub fn of(uid: &str, bits_stored: u16) -> Self {
        match uid {
            "1.2.840.10008.1.2.4.51" if bits_stored > 8 => {
                Self::Unsupported("JPEG extended 12-bit")
            }
            "1.2.840.10008.1.2.4.80" => Self::Unsupported("JPEG-LS lossless"),
            "1.2.840.10008.1.2.4.81" => Self::Unsupported("JPEG-LS near-lossless"),
            "1.2.840.10008.1.2.4.110" | "1.2.840.10008.1.2.4.111" | "1.2.840.10008.1.2.4.112" => {
                Self::Unsupported("JPEG XL")
            }
            u if u.starts_with("1.2.840.10008.1.2.4.10") => Self::Unsupported("MPEG/HEVC video"),
            _ => Self::Supported,
        }
    }
}

fn text(obj: &DefaultDicomObject, tag: Tag) -> Option<String> {
    let value = obj.element(tag).ok()?.to_str().ok()?;
    let trimmed = value.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

fn number(obj: &DefaultDicomObject, tag: Tag) -> Option<f64> {
    obj.element(tag).ok()?.to_float64().ok()
}

fn numbers(obj: &DefaultDicomObject, tag: Tag) -> Vec<f64> {
    obj.element(tag)
        .ok()
        .and_then(|e| e.to_multi_float64().ok())
        .unwrap_or_default()
}

/// Window presets from Window Center/Width (multi-valued: one preset per pair), with their
/// explanations and the VOI LUT Function.
fn windows(obj: &DefaultDicomObject) -> Vec<Window> {
    let centers = numbers(obj, tags::WINDOW_CENTER);
    let widths = numbers(obj, tags::WINDOW_WIDTH);
    let explanations: Vec<String> = text(obj, tags::WINDOW_CENTER_WIDTH_EXPLANATION)
        .map(|t| t.split('\\').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    let function = text(obj, tags::VOILUT_FUNCTION)
        .and_then(|f| VoiFunction::parse(&f))
        .unwrap_or_default();
    centers
        .iter()
        .zip(&widths)
        .enumerate()
        .filter(|(_, (_, w))| **w >= 1.0)
        .map(|(i, (c, w))| Window {
            center: *c,
            width: *w,
            explanation: explanations.get(i).filter(|e| !e.is_empty()).cloned(),
            function,
        })
        .collect()
}

/// Most pixels an image may have: 2^26 (8192 × 8192). Larger than any radiograph detector (a
/// 43 cm plate at 100 µm is 4300²) and than the 4096-pixel display, small enough that a header
/// cannot make the decoder allocate gigabytes (2^26 values are 256 MB as `f32`).
pub const MAX_PIXELS: u64 = 1 << 26;

/// Checks the image attributes against each other before any pixel is decoded, so that a
/// hostile or corrupt header is refused with its reason instead of making the decoder allocate
/// what the header claims or overflow on it. Missing attributes are left to the decoder, which
/// names them.
///
/// # Errors
/// The reason, for [`ImagingError::UnsupportedImage`].
fn check_image_size(obj: &DefaultDicomObject) -> std::result::Result<(), String> {
    let attribute = |tag| -> Option<u64> { obj.element(tag).ok()?.to_int::<u64>().ok() };
    let (Some(rows), Some(columns)) = (attribute(tags::ROWS), attribute(tags::COLUMNS)) else {
        return Ok(());
    };
    let pixels = rows.saturating_mul(columns);
    if pixels == 0 {
        return Err(format!(
            "the header declares a {columns}x{rows} image, which has no pixels; the file is corrupt"
        ));
    }
    if pixels > MAX_PIXELS {
        return Err(format!(
            "the header declares a {columns}x{rows} image, more than the {MAX_PIXELS} pixels \
             read; the file is corrupt or not a radiograph"
        ));
    }
    let samples = attribute(tags::SAMPLES_PER_PIXEL).unwrap_or(1);
    let bits = attribute(tags::BITS_ALLOCATED).unwrap_or(16);
    // Native (uncompressed) pixel data must hold the whole first frame; compressed data is
    // checked by its codec.
    let stored = obj
        .element(tags::PIXEL_DATA)
        .ok()
        .and_then(|e| e.value().primitive())
        .map(|p| p.calculate_byte_len() as u64);
    let needed = pixels
        .saturating_mul(samples)
        .saturating_mul(bits)
        .div_ceil(8);
    match stored {
        Some(stored) if stored < needed => Err(format!(
            "the pixel data holds {stored} bytes but a {columns}x{rows} image of {samples} \
             sample(s) at {bits} bits needs {needed}; the file is truncated or corrupt"
        )),
        _ => Ok(()),
    }
}

/// The parsed Part 10 file (`bytes` start with the 128-byte preamble), its element lengths
/// checked against the file's size first.
///
/// # Errors
/// [`ImagingError::Dicom`] when an element is longer than the file or the header or data set
/// does not parse.
pub(crate) fn open(bytes: &[u8], name: &Path) -> Result<DefaultDicomObject> {
    let corrupt = |what: &'static str| {
        move |e: Box<dyn std::error::Error + Send + Sync>| ImagingError::Dicom {
            path: name.to_path_buf(),
            what,
            source: e,
        }
    };
    let body = bytes.get(128..).unwrap_or_default();
    lengths::check(body).map_err(|reason| {
        corrupt("an element is longer than the rest of the file")(reason.into())
    })?;
    // Skip the 128-byte preamble: the reader starts at the "DICM" magic.
    OpenFileOptions::new()
        .from_reader(body)
        .map_err(|e| corrupt("reading the header and data set")(Box::new(e)))
}

pub(super) fn decode(bytes: &[u8], name: &Path) -> Result<DecodedImage> {
    let corrupt = |what: &'static str| {
        move |e: Box<dyn std::error::Error + Send + Sync>| ImagingError::Dicom {
            path: name.to_path_buf(),
            what,
            source: e,
        }
    };
    let unsupported = |reason: String| ImagingError::UnsupportedImage {
        path: name.to_path_buf(),
        reason,
    };
    let obj = open(bytes, name)?;
    let transfer_syntax = obj.meta().transfer_syntax().to_string();
    let bits_stored = number(&obj, tags::BITS_STORED).unwrap_or(16.0) as u16;
    if let TransferSyntaxSupport::Unsupported(syntax) =
        TransferSyntaxSupport::of(&transfer_syntax, bits_stored)
    {
        return Err(ImagingError::UnsupportedTransferSyntax {
            path: name.to_path_buf(),
            uid: transfer_syntax,
            name: syntax.to_string(),
        });
    }
    let photometric = match text(&obj, tags::PHOTOMETRIC_INTERPRETATION).as_deref() {
        Some("MONOCHROME1") => Photometric::Monochrome1,
        Some("MONOCHROME2") => Photometric::Monochrome2,
        other => {
            return Err(unsupported(format!(
                "photometric interpretation {} is not grey-scale; only MONOCHROME1/2 radiographs are read",
                other.unwrap_or("(missing)")
            )))
        }
    };
    if obj.element(tags::MODALITY_LUT_SEQUENCE).is_ok() {
        return Err(unsupported(
            "a Modality LUT Sequence (table) is not supported; export with rescale slope/intercept"
                .into(),
        ));
    }
    check_image_size(&obj).map_err(unsupported)?;
    let pixels = obj
        .decode_pixel_data_frame(0)
        .map_err(|e| corrupt("decoding the pixel data")(Box::new(e)))?;
    // The default conversion applies the Modality LUT (rescale) and no VOI transform.
    let values: Vec<f32> = pixels
        .to_vec_frame(0)
        .map_err(|e| corrupt("converting the pixel data")(Box::new(e)))?;
    let (width, height) = (pixels.columns(), pixels.rows());
    let voi_tables = pixels
        .voi_lut_sequence()
        .map_err(|e| corrupt("reading the VOI LUT Sequence")(Box::new(e)))?
        .unwrap_or_default()
        .iter()
        .map(|lut| VoiTable {
            first: f64::from(lut.min_pixel_value),
            entries: lut.data.clone(),
            explanation: lut.explanation.clone(),
        })
        .collect();
    // In u64: the decoder reports columns and rows as u32s, whose product a u32 need not hold.
    if values.len() as u64 != u64::from(width) * u64::from(height) {
        return Err(unsupported(format!(
            "{} samples for a {width}x{height} image; only single-sample grey images are read",
            values.len()
        )));
    }
    let info = DicomInfo {
        transfer_syntax,
        modality: text(&obj, tags::MODALITY),
        body_part: text(&obj, tags::BODY_PART_EXAMINED),
        patient_age: text(&obj, tags::PATIENT_AGE),
        patient_sex: text(&obj, tags::PATIENT_SEX),
        rescale_slope: number(&obj, tags::RESCALE_SLOPE).unwrap_or(1.0),
        rescale_intercept: number(&obj, tags::RESCALE_INTERCEPT).unwrap_or(0.0),
        frames: number(&obj, tags::NUMBER_OF_FRAMES).map_or(1, |n| n as u32),
        pixel_spacing: [tags::PIXEL_SPACING, tags::IMAGER_PIXEL_SPACING]
            .into_iter()
            .find_map(|tag| match numbers(&obj, tag)[..] {
                [row, column] if row > 0.0 && column > 0.0 => Some((row, column)),
                _ => None,
            }),
    };
    Ok(DecodedImage {
        format: SourceFormat::Dicom,
        image: GreyImage {
            width,
            height,
            values,
            photometric,
            bits_stored,
            windows: windows(&obj),
            voi_tables,
        },
        dicom: Some(info),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_12_bit_flavour_of_jpeg_extended_is_refused() {
        let uid = "1.2.840.10008.1.2.4.51";
        assert_eq!(
            TransferSyntaxSupport::of(uid, 8),
            TransferSyntaxSupport::Supported
        );
        assert_eq!(
            TransferSyntaxSupport::of(uid, 12),
            TransferSyntaxSupport::Unsupported("JPEG extended 12-bit")
        );
    }

    #[test]
    fn codecs_without_a_pure_rust_decoder_are_refused_and_the_others_tried() {
        let refused = |uid| {
            matches!(
                TransferSyntaxSupport::of(uid, 12),
                TransferSyntaxSupport::Unsupported(_)
            )
        };
        assert!(refused("1.2.840.10008.1.2.4.80"), "JPEG-LS needs CharLS");
        assert!(refused("1.2.840.10008.1.2.4.102"), "MPEG-4 video");
        assert!(
            !refused("1.2.840.10008.1.2.4.90"),
            "JPEG 2000 lossless via openjp2"
        );
        assert!(
            !refused("1.2.840.10008.1.2.4.70"),
            "JPEG lossless via jpeg-decoder"
        );
        assert!(!refused("1.2.840.10008.1.2.5"), "RLE");
    }
}
