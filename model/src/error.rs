//! The one error type of the `model` crate.

use std::path::PathBuf;

/// Everything that can go wrong while building, training or running the assisting AI.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// A tensor operation failed inside candle (shape mismatch, bad dtype, ...).
    #[error("tensor operation failed: {0}")]
    Candle(#[from] candle_core::Error),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A weights file lacks a tensor the network needs.
    #[error("weights: missing tensor '{name}'; check that the file matches the network widths and depths in the model card")]
    MissingTensor {
        /// Parameter name, torchvision style (`layer1.0.conv1.weight`).
        name: String,
    },
    /// A weights file holds a tensor with the wrong shape.
    #[error("weights: tensor '{name}' has shape {found:?}, expected {expected:?}; the network configuration does not match the file")]
    ShapeMismatch {
        /// Parameter name.
        name: String,
        /// Shape in the file.
        found: Vec<usize>,
        /// Shape the network expects.
        expected: Vec<usize>,
    },
    /// A manifest row could not be used.
    #[error("manifest {path} row {row}: {reason}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// 1-based data row (header excluded).
        row: usize,
        /// What is wrong and how to fix it.
        reason: String,
    },
    /// An image file could not be read or decoded (the cause names the file and the reason).
    #[error(transparent)]
    Decode(#[from] imaging::ImagingError),
    /// The model card JSON could not be read or written.
    #[error("model card {path}: {source}")]
    Card {
        /// The card file.
        path: PathBuf,
        /// The JSON error.
        source: serde_json::Error,
    },
    /// An argument is out of range or data are unusable for the requested computation.
    #[error("{what}: {reason}")]
    InvalidInput {
        /// Which input is wrong.
        what: &'static str,
        /// Why it is wrong and what to do.
        reason: String,
    },
}

impl ModelError {
    /// Shorthand for [`ModelError::InvalidInput`].
    pub(crate) fn invalid(what: &'static str, reason: impl Into<String>) -> Self {
        Self::InvalidInput {
            what,
            reason: reason.into(),
        }
    }

    /// Wraps an I/O error with the path it concerns.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result alias used throughout the crate.
pub type Result<T> = std::result::Result<T, ModelError>;
