//! Lattice noise for the phantoms, from the SplitMix64 mixer every seeded choice in Lector uses
//! (`vocab::rng`): a stateless hash, so a seed gives the same texture forever.

pub use vocab::rng::mix64;

/// Stateless hash of a lattice point to [0, 1), for value noise.
pub fn lattice(seed: u64, x: i32, y: i32) -> f32 {
    let h = mix64(seed ^ (x as u32 as u64) ^ ((y as u32 as u64) << 32));
    (h >> 40) as f32 * (1.0 / (1u64 << 24) as f32)
}
