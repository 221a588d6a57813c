//! Times a manifest-folder import (what a coordinator's upload costs):
//! `cargo run -p imaging --example import -- DATA_DIR [THREADS [POSITIVE NEGATIVE]]`
//! (defaults: 2 threads, OS vs GCT). Stages into a temporary folder and removes it afterwards.
use imaging::import::{import_folder, ImportError, ImportOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().ok_or("usage: import DATA_DIR [THREADS]")?);
    let threads = args.get(1).map_or(Ok(2), |t| t.parse())?;
    let opts = ImportOptions {
        threads,
        ..ImportOptions::new(
            args.get(2).map_or("OS", String::as_str),
            args.get(3).map_or("GCT", String::as_str),
        )
    };
    let staging = std::env::temp_dir().join(format!("lector-import-{}", std::process::id()));
    let start = std::time::Instant::now();
    let outcome = import_folder(&dir, &staging, &opts);
    let seconds = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&staging);
    match outcome {
        Ok(prepared) => println!(
            "{} cases imported in {seconds:.2} s on {threads} thread(s)",
            prepared.cases.len()
        ),
        Err(ImportError::Rejected(report)) => println!("refused after {seconds:.2} s: {report}"),
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
