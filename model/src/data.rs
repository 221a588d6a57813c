//! The study data set as the CNN sees it: manifest rows (`case_id,file,truth,age,sex,location,
//! site,split`), their images letterboxed to the input size, and the train/validation/test split.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{ModelError, Result};
use crate::preprocess::{letterbox, GreyImage};
use vocab::SplitMix64;

pub use vocab::Split;

/// One manifest row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseMeta {
    /// Case identifier.
    pub case_id: String,
    /// Image path, resolved against the manifest's folder.
    pub file: PathBuf,
    /// `true` for osteosarcoma, `false` for giant-cell tumour.
    pub is_os: bool,
    /// Age in years.
    pub age: f64,
    /// `true` for male.
    pub male: bool,
    /// Lesion site label, e.g. `distal_femur`.
    pub location: String,
    /// Hospital.
    pub site: String,
    /// Study split.
    pub split: Split,
    /// A `Train` case held back for early stopping (see [`carve_validation`]).
    pub validation: bool,
}

impl CaseMeta {
    /// Whether the network fits on the case: the train split minus its validation part.
    pub fn fits(&self) -> bool {
        self.split == Split::Train && !self.validation
    }
}

/// Reads `manifest.csv` through `imaging`'s reader; `path` may be the CSV or its folder.
///
/// # Errors
/// The file is missing or a row is malformed (the row and field are named), including a
/// `case_id` that is not a safe file name: predictions and overlays are named after it.
pub fn read_manifest(path: &Path) -> Result<Vec<CaseMeta>> {
    use imaging::phantom::{Class, Sex};
    let file = manifest_path(path);
    let m = imaging::synth::read_manifest(&file).map_err(|e| ModelError::Manifest {
        path: file.clone(),
        row: 0,
        reason: e.to_string(),
    })?;
    if m.rows.is_empty() {
        return Err(ModelError::Manifest {
            path: file,
            row: 0,
            reason: "the manifest has no cases".into(),
        });
    }
    Ok(m.rows
        .iter()
        .map(|r| CaseMeta {
            case_id: r.case_id.clone(),
            file: m.image_path(r),
            is_os: r.truth == Class::Os,
            age: f64::from(r.age),
            male: r.sex == Sex::Male,
            location: r.location.label().to_string(),
            site: r.site.clone(),
            split: r.split,
            validation: false,
        })
        .collect())
}

/// `DIR/manifest.csv` for a folder, the path itself for a file.
pub fn manifest_path(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("manifest.csv")
    } else {
        path.to_path_buf()
    }
}

/// Decodes a PNG, JPEG or DICOM file to display intensities in `[0, 1]` through
/// [`imaging::decode_file`]: the source's default window (DICOM window / VOI LUT, else the stored
/// range) applied and MONOCHROME1 inverted, so the network sees what a reader sees.
///
/// # Errors
/// [`ModelError::Decode`] naming the file when it cannot be read or decoded.
pub fn load_image(path: &Path) -> Result<GreyImage> {
    let decoded = imaging::decode_file(path)?;
    Ok(GreyImage::from(&decoded.image))
}

/// As [`load_image`] for in-memory file content (e.g. an upload); `name` only labels errors.
///
/// # Errors
/// [`ModelError::Decode`] when the bytes are not a decodable PNG, JPEG or DICOM image.
pub fn decode_image_bytes(bytes: &[u8], name: &Path) -> Result<GreyImage> {
    let decoded = imaging::decode::decode_bytes(bytes, name)?;
    Ok(GreyImage::from(&decoded.image))
}

/// A case with its image resized for the network.
#[derive(Debug, Clone)]
pub struct Case {
    /// Manifest row.
    pub meta: CaseMeta,
    /// Letterboxed `input_size²` image in `[0, 1]`.
    pub image: GreyImage,
    /// The lesion mask letterboxed the same way (1 inside), when the data set has one.
    pub mask: Option<GreyImage>,
}

/// Loads every manifest row's image at `input_size`, with its lesion mask from
/// `masks/<case_id>.png` in `root` (the manifest's folder) when that file exists.
///
/// # Errors
/// See [`read_manifest`] and [`load_image`]; a mask that exists but cannot be decoded.
pub fn load_cases(metas: &[CaseMeta], root: &Path, input_size: usize) -> Result<Vec<Case>> {
    metas
        .iter()
        .map(|m| {
            let mask_file = mask_path(root, &m.case_id);
            let mask = mask_file
                .is_file()
                .then(|| load_image(&mask_file).map(|k| letterbox(&k, input_size)))
                .transpose()?;
            Ok(Case {
                meta: m.clone(),
                image: letterbox(&load_image(&m.file)?, input_size),
                mask,
            })
        })
        .collect()
}

/// Where a case's lesion mask lives beside a manifest: `root/masks/<case_id>.png`.
pub fn mask_path(root: &Path, case_id: &str) -> PathBuf {
    root.join("masks").join(format!("{case_id}.png"))
}

/// Holds a stratified fraction of the `Train` cases back for validation (unless some already
/// are), drawn from `seed`, so early stopping never looks at the test sets.
pub fn carve_validation(cases: &mut [CaseMeta], fraction: f64, seed: u64) {
    if cases.iter().any(|c| c.validation) {
        return;
    }
    let mut rng = SplitMix64::new(seed ^ 0x5EED_0F0A_11DA_7E00);
    for class in [true, false] {
        let mut idx: Vec<usize> = (0..cases.len())
            .filter(|&i| cases[i].fits() && cases[i].is_os == class)
            .collect();
        rng.shuffle_by_index(&mut idx);
        let k = (idx.len() as f64 * fraction).round() as usize;
        for &i in idx.iter().take(k) {
            cases[i].validation = true;
        }
    }
}
