//! The study data set as the CNN sees it: manifest rows (`case_id,file,truth,age,sex,location,
//! site,split`), their images letterboxed to the input size, and the train/validation/test split.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{ModelError, Result};
use crate::preprocess::{letterbox, GreyImage};
use crate::rng::Rng;

/// Which part of the study a case belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Split {
    /// Training sites, training part.
    Train,
    /// Training sites, validation part (for early stopping).
    Val,
    /// Training sites, internal test part.
    Test,
    /// The held-out hospital.
    External,
}

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
    /// Lesion site, e.g. `distal_femur`.
    pub location: String,
    /// Hospital.
    pub site: String,
    /// Study split.
    pub split: Split,
}

/// Reads `manifest.csv`; `path` may be the CSV itself or the folder holding it.
///
/// # Errors
/// The file is missing, a column is absent, or a value cannot be parsed (the row is named).
pub fn read_manifest(path: &Path) -> Result<Vec<CaseMeta>> {
    let file = if path.is_dir() {
        path.join("manifest.csv")
    } else {
        path.to_path_buf()
    };
    let root = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let bad = |row: usize, reason: String| ModelError::Manifest {
        path: file.clone(),
        row,
        reason,
    };
    let mut rdr = csv::Reader::from_path(&file).map_err(|e| bad(0, e.to_string()))?;
    let headers = rdr.headers().map_err(|e| bad(0, e.to_string()))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .ok_or_else(|| bad(0, format!("no '{name}' column; expected case_id,file,truth,age,sex,location,site,split")))
    };
    let idx = [
        col("case_id")?,
        col("file")?,
        col("truth")?,
        col("age")?,
        col("sex")?,
        col("location")?,
        col("site")?,
        col("split")?,
    ];
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 1;
        let rec = rec.map_err(|e| bad(row, e.to_string()))?;
        let f = |k: usize| rec.get(idx[k]).unwrap_or("").trim();
        let is_os = match f(2).to_ascii_lowercase().as_str() {
            "os" | "osteosarcoma" | "1" => true,
            "gct" | "giant_cell_tumour" | "giant_cell_tumor" | "0" => false,
            other => return Err(bad(row, format!("truth '{other}' is neither OS nor GCT"))),
        };
        let age = f(3)
            .parse::<f64>()
            .map_err(|_| bad(row, format!("age '{}' is not a number", f(3))))?;
        let male = match f(4).to_ascii_lowercase().as_str() {
            "m" | "male" => true,
            "f" | "female" => false,
            other => return Err(bad(row, format!("sex '{other}' is neither M nor F"))),
        };
        let split = match f(7).to_ascii_lowercase().as_str() {
            "train" => Split::Train,
            "val" | "valid" | "validation" => Split::Val,
            "test" | "internal" | "internal_test" => Split::Test,
            "external" | "external_test" => Split::External,
            other => {
                return Err(bad(
                    row,
                    format!("split '{other}' is not train, val, test or external"),
                ))
            }
        };
        out.push(CaseMeta {
            case_id: f(0).to_string(),
            file: root.join(f(1)),
            is_os,
            age,
            male,
            location: f(5).to_string(),
            site: f(6).to_string(),
            split,
        });
    }
    if out.is_empty() {
        return Err(bad(0, "the manifest has no cases".into()));
    }
    Ok(out)
}

/// Decodes an image file to display intensities in `[0, 1]`.
///
/// TODO(model): switch to `imaging`'s decoder (DICOM, JPEG, MONOCHROME1) once that branch lands;
/// until then only 8/16-bit grey PNG is read here.
///
/// # Errors
/// The file cannot be read or is not a grey PNG.
pub fn load_image(path: &Path) -> Result<GreyImage> {
    let bad = |reason: String| ModelError::Image {
        path: path.to_path_buf(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| ModelError::io(path, e))?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(|e| bad(e.to_string()))?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| bad(e.to_string()))?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let px: Vec<f32> = match info.bit_depth {
        png::BitDepth::Sixteen => buf[..info.buffer_size()]
            .chunks_exact(2 * channels)
            .map(|c| u16::from_be_bytes([c[0], c[1]]) as f32 / 65535.0)
            .collect(),
        png::BitDepth::Eight => buf[..info.buffer_size()]
            .chunks_exact(channels)
            .map(|c| c[0] as f32 / 255.0)
            .collect(),
        other => return Err(bad(format!("unsupported PNG bit depth {other:?}"))),
    };
    GreyImage::new(w, h, px)
}

/// A case with its image resized for the network.
#[derive(Debug, Clone)]
pub struct Case {
    /// Manifest row.
    pub meta: CaseMeta,
    /// Letterboxed `input_size²` image in `[0, 1]`.
    pub image: GreyImage,
}

/// Loads every manifest row's image at `input_size`.
///
/// # Errors
/// See [`read_manifest`] and [`load_image`].
pub fn load_cases(metas: &[CaseMeta], input_size: usize) -> Result<Vec<Case>> {
    metas
        .iter()
        .map(|m| {
            Ok(Case {
                meta: m.clone(),
                image: letterbox(&load_image(&m.file)?, input_size),
            })
        })
        .collect()
}

/// Moves a stratified fraction of `Train` cases to `Val` (when the manifest has none), drawn
/// from `seed`, so early stopping never looks at the test sets.
pub fn carve_validation(cases: &mut [CaseMeta], fraction: f64, seed: u64) {
    if cases.iter().any(|c| c.split == Split::Val) {
        return;
    }
    let mut rng = Rng::new(seed ^ 0x5EED_0F0A_11DA_7E00);
    for class in [true, false] {
        let mut idx: Vec<usize> = (0..cases.len())
            .filter(|&i| cases[i].split == Split::Train && cases[i].is_os == class)
            .collect();
        rng.shuffle(&mut idx);
        let k = (idx.len() as f64 * fraction).round() as usize;
        for &i in idx.iter().take(k) {
            cases[i].split = Split::Val;
        }
    }
}
