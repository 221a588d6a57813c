//! The ResNet-style network: configuration, torchvision-compatible parameter names, the
//! features/head split that Grad-CAM taps, and batch-norm folding for inference.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use candle_core::{Tensor, D};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::layers::{BasicBlock, ConvBn, BN_MOMENTUM};
use crate::params::{Init, ParamStore};

/// Images per slice when a large batch runs in evaluation mode.
const INFERENCE_SLICE: usize = 4;

/// How the stem reduces resolution after `conv1`/`bn1`/ReLU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StemPool {
    /// torchvision's 3×3 max-pool, stride 2, padding 1 (inference only: candle's max-pool
    /// backward needs kernel == stride).
    Max3Stride2,
    /// 2×2 max-pool, stride 2 (trainable in candle).
    Max2,
    /// No pooling.
    None,
}

/// Shape of a ResNet with basic blocks (He et al. 2016, "Deep residual learning for image
/// recognition"), generic over widths, depths and strides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetConfig {
    /// Input channels (1 for grey radiographs, 3 for torchvision checkpoints).
    pub in_channels: usize,
    /// Channels of `layer1..layer4`.
    pub widths: [usize; 4],
    /// Basic blocks per stage.
    pub blocks: [usize; 4],
    /// Stride of the first block of each stage.
    pub strides: [usize; 4],
    /// Kernel size of `conv1` (padding is `kernel / 2`).
    pub stem_kernel: usize,
    /// Stride of `conv1`.
    pub stem_stride: usize,
    /// Pooling after the stem.
    pub stem_pool: StemPool,
    /// Outputs of `fc`; 1 means a single logit for P(osteosarcoma).
    pub num_classes: usize,
    /// Side of the square input in pixels.
    pub input_size: usize,
}

impl NetConfig {
    /// torchvision's ResNet-18 at 224² on RGB input with 1000 classes.
    pub fn resnet18() -> Self {
        Self {
            in_channels: 3,
            widths: [64, 128, 256, 512],
            blocks: [2, 2, 2, 2],
            strides: [1, 2, 2, 2],
            stem_kernel: 7,
            stem_stride: 2,
            stem_pool: StemPool::Max3Stride2,
            num_classes: 1000,
            input_size: 224,
        }
    }

    /// The shipped OS-vs-GCT network: grey 128² input, widths 16-32-64-128, a trainable 2×2
    /// pool stem and a stride-1 last stage so Grad-CAM maps are 8×8 rather than 4×4.
    pub fn shipped() -> Self {
        Self {
            in_channels: 1,
            widths: [16, 32, 64, 128],
            blocks: [2, 2, 2, 2],
            strides: [1, 2, 2, 1],
            stem_kernel: 7,
            stem_stride: 2,
            stem_pool: StemPool::Max2,
            num_classes: 1,
            input_size: 128,
        }
    }

    /// Side of the last feature map for this input size.
    pub fn feature_side(&self) -> usize {
        let mut s = conv_out(
            self.input_size,
            self.stem_kernel,
            self.stem_stride,
            self.stem_kernel / 2,
        );
        s = match self.stem_pool {
            StemPool::Max3Stride2 => conv_out(s, 3, 2, 1),
            StemPool::Max2 => s / 2,
            StemPool::None => s,
        };
        for st in self.strides {
            s = conv_out(s, 3, st, 1);
        }
        s
    }
}

fn conv_out(n: usize, k: usize, s: usize, p: usize) -> usize {
    (n + 2 * p - k) / s + 1
}

/// The network. Parameter names follow torchvision's ResNet (`conv1`, `bn1`, `layer1.0.conv1`,
/// `layer2.0.downsample.0`, `fc`), so a PyTorch `state_dict` saved as safetensors loads.
#[derive(Debug, Clone)]
pub struct ResNet {
    config: NetConfig,
    momentum: Arc<AtomicU64>,
    stem: ConvBn,
    stages: Vec<Vec<BasicBlock>>,
    fc_weight: Tensor,
    fc_bias: Tensor,
}

impl ResNet {
    /// Builds the network, taking or creating each parameter in `store`.
    ///
    /// # Errors
    /// The store comes from a file that lacks a parameter or has the wrong shape.
    pub fn new(config: &NetConfig, store: &mut ParamStore) -> Result<Self> {
        let c = config;
        let stem = ConvBn::new(
            store,
            "conv1",
            "bn1",
            c.in_channels,
            c.widths[0],
            c.stem_kernel,
            c.stem_stride,
        )?;
        let mut stages = Vec::with_capacity(4);
        let mut cin = c.widths[0];
        for s in 0..4 {
            let mut blocks = Vec::with_capacity(c.blocks[s]);
            for b in 0..c.blocks[s] {
                let stride = if b == 0 { c.strides[s] } else { 1 };
                let p = format!("layer{}.{b}", s + 1);
                blocks.push(BasicBlock::new(store, &p, cin, c.widths[s], stride)?);
                cin = c.widths[s];
            }
            stages.push(blocks);
        }
        let fc_weight = store.get(
            "fc.weight",
            &[c.num_classes, cin],
            Init::UniformFanIn { fan_in: cin },
        )?;
        let fc_bias = store.get("fc.bias", &[c.num_classes], Init::Const(0.0))?;
        Ok(Self {
            config: c.clone(),
            momentum: store.bn_momentum(),
            stem,
            stages,
            fc_weight,
            fc_bias,
        })
    }

    /// The configuration this network was built with.
    pub fn config(&self) -> &NetConfig {
        &self.config
    }

    /// Everything up to the last residual block: `(N, C_in, S, S)` → `(N, widths[3], s, s)`.
    /// Grad-CAM taps this output.
    ///
    /// # Errors
    /// The input does not have `in_channels` channels.
    pub fn features(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        let n = x.dim(0)?;
        // An unfolded network in inference runs large batches in slices: candle's im2col buffers
        // for a whole batch outgrow the cache and per-image time rises (ResNet-18 at 224²: batch
        // 32 was ~2x slower per image than batch 1). A folded network's fused kernels work image
        // by image already; training keeps whole batches for the batch-norm statistics.
        if !train && !self.stem.is_folded() && n > INFERENCE_SLICE {
            let parts = (0..n)
                .step_by(INFERENCE_SLICE)
                .map(|s| self.features(&x.narrow(0, s, INFERENCE_SLICE.min(n - s))?, false))
                .collect::<Result<Vec<_>>>()?;
            return Ok(Tensor::cat(&parts, 0)?);
        }
        let mut y = self.stem.forward_relu(x, train)?;
        y = match self.config.stem_pool {
            // Zero padding equals -inf padding here because the input is post-ReLU (≥ 0).
            StemPool::Max3Stride2 => y
                .pad_with_zeros(2, 1, 1)?
                .pad_with_zeros(3, 1, 1)?
                .max_pool2d_with_stride(3, 2)?,
            StemPool::Max2 => y.max_pool2d(2)?,
            StemPool::None => y,
        };
        for stage in &self.stages {
            for block in stage {
                y = block.forward(&y, train)?;
            }
        }
        Ok(y)
    }

    /// Global average pooling of a feature map: the penultimate features `(N, widths[3])`.
    ///
    /// # Errors
    /// The map is not 4-D.
    pub fn pool(&self, features: &Tensor) -> Result<Tensor> {
        Ok(features.mean(D::Minus1)?.mean(D::Minus1)?)
    }

    /// GAP + fully connected layer: feature map → logits `(N, num_classes)`.
    ///
    /// # Errors
    /// The map has the wrong number of channels.
    pub fn head(&self, features: &Tensor) -> Result<Tensor> {
        let pooled = self.pool(features)?;
        Ok(pooled
            .matmul(&self.fc_weight.t()?)?
            .broadcast_add(&self.fc_bias)?)
    }

    /// Full forward pass to logits.
    ///
    /// # Errors
    /// The input has the wrong shape.
    pub fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        self.head(&self.features(x, train)?)
    }

    /// Re-estimates every batch-norm running statistic as the plain average of per-batch
    /// statistics over `batches` ("precise BN", Wu & Johnson 2021, "Rethinking 'batch' in
    /// BatchNorm", §3): the exponential average lags behind fast-changing weights, which makes
    /// evaluation-mode outputs erratic early in training.
    ///
    /// # Errors
    /// A batch has the wrong shape.
    pub fn recalibrate_batch_norm(&self, batches: &[Tensor]) -> Result<()> {
        let result = batches.iter().enumerate().try_for_each(|(k, x)| {
            self.momentum
                .store((1.0 / (k + 1) as f64).to_bits(), Ordering::Relaxed);
            self.features(x, true).map(|_| ())
        });
        self.momentum
            .store(BN_MOMENTUM.to_bits(), Ordering::Relaxed);
        result
    }

    /// The fully connected layer's weight `(num_classes, widths[3])`.
    pub fn fc_weight(&self) -> &Tensor {
        &self.fc_weight
    }

    /// An inference copy with every batch norm folded into its convolution (Jacob et al. 2018,
    /// §3.2); outputs equal [`ResNet::forward`] with `train = false` up to rounding.
    ///
    /// # Errors
    /// A tensor operation fails.
    pub fn fold(&self) -> Result<Self> {
        Ok(Self {
            config: self.config.clone(),
            momentum: self.momentum.clone(),
            stem: self.stem.fold()?,
            stages: self
                .stages
                .iter()
                .map(|s| s.iter().map(BasicBlock::fold).collect::<Result<Vec<_>>>())
                .collect::<Result<Vec<_>>>()?,
            fc_weight: self.fc_weight.detach(),
            fc_bias: self.fc_bias.detach(),
        })
    }
}
