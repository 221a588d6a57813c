//! The building blocks of the ResNet: batch norm (with precise recalibration), convolution +
//! batch norm with folding, and the basic residual block.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use candle_core::{Tensor, Var};

use crate::error::{ModelError, Result};
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
        })
    }

    pub(crate) fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        let mut y = x.conv2d(&self.weight, self.padding, self.stride, 1, 1)?;
        if let Some(b) = &self.bias {
            y = y.broadcast_add(&b.reshape((1, b.dim(0)?, 1, 1))?)?;
        }
        match &self.bn {
            Some(bn) => bn.forward(&y, train),
            None => Ok(y),
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
        let y = self.c1.forward(x, train)?.relu()?;
        let y = self.c2.forward(&y, train)?;
        let short = match &self.downsample {
            Some(d) => d.forward(x, train)?,
            None => x.clone(),
        };
        Ok((y + short)?.relu()?)
    }

    pub(crate) fn fold(&self) -> Result<Self> {
        Ok(Self {
            c1: self.c1.fold()?,
            c2: self.c2.fold()?,
            downsample: self.downsample.as_ref().map(ConvBn::fold).transpose()?,
        })
    }
}
