//! Writes a phantom data set, as `lector synth` does, without the server build:
//! `cargo run --release -p imaging --example synth -- [CASES [SEED [OUT_DIR]]]`
//! (defaults: the seed study's 333 cases, seed 2024, /tmp/phantoms).
use imaging::phantom::PhantomConfig;
use imaging::synth::synthesize;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = PhantomConfig::default();
    let cases = args
        .first()
        .map_or(Ok(base.cases_os + base.cases_gct), |a| a.parse())?;
    let seed = args.get(1).map_or(Ok(base.seed), |a| a.parse())?;
    let out = PathBuf::from(args.get(2).map_or("/tmp/phantoms", String::as_str));
    let start = std::time::Instant::now();
    let manifest = synthesize(
        &PhantomConfig::with_total(cases, seed),
        &out,
        |done, total| {
            if done % 50 == 0 || done == total {
                eprintln!("{done}/{total}");
            }
        },
    )?;
    println!(
        "{} cases in {:.1} s -> {}",
        manifest.rows.len(),
        start.elapsed().as_secs_f64(),
        out.join("manifest.csv").display()
    );
    Ok(())
}
