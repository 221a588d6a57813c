//! Writing a phantom data set to disk: `images/<id>.png` (8-bit display), `dicom/<id>.dcm`
//! (16-bit, hospital photometric and window), `masks/<id>.png` (255 inside the lesion) and
//! `manifest.csv`. Entry point for `lector synth`: [`synthesize`].

mod dicom;
mod manifest;

pub use dicom::encode_case;
pub use manifest::{read_manifest, Manifest, ManifestRow, HEADER};

use crate::error::{ImagingError, Result};
use crate::phantom::{generate_case, plan, PhantomCase, PhantomConfig};
use crate::render::{encode_png, render_display};
use image::{ImageBuffer, Luma};
use std::path::Path;

const FOLDERS: [&str; 3] = ["images", "dicom", "masks"];

fn create_folders(out_dir: &Path) -> Result<()> {
    for folder in FOLDERS {
        let path = out_dir.join(folder);
        std::fs::create_dir_all(&path)
            .map_err(|e| ImagingError::io(path, "creating the folder", e))?;
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| ImagingError::io(path, "writing", e))
}

/// Writes one case's display PNG, DICOM and mask under `out_dir` (whose sub-folders must exist)
/// and returns its manifest row.
///
/// # Errors
/// [`ImagingError::Io`] naming the file that could not be written; encoding errors.
pub fn write_case(case: &PhantomCase, out_dir: &Path) -> Result<ManifestRow> {
    let image = &case.image;
    let file = format!("images/{}.png", case.case_id);
    let display = render_display(image, None, image.width.max(image.height));
    write(&out_dir.join(&file), &encode_png(&display)?)?;
    write(
        &out_dir.join(format!("dicom/{}.dcm", case.case_id)),
        &encode_case(case)?,
    )?;
    let mask: ImageBuffer<Luma<u8>, Vec<u8>> = ImageBuffer::from_raw(
        image.width,
        image.height,
        case.mask
            .iter()
            .map(|&m| if m > 0 { 255 } else { 0 })
            .collect(),
    )
    .expect("the mask has one byte per pixel");
    write(
        &out_dir.join(format!("masks/{}.png", case.case_id)),
        &encode_png(&mask)?,
    )?;
    Ok(ManifestRow {
        case_id: case.case_id.clone(),
        file,
        truth: case.truth,
        age: case.age,
        sex: case.sex,
        location: case.location,
        site: case.site.clone(),
        split: case.split,
    })
}

fn finish(out_dir: &Path, rows: Vec<ManifestRow>) -> Result<Manifest> {
    let manifest = Manifest {
        root: out_dir.to_path_buf(),
        rows,
    };
    write(&out_dir.join("manifest.csv"), manifest.to_csv().as_bytes())?;
    Ok(manifest)
}

/// Writes already generated `cases` and their manifest under `out_dir`.
///
/// # Errors
/// [`ImagingError::Io`] naming the folder or file that could not be written.
pub fn write_dataset(cases: &[PhantomCase], out_dir: &Path) -> Result<Manifest> {
    create_folders(out_dir)?;
    let rows = cases
        .iter()
        .map(|c| write_case(c, out_dir))
        .collect::<Result<Vec<_>>>()?;
    finish(out_dir, rows)
}

/// Generates and writes the data set of `config` one case at a time (memory stays at one case),
/// calling `progress(done, total)` after each. This is what `lector synth` runs, with
/// `PhantomConfig::with_total(cases, seed)`.
///
/// # Errors
/// [`ImagingError::Config`] for an invalid configuration, [`ImagingError::Io`] for a write.
pub fn synthesize(
    config: &PhantomConfig,
    out_dir: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Result<Manifest> {
    let plans = plan(config)?;
    create_folders(out_dir)?;
    let mut rows = Vec::with_capacity(plans.len());
    for (done, p) in plans.iter().enumerate() {
        rows.push(write_case(&generate_case(config, p), out_dir)?);
        progress(done + 1, plans.len());
    }
    finish(out_dir, rows)
}
