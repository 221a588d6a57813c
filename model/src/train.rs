//! Training the CNN: AdamW with cosine learning-rate decay, augmentation, a validation split
//! from the training hospitals, early stopping on validation AUC, and the model card.

use std::path::Path;
use std::time::Instant;

use candle_core::{Device, Tensor};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
use serde::{Deserialize, Serialize};

use crate::augment::{augment, augment_with_mask, AugmentConfig};
use crate::card::{data_hash, AucCi, ModelCard};
use crate::data::{carve_validation, load_cases, manifest_path, read_manifest, Case, Split};
use crate::error::{ModelError, Result};
use crate::guidance;
use crate::metrics::auc_with_ci;
use crate::net::{NetConfig, ResNet};
use crate::params::ParamStore;
use crate::preprocess::{batch_tensor, GreyImage};
use vocab::SplitMix64;

/// Hyper-parameters of one training run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// Network shape.
    pub net: NetConfig,
    /// Seed of everything random.
    pub seed: u64,
    /// Upper bound on epochs.
    pub max_epochs: usize,
    /// Stop after this many epochs without a better validation AUC.
    pub patience: usize,
    /// Images per optimiser step.
    pub batch_size: usize,
    /// Peak AdamW learning rate.
    pub learning_rate: f64,
    /// AdamW decoupled weight decay (Loshchilov & Hutter 2019).
    pub weight_decay: f64,
    /// Fraction of training cases held out for validation when the manifest has no `val` rows.
    pub val_fraction: f64,
    /// Augmentation ranges.
    pub augment: AugmentConfig,
    /// Factor λ of the mask-guidance penalty on class evidence outside the lesion
    /// ([`crate::guidance`]); 0 turns it off. Cases without a mask are not guided.
    #[serde(default)]
    pub cam_mask_weight: f64,
}

/// The shipped model's mask-guidance factor. On the default phantoms the GCT map on GCT cases put
/// 1.79× the lesion's share of its energy in the lesion unguided and 7.74× at 0.5, the OS map on
/// OS cases 4.02× and 3.27×, with external AUC 0.985 either way; 1 gave stronger maps but a
/// t-SNE 1-NN agreement only just above its 0.85 target (`model/weights/README.md`).
pub const DEFAULT_CAM_MASK_WEIGHT: f64 = 0.5;

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            net: NetConfig::shipped(),
            seed: 20_261_127,
            max_epochs: 30,
            patience: 12,
            batch_size: 16,
            learning_rate: 1e-3,
            weight_decay: 1e-4,
            val_fraction: 0.2,
            augment: AugmentConfig::default(),
            cam_mask_weight: DEFAULT_CAM_MASK_WEIGHT,
        }
    }
}

/// What one epoch did, for progress display.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochReport {
    /// 1-based epoch.
    pub epoch: usize,
    /// Mean training loss.
    pub train_loss: f64,
    /// Validation AUC after the epoch.
    pub val_auc: f64,
    /// Validation log-loss after the epoch.
    pub val_loss: f64,
    /// Seconds the epoch took.
    pub seconds: f64,
}

/// A trained network with its parameters and card.
#[derive(Debug)]
pub struct TrainedModel {
    /// The network (unfolded; call [`ResNet::fold`] for inference).
    pub net: ResNet,
    /// Its parameters, for saving.
    pub params: ParamStore,
    /// Provenance and test results.
    pub card: ModelCard,
}

impl TrainedModel {
    /// Writes `weights` (safetensors) and the card next to it (`*.card.json`).
    ///
    /// # Errors
    /// A file cannot be written.
    pub fn save(&self, weights: &Path) -> Result<()> {
        self.params.save(weights)?;
        self.card.save(&card_path(weights))
    }
}

/// The card file that belongs to a weights file: `x.safetensors` → `x.card.json`.
pub fn card_path(weights: &Path) -> std::path::PathBuf {
    weights.with_extension("").with_extension("card.json")
}

/// `lector train --data DIR --out W`: reads `DIR/manifest.csv` and its images, trains, scores
/// the internal and external test sets and returns the model with its card (call
/// [`TrainedModel::save`] to write it).
///
/// # Errors
/// The manifest or an image cannot be read, or a split lacks cases of both classes.
pub fn train_from_dir(
    data: &Path,
    cfg: &TrainConfig,
    command: &str,
    progress: &mut dyn FnMut(&EpochReport),
) -> Result<TrainedModel> {
    let manifest = manifest_path(data);
    let mut metas = read_manifest(&manifest)?;
    metas.retain(|m| m.split != Split::Practice);
    let hash = data_hash(&manifest, &metas)?;
    carve_validation(&mut metas, cfg.val_fraction, cfg.seed);
    let root = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
    let cases = load_cases(&metas, &root, cfg.net.input_size)?;
    let mut model = train(&cases, cfg, progress)?;
    model.card.data_hash = hash;
    model.card.command = command.to_string();
    Ok(model)
}

/// Trains on the `Train` cases, early-stops on the `Val` cases and scores `Test`/`External`.
///
/// # Errors
/// No training or validation cases of both classes, or a tensor operation fails.
pub fn train(
    cases: &[Case],
    cfg: &TrainConfig,
    progress: &mut dyn FnMut(&EpochReport),
) -> Result<TrainedModel> {
    let start = Instant::now();
    let of = |keep: &dyn Fn(&crate::data::CaseMeta) -> bool| {
        cases.iter().filter(|c| keep(&c.meta)).collect::<Vec<_>>()
    };
    let (train_set, val_set, test_set, ext_set) = (
        of(&|m| m.fits()),
        of(&|m| m.validation),
        of(&|m| m.split == Split::Internal),
        of(&|m| m.split == Split::External),
    );
    if train_set.len() < 2 || val_set.is_empty() {
        return Err(ModelError::invalid(
            "training data",
            format!(
                "{} training and {} validation cases; need at least 2 and 1",
                train_set.len(),
                val_set.len()
            ),
        ));
    }
    let mut params = ParamStore::fresh(cfg.seed);
    let net = ResNet::new(&cfg.net, &mut params)?;
    let mut opt = AdamW::new(
        params.trainable(),
        ParamsAdamW {
            lr: cfg.learning_rate,
            weight_decay: cfg.weight_decay,
            ..Default::default()
        },
    )?;
    let mut rng = SplitMix64::new(cfg.seed.wrapping_mul(0x9E37_79B9));
    // Un-augmented training batches for re-estimating batch-norm statistics after each epoch.
    let calibration = train_set
        .chunks(cfg.batch_size.max(2))
        .filter(|c| c.len() >= 2)
        .map(|c| {
            batch_tensor(
                &c.iter().map(|x| &x.image).collect::<Vec<_>>(),
                cfg.net.in_channels,
            )
        })
        .collect::<Result<Vec<_>>>()?;
    let (mut best_auc, mut best_loss) = (f64::NEG_INFINITY, f64::INFINITY);
    let (mut best_epoch, mut best) = (0, params.snapshot()?);
    let mut epochs = 0;
    let steps_per_epoch = train_set.len().div_ceil(cfg.batch_size);
    let total_steps = (steps_per_epoch * cfg.max_epochs).max(1);
    let mut step = 0;
    for epoch in 1..=cfg.max_epochs {
        let t0 = Instant::now();
        let mut order: Vec<usize> = (0..train_set.len()).collect();
        rng.shuffle_by_index(&mut order);
        let (mut loss_sum, mut batches) = (0.0, 0);
        for chunk in order.chunks(cfg.batch_size) {
            // Batch norm needs at least two images to estimate a variance.
            if chunk.len() < 2 {
                continue;
            }
            let mut imgs = Vec::with_capacity(chunk.len());
            let mut masks = Vec::with_capacity(chunk.len());
            for &i in chunk {
                let case = train_set[i];
                match case.mask.as_ref().filter(|_| cfg.cam_mask_weight > 0.0) {
                    Some(mask) => {
                        let (img, m) = augment_with_mask(&case.image, mask, &cfg.augment, &mut rng);
                        imgs.push(img);
                        masks.push(Some(m));
                    }
                    None => {
                        imgs.push(augment(&case.image, &cfg.augment, &mut rng));
                        masks.push(None);
                    }
                }
            }
            let refs: Vec<&GreyImage> = imgs.iter().collect();
            let x = batch_tensor(&refs, cfg.net.in_channels)?;
            let y: Vec<f32> = chunk
                .iter()
                .map(|&i| f32::from(u8::from(train_set[i].meta.is_os)))
                .collect();
            let y = Tensor::from_vec(y, (chunk.len(), 1), &Device::Cpu)?;
            let features = net.features(&x, true)?;
            let mut loss = bce_with_logits(&net.head(&features)?, &y)?;
            let mask_refs: Vec<Option<&GreyImage>> = masks.iter().map(Option::as_ref).collect();
            if let Some(outside) = guidance::outside_cells(&mask_refs, features.dim(2)?)? {
                let cam = guidance::class_activation_map(&features, net.fc_weight())?;
                loss =
                    (loss + (guidance::outside_penalty(&cam, &outside)? * cfg.cam_mask_weight)?)?;
            }
            // Cosine decay from the peak rate to zero over the planned steps.
            let lr = 0.5
                * cfg.learning_rate
                * (1.0 + (std::f64::consts::PI * step as f64 / total_steps as f64).cos());
            opt.set_learning_rate(lr);
            opt.backward_step(&loss)?;
            loss_sum += f64::from(loss.to_scalar::<f32>()?);
            batches += 1;
            step += 1;
        }
        epochs = epoch;
        net.recalibrate_batch_norm(&calibration)?;
        let val_scores = score(&net, &val_set, cfg.batch_size)?;
        let val_labels: Vec<bool> = val_set.iter().map(|c| c.meta.is_os).collect();
        let val_auc = auc_or_half(&val_scores, &val_labels);
        let val_loss = mean_log_loss(&val_scores, &val_labels);
        progress(&EpochReport {
            epoch,
            train_loss: loss_sum / batches.max(1) as f64,
            val_auc,
            val_loss,
            seconds: t0.elapsed().as_secs_f64(),
        });
        // A small validation set often ties on AUC (e.g. 1.0); the lower log-loss breaks ties.
        let tie = (val_auc - best_auc).abs() < 1e-12;
        if val_auc > best_auc && !tie || tie && val_loss < best_loss {
            best_auc = val_auc;
            best_loss = val_loss;
            best_epoch = epoch;
            best = params.snapshot()?;
        } else if epoch - best_epoch >= cfg.patience {
            break;
        }
    }
    params.restore(&best)?;
    let folded = net.fold()?;
    let test_auc = |set: &[&Case]| -> Result<Option<AucCi>> {
        let labels: Vec<bool> = set.iter().map(|c| c.meta.is_os).collect();
        let s = score(&folded, set, cfg.batch_size)?;
        Ok(auc_with_ci(&s, &labels).ok().map(|(auc, lo, hi)| AucCi {
            auc,
            lo,
            hi,
            n: set.len(),
        }))
    };
    let card = ModelCard {
        data_hash: String::new(),
        seed: cfg.seed,
        epochs,
        best_epoch,
        net: cfg.net.clone(),
        augment: cfg.augment.clone(),
        cam_mask_weight: cfg.cam_mask_weight,
        counts: [
            train_set.len(),
            val_set.len(),
            test_set.len(),
            ext_set.len(),
        ],
        val_auc: best_auc,
        internal_test_auc: test_auc(&test_set)?,
        external_test_auc: test_auc(&ext_set)?,
        train_seconds: start.elapsed().as_secs_f64(),
        command: String::new(),
    };
    Ok(TrainedModel { net, params, card })
}

/// Mean binary cross-entropy on logits, written in the overflow-safe form
/// `max(z, 0) − z·y + log(1 + e^{−|z|})`.
fn bce_with_logits(z: &Tensor, y: &Tensor) -> Result<Tensor> {
    let softplus = (z.abs()?.neg()?.exp()? + 1.0)?.log()?;
    Ok((z.relu()? - z.mul(y)? + softplus)?.mean_all()?)
}

/// P(OS) for each case by the network in evaluation mode, batched.
///
/// # Errors
/// A tensor operation fails.
pub fn score(net: &ResNet, cases: &[&Case], batch_size: usize) -> Result<Vec<f64>> {
    let mut out = Vec::with_capacity(cases.len());
    for chunk in cases.chunks(batch_size.max(1)) {
        let refs: Vec<&GreyImage> = chunk.iter().map(|c| &c.image).collect();
        let x = batch_tensor(&refs, net.config().in_channels)?;
        let p = candle_nn::ops::sigmoid(&net.forward(&x, false)?)?;
        out.extend(
            p.flatten_all()?
                .to_vec1::<f32>()?
                .into_iter()
                .map(f64::from),
        );
    }
    Ok(out)
}

/// Mean binary log-loss of probabilities, clamped away from 0 and 1.
fn mean_log_loss(p: &[f64], labels: &[bool]) -> f64 {
    let n = p.len().max(1) as f64;
    p.iter()
        .zip(labels)
        .map(|(&p, &y)| {
            let p = p.clamp(1e-7, 1.0 - 1e-7);
            -(if y { p.ln() } else { (1.0 - p).ln() })
        })
        .sum::<f64>()
        / n
}

fn auc_or_half(scores: &[f64], labels: &[bool]) -> f64 {
    auc_with_ci(scores, labels)
        .map(|(a, _, _)| a)
        .unwrap_or(0.5)
}
