//! Stand-in for `lector predict` until the CLI is wired.
//!
//! `cargo run --release -p model --example predict -- --weights W --data DIR|manifest --out DIR`

use std::path::PathBuf;

use model::infer::{predict_dir, Predictor};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let weights = PathBuf::from(get("--weights").ok_or("--weights FILE is required")?);
    let data = PathBuf::from(get("--data").ok_or("--data DIR is required")?);
    let out = PathBuf::from(get("--out").ok_or("--out DIR is required")?);
    let predictor = Predictor::load(&weights)?;
    let preds = predict_dir(&predictor, &data, &out, 32, &mut |done, total| {
        eprint!("\r{done}/{total}")
    })?;
    eprintln!();
    println!("{} predictions in {}", preds.len(), out.display());
    Ok(())
}
