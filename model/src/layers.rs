//! The building blocks of the ResNet: batch norm (with precise recalibration), convolution +
//! batch norm with folding, and the basic residual block.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use candle_core::{Tensor, Var};

use crate::error::{ModelError, Result};
use crate::fastconv::FusedConv;
use crate::params::{Init, ParamStore};

/// Batch normalisation (Ioffe & Szegedy 2015): `y = γ (x − μ)/sqrt(σ² + ε) + β`, with batch
/// statistics in training (running averages updated with momentum 0.1, unbiased variance, as
/// PyTorch does) and running statistics in evaluation.
#[derive(Debug, Clone)]
pub(crate) struct BatchNorm {
    weight: Tensor,
    bias: Tensor,
    running_mean: Var,
    running_var: Var,
    // Shared by every layer of a network so a recalibration pass can switch them all to
    // cumulative averaging; atomic (f64 bits) so the network stays Send + Sync.
    momentum: Arc<AtomicU64>,
}

const BN_EPS: f64 = 1e-5;
/// PyTorch's default batch-norm momentum.
pub(crate) const BN_MOMENTUM: f64 = 0.1;

impl BatchNorm {
    pub(crate) fn new(store: &mut ParamStore, prefix: &str, c: usize) -> Result<Self> {
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

    pub(crate) fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
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
pub(crate) struct ConvBn {
    weight: Tensor,
    bias: Option<Tensor>,
    bn: Option<BatchNorm>,
    stride: usize,
    padding: usize,
    /// The fused CPU kernel of a folded layer, used in inference.
    fast: Option<FusedConv>,
}

impl ConvBn {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
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
            fast: None,
        })
    }

    /// Whether batch norm has been folded into this layer (and the fused kernel is ready).
    pub(crate) fn is_folded(&self) -> bool {
        self.fast.is_some()
    }

    /// The fused kernel, when this layer is folded and the pass is inference.
    fn fused(&self, train: bool, relu: bool) -> Option<FusedConv> {
        self.fast
            .as_ref()
            .filter(|_| !train)
            .map(|f| f.with_relu(relu))
    }

    pub(crate) fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        if let Some(f) = self.fused(train, false) {
            return f.forward(x);
        }
        let mut y = x.conv2d(&self.weight, self.padding, self.stride, 1, 1)?;
        if let Some(b) = &self.bias {
            y = y.broadcast_add(&b.reshape((1, b.dim(0)?, 1, 1))?)?;
        }
        match &self.bn {
            Some(bn) => bn.forward(&y, train),
            None => Ok(y),
        }
    }

    /// `relu(forward(x))`, fused in a folded layer.
    pub(crate) fn forward_relu(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        match self.fused(train, true) {
            Some(f) => f.forward(x),
            None => Ok(self.forward(x, train)?.relu()?),
        }
    }

    /// `relu(forward(x) + residual)`, fused in a folded layer.
    pub(crate) fn forward_add_relu(
        &self,
        x: &Tensor,
        residual: &Tensor,
        train: bool,
    ) -> Result<Tensor> {
        match self.fused(train, true) {
            Some(f) => f.forward_add(x, residual),
            None => Ok((self.forward(x, train)? + residual)?.relu()?),
        }
    }

    pub(crate) fn fold(&self) -> Result<Self> {
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
        let bias = bias.detach();
        let fast = FusedConv::new(&weight, &bias, self.stride, self.padding, false)?;
        Ok(Self {
            weight,
            bias: Some(bias),
            bn: None,
            stride: self.stride,
            padding: self.padding,
            fast: Some(fast),
        })
    }
}

/// A basic residual block: `relu(bn2(conv2(relu(bn1(conv1 x)))) + shortcut(x))`.
#[derive(Debug, Clone)]
pub(crate) struct BasicBlock {
    c1: ConvBn,
    c2: ConvBn,
    downsample: Option<ConvBn>,
}

impl BasicBlock {
    pub(crate) fn new(
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

    pub(crate) fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        let y = self.c1.forward_relu(x, train)?;
        let short = match &self.downsample {
            Some(d) => d.forward(x, train)?,
            None => x.clone(),
        };
        self.c2.forward_add_relu(&y, &short, train)
    }

    pub(crate) fn fold(&self) -> Result<Self> {
        Ok(Self {
            c1: self.c1.fold()?,
            c2: self.c2.fold()?,
            downsample: self.downsample.as_ref().map(ConvBn::fold).transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use candle_core::Device;

    use super::*;

    fn input(shape: &[usize], seed: u64) -> Tensor {
        let mut r = vocab::SplitMix64::new(seed);
        let n = shape.iter().product();
        let v: Vec<f32> = (0..n).map(|_| r.normal() as f32).collect();
        Tensor::from_vec(v, shape, &Device::Cpu).unwrap()
    }

    fn max_diff(a: &Tensor, b: &Tensor) -> f32 {
        let d = (a - b).unwrap().abs().unwrap().flatten_all().unwrap();
        d.max(0).unwrap().to_scalar::<f32>().unwrap()
    }

    #[test]
    fn folded_blocks_equal_unfolded_blocks_in_inference() {
        // Not (4, 4, 2) at 8²: its 4-channel 4² maps hit candle's C = H = W conv2d bug (see
        // `fastconv`), which the folded block does not share.
        for (cin, cout, stride) in [(4, 4, 1), (4, 8, 2), (6, 6, 2)] {
            let mut store = ParamStore::fresh(3);
            let block = BasicBlock::new(&mut store, "b", cin, cout, stride).unwrap();
            // Training passes move the running statistics away from 0 and 1.
            for s in 0..3 {
                block.forward(&input(&[4, cin, 8, 8], s), true).unwrap();
            }
            let x = input(&[3, cin, 8, 8], 9);

            let plain = block.forward(&x, false).unwrap();
            let folded = block.fold().unwrap().forward(&x, false).unwrap();

            let diff = max_diff(&plain, &folded);
            assert!(diff < 1e-4, "{cin}->{cout}/{stride}: {diff}");
        }
    }

    #[test]
    fn a_folded_stem_equals_the_unfolded_stem_in_inference() {
        for (k, side) in [(3, 32), (7, 32), (3, 9)] {
            let mut store = ParamStore::fresh(4);
            let stem = ConvBn::new(&mut store, "conv1", "bn1", 1, 4, k, 2).unwrap();
            for s in 0..3 {
                stem.forward(&input(&[4, 1, side, side], s), true).unwrap();
            }
            let x = input(&[3, 1, side, side], 9);

            let plain = stem.forward_relu(&x, false).unwrap();
            let folded = stem.fold().unwrap().forward_relu(&x, false).unwrap();

            let diff = max_diff(&plain, &folded);
            assert!(diff < 1e-4, "k {k} side {side}: {diff}");
        }
    }
}
