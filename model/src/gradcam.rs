//! Class activation maps from the last residual block: Grad-CAM and Grad-CAM++.

// Index loops mirror the subscripts of the formulas they implement.
#![allow(clippy::needless_range_loop)]

use candle_core::{Tensor, Var};

use crate::error::{ModelError, Result};
use crate::net::ResNet;

/// Which class the map explains. The network has a single logit `z` for osteosarcoma; the GCT
/// score is `−z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CamTarget {
    /// Evidence for osteosarcoma.
    Os,
    /// Evidence for giant-cell tumour.
    Gct,
    /// Evidence for whichever class the network predicts.
    Predicted,
}

/// Maps for one image, on the `side × side` grid of the last feature map.
#[derive(Debug, Clone, PartialEq)]
pub struct CamMaps {
    /// Grid side.
    pub side: usize,
    /// Grad-CAM, unnormalised: `relu(Σ_k α_k A_k)`.
    pub gradcam: Vec<f32>,
    /// `Σ_k α_k A_k` before the relu: the other class's Grad-CAM is `relu(−signed)`, since its
    /// score is the negated logit and Grad-CAM's weights are linear in the gradient.
    pub signed: Vec<f32>,
    /// Whether the maps explain osteosarcoma (the logit) rather than GCT (its negation).
    pub explains_os: bool,
    /// Grad-CAM++, unnormalised.
    pub gradcam_pp: Vec<f32>,
    /// The explained score (the logit, negated for GCT).
    pub score: f32,
    /// The OS logit.
    pub logit: f32,
    /// Penultimate features: the global average of each channel of the last block.
    pub features: Vec<f32>,
}

/// Gradient of `head(A)` summed over the batch with respect to the feature map `A` (each image's
/// score depends only on its own map, so the sum separates per image).
///
/// # Errors
/// The head fails on `a` or does not return one score per image.
pub fn feature_gradients(
    a: &Tensor,
    head: impl Fn(&Tensor) -> Result<Tensor>,
) -> Result<(Tensor, Tensor)> {
    let var = Var::from_tensor(&a.detach().copy()?)?;
    let scores = head(var.as_tensor())?;
    if scores.dims() != [a.dim(0)?] {
        return Err(ModelError::invalid(
            "grad-cam head",
            format!(
                "returned shape {:?}, expected [{}]",
                scores.dims(),
                a.dim(0)?
            ),
        ));
    }
    let grads = scores.sum_all()?.backward()?;
    let g = grads.get(var.as_tensor()).cloned().ok_or_else(|| {
        ModelError::invalid(
            "grad-cam head",
            "the score does not depend on the feature map",
        )
    })?;
    Ok((scores.detach(), g))
}

/// Grad-CAM (Selvaraju et al. 2017, ICCV): `α_k = (1/Z) Σ_ij ∂y/∂A_kij`, map `relu(Σ_k α_k A_k)`.
///
/// Grad-CAM++ (Chattopadhay et al. 2018, WACV, eq. 19 with the exponential-score closed form):
/// `a_kij = g² / (2 g² + Σ_ab A_kab · g³)`, `w_k = Σ_ij a_kij relu(g_kij)`, map `relu(Σ_k w_k A_k)`,
/// where `g = ∂y/∂A_kij`.
///
/// `a` and `g` are one image's `(C, s, s)` activations and gradients, flattened channel-major.
/// Returns Grad-CAM, Grad-CAM++ and Grad-CAM before its relu.
pub fn cams_from_gradients(
    a: &[f32],
    g: &[f32],
    channels: usize,
    side: usize,
) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
    let hw = side * side;
    let mut cam = vec![0.0f32; hw];
    let mut cam_pp = vec![0.0f32; hw];
    for k in 0..channels {
        let ak = &a[k * hw..(k + 1) * hw];
        let gk = &g[k * hw..(k + 1) * hw];
        let alpha = gk.iter().sum::<f32>() / hw as f32;
        let sum_a: f32 = ak.iter().sum();
        let w_pp: f32 = gk
            .iter()
            .map(|&gv| {
                let (g2, g3) = (gv * gv, gv * gv * gv);
                let denom = 2.0 * g2 + sum_a * g3;
                // Where the gradient vanishes the coefficient is 0/0; it multiplies relu(g) = 0 anyway.
                let coeff = if denom.abs() > 1e-20 { g2 / denom } else { 0.0 };
                coeff * gv.max(0.0)
            })
            .sum();
        for i in 0..hw {
            cam[i] += alpha * ak[i];
            cam_pp[i] += w_pp * ak[i];
        }
    }
    let signed = cam.clone();
    for v in cam.iter_mut().chain(cam_pp.iter_mut()) {
        *v = v.max(0.0);
    }
    (cam, cam_pp, signed)
}

/// Grad-CAM and Grad-CAM++ for every image of a batch `(N, C_in, S, S)`, with the logit and the
/// penultimate features, from one forward and one backward pass.
///
/// # Errors
/// The input has the wrong shape for the network.
pub fn grad_cams(net: &ResNet, x: &Tensor, target: CamTarget) -> Result<Vec<CamMaps>> {
    let a = net.features(x, false)?.detach();
    let (n, c, side, _) = a.dims4()?;
    let logits = net
        .head(&a)?
        .narrow(1, 0, 1)?
        .flatten_all()?
        .to_vec1::<f32>()?;
    let signs: Vec<f32> = logits
        .iter()
        .map(|&z| match target {
            CamTarget::Os => 1.0,
            CamTarget::Gct => -1.0,
            CamTarget::Predicted => {
                if z >= 0.0 {
                    1.0
                } else {
                    -1.0
                }
            }
        })
        .collect();
    let sign_t = Tensor::from_vec(signs.clone(), n, x.device())?;
    let (_, g) = feature_gradients(&a, |av| {
        Ok(net.head(av)?.narrow(1, 0, 1)?.flatten_all()?.mul(&sign_t)?)
    })?;
    let pooled = net.pool(&a)?.to_vec2::<f32>()?;
    let a_all = a.flatten_all()?.to_vec1::<f32>()?;
    let g_all = g.flatten_all()?.to_vec1::<f32>()?;
    let per = c * side * side;
    Ok((0..n)
        .map(|i| {
            let (gradcam, gradcam_pp, signed) = cams_from_gradients(
                &a_all[i * per..(i + 1) * per],
                &g_all[i * per..(i + 1) * per],
                c,
                side,
            );
            CamMaps {
                side,
                gradcam,
                signed,
                explains_os: signs[i] > 0.0,
                gradcam_pp,
                score: logits[i] * signs[i],
                logit: logits[i],
                features: pooled[i].clone(),
            }
        })
        .collect())
}

impl CamMaps {
    /// Grad-CAM explaining one class, whichever class the maps were made for.
    pub fn class_map(&self, class: crate::infer::Class) -> Vec<f32> {
        let sign = if (class == crate::infer::Class::Os) == self.explains_os {
            1.0
        } else {
            -1.0
        };
        self.signed.iter().map(|v| (sign * v).max(0.0)).collect()
    }
}

/// Scales a map to `[0, 1]` by its maximum (an all-zero map stays zero).
pub fn normalise(map: &[f32]) -> Vec<f32> {
    let m = map.iter().cloned().fold(0.0f32, f32::max);
    if m > 0.0 {
        map.iter().map(|v| v / m).collect()
    } else {
        vec![0.0; map.len()]
    }
}

/// Bilinear upsampling of a `side²` grid to `size²`, aligning cell centres (as
/// `align_corners = false` in PyTorch).
pub fn upsample(map: &[f32], side: usize, size: usize) -> Vec<f32> {
    let img = crate::preprocess::GreyImage {
        width: side,
        height: side,
        pixels: map.to_vec(),
    };
    let scale = side as f32 / size as f32;
    let mut out = Vec::with_capacity(size * size);
    for r in 0..size {
        for c in 0..size {
            out.push(img.sample(
                (c as f32 + 0.5) * scale - 0.5,
                (r as f32 + 0.5) * scale - 0.5,
            ));
        }
    }
    out
}
