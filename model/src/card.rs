//! The model card: what data, seed and network produced a weights file, and how well it did.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::augment::AugmentConfig;
use crate::data::CaseMeta;
use crate::error::{ModelError, Result};
use crate::net::NetConfig;

/// An AUC with its 95 % DeLong confidence interval and the number of cases behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AucCi {
    /// Area under the ROC curve.
    pub auc: f64,
    /// Lower 95 % bound.
    pub lo: f64,
    /// Upper 95 % bound.
    pub hi: f64,
    /// Cases scored.
    pub n: usize,
}

/// Everything needed to reproduce and judge a trained network (saved as JSON next to the weights).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelCard {
    /// SHA-256 of the manifest followed by every image file, in manifest order.
    pub data_hash: String,
    /// Seed of initialisation, splitting, shuffling and augmentation.
    pub seed: u64,
    /// Epochs run before early stopping ended training.
    pub epochs: usize,
    /// Epoch whose weights were kept (best validation AUC, 1-based).
    pub best_epoch: usize,
    /// Network shape; `widths` and `input_size` live here.
    pub net: NetConfig,
    /// Augmentation used.
    pub augment: AugmentConfig,
    /// Factor of the mask-guidance penalty (0: unguided; absent in cards of unguided models).
    #[serde(default)]
    pub cam_mask_weight: f64,
    /// Cases per split: train, validation, internal test, external test.
    pub counts: [usize; 4],
    /// Validation AUC at the kept epoch.
    pub val_auc: f64,
    /// Internal test AUC (training hospitals, unseen cases).
    pub internal_test_auc: Option<AucCi>,
    /// External test AUC (the held-out hospital).
    pub external_test_auc: Option<AucCi>,
    /// Wall-clock training time in seconds.
    pub train_seconds: f64,
    /// The command that produced the weights.
    pub command: String,
}

impl ModelCard {
    /// Writes the card as pretty JSON.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_string_pretty(self).map_err(|source| ModelError::Card {
            path: path.to_path_buf(),
            source,
        })?;
        std::fs::write(path, json + "\n").map_err(|e| ModelError::io(path, e))
    }

    /// Reads a card.
    ///
    /// # Errors
    /// The file is missing or not a model card.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| ModelError::io(path, e))?;
        serde_json::from_str(&text).map_err(|source| ModelError::Card {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// SHA-256 over the manifest bytes and then each case's image bytes, hex encoded.
///
/// # Errors
/// A file cannot be read.
pub fn data_hash(manifest: &Path, cases: &[CaseMeta]) -> Result<String> {
    let mut h = Sha256::new();
    let mut feed = |p: &Path| -> Result<()> {
        let mut f = std::fs::File::open(p).map_err(|e| ModelError::io(p, e))?;
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).map_err(|e| ModelError::io(p, e))?;
        h.update(&buf);
        Ok(())
    };
    feed(manifest)?;
    for c in cases {
        feed(&c.file)?;
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}
