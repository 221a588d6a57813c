//! Acceptance figures of a weights file on a phantom study (CNN vs clinical, Grad-CAM in masks,
//! t-SNE), written to `OUT/study.json`, `OUT/tsne.svg`, `OUT/tsne.csv`.
//!
//! `cargo run --release -p model --example evaluate -- --weights W --data DIR --out OUT`

use std::path::PathBuf;

use model::infer::Predictor;
use model::study::evaluate_study;

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
    let report = evaluate_study(&predictor, &data, &out)?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
