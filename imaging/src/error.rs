//! The crate's one error type: every failure names the file (when there is one) and the reason.

use std::path::PathBuf;

/// Everything that can go wrong while decoding, rendering, generating or writing images.
#[derive(Debug, thiserror::Error)]
pub enum ImagingError {
    /// The file could not be read or written at all.
    #[error("{path}: {action} failed")]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a PNG, a JPEG or a DICOM Part 10 file.
    #[error("{path}: not a PNG, JPEG or DICOM file (first bytes {magic}); export the image as one of these")]
    UnknownFormat { path: PathBuf, magic: String },
    /// A DICOM transfer syntax this crate deliberately does not decode.
    #[error("{path}: transfer syntax {uid} ({name}) is not supported; export the study uncompressed or as JPEG 2000")]
    UnsupportedTransferSyntax {
        path: PathBuf,
        uid: String,
        name: String,
    },
    /// The DICOM file is readable but its content cannot be shown as a grey-scale image.
    #[error("{path}: {reason}")]
    UnsupportedImage { path: PathBuf, reason: String },
    /// A DICOM file that fails to parse or whose pixel data fails to decode.
    #[error("{path}: corrupt or unreadable DICOM ({what})")]
    Dicom {
        path: PathBuf,
        what: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A PNG or JPEG file whose bytes fail to decode.
    #[error("{path}: corrupt or unreadable {format} image")]
    Raster {
        path: PathBuf,
        format: &'static str,
        #[source]
        source: image::ImageError,
    },
    /// Encoding a PNG in memory failed (only on an impossible size).
    #[error("encoding a {width}x{height} PNG failed")]
    Encode {
        width: u32,
        height: u32,
        #[source]
        source: image::ImageError,
    },
    /// A DICOM image whose Burned In Annotation says its pixels carry text (perhaps a name),
    /// imported into a study that does not accept such images.
    #[error("{path}: Burned In Annotation is YES, so the pixels may show the patient's name, which de-identification cannot remove; leave the image out of the import, or accept such images in the study's de-identification settings")]
    BurnedInAnnotation { path: PathBuf },
    /// A phantom configuration that cannot produce a data set.
    #[error("invalid phantom configuration: {0}")]
    Config(String),
    /// A manifest CSV row that cannot be read back.
    #[error("{path}: row {row}: {reason}")]
    Manifest {
        path: PathBuf,
        row: usize,
        reason: String,
    },
}

/// Result alias used across the crate.
pub type Result<T, E = ImagingError> = std::result::Result<T, E>;

impl ImagingError {
    pub(crate) fn io(
        path: impl Into<PathBuf>,
        action: &'static str,
        source: std::io::Error,
    ) -> Self {
        Self::Io {
            path: path.into(),
            action,
            source,
        }
    }
}
