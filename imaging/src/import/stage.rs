//! The staging folder: claiming it (missing or empty), cleaning it on failure, and filling it
//! with each case's derived files, decoding and rendering on several threads.

use super::{Candidate, DerivedFiles, ImportError, ImportOptions, MaskSource};
use super::{PreparedCase, WindowPreset};
use crate::decode::{decode_bytes, SourceFormat};
use crate::render::{encode_png, render_display};
use image::{ImageBuffer, Luma};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The caller's staging folder, emptied (or removed, if the import created it) when dropped
/// unless [`Staging::keep`] was called.
pub(crate) struct Staging {
    path: PathBuf,
    created: bool,
    kept: bool,
}

impl Staging {
    pub(crate) fn open(path: &Path) -> Result<Self, ImportError> {
        let not_empty = || ImportError::StagingNotEmpty {
            path: path.to_path_buf(),
        };
        match std::fs::read_dir(path) {
            Ok(mut entries) => {
                if entries.next().is_some() {
                    return Err(not_empty());
                }
                Ok(Self {
                    path: path.to_path_buf(),
                    created: false,
                    kept: false,
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(path)
                    .map_err(|e| ImportError::io(path, "creating the staging folder", e))?;
                Ok(Self {
                    path: path.to_path_buf(),
                    created: true,
                    kept: false,
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(not_empty()),
            Err(e) => Err(ImportError::io(path, "reading the staging folder", e)),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Where an uploaded zip is unpacked: inside the staging folder (so nothing is written
    /// elsewhere), under a name no case id can take.
    pub(crate) fn scratch_dir(&self) -> PathBuf {
        self.path.join(".upload")
    }

    /// Keeps what was written: the import succeeded.
    pub(crate) fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        if self.created {
            let _ = std::fs::remove_dir_all(&self.path);
        } else if let Ok(entries) = std::fs::read_dir(&self.path) {
            for entry in entries.flatten() {
                let path = entry.path();
                let _ = if path.is_dir() && !path.is_symlink() {
                    std::fs::remove_dir_all(&path)
                } else {
                    std::fs::remove_file(&path)
                };
            }
        }
    }
}

/// How one case failed: a problem of the data set (goes into the report) or of the machine.
enum Failure {
    Case(String),
    Io(ImportError),
}

/// Decodes every candidate's image (and mask) and, if `write`, renders and writes its derived
/// files under `staging/<case_id>/`. Returns one outcome per candidate, in order; an I/O error
/// writing the staging folder ends the import.
pub(crate) fn run(
    candidates: &[Candidate],
    staging: &Path,
    opts: &ImportOptions,
    write: bool,
) -> Result<Vec<Result<PreparedCase, String>>, ImportError> {
    let next = AtomicUsize::new(0);
    let threads = opts.threads.clamp(1, 64).min(candidates.len().max(1));
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(candidate) = candidates.get(i) else {
                return done;
            };
            done.push((i, stage_one(candidate, staging, opts, write)));
        }
    };
    let mut outcomes: Vec<(usize, Result<PreparedCase, Failure>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an import worker panicked"))
            .collect()
    });
    outcomes.sort_by_key(|(i, _)| *i);
    outcomes
        .into_iter()
        .map(|(_, outcome)| match outcome {
            Ok(case) => Ok(Ok(case)),
            Err(Failure::Case(reason)) => Ok(Err(reason)),
            Err(Failure::Io(e)) => Err(e),
        })
        .collect()
}

fn stage_one(
    c: &Candidate,
    staging: &Path,
    opts: &ImportOptions,
    write: bool,
) -> Result<PreparedCase, Failure> {
    let bytes = std::fs::read(&c.image).map_err(|e| {
        Failure::Case(format!(
            "file '{}' cannot be read ({e}); check its permissions",
            c.source_file
        ))
    })?;
    let decoded = decode_bytes(&bytes, Path::new(&c.source_file))
        .map_err(|e| Failure::Case(format!("{e}")))?;
    // Only the de-identified copy of a DICOM file is kept; the clinical facts were read from
    // the original above (age and sex, when the study keeps them, survive in the copy too).
    let (bytes, identifiers) = match (&decoded.format, &opts.deid) {
        (SourceFormat::Dicom, Some(deid)) => {
            let copy = crate::deid::deidentify(
                &bytes,
                deid.settings,
                &deid.uids,
                Path::new(&c.source_file),
            )
            .map_err(|e| Failure::Case(format!("{e}")))?;
            (copy.bytes, copy.key)
        }
        _ => (bytes, Vec::new()),
    };
    let image = &decoded.image;
    let mask = load_mask(&c.mask, image.width, image.height).map_err(Failure::Case)?;
    let ext = match decoded.format {
        SourceFormat::Png => "png",
        SourceFormat::Jpeg => "jpg",
        SourceFormat::Dicom => "dcm",
    };
    let dir = PathBuf::from(&c.case_id);
    let files = DerivedFiles {
        original: dir.join(format!("original.{ext}")),
        display: dir.join("display.png"),
        thumb: dir.join("thumb.png"),
        mask: mask.as_ref().map(|_| dir.join("mask.png")),
    };
    if write {
        let encode = |r: crate::Result<Vec<u8>>| {
            r.map_err(|e| Failure::Case(format!("rendering the image failed: {e}")))
        };
        // The windowing runs once; the thumbnail is reduced from the display image (area
        // averaging of 8-bit values: at most half a grey level from rendering it afresh).
        let shown = render_display(image, None, opts.display_max_side);
        let display = encode(encode_png(&shown))?;
        let thumb = encode(encode_png(&thumbnail(&shown, opts.thumb_side)))?;
        let mask_png = mask.map(|m| encode(encode_png(&m))).transpose()?;
        let put = |rel: &Path, data: &[u8]| {
            let path = staging.join(rel);
            std::fs::write(&path, data)
                .map_err(|e| Failure::Io(ImportError::io(path, "writing", e)))
        };
        let folder = staging.join(&dir);
        std::fs::create_dir(&folder)
            .map_err(|e| Failure::Io(ImportError::io(folder, "creating the case folder", e)))?;
        put(&files.original, &bytes)?;
        put(&files.display, &display)?;
        put(&files.thumb, &thumb)?;
        if let (Some(rel), Some(png)) = (&files.mask, mask_png) {
            put(rel, &png)?;
        }
    }
    let windows = if decoded.dicom.is_some() {
        image
            .windows
            .iter()
            .enumerate()
            .map(|(i, w)| WindowPreset {
                name: w
                    .explanation
                    .clone()
                    .unwrap_or_else(|| format!("window {}", i + 1)),
                center: w.center,
                width: w.width,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(PreparedCase {
        case_id: c.case_id.clone(),
        truth: c.truth,
        truth_label: c.truth_label.clone(),
        age: c.age,
        sex: c.sex.clone(),
        location: c.location.clone(),
        site: c.site.clone(),
        split: c.split,
        metadata: c.metadata.clone(),
        source_file: c.source_file.clone(),
        width: image.width,
        height: image.height,
        bits_stored: image.bits_stored,
        modality: decoded.dicom.as_ref().and_then(|d| d.modality.clone()),
        photometric: image.photometric,
        windows,
        files,
        identifiers,
    })
}

type Mask = ImageBuffer<Luma<u8>, Vec<u8>>;

/// `shown` reduced to at most `side` pixels on its longer side, keeping the aspect.
fn thumbnail(shown: &Mask, side: u32) -> Mask {
    let (w, h) = shown.dimensions();
    let longest = w.max(h);
    if longest <= side.max(1) {
        return shown.clone();
    }
    let scale = f64::from(side.max(1)) / f64::from(longest);
    let fit = |n: u32| ((f64::from(n) * scale).round() as u32).max(1);
    image::imageops::thumbnail(shown, fit(w), fit(h))
}

/// The case's mask at the image's size, 255 inside, 0 outside.
fn load_mask(source: &MaskSource, width: u32, height: u32) -> Result<Option<Mask>, String> {
    let values = match source {
        MaskSource::None => return Ok(None),
        MaskSource::Png { path, name } => {
            let grey = image::open(path)
                .map_err(|e| {
                    format!("mask '{name}' cannot be decoded ({e}); save it as a grey PNG")
                })?
                .to_luma8();
            if grey.dimensions() != (width, height) {
                return Err(format!(
                    "mask '{name}' is {}x{} but the image is {width}x{height}; make the mask the image's size",
                    grey.width(),
                    grey.height()
                ));
            }
            grey.into_raw()
                .into_iter()
                .map(|v| if v > 0 { 255 } else { 0 })
                .collect()
        }
        MaskSource::Shapes(annotation) => annotation.rasterise(width, height)?,
    };
    Ok(Some(
        ImageBuffer::from_raw(width, height, values).expect("one mask byte per pixel"),
    ))
}
