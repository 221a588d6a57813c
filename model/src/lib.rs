//! The assisting AI on candle: CNN, training, inference, Grad-CAM, feature maps, t-SNE and the clinical model.

pub mod error;
pub mod metrics;
pub mod net;
pub mod params;
pub mod rng;

pub use error::{ModelError, Result};
pub use net::{NetConfig, ResNet, StemPool};
pub use params::ParamStore;
pub mod augment;
pub mod card;
pub mod clinical;
pub mod data;
pub mod gradcam;
pub mod infer;
pub mod linalg;
pub mod overlay;
pub mod preprocess;
pub mod scatter;
pub mod study;
pub mod train;
pub mod tsne;
