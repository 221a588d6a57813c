//! Writes the 10⁶ benchmark scores for `benches/sklearn_compare.sh` and times Lector's DeLong
//! AUC + variance on them.
//!
//! Usage: `cargo run -p analysis --release --example delong_scores -- OUT_DIR`; writes
//! `OUT_DIR/scores.f64` (little-endian f64) and `OUT_DIR/labels.u8` (1 = positive), then prints
//! `auc=… variance=… rust_seconds=…` (best of 20 runs).

use std::time::Instant;

use analysis::delong::{placements, variance};
use rand::rngs::StdRng;
use rand::SeedableRng;
use rand_distr::{Distribution, Normal};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: delong_scores OUT_DIR")?;
    std::fs::create_dir_all(&out)?;
    let mut rng = StdRng::seed_from_u64(7);
    let normal = Normal::new(0.0, 1.0)?;
    let neg: Vec<f64> = (0..500_000).map(|_| normal.sample(&mut rng)).collect();
    let pos: Vec<f64> = (0..500_000)
        .map(|_| 1.0 + normal.sample(&mut rng))
        .collect();

    let scores: Vec<u8> = neg
        .iter()
        .chain(&pos)
        .flat_map(|x| x.to_le_bytes())
        .collect();
    let labels: Vec<u8> = neg
        .iter()
        .map(|_| 0u8)
        .chain(pos.iter().map(|_| 1u8))
        .collect();
    std::fs::write(format!("{out}/scores.f64"), scores)?;
    std::fs::write(format!("{out}/labels.u8"), labels)?;

    let mut best = f64::INFINITY;
    let mut result = (0.0, 0.0);
    for _ in 0..20 {
        let start = Instant::now();
        let p = placements(&pos, &neg)?;
        result = (p.auc, variance(&p));
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "auc={:.12} variance={:.6e} rust_seconds={best:.6}",
        result.0, result.1
    );
    Ok(())
}
