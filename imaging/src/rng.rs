//! A small, version-stable random number generator so that a seed gives the same phantoms forever.
//!
//! `rand`'s generators and distributions do not promise value stability across releases, and the
//! phantom data set must be reproducible byte for byte from its seed, so the crate carries its own:
//! SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014)
//! for the stream, and a stateless integer hash of the same mixer for lattice noise.

/// SplitMix64 stream: `state += 0x9E3779B97F4A7C15`, output = mix(state).
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

/// The SplitMix64 finaliser (a bijective 64-bit mixer).
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// A stream for `seed`; streams for `(seed, k)` with different `k` are independent.
    pub fn new(seed: u64, stream: u64) -> Self {
        Self {
            state: mix64(seed ^ mix64(stream.wrapping_add(0x632B_E59B_D9B4_E019))),
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.state)
    }

    /// Uniform in [0, 1) with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi).
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// Uniform in [lo, hi) as f32, for geometry.
    pub fn rangef(&mut self, lo: f32, hi: f32) -> f32 {
        self.range(f64::from(lo), f64::from(hi)) as f32
    }

    /// Uniform integer in [0, n); `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        (self.uniform() * n as f64) as usize % n.max(1)
    }

    pub fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Standard normal by the Box–Muller transform (Box & Muller 1958), one draw per call.
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // (0, 1] so the log is finite
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Two independent standard normals from one Box–Muller draw (the cosine and sine branches).
    pub fn normal_pair(&mut self) -> (f64, f64) {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        let r = (-2.0 * u1.ln()).sqrt();
        let (sin, cos) = (std::f64::consts::TAU * u2).sin_cos();
        (r * cos, r * sin)
    }

    /// Log-normal with the given median and log-scale sigma: `median * exp(sigma * Z)`.
    pub fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * (sigma * self.normal()).exp()
    }

    /// Index drawn with probability proportional to `weights` (all non-negative, not all zero).
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut target = self.uniform() * total;
        for (i, w) in weights.iter().enumerate() {
            if target < *w {
                return i;
            }
            target -= w;
        }
        weights.len() - 1
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Stateless hash of a lattice point to [0, 1), for value noise.
pub fn lattice(seed: u64, x: i32, y: i32) -> f32 {
    let h = mix64(seed ^ (x as u32 as u64) ^ ((y as u32 as u64) << 32));
    (h >> 40) as f32 * (1.0 / (1u64 << 24) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_stream_repeat_the_same_draws() {
        let mut a = Rng::new(7, 3);
        let mut b = Rng::new(7, 3);
        let draws_a: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let draws_b: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(draws_a, draws_b);
    }

    #[test]
    fn different_streams_of_one_seed_differ() {
        let mut a = Rng::new(7, 3);
        let mut b = Rng::new(7, 4);
        assert_ne!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn normal_draws_have_unit_variance_and_zero_mean() {
        let mut rng = Rng::new(1, 0);
        let n = 200_000;
        let draws: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let var = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / n as f64;
        // Standard errors: 1/sqrt(n) = 0.0022 for the mean, sqrt(2/n) = 0.0032 for the variance.
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.015, "variance {var}");
    }

    #[test]
    fn the_two_normals_of_a_pair_are_uncorrelated() {
        let mut rng = Rng::new(4, 0);
        let n = 100_000;
        let pairs: Vec<(f64, f64)> = (0..n).map(|_| rng.normal_pair()).collect();
        let corr = pairs.iter().map(|(a, b)| a * b).sum::<f64>() / n as f64;
        let var = pairs.iter().map(|(a, _)| a * a).sum::<f64>() / n as f64;
        // Standard error of the product mean is 1/sqrt(n) = 0.0032.
        assert!(
            corr.abs() < 0.015 && (var - 1.0).abs() < 0.02,
            "corr {corr} var {var}"
        );
    }

    #[test]
    fn lognormal_median_is_the_requested_median() {
        let mut rng = Rng::new(2, 0);
        let mut draws: Vec<f64> = (0..20_001).map(|_| rng.lognormal(23.0, 0.45)).collect();
        draws.sort_by(f64::total_cmp);
        let median = draws[10_000];
        assert!((median - 23.0).abs() < 0.4, "median {median}");
    }

    #[test]
    fn weighted_choice_follows_the_weights() {
        let mut rng = Rng::new(3, 0);
        let mut counts = [0usize; 3];
        for _ in 0..30_000 {
            counts[rng.weighted(&[0.55, 0.37, 0.08])] += 1;
        }
        let share = counts[2] as f64 / 30_000.0;
        assert!((share - 0.08).abs() < 0.01, "share {share}");
    }
}
