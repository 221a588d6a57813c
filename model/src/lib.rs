//! The assisting AI on candle: CNN, training, inference, Grad-CAM, feature maps, t-SNE and the clinical model.
//!
//! Entry points: [`train::train_from_dir`] (`lector train`), [`infer::Predictor`] +
//! [`infer::predict_dir`] (`lector predict`; `Predictor::shipped()` / `predict()` for the web
//! app), [`study::evaluate_study`] (CNN vs clinical, Grad-CAM in masks, t-SNE map),
//! [`clinical::evaluate`], [`tsne::tsne`] + [`scatter::scatter_svg`].

pub mod augment;
pub mod card;
pub mod clinical;
pub mod data;
pub mod error;
mod fastconv;
pub mod gradcam;
pub mod guidance;
pub mod infer;
mod layers;
pub mod linalg;
pub mod marks;
pub mod metrics;
pub mod net;
pub mod overlay;
pub mod params;
pub mod preprocess;
pub mod scatter;
pub mod study;
pub mod train;
pub mod tsne;

pub use error::{ModelError, Result};
pub use net::{NetConfig, ResNet, StemPool};
pub use params::ParamStore;
