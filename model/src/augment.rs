//! Training-time augmentation: random flips, small rotations, shifts and scalings, and
//! intensity jitter (gamma, contrast, noise) so the CNN does not learn one hospital's look.

use serde::{Deserialize, Serialize};

use crate::preprocess::GreyImage;
use vocab::SplitMix64;

/// Ranges of the random transforms; each draw is uniform in `[-x, x]` (or the given interval).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AugmentConfig {
    /// Probability of a left–right flip.
    pub flip_prob: f64,
    /// Maximum rotation in degrees.
    pub max_rotate_deg: f64,
    /// Maximum shift as a fraction of the side.
    pub max_shift: f64,
    /// Maximum relative zoom (0.1 = 0.9×–1.1×).
    pub max_zoom: f64,
    /// Maximum |log γ| of the gamma curve applied to intensities.
    pub max_log_gamma: f64,
    /// Maximum relative contrast change around the mean.
    pub max_contrast: f64,
    /// Maximum standard deviation of added Gaussian noise (intensity units).
    pub max_noise: f64,
}

impl Default for AugmentConfig {
    fn default() -> Self {
        Self {
            flip_prob: 0.5,
            max_rotate_deg: 10.0,
            max_shift: 0.06,
            max_zoom: 0.1,
            max_log_gamma: 0.25,
            max_contrast: 0.2,
            max_noise: 0.03,
        }
    }
}

/// One random draw of every transform.
struct Draw {
    flip: bool,
    angle: f64,
    zoom: f64,
    tx: f64,
    ty: f64,
    gamma: f64,
    contrast: f64,
    noise: f64,
}

impl Draw {
    fn new(cfg: &AugmentConfig, rng: &mut SplitMix64, w: f64, h: f64) -> Self {
        // The order of the draws is part of the seeded behaviour: keep it.
        let flip = rng.uniform() < cfg.flip_prob;
        let angle = rng
            .range(-cfg.max_rotate_deg, cfg.max_rotate_deg)
            .to_radians();
        let zoom = 1.0 + rng.range(-cfg.max_zoom, cfg.max_zoom);
        let tx = rng.range(-cfg.max_shift, cfg.max_shift) * w;
        let ty = rng.range(-cfg.max_shift, cfg.max_shift) * h;
        let gamma = rng.range(-cfg.max_log_gamma, cfg.max_log_gamma).exp();
        let contrast = 1.0 + rng.range(-cfg.max_contrast, cfg.max_contrast);
        let noise = rng.range(0.0, cfg.max_noise);
        Self {
            flip,
            angle,
            zoom,
            tx,
            ty,
            gamma,
            contrast,
            noise,
        }
    }

    /// The geometric part: an inverse-mapped similarity transform about the centre with
    /// bilinear sampling, so the output keeps the input's size.
    fn warp(&self, img: &GreyImage) -> GreyImage {
        let (w, h) = (img.width as f64, img.height as f64);
        let (cx, cy) = ((w - 1.0) / 2.0, (h - 1.0) / 2.0);
        let (cos, sin) = (self.angle.cos() / self.zoom, self.angle.sin() / self.zoom);
        let mut out = Vec::with_capacity(img.pixels.len());
        for r in 0..img.height {
            for c in 0..img.width {
                // Output pixel → source pixel: undo shift, then rotation/zoom about the centre.
                let (dx, dy) = (c as f64 - cx - self.tx, r as f64 - cy - self.ty);
                let mut sx = cos * dx + sin * dy + cx;
                let sy = -sin * dx + cos * dy + cy;
                if self.flip {
                    sx = w - 1.0 - sx;
                }
                out.push(img.sample(sx as f32, sy as f32));
            }
        }
        GreyImage {
            width: img.width,
            height: img.height,
            pixels: out,
        }
    }

    /// The intensity part: gamma, contrast about the mean, Gaussian noise.
    fn intensity(&self, mut img: GreyImage, rng: &mut SplitMix64) -> GreyImage {
        let mean = img.pixels.iter().sum::<f32>() / img.pixels.len() as f32;
        for p in &mut img.pixels {
            let g = p.clamp(0.0, 1.0).powf(self.gamma as f32);
            *p = mean + (g - mean) * self.contrast as f32 + (rng.normal() * self.noise) as f32;
        }
        img
    }
}

/// Applies one random draw of every transform to a square image in `[0, 1]`.
pub fn augment(img: &GreyImage, cfg: &AugmentConfig, rng: &mut SplitMix64) -> GreyImage {
    let draw = Draw::new(cfg, rng, img.width as f64, img.height as f64);
    draw.intensity(draw.warp(img), rng)
}

/// As [`augment`], moving a lesion mask of the same size with the image (geometry only), so
/// mask-guided training sees the lesion where the augmented image shows it.
pub fn augment_with_mask(
    img: &GreyImage,
    mask: &GreyImage,
    cfg: &AugmentConfig,
    rng: &mut SplitMix64,
) -> (GreyImage, GreyImage) {
    let draw = Draw::new(cfg, rng, img.width as f64, img.height as f64);
    let image = draw.intensity(draw.warp(img), rng);
    (image, draw.warp(mask))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ramp() -> GreyImage {
        let px = (0..64).map(|i| (i % 8) as f32 / 7.0).collect();
        GreyImage::new(8, 8, px).unwrap()
    }

    #[test]
    fn no_op_ranges_leave_the_image_unchanged() {
        let none = AugmentConfig {
            flip_prob: 0.0,
            max_rotate_deg: 0.0,
            max_shift: 0.0,
            max_zoom: 0.0,
            max_log_gamma: 0.0,
            max_contrast: 0.0,
            max_noise: 0.0,
        };

        let out = augment(&ramp(), &none, &mut SplitMix64::new(1));

        for (a, b) in out.pixels.iter().zip(&ramp().pixels) {
            assert!((a - b).abs() < 1e-5);
        }
    }

    #[test]
    fn a_certain_flip_mirrors_the_ramp() {
        let flip = AugmentConfig {
            flip_prob: 1.0,
            max_rotate_deg: 0.0,
            max_shift: 0.0,
            max_zoom: 0.0,
            max_log_gamma: 0.0,
            max_contrast: 0.0,
            max_noise: 0.0,
        };

        let out = augment(&ramp(), &flip, &mut SplitMix64::new(1));

        assert!((out.pixels[0] - 1.0).abs() < 1e-5 && out.pixels[7].abs() < 1e-5);
    }

    #[test]
    fn a_mask_moves_with_its_image() {
        let cfg = AugmentConfig {
            max_log_gamma: 0.0,
            max_contrast: 0.0,
            max_noise: 0.0,
            ..AugmentConfig::default()
        };

        let (image, mask) = augment_with_mask(&ramp(), &ramp(), &cfg, &mut SplitMix64::new(9));

        // With the intensity ranges at zero, image and mask went through the same geometry.
        for (a, b) in image.pixels.iter().zip(&mask.pixels) {
            assert!((a - b).abs() < 1e-5, "{a} vs {b}");
        }
        assert_eq!(image, augment(&ramp(), &cfg, &mut SplitMix64::new(9)));
    }

    #[test]
    fn the_same_seed_gives_the_same_augmentation() {
        let cfg = AugmentConfig::default();
        let a = augment(&ramp(), &cfg, &mut SplitMix64::new(5));
        let b = augment(&ramp(), &cfg, &mut SplitMix64::new(5));
        assert_eq!(a, b);
    }
}
