//! Per-hospital acquisition: how a projected-attenuation map becomes a stored radiograph at one
//! site (detector blur, quantum noise, edge-enhancement processing, tone curve, bit depth,
//! MONOCHROME1/2 storage, window tags).

use super::noise::{box_blur, gaussian_blur};
use crate::grey::{GreyImage, Photometric, Window};
use vocab::SplitMix64;

/// One hospital's imaging chain. Blur and the unsharp radius are in pixels of a 512² image and
/// scale with the phantom size.
#[derive(Debug, Clone, PartialEq)]
pub struct HospitalProfile {
    pub name: String,
    /// Relative share of the cases this hospital contributes.
    pub share: f64,
    /// True for the site held out as the external test set.
    pub external: bool,
    pub photometric: Photometric,
    /// Relative dose; quantum noise scales with `1/sqrt(exposure)`.
    pub exposure: f32,
    /// Noise standard deviation (attenuation units) at exposure 1.
    pub noise: f32,
    /// Detector blur (Gaussian sigma, pixels at 512²).
    pub blur: f32,
    /// Unsharp-mask gain of the vendor's processing.
    pub edge_enhance: f32,
    /// Tone-curve exponent applied to the normalised signal (< 1 brightens soft tissue).
    pub gamma: f32,
    pub bits_stored: u16,
    /// Window width tag as a multiple of the anatomy's value range.
    pub window_scale: f64,
}

impl HospitalProfile {
    /// The four sites of the seed study; "H4" (noisier, blurrier, harder processing,
    /// MONOCHROME1) is the external test site.
    pub fn seed_study() -> Vec<Self> {
        let site = |name: &str,
                    share,
                    external,
                    photometric,
                    exposure,
                    noise,
                    blur,
                    edge,
                    gamma,
                    bits,
                    ws| Self {
            name: name.to_string(),
            share,
            external,
            photometric,
            exposure,
            noise,
            blur,
            edge_enhance: edge,
            gamma,
            bits_stored: bits,
            window_scale: ws,
        };
        use Photometric::{Monochrome1 as M1, Monochrome2 as M2};
        vec![
            site("H1", 0.34, false, M2, 1.0, 0.010, 0.7, 0.6, 1.0, 12, 1.0),
            site("H2", 0.24, false, M1, 1.3, 0.008, 1.0, 0.3, 0.9, 12, 1.1),
            site("H3", 0.21, false, M2, 0.8, 0.012, 1.2, 0.9, 1.15, 10, 0.9),
            site("H4", 0.21, true, M1, 0.6, 0.013, 1.5, 1.2, 0.85, 14, 1.0),
        ]
    }

    /// Turns projected attenuation (`size x size`, bone bright) into a stored image.
    pub fn acquire(&self, attenuation: &[f32], size: usize, rng: &mut SplitMix64) -> GreyImage {
        let scale = size as f32 / 512.0;
        let mut signal = attenuation.to_vec();
        gaussian_blur(&mut signal, size, size, self.blur * scale);
        // Fewer photons reach the detector behind bone, so the noise grows with attenuation.
        let sigma = self.noise / self.exposure.sqrt();
        let heel = rng.range_f32(-0.04, 0.04);
        for (y, row) in signal.chunks_exact_mut(size).enumerate() {
            let tilt = heel * (y as f32 / size as f32 - 0.5);
            for pair in row.chunks_mut(2) {
                let (n1, n2) = rng.normal_pair();
                for (s, n) in pair.iter_mut().zip([n1, n2]) {
                    *s += tilt + sigma * (0.6 + 0.8 * *s) * n as f32;
                }
            }
        }
        if self.edge_enhance > 0.0 {
            let radius = (12.0 * scale).round().max(1.0) as usize;
            let low = box_blur(&signal, size, size, radius);
            for (s, l) in signal.iter_mut().zip(&low) {
                *s += self.edge_enhance * (*s - l);
            }
        }
        let (lo, hi) = percentiles(&signal, 0.005, 0.998);
        let max = f32::from((1u16 << self.bits_stored.min(15)) - 1);
        let offset = rng.range_f32(0.0, 0.06);
        let range = rng.range_f32(0.88, 0.94);
        let values: Vec<f32> = signal
            .iter()
            .map(|s| {
                let t = ((s - lo) / (hi - lo).max(1e-6))
                    .clamp(0.0, 1.0)
                    .powf(self.gamma);
                let v = ((offset + range * t) * max).round().clamp(0.0, max);
                match self.photometric {
                    Photometric::Monochrome2 => v,
                    Photometric::Monochrome1 => max - v,
                }
            })
            .collect();
        let (wlo, whi) = percentiles(&values, 0.02, 0.995);
        let width = (f64::from(whi - wlo) * self.window_scale).max(2.0).round();
        let center = (f64::from(wlo + whi) / 2.0).round();
        GreyImage {
            width: size as u32,
            height: size as u32,
            values,
            photometric: self.photometric,
            bits_stored: self.bits_stored,
            windows: vec![Window {
                explanation: Some(format!("{} default", self.name)),
                ..Window::new(center, width)
            }],
            voi_tables: vec![],
        }
    }
}

/// Two quantiles of `values` from a strided subsample (enough for a tone curve, and fast).
fn percentiles(values: &[f32], low: f64, high: f64) -> (f32, f32) {
    let mut sample: Vec<f32> = values.iter().step_by(7).copied().collect();
    sample.sort_by(f32::total_cmp);
    let at = |q: f64| sample[((sample.len() - 1) as f64 * q).round() as usize];
    (at(low), at(high))
}
