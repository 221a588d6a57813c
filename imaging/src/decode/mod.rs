//! Decoding PNG, JPEG and DICOM files into a full-depth [`GreyImage`], choosing the decoder from
//! the file's content (not its name). Entry point: [`decode_file`].

pub(crate) mod dicom;
mod lengths;
mod raster;

pub use dicom::{DicomInfo, TransferSyntaxSupport, MAX_PIXELS};

use crate::error::{ImagingError, Result};
use crate::grey::GreyImage;
use std::path::Path;

/// The container a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Png,
    Jpeg,
    Dicom,
}

/// A decoded image: full-depth grey values with photometric and window presets, plus the DICOM
/// header facts an importer needs (for DICOM sources).
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedImage {
    pub format: SourceFormat,
    pub image: GreyImage,
    pub dicom: Option<DicomInfo>,
}

/// Recognises the container from its first bytes: PNG signature, JPEG SOI marker, or the DICOM
/// Part 10 "DICM" magic after the 128-byte preamble (PS3.10 7.1).
pub fn sniff(bytes: &[u8]) -> Option<SourceFormat> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(SourceFormat::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(SourceFormat::Jpeg)
    } else if bytes.len() >= 132 && &bytes[128..132] == b"DICM" {
        Some(SourceFormat::Dicom)
    } else {
        None
    }
}

/// Reads and decodes the file at `path`.
///
/// # Errors
/// Every error names the file: [`ImagingError::Io`] if it cannot be read,
/// [`ImagingError::UnknownFormat`] if it is not PNG/JPEG/DICOM,
/// [`ImagingError::UnsupportedTransferSyntax`] for compressions this crate does not decode,
/// [`ImagingError::UnsupportedImage`] for colour or otherwise unshowable DICOM, and
/// [`ImagingError::Dicom`] / [`ImagingError::Raster`] for corrupt content.
pub fn decode_file(path: &Path) -> Result<DecodedImage> {
    let bytes = std::fs::read(path).map_err(|e| ImagingError::io(path, "reading", e))?;
    decode_bytes(&bytes, path)
}

/// Decodes in-memory file content; `name` is only used in error messages (e.g. an upload's
/// file name).
///
/// # Errors
/// As [`decode_file`], except for reading.
pub fn decode_bytes(bytes: &[u8], name: &Path) -> Result<DecodedImage> {
    match sniff(bytes) {
        Some(SourceFormat::Dicom) => dicom::decode(bytes, name),
        Some(format) => raster::decode(bytes, format, name),
        None => Err(ImagingError::UnknownFormat {
            path: name.to_path_buf(),
            magic: bytes
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(" "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_are_recognised_by_their_magic_bytes() {
        let mut dicom = vec![0u8; 132];
        dicom[128..].copy_from_slice(b"DICM");
        assert_eq!(sniff(&dicom), Some(SourceFormat::Dicom));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some(SourceFormat::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(SourceFormat::Jpeg));
        assert_eq!(sniff(b"GIF89a"), None);
    }

    #[test]
    fn an_unknown_format_names_the_file_and_its_first_bytes() {
        let err = decode_bytes(b"GIF89a..", Path::new("scan.gif")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "scan.gif: not a PNG, JPEG or DICOM file (first bytes 47 49 46 38 39 61 2e 2e); \
             export the image as one of these"
        );
    }
}
