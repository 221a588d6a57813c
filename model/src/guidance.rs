//! Mask-guided training: a penalty on class evidence the network places outside the annotated
//! lesion, so its Grad-CAM explains the lesion rather than the bone around it.
//!
//! With global average pooling and a linear head, the OS logit is the mean over the last feature
//! map's cells of the class activation map `M_ij = Σ_k w_k A_kij` (Zhou et al. 2016, CVPR,
//! "Learning deep features for discriminative localization"), plus the bias; for this head
//! Grad-CAM is `relu(±M)` up to a constant. Without guidance the network is free to spread
//! evidence for the class that lacks a striking sign (GCT phantoms: "no periosteal reaction")
//! over the whole knee. The penalty `λ · mean over masked images of Σ_outside M_ij² / Σ_all M_ij²`
//! (the share of the map's energy outside the lesion) constrains the explanation where the
//! annotation says nothing is. It is scale-free on purpose: a penalty on `M²` itself can be met by
//! shrinking every activation, which leaves the network under-confident (median |logit| 0.5
//! instead of 3.7) or, stronger, stops it learning. This follows the spirit of Ross et al. 2017 (IJCAI,
//! "Right for the right reasons: training differentiable models by constraining their
//! explanations") and the attention-supervised GAIN of Li et al. 2018 (CVPR). Cells that touch
//! the lesion are not penalised, nor are images without a mask.

use candle_core::{Device, Tensor};

use crate::error::Result;
use crate::preprocess::GreyImage;

/// A mask pixel at or above this value is lesion.
const INSIDE: f32 = 0.5;

/// Weights `(N, side, side)`: 1 for a cell of image `n` with no lesion pixel, 0 for a cell that
/// touches the lesion and for every cell of an image without a mask. `None` when no image of
/// the batch has a mask (the penalty is then skipped).
///
/// # Errors
/// A tensor cannot be built.
pub fn outside_cells(masks: &[Option<&GreyImage>], side: usize) -> Result<Option<Tensor>> {
    if masks.iter().all(Option::is_none) || side == 0 {
        return Ok(None);
    }
    let mut w = vec![0.0f32; masks.len() * side * side];
    for (n, mask) in masks.iter().enumerate() {
        let Some(mask) = mask else { continue };
        let cell = &mut w[n * side * side..(n + 1) * side * side];
        cell.fill(1.0);
        for r in 0..mask.height {
            for c in 0..mask.width {
                if mask.pixels[r * mask.width + c] >= INSIDE {
                    cell[(r * side / mask.height) * side + c * side / mask.width] = 0.0;
                }
            }
        }
    }
    Ok(Some(Tensor::from_vec(
        w,
        (masks.len(), side, side),
        &Device::Cpu,
    )?))
}

/// The class activation map `M = Σ_k w_k A_k` of the first logit: `(N, C, s, s)` features and
/// a `(classes, C)` head weight → `(N, s, s)`.
///
/// # Errors
/// The shapes disagree.
pub fn class_activation_map(features: &Tensor, fc_weight: &Tensor) -> Result<Tensor> {
    let c = features.dim(1)?;
    let w = fc_weight.narrow(0, 0, 1)?.reshape((1, c, 1, 1))?;
    Ok(features.broadcast_mul(&w)?.sum(1)?)
}

/// The penalty before its factor λ: over the images that have a mask, the mean share of `M²`
/// that falls in the weighted (outside) cells.
///
/// # Errors
/// The shapes disagree.
pub fn outside_penalty(cam: &Tensor, outside: &Tensor) -> Result<Tensor> {
    let energy = cam.sqr()?;
    let out = energy.mul(outside)?.sum((1, 2))?;
    // The small constant keeps an all-zero map (a dead network early on) finite.
    let all = (energy.sum((1, 2))? + 1e-6)?;
    let masked = outside
        .sum((1, 2))?
        .to_vec1::<f32>()?
        .iter()
        .filter(|&&w| w > 0.0)
        .count()
        .max(1);
    Ok((out.div(&all)?.sum_all()? / masked as f64)?)
}

/// Share of `|M|` that lies in the weighted (outside) cells, for tests and diagnostics.
///
/// # Errors
/// The shapes disagree.
pub fn outside_share(cam: &Tensor, outside: &Tensor) -> Result<f64> {
    let abs = cam.abs()?;
    let out = abs.mul(outside)?.sum_all()?.to_scalar::<f32>()?;
    let all = abs.sum_all()?.to_scalar::<f32>()?;
    Ok(if all > 0.0 { f64::from(out / all) } else { 0.0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_mask(size: usize, from: usize, to: usize) -> GreyImage {
        let px = (0..size * size)
            .map(|i| {
                let (r, c) = (i / size, i % size);
                f32::from(u8::from((from..to).contains(&r) && (from..to).contains(&c)))
            })
            .collect();
        GreyImage::new(size, size, px).unwrap()
    }

    #[test]
    fn cells_touching_the_lesion_and_maskless_images_carry_no_weight() {
        let mask = square_mask(8, 2, 4);

        let w = outside_cells(&[Some(&mask), None], 4).unwrap().unwrap();

        let w = w.to_vec3::<f32>().unwrap();
        assert_eq!(w[0][1][1], 0.0);
        assert_eq!(w[0][0][0], 1.0);
        assert_eq!(w[0][3][3], 1.0);
        assert_eq!(w[0].iter().flatten().sum::<f32>(), 15.0);
        assert_eq!(w[1].iter().flatten().sum::<f32>(), 0.0);
    }

    #[test]
    fn a_batch_without_masks_has_no_penalty() {
        assert!(outside_cells(&[None, None], 4).unwrap().is_none());
    }

    #[test]
    fn the_penalty_is_the_share_of_energy_outside_averaged_over_masked_images() {
        let cam = Tensor::new(
            &[[[1.0f32, 2.0], [3.0, 4.0]], [[5.0, 5.0], [5.0, 5.0]]],
            &Device::Cpu,
        )
        .unwrap();
        // The second image has no mask: no weight anywhere, and it does not count.
        let outside = Tensor::new(
            &[[[1.0f32, 0.0], [1.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]],
            &Device::Cpu,
        )
        .unwrap();

        let p = outside_penalty(&cam, &outside)
            .unwrap()
            .to_scalar::<f32>()
            .unwrap();

        assert!((p - (1.0 + 9.0) / 30.0).abs() < 1e-6, "{p}");
        let doubled = outside_penalty(&(cam * 2.0).unwrap(), &outside).unwrap();
        assert!(
            (doubled.to_scalar::<f32>().unwrap() - p).abs() < 1e-6,
            "scale-free"
        );
        let cam = Tensor::new(&[[[1.0f32, 2.0], [3.0, 4.0]]], &Device::Cpu).unwrap();
        let outside = Tensor::new(&[[[1.0f32, 0.0], [1.0, 0.0]]], &Device::Cpu).unwrap();
        let share = outside_share(&cam, &outside).unwrap();
        assert!((share - 0.4).abs() < 1e-6);
    }

    #[test]
    fn the_map_is_the_weighted_channel_sum() {
        let a = Tensor::new(&[[[[1.0f32]], [[2.0]]]], &Device::Cpu).unwrap();
        let w = Tensor::new(&[[0.5f32, -1.0]], &Device::Cpu).unwrap();

        let m = class_activation_map(&a, &w).unwrap();

        assert_eq!(m.to_vec3::<f32>().unwrap(), vec![vec![vec![-1.5]]]);
    }
}
