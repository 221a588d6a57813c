//! Stand-in for `lector synth` until the CLI is wired: writes the default phantom study
//! (136 OS + 197 GCT, four hospitals, H4 external) with `imaging::synth::synthesize`.
//!
//! `cargo run --release -p model --example synth -- --out DIR [--seed S]`

use std::path::PathBuf;

use imaging::phantom::PhantomConfig;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let out = PathBuf::from(get("--out").ok_or("--out DIR is required")?);
    let mut cfg = PhantomConfig::default();
    if let Some(s) = get("--seed") {
        cfg.seed = s.parse()?;
    }
    let manifest = imaging::synth::synthesize(&cfg, &out, |done, total| {
        if done % 50 == 0 || done == total {
            eprintln!("{done}/{total}");
        }
    })?;
    println!("{} cases in {}", manifest.rows.len(), out.display());
    Ok(())
}
