//! Procedural texture and filtering primitives for the phantoms: value noise, fractal sums,
//! separable Gaussian blur and box blur.

use crate::rng::lattice;

/// Quintic fade `6t^5 - 15t^4 + 10t^3` (Perlin, "Improving noise", SIGGRAPH 2002), so the noise
/// has continuous second derivatives and no lattice-aligned creases.
fn fade(t: f32) -> f32 {
    t * t * t * (t * (t * 6.0 - 15.0) + 10.0)
}

/// Value noise in [0, 1): hashed lattice values blended with the quintic fade.
pub fn value_noise(seed: u64, x: f32, y: f32) -> f32 {
    let (fx, fy) = (x.floor(), y.floor());
    let (ix, iy) = (fx as i32, fy as i32);
    let (tx, ty) = (fade(x - fx), fade(y - fy));
    let a = lattice(seed, ix, iy);
    let b = lattice(seed, ix + 1, iy);
    let c = lattice(seed, ix, iy + 1);
    let d = lattice(seed, ix + 1, iy + 1);
    let top = a + (b - a) * tx;
    let bottom = c + (d - c) * tx;
    top + (bottom - top) * ty
}

/// Fractal sum of `octaves` value-noise layers, each twice the frequency and half the amplitude
/// of the previous, normalised back to [0, 1).
pub fn fbm(seed: u64, x: f32, y: f32, octaves: u32) -> f32 {
    let (mut sum, mut amp, mut norm, mut freq) = (0.0, 1.0, 0.0, 1.0);
    for o in 0..octaves {
        sum += amp * value_noise(seed.wrapping_add(u64::from(o) * 0x9E37), x * freq, y * freq);
        norm += amp;
        amp *= 0.5;
        freq *= 2.0;
    }
    sum / norm
}

/// In-place separable Gaussian blur of a `w x h` image with standard deviation `sigma` pixels;
/// edges are clamped. A no-op for `sigma < 0.3`.
pub fn gaussian_blur(img: &mut [f32], w: usize, h: usize, sigma: f32) {
    if sigma < 0.3 {
        return;
    }
    let radius = (3.0 * sigma).ceil() as usize;
    let kernel: Vec<f32> = (0..=2 * radius)
        .map(|i| {
            let d = i as f32 - radius as f32;
            (-(d * d) / (2.0 * sigma * sigma)).exp()
        })
        .collect();
    let total: f32 = kernel.iter().sum();
    let kernel: Vec<f32> = kernel.iter().map(|k| k / total).collect();
    // Horizontal pass over an edge-padded copy of each row, so the inner loop has no clamps.
    let mut padded = vec![0.0f32; w + 2 * radius];
    for row in img.chunks_exact_mut(w) {
        padded[..radius].fill(row[0]);
        padded[radius..radius + w].copy_from_slice(row);
        padded[radius + w..].fill(row[w - 1]);
        for (x, out) in row.iter_mut().enumerate() {
            *out = kernel.iter().zip(&padded[x..]).map(|(k, v)| k * v).sum();
        }
    }
    // Vertical pass row by row: each output row is a weighted sum of whole input rows, which
    // keeps memory access sequential.
    let source = img.to_vec();
    for y in 0..h {
        let out = &mut img[y * w..(y + 1) * w];
        out.fill(0.0);
        for (k, weight) in kernel.iter().enumerate() {
            let yi = (y + k).saturating_sub(radius).min(h - 1);
            for (o, v) in out.iter_mut().zip(&source[yi * w..(yi + 1) * w]) {
                *o += weight * v;
            }
        }
    }
}

/// A box mean of half-width `r` (window `2r+1`), edges clamped, by running sums: O(1) per pixel.
pub fn box_blur(img: &[f32], w: usize, h: usize, r: usize) -> Vec<f32> {
    let mut tmp = vec![0.0f32; img.len()];
    let norm = 1.0 / (2 * r + 1) as f32;
    let clamp = |i: isize, n: usize| i.clamp(0, n as isize - 1) as usize;
    for y in 0..h {
        let row = &img[y * w..(y + 1) * w];
        let mut acc: f32 = (-(r as isize)..=r as isize).map(|i| row[clamp(i, w)]).sum();
        for x in 0..w {
            tmp[y * w + x] = acc * norm;
            acc +=
                row[clamp(x as isize + r as isize + 1, w)] - row[clamp(x as isize - r as isize, w)];
        }
    }
    let mut out = vec![0.0f32; img.len()];
    for x in 0..w {
        let mut acc: f32 = (-(r as isize)..=r as isize)
            .map(|i| tmp[clamp(i, h) * w + x])
            .sum();
        for y in 0..h {
            out[y * w + x] = acc * norm;
            acc += tmp[clamp(y as isize + r as isize + 1, h) * w + x]
                - tmp[clamp(y as isize - r as isize, h) * w + x];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_noise_stays_in_the_unit_interval_and_matches_the_lattice_at_integers() {
        for i in 0..500 {
            let (x, y) = (i as f32 * 0.37, i as f32 * 0.21);
            let n = value_noise(9, x, y);
            assert!((0.0..1.0).contains(&n));
        }
        assert_eq!(value_noise(9, 3.0, 4.0), lattice(9, 3, 4));
    }

    #[test]
    fn blurs_keep_a_constant_image_constant() {
        let mut img = vec![0.25f32; 20 * 10];
        gaussian_blur(&mut img, 20, 10, 1.5);
        let boxed = box_blur(&img, 20, 10, 3);
        assert!(img.iter().chain(&boxed).all(|v| (v - 0.25).abs() < 1e-5));
    }

    #[test]
    fn box_blur_averages_a_point_over_its_window() {
        let mut img = vec![0.0f32; 9 * 9];
        img[4 * 9 + 4] = 49.0;
        let out = box_blur(&img, 9, 9, 3);
        // A 7x7 window around the centre holds the impulse: 49 / 49 = 1.
        assert!((out[4 * 9 + 4] - 1.0).abs() < 1e-5);
        assert!((out[4 * 9 + 1] - 1.0).abs() < 1e-5);
        assert!(out[0].abs() < 1e-6);
    }
}
