//! What an import produces: [`PreparedImport`] with one [`PreparedCase`] per case and its
//! [`DerivedFiles`], and the crate-internal [`Candidate`] a source's reader hands to staging.

use super::{labelme, ImportReport};
use crate::grey::Photometric;
use crate::phantom::Split;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A validated import whose derived files are in [`PreparedImport::staging`].
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedImport {
    /// The staging folder the caller passed; every [`DerivedFiles`] path is relative to it.
    pub staging: PathBuf,
    /// In source row order.
    pub cases: Vec<PreparedCase>,
    /// Rows read and skipped (its `problems` is empty).
    pub report: ImportReport,
}

/// A named window preset from the DICOM Window Center/Width tags.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowPreset {
    /// The Window Center & Width Explanation, else `window 1`, `window 2`, ...
    pub name: String,
    pub center: f64,
    pub width: f64,
}

/// The files written for one case, relative to the staging folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedFiles {
    /// `<case_id>/original.<png|jpg|dcm>`: the source bytes unchanged, except that a DICOM
    /// file is its de-identified copy ([`crate::deid`]).
    pub original: PathBuf,
    /// `<case_id>/display.png`: 8-bit, the image's default window, MONOCHROME1 inverted.
    pub display: PathBuf,
    /// `<case_id>/thumb.png`.
    pub thumb: PathBuf,
    /// `<case_id>/mask.png` (255 inside the lesion), when the source has a mask.
    pub mask: Option<PathBuf>,
}

/// One imported case: the source's facts and the image's.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedCase {
    pub case_id: String,
    /// `true` for the positive class.
    pub truth: bool,
    /// The label as written in the source (manifest `truth`, or the BTXRD tumour column).
    pub truth_label: String,
    pub age: Option<u32>,
    /// `M` or `F`.
    pub sex: Option<String>,
    /// Anatomical location (e.g. `distal_femur`, BTXRD `femur`).
    pub location: Option<String>,
    /// Hospital or centre.
    pub site: Option<String>,
    pub split: Split,
    /// The source's other columns, header → value.
    pub metadata: BTreeMap<String, String>,
    /// The image's path as the source gives it (e.g. `dicom/case_0001.dcm`).
    pub source_file: String,
    pub width: u32,
    pub height: u32,
    pub bits_stored: u16,
    /// DICOM Modality (e.g. `CR`); `None` for PNG/JPEG.
    pub modality: Option<String>,
    pub photometric: Photometric,
    /// DICOM window presets, first is the default; empty for PNG/JPEG.
    pub windows: Vec<WindowPreset>,
    pub files: DerivedFiles,
    /// The DICOM identifiers the de-identified copy replaced (its re-identification key);
    /// empty for PNG/JPEG and for DICOM stored as it came.
    pub identifiers: Vec<crate::deid::Replacement>,
}

/// Where a case's mask comes from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MaskSource {
    None,
    /// A mask image (non-zero inside), its checked path and its name as shown in messages.
    Png {
        path: PathBuf,
        name: String,
    },
    /// LabelMe shapes to rasterise at the image's size.
    Shapes(labelme::Annotation),
}

/// A case whose fields passed their checks, waiting to be decoded and staged.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub row: usize,
    pub case_id: String,
    pub truth: bool,
    pub truth_label: String,
    pub age: Option<u32>,
    pub sex: Option<String>,
    pub location: Option<String>,
    pub site: Option<String>,
    pub split: Split,
    pub metadata: BTreeMap<String, String>,
    pub source_file: String,
    /// Checked: inside the data set folder, a file, within the size limit.
    pub image: PathBuf,
    pub mask: MaskSource,
}
