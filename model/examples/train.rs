//! `lector train` without the server build: trains on a phantom folder and writes the weights
//! and model card (the card names the equivalent `lector train` command).
//!
//! `cargo run --release -p model --example train -- --data DIR --out model/weights/default.safetensors [--seed S] [--max-epochs N] [--cam-mask-weight L]`

use std::path::PathBuf;

use model::train::{train_from_dir, TrainConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let data = PathBuf::from(get("--data").ok_or("--data DIR is required")?);
    let out = PathBuf::from(get("--out").ok_or("--out FILE is required")?);
    let mut cfg = TrainConfig::default();
    if let Some(s) = get("--seed") {
        cfg.seed = s.parse()?;
    }
    if let Some(e) = get("--max-epochs") {
        cfg.max_epochs = e.parse()?;
    }
    if let Some(l) = get("--cam-mask-weight") {
        cfg.cam_mask_weight = l.parse()?;
    }
    let command = format!(
        "lector train --data {} --out {} --seed {} --max-epochs {} --cam-mask-weight {}",
        data.display(),
        out.display(),
        cfg.seed,
        cfg.max_epochs,
        cfg.cam_mask_weight
    );
    let model = train_from_dir(&data, &cfg, &command, &mut |r| {
        eprintln!(
            "epoch {:3}  loss {:.4}  val AUC {:.4}  val loss {:.4}  {:.1}s",
            r.epoch, r.train_loss, r.val_auc, r.val_loss, r.seconds
        );
    })?;
    model.save(&out)?;
    println!("{}", serde_json::to_string_pretty(&model.card)?);
    Ok(())
}
