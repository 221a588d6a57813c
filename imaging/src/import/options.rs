//! What the caller configures: the study's two classes and the import's limits
//! ([`ImportOptions`]), and for BTXRD the columns, folders and external centres
//! ([`BtxrdOptions`], whose mapping the `btxrd` module describes).

/// What the study expects and how much the import may take in.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// The study's positive class label (e.g. `OS`); `truth` must match it or the negative one,
    /// ignoring case. For BTXRD: the tumour column of the positive class (e.g. `osteosarcoma`).
    pub positive_label: String,
    /// The study's negative class label (e.g. `GCT`; for BTXRD e.g. `giant cell tumor`).
    pub negative_label: String,
    /// Most cases one import may hold.
    pub max_cases: usize,
    /// Largest zip upload, bytes.
    pub max_upload_bytes: u64,
    /// Most bytes a zip may unpack to (zip-bomb guard).
    pub max_unpacked_bytes: u64,
    /// Most entries (files and folders) a zip may hold.
    pub max_zip_entries: usize,
    /// Largest single image file, bytes.
    pub max_image_bytes: u64,
    /// Longest side of `display.png`; larger images are reduced keeping the aspect.
    pub display_max_side: u32,
    /// Longest side of `thumb.png`.
    pub thumb_side: u32,
    /// Threads decoding and rendering images.
    pub threads: usize,
    /// How DICOM files are de-identified before they are stored; `None` stores them as they
    /// came (only for data already de-identified, such as the shipped fixtures' tests).
    pub deid: Option<crate::deid::Deidentification>,
}

impl ImportOptions {
    /// Options for a study with these two class labels and the default limits: 5,000 cases,
    /// 4 GB upload, 8 GB unpacked, 20,000 zip entries, 200 MB per image, display up to 4096
    /// px, 256 px thumbnails, 2 threads; DICOM de-identified with a random secret (UIDs
    /// consistent within this import only; a study's import sets its own).
    pub fn new(positive_label: impl Into<String>, negative_label: impl Into<String>) -> Self {
        Self {
            positive_label: positive_label.into(),
            negative_label: negative_label.into(),
            max_cases: 5_000,
            max_upload_bytes: 4_000_000_000,
            max_unpacked_bytes: 8_000_000_000,
            max_zip_entries: 20_000,
            max_image_bytes: 200_000_000,
            display_max_side: 4096,
            thumb_side: crate::render::THUMBNAIL_SIDE,
            threads: 2,
            deid: Some(crate::deid::Deidentification::for_study(&random_secret())),
        }
    }
}

/// 32 bytes that differ between imports: the process's random hasher keys and the time,
/// hashed (no random-number crate needed; the secret only has to be unguessable to readers
/// of the stored files, who never see it).
fn random_secret() -> Vec<u8> {
    use std::hash::{BuildHasher, Hasher};
    let mut bytes = Vec::with_capacity(32);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    for round in 0..4u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(nanos);
        h.write_u64(round);
        bytes.extend_from_slice(&h.finish().to_le_bytes());
    }
    bytes
}

/// The table's column names (matched ignoring case and surrounding spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BtxrdColumns {
    pub image_id: String,
    pub center: String,
    pub age: String,
    pub gender: String,
    /// One-hot anatomical site columns; those missing from the table are ignored.
    pub sites: Vec<String>,
}

impl Default for BtxrdColumns {
    /// The names of the published data set.
    fn default() -> Self {
        let sites = [
            "hand",
            "ulna",
            "radius",
            "humerus",
            "foot",
            "tibia",
            "fibula",
            "femur",
            "hip bone",
            "ankle-joint",
            "knee-joint",
            "hip-joint",
            "wrist-joint",
            "elbow-joint",
            "shoulder-joint",
        ];
        Self {
            image_id: "image_id".into(),
            center: "center".into(),
            age: "age".into(),
            gender: "gender".into(),
            sites: sites.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// How to read a BTXRD folder. `import.positive_label` / `negative_label` name the tumour
/// columns of the study's two classes (e.g. `osteosarcoma` and `giant cell tumor`).
#[derive(Debug, Clone, PartialEq)]
pub struct BtxrdOptions {
    pub import: ImportOptions,
    /// Centres (values of the `center` column, e.g. `3`) whose cases form the external split.
    pub external_centres: Vec<String>,
    pub columns: BtxrdColumns,
    /// Folder of the images, relative to the data set folder.
    pub images_dir: String,
    /// Folder of the LabelMe annotations.
    pub annotations_dir: String,
    /// The table's file; `None` takes `dataset.xlsx`, else `dataset.csv`.
    pub table: Option<String>,
}

impl BtxrdOptions {
    /// The published layout, with these tumour columns as the positive and negative class and
    /// no external centre.
    pub fn new(positive_column: impl Into<String>, negative_column: impl Into<String>) -> Self {
        Self {
            import: ImportOptions::new(positive_column, negative_column),
            external_centres: Vec::new(),
            columns: BtxrdColumns::default(),
            images_dir: "images".into(),
            annotations_dir: "Annotations".into(),
            table: None,
        }
    }
}
