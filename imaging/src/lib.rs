//! Medical image I/O (PNG, JPEG, DICOM), display rendering and the knee-radiograph phantom generator.
//!
//! Entry points: [`phantom::generate`] (phantom data set in memory), [`synth::write_dataset`]
//! (PNG + DICOM + masks + manifest on disk), [`decode::decode_file`] (PNG/JPEG/DICOM to a
//! full-depth [`GreyImage`]), [`render::render_display_png`] and [`render::thumbnail_png`].

pub mod error;
pub mod grey;
pub mod phantom;
pub mod render;
mod rng;
pub mod synth;

pub use error::{ImagingError, Result};
pub use grey::{GreyImage, Photometric, Window};
