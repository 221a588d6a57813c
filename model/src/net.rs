//! The ResNet-style network: configuration, torchvision-compatible parameter names, the
//! features/head split that Grad-CAM taps, and batch-norm folding for inference.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use candle_core::{Tensor, Var, D};
use serde::{Deserialize, Serialize};

use crate::error::{ModelError, Result};
use crate::params::{Init, ParamStore};

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

/// Batch normalisation (Ioffe & Szegedy 2015): `y = γ (x − μ)/sqrt(σ² + ε) + β`, with batch
/// statistics in training (running averages updated with momentum 0.1, unbiased variance, as
/// PyTorch does) and running statistics in evaluation.
#[derive(Debug, Clone)]
struct BatchNorm {
    weight: Tensor,
    bias: Tensor,
    running_mean: Var,
    running_var: Var,
    // Shared by every layer of a network so a recalibration pass can switch them all to
    // cumulative averaging; atomic (f64 bits) so the network stays Send + Sync.
    momentum: Arc<AtomicU64>,
}

const BN_EPS: f64 = 1e-5;
/// Images per slice when a large batch runs in evaluation mode.
const INFERENCE_SLICE: usize = 4;

/// PyTorch's default batch-norm momentum.
pub(crate) const BN_MOMENTUM: f64 = 0.1;

impl BatchNorm {
    fn new(store: &mut ParamStore, prefix: &str, c: usize) -> Result<Self> {
        let weight = store.get(&format!("{prefix}.weight"), &[c], Init::Const(1.0))?;
        let bias = store.get(&format!("{prefix}.bias"), &[c], Init::Const(0.0))?;
        let rm = format!("{prefix}.running_mean");
        let rv = format!("{prefix}.running_var");
        store.get(&rm, &[c], Init::Const(0.0))?;
        store.get(&rv, &[c], Init::Const(1.0))?;
        let var = |n: &str| {
            store
                .var(n)
                .cloned()
                .ok_or_else(|| ModelError::MissingTensor {
                    name: n.to_string(),
                })
        };
        Ok(Self {
            weight,
            bias,
            running_mean: var(&rm)?,
            running_var: var(&rv)?,
            momentum: store.bn_momentum(),
        })
    }

    fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        let c = self.weight.dim(0)?;
        let (mean, var) = if train {
            let (n, _, h, w) = x.dims4()?;
            let mean = x.mean_keepdim(3)?.mean_keepdim(2)?.mean_keepdim(0)?;
            let centred = x.broadcast_sub(&mean)?;
            let var = centred
                .sqr()?
                .mean_keepdim(3)?
                .mean_keepdim(2)?
                .mean_keepdim(0)?;
            let count = (n * h * w) as f64;
            let unbiased = (var.detach() * (count / (count - 1.0).max(1.0)))?;
            let m = f64::from_bits(self.momentum.load(Ordering::Relaxed));
            let rm = ((self.running_mean.as_tensor() * (1.0 - m))?
                + (mean.detach().flatten_all()? * m)?)?;
            let rv =
                ((self.running_var.as_tensor() * (1.0 - m))? + (unbiased.flatten_all()? * m)?)?;
            self.running_mean.set(&rm)?;
            self.running_var.set(&rv)?;
            (mean, var)
        } else {
            (
                self.running_mean.as_tensor().reshape((1, c, 1, 1))?,
                self.running_var.as_tensor().reshape((1, c, 1, 1))?,
            )
        };
        let inv = (var + BN_EPS)?.sqrt()?.recip()?;
        let y = x.broadcast_sub(&mean)?.broadcast_mul(&inv)?;
        Ok(y.broadcast_mul(&self.weight.reshape((1, c, 1, 1))?)?
            .broadcast_add(&self.bias.reshape((1, c, 1, 1))?)?)
    }
}

/// A convolution optionally followed by batch norm; folding merges the two into one
/// convolution with bias: `w' = w·γ/sqrt(σ²+ε)`, `b' = β − μ·γ/sqrt(σ²+ε)`.
#[derive(Debug, Clone)]
struct ConvBn {
    weight: Tensor,
    bias: Option<Tensor>,
    bn: Option<BatchNorm>,
    stride: usize,
    padding: usize,
}

impl ConvBn {
    #[allow(clippy::too_many_arguments)]
    fn new(
        store: &mut ParamStore,
        conv: &str,
        bn: &str,
        cin: usize,
        cout: usize,
        k: usize,
        stride: usize,
    ) -> Result<Self> {
        let weight = store.get(
            &format!("{conv}.weight"),
            &[cout, cin, k, k],
            Init::KaimingNormal { fan: cout * k * k },
        )?;
        Ok(Self {
            weight,
            bias: None,
            bn: Some(BatchNorm::new(store, bn, cout)?),
            stride,
            padding: k / 2,
        })
    }

    fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        let mut y = x.conv2d(&self.weight, self.padding, self.stride, 1, 1)?;
        if let Some(b) = &self.bias {
            y = y.broadcast_add(&b.reshape((1, b.dim(0)?, 1, 1))?)?;
        }
        match &self.bn {
            Some(bn) => bn.forward(&y, train),
            None => Ok(y),
        }
    }

    fn fold(&self) -> Result<Self> {
        let Some(bn) = &self.bn else {
            return Ok(self.clone());
        };
        let scale = (bn.running_var.as_tensor() + BN_EPS)?
            .sqrt()?
            .recip()?
            .mul(&bn.weight)?;
        let cout = scale.dim(0)?;
        let weight = self
            .weight
            .broadcast_mul(&scale.reshape((cout, 1, 1, 1))?)?
            .detach();
        let shift = bn.running_mean.as_tensor().mul(&scale)?;
        let mut bias = bn.bias.sub(&shift)?;
        if let Some(b) = &self.bias {
            bias = (bias + b.mul(&scale)?)?;
        }
        Ok(Self {
            weight,
            bias: Some(bias.detach()),
            bn: None,
            stride: self.stride,
            padding: self.padding,
        })
    }
}

/// A basic residual block: `relu(bn2(conv2(relu(bn1(conv1 x)))) + shortcut(x))`.
#[derive(Debug, Clone)]
struct BasicBlock {
    c1: ConvBn,
    c2: ConvBn,
    downsample: Option<ConvBn>,
}

impl BasicBlock {
    fn new(
        store: &mut ParamStore,
        p: &str,
        cin: usize,
        cout: usize,
        stride: usize,
    ) -> Result<Self> {
        let c1 = ConvBn::new(
            store,
            &format!("{p}.conv1"),
            &format!("{p}.bn1"),
            cin,
            cout,
            3,
            stride,
        )?;
        let c2 = ConvBn::new(
            store,
            &format!("{p}.conv2"),
            &format!("{p}.bn2"),
            cout,
            cout,
            3,
            1,
        )?;
        let downsample = if stride != 1 || cin != cout {
            Some(ConvBn::new(
                store,
                &format!("{p}.downsample.0"),
                &format!("{p}.downsample.1"),
                cin,
                cout,
                1,
                stride,
            )?)
        } else {
            None
        };
        Ok(Self { c1, c2, downsample })
    }

    fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        let y = self.c1.forward(x, train)?.relu()?;
        let y = self.c2.forward(&y, train)?;
        let short = match &self.downsample {
            Some(d) => d.forward(x, train)?,
            None => x.clone(),
        };
        Ok((y + short)?.relu()?)
    }

    fn fold(&self) -> Result<Self> {
        Ok(Self {
            c1: self.c1.fold()?,
            c2: self.c2.fold()?,
            downsample: self.downsample.as_ref().map(ConvBn::fold).transpose()?,
        })
    }
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
        // In inference, large batches run in slices: candle's im2col buffers for a whole batch
        // outgrow the cache and per-image time rises (ResNet-18 at 224²: batch 32 was ~2x slower
        // per image than batch 1). Training keeps whole batches for the batch-norm statistics.
        if !train && n > INFERENCE_SLICE {
            let parts = (0..n)
                .step_by(INFERENCE_SLICE)
                .map(|s| self.features(&x.narrow(0, s, INFERENCE_SLICE.min(n - s))?, false))
                .collect::<Result<Vec<_>>>()?;
            return Ok(Tensor::cat(&parts, 0)?);
        }
        let mut y = self.stem.forward(x, train)?.relu()?;
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
