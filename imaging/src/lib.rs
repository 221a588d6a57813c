//! Medical image I/O (PNG, JPEG, DICOM), display rendering and the knee-radiograph phantom generator.
//!
//! Entry points:
//! - [`synth::synthesize`]`(&PhantomConfig::with_total(n, seed), out_dir, progress)`: what
//!   `lector synth --cases N --seed S --out DIR` runs; writes `images/`, `dicom/`, `masks/` and
//!   `manifest.csv`, read back with [`synth::read_manifest`].
//! - [`phantom::generate`] / [`phantom::plan`] + [`phantom::generate_case`]: phantoms in memory.
//! - [`decode::decode_file`] / [`decode::decode_bytes`]: PNG, JPEG or DICOM to a full-depth
//!   [`GreyImage`] (with window presets, photometric and DICOM header facts).
//! - [`import::import_folder`] / [`import::import_zip`] / [`import::import_btxrd`]: a study's
//!   cases checked all or nothing, with display/thumbnail/mask PNGs in a staging folder.
//! - [`render::render_display_png`] and [`render::thumbnail_png`]: the 8-bit PNGs the viewer and
//!   the lists show.

pub mod decode;
pub mod deid;
pub mod error;
pub mod grey;
pub mod import;
pub mod lesions;
pub mod phantom;
pub mod render;
mod rng;
pub mod synth;

pub use decode::{decode_file, DecodedImage};
pub use error::{ImagingError, Result};
pub use grey::{GreyImage, Photometric, VoiFunction, VoiTable, Window};
pub use lesions::LesionMap;
