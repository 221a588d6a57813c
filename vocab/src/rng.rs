//! The one seeded generator every reproducible choice in Lector draws from: case orders,
//! crossover ties and practice sets, the phantom data set, the CNN's initialisation and
//! augmentation, and simulated readers.
//!
//! SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA
//! 2014): `s += 0x9E3779B97F4A7C15; z = s; z = (z ^ z>>30)·0xBF58476D1CE4E5B9;
//! z = (z ^ z>>27)·0x94D049BB133111EB; z ^ z>>31`. Its output is fixed by that definition, so a
//! seed deals the same orders and the same phantoms in every later Lector version, which no
//! library generator promises across releases.

/// The SplitMix64 finaliser, a bijective 64-bit mixer.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// A SplitMix64 stream.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// The stream whose state starts at `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// A stream for one purpose: the seed mixed with discriminators (a purpose constant, then
    /// ids), so streams for different choices never coincide.
    pub fn for_purpose(seed: u64, parts: &[u64]) -> Self {
        let mut stream = SplitMix64::new(seed);
        for part in parts {
            stream = SplitMix64::new(stream.next_u64() ^ part.wrapping_mul(GAMMA));
        }
        stream
    }

    /// Stream `stream` of a seed, by hashing both into the starting state (the phantom
    /// generator's keying; kept so that a seed gives the same phantoms as before).
    pub fn for_stream(seed: u64, stream: u64) -> Self {
        SplitMix64::new(mix64(
            seed ^ mix64(stream.wrapping_add(0x632B_E59B_D9B4_E019)),
        ))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix64(self.state)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in the open interval `(0, 1)`: the 53-bit lattice shifted by half a step.
    pub fn uniform_open(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Uniform in `[lo, hi)`.
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// Uniform in `[lo, hi)` as `f32`, for geometry.
    pub fn range_f32(&mut self, lo: f32, hi: f32) -> f32 {
        self.range(f64::from(lo), f64::from(hi)) as f32
    }

    /// True with probability `p`.
    pub fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Uniform in `0..n` (`n > 0`) without bias, by rejection. Case orders, practice sets and
    /// crossover ties use it.
    pub fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }

    /// Fisher–Yates shuffle with [`below`](Self::below).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// Uniform index in `0..n` by scaling a uniform draw (biased by at most n/2⁵³). The phantom
    /// generator and the CNN's training draw indices this way; kept so that their seeds keep
    /// giving the same data and weights.
    pub fn index(&mut self, n: usize) -> usize {
        (self.uniform() * n as f64) as usize % n.max(1)
    }

    /// Fisher–Yates shuffle with [`index`](Self::index) (the phantom and training shuffles).
    pub fn shuffle_by_index<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }

    /// Standard normal by the Box–Muller transform (Box & Muller 1958), with `1 − u` so the
    /// logarithm's argument is in `(0, 1]`.
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Standard normal by Box–Muller with both uniforms from `(0, 1)` (the reader simulator's
    /// draws).
    pub fn normal_open(&mut self) -> f64 {
        let (u1, u2) = (self.uniform_open(), self.uniform_open());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Two independent standard normals from one Box–Muller draw (cosine and sine branches).
    pub fn normal_pair(&mut self) -> (f64, f64) {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        let r = (-2.0 * u1.ln()).sqrt();
        let (sin, cos) = (std::f64::consts::TAU * u2).sin_cos();
        (r * cos, r * sin)
    }

    /// Log-normal with the given median and log-scale sigma: `median · exp(sigma · Z)`.
    pub fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * (sigma * self.normal()).exp()
    }

    /// An index drawn with probability proportional to `weights` (non-negative, not all 0).
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_its_published_first_output() {
        // Reference: Vigna's splitmix64.c seeded with 0 gives 0xE220A8397B1DCDAF first.
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn the_same_seed_and_purpose_repeat_and_different_purposes_differ() {
        let draw = |parts: &[u64]| SplitMix64::for_purpose(7, parts).next_u64();
        assert_eq!(draw(&[1, 3]), draw(&[1, 3]));
        assert_ne!(draw(&[1, 3]), draw(&[1, 4]));
        assert_ne!(
            SplitMix64::for_stream(7, 3).next_u64(),
            SplitMix64::for_stream(7, 4).next_u64()
        );
    }

    #[test]
    fn normal_draws_have_zero_mean_and_unit_variance() {
        let mut rng = SplitMix64::new(1);
        let n = 200_000;
        let draws: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let var = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / n as f64;
        // Standard errors: 1/sqrt(n) = 0.0022 for the mean, sqrt(2/n) = 0.0032 for the variance.
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.015, "variance {var}");
    }

    #[test]
    fn unbiased_draws_cover_every_value_evenly() {
        let mut rng = SplitMix64::new(5);
        let mut counts = [0u32; 3];
        for _ in 0..30_000 {
            counts[rng.below(3) as usize] += 1;
        }
        // Each count is Binomial(30000, 1/3): sd ≈ 82.
        assert!(
            counts.iter().all(|&c| c.abs_diff(10_000) < 400),
            "{counts:?}"
        );
    }

    #[test]
    fn the_two_normals_of_a_pair_are_uncorrelated() {
        let mut rng = SplitMix64::for_stream(4, 0);
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
        let mut rng = SplitMix64::for_stream(2, 0);
        let mut draws: Vec<f64> = (0..20_001).map(|_| rng.lognormal(23.0, 0.45)).collect();
        draws.sort_by(f64::total_cmp);
        assert!(
            (draws[10_000] - 23.0).abs() < 0.4,
            "median {}",
            draws[10_000]
        );
    }

    #[test]
    fn weighted_choice_follows_the_weights() {
        let mut rng = SplitMix64::new(3);
        let mut counts = [0usize; 3];
        for _ in 0..30_000 {
            counts[rng.weighted(&[0.55, 0.37, 0.08])] += 1;
        }
        let share = counts[2] as f64 / 30_000.0;
        assert!((share - 0.08).abs() < 0.01, "share {share}");
    }
}
