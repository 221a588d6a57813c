//! Inference: load the network once, then probability, Grad-CAM/Grad-CAM++ overlays and
//! penultimate features per image; batched prediction over a folder or manifest.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::card::ModelCard;
use crate::data::{load_image, manifest_path, read_manifest, CaseMeta};
use crate::error::{ModelError, Result};
use crate::gradcam::{grad_cams, normalise, CamMaps, CamTarget};
use crate::net::{NetConfig, ResNet};
use crate::overlay::overlay_png;
use crate::params::ParamStore;
use crate::preprocess::{batch_tensor, letterbox, GreyImage};
use crate::train::card_path;

/// The shipped weights (safetensors).
pub const SHIPPED_WEIGHTS: &[u8] = include_bytes!("../weights/default.safetensors");
/// The shipped model card (JSON).
pub const SHIPPED_CARD: &str = include_str!("../weights/default.card.json");

/// The operating point: the network calls osteosarcoma when P(OS) is at least this.
pub const THRESHOLD: f64 = 0.5;

/// Side of the overlay PNGs shown to readers.
pub const OVERLAY_SIZE: usize = 512;

/// The two diagnoses (lytic osteosarcoma, giant-cell tumour), as the phantoms define them.
pub use imaging::phantom::Class;

/// What the AI tells a reader about one image.
#[derive(Debug, Clone)]
pub struct AiOutput {
    /// P(osteosarcoma).
    pub probability: f64,
    /// OS when `probability ≥ THRESHOLD`.
    pub predicted_class: Class,
    /// Grad-CAM overlay for the predicted class, PNG bytes, `OVERLAY_SIZE²`.
    pub heatmap_png: Vec<u8>,
    /// Grad-CAM++ overlay, PNG bytes.
    pub heatmap_pp_png: Vec<u8>,
    /// Penultimate features (for t-SNE).
    pub features: Vec<f32>,
    /// The raw maps on the feature grid.
    pub cams: CamMaps,
}

/// A network loaded for inference, batch norms folded.
#[derive(Debug, Clone)]
pub struct Predictor {
    net: ResNet,
}

impl Predictor {
    /// Loads `weights` with the network shape from its model card (`x.card.json` beside it).
    ///
    /// # Errors
    /// The card or weights are missing or do not match.
    pub fn load(weights: &Path) -> Result<Self> {
        let card = ModelCard::load(&card_path(weights))?;
        Self::load_with_config(weights, &card.net)
    }

    /// Loads `weights` for an explicitly given network shape.
    ///
    /// # Errors
    /// The weights are missing a tensor or have the wrong shapes.
    pub fn load_with_config(weights: &Path, config: &NetConfig) -> Result<Self> {
        let mut store = ParamStore::from_safetensors(weights)?;
        Self::from_net(&ResNet::new(config, &mut store)?)
    }

    /// The shipped default network (`model/weights/default.safetensors`, compiled into the
    /// binary), trained on the default phantom study; see `model/weights/README.md`.
    ///
    /// # Errors
    /// Only if the embedded files are corrupt.
    pub fn shipped() -> Result<Self> {
        Self::from_bytes(SHIPPED_WEIGHTS, SHIPPED_CARD)
    }

    /// Loads weights and card from memory (safetensors bytes and the card's JSON).
    ///
    /// # Errors
    /// The card is not valid JSON or the weights do not match it.
    pub fn from_bytes(weights: &[u8], card_json: &str) -> Result<Self> {
        let card: ModelCard = serde_json::from_str(card_json)
            .map_err(|e| ModelError::invalid("model card", e.to_string()))?;
        let mut store = ParamStore::from_safetensors_bytes(weights)?;
        Self::from_net(&ResNet::new(&card.net, &mut store)?)
    }

    /// Wraps a network (e.g. just trained), folding its batch norms.
    ///
    /// # Errors
    /// Folding fails.
    pub fn from_net(net: &ResNet) -> Result<Self> {
        Ok(Self { net: net.fold()? })
    }

    /// The folded network.
    pub fn net(&self) -> &ResNet {
        &self.net
    }

    /// Probability, class, Grad-CAM and Grad-CAM++ overlays and features for one image in
    /// `[0, 1]` display intensities.
    ///
    /// # Errors
    /// A tensor operation or PNG encoding fails.
    pub fn predict(&self, image: &GreyImage) -> Result<AiOutput> {
        Ok(self.predict_batch(&[image])?.remove(0))
    }

    /// [`Predictor::predict`] for several images in one forward/backward pass.
    ///
    /// # Errors
    /// A tensor operation or PNG encoding fails.
    pub fn predict_batch(&self, images: &[&GreyImage]) -> Result<Vec<AiOutput>> {
        let size = self.net.config().input_size;
        let inputs: Vec<GreyImage> = images.iter().map(|i| letterbox(i, size)).collect();
        let refs: Vec<&GreyImage> = inputs.iter().collect();
        let x = batch_tensor(&refs, self.net.config().in_channels)?;
        let cams = grad_cams(&self.net, &x, CamTarget::Predicted)?;
        images
            .iter()
            .zip(cams)
            .map(|(img, cams)| {
                let probability = 1.0 / (1.0 + (-f64::from(cams.logit)).exp());
                let display = letterbox(img, OVERLAY_SIZE);
                Ok(AiOutput {
                    probability,
                    predicted_class: if probability >= THRESHOLD {
                        Class::Os
                    } else {
                        Class::Gct
                    },
                    heatmap_png: overlay_png(&display, &normalise(&cams.gradcam), cams.side)?,
                    heatmap_pp_png: overlay_png(&display, &normalise(&cams.gradcam_pp), cams.side)?,
                    features: cams.features.clone(),
                    cams,
                })
            })
            .collect()
    }
}

/// One row of `predictions.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// Case identifier (the file stem when there is no manifest).
    pub case_id: String,
    /// Image file.
    pub file: PathBuf,
    /// P(osteosarcoma).
    pub probability: f64,
    /// `OS` or `GCT`.
    pub predicted: Class,
}

/// `lector predict --weights W --data DIR|manifest --out DIR`: scores every case in batches,
/// writing `predictions.csv`, `features.csv`, `gradcam/<case>.png` and `gradcampp/<case>.png`.
/// `progress(done, total)` is called after each batch.
///
/// # Errors
/// The weights, manifest or an image cannot be read, or an output cannot be written.
pub fn predict_dir(
    predictor: &Predictor,
    data: &Path,
    out: &Path,
    batch_size: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Prediction>> {
    let cases = list_cases(data)?;
    for sub in ["gradcam", "gradcampp"] {
        std::fs::create_dir_all(out.join(sub)).map_err(|e| ModelError::io(out.join(sub), e))?;
    }
    let mut preds = Vec::with_capacity(cases.len());
    let mut features = String::new();
    for chunk in cases.chunks(batch_size.max(1)) {
        let images = chunk
            .iter()
            .map(|(_, f)| load_image(f))
            .collect::<Result<Vec<_>>>()?;
        let refs: Vec<&GreyImage> = images.iter().collect();
        for ((id, file), ai) in chunk.iter().zip(predictor.predict_batch(&refs)?) {
            write(
                &out.join("gradcam").join(format!("{id}.png")),
                &ai.heatmap_png,
            )?;
            write(
                &out.join("gradcampp").join(format!("{id}.png")),
                &ai.heatmap_pp_png,
            )?;
            let f: Vec<String> = ai.features.iter().map(|v| format!("{v:.6}")).collect();
            features.push_str(&format!("{id},{}\n", f.join(",")));
            preds.push(Prediction {
                case_id: id.clone(),
                file: file.clone(),
                probability: ai.probability,
                predicted: ai.predicted_class,
            });
        }
        progress(preds.len(), cases.len());
    }
    let mut csv = String::from("case_id,file,probability,predicted\n");
    for p in &preds {
        let class = p.predicted.label();
        csv.push_str(&format!(
            "{},{},{:.6},{class}\n",
            p.case_id,
            p.file.display(),
            p.probability
        ));
    }
    write(&out.join("predictions.csv"), csv.as_bytes())?;
    let width = predictor.net.config().widths[3];
    let header: Vec<String> = (0..width).map(|i| format!("f{i}")).collect();
    write(
        &out.join("features.csv"),
        format!("case_id,{}\n{features}", header.join(",")).as_bytes(),
    )?;
    Ok(preds)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| ModelError::io(path, e))
}

/// `(case_id, file)` from a manifest (file or folder holding `manifest.csv`), else every image
/// file of the folder in name order.
fn list_cases(data: &Path) -> Result<Vec<(String, PathBuf)>> {
    let manifest = manifest_path(data);
    if manifest.is_file() {
        let metas: Vec<CaseMeta> = read_manifest(&manifest)?;
        return Ok(metas.into_iter().map(|m| (m.case_id, m.file)).collect());
    }
    let rd = std::fs::read_dir(data).map_err(|e| ModelError::io(data, e))?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            matches!(ext.as_str(), "png" | "dcm" | "jpg" | "jpeg")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(ModelError::invalid(
            "predict data",
            format!(
                "{} has no manifest.csv and no PNG/DICOM/JPEG images",
                data.display()
            ),
        ));
    }
    Ok(files
        .into_iter()
        .map(|f| {
            (
                f.file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("case")
                    .to_string(),
                f,
            )
        })
        .collect())
}
