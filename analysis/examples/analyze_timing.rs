//! The timings `benches/analyze_compare.sh` prints: writes the 4-million-row reads file
//! (10⁶ cases × 2 readers × 2 modalities, Roe–Metz, seed 17) and times the three covariance
//! methods on 50 readers × 2 modalities × 2,000 cases (best of 3, release build).
//!
//! Usage: `cargo run -p analysis --release --example analyze_timing -- OUT_DIR`; writes
//! `OUT_DIR/reads_4m.csv` once and prints one `covariance=<method> seconds=<s>` line per method
//! and `all_three seconds=<s>`.

use std::io::{BufWriter, Write};
use std::time::Instant;

use analysis::covariance::covariance_matrix;
use analysis::fom::fom_table;
use analysis::simulate::RoeMetz;
use analysis::{Covariance, Fom, Reads};

fn write_long(reads: &Reads, path: &std::path::Path) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "reader_id,modality,case_id,truth,rating")?;
    for (m, modality) in reads.modalities().iter().enumerate() {
        for (j, reader) in reads.readers().iter().enumerate() {
            let scores = reads.scores(m, j);
            for (k, case) in reads.cases().iter().enumerate() {
                let truth = u8::from(reads.truth()[k]);
                writeln!(out, "{reader},{modality},{case},{truth},{:.6}", scores[k])?;
            }
        }
    }
    out.flush()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: analyze_timing OUT_DIR")?;
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir)?;
    let big = dir.join("reads_4m.csv");
    if !big.exists() {
        let reads = RoeMetz::null_study(2, 500_000, 500_000).sample(17)?;
        write_long(&reads, &big)?;
    }

    let reads = RoeMetz::null_study(50, 1000, 1000).sample(11)?;
    let mut all = 0.0;
    for method in [
        Covariance::Jackknife,
        Covariance::DeLong,
        Covariance::Unbiased,
    ] {
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let start = Instant::now();
            let table = fom_table(&reads, Fom::Auc, None)?;
            std::hint::black_box(covariance_matrix(&reads, &table, method)?);
            best = best.min(start.elapsed().as_secs_f64());
        }
        all += best;
        println!("covariance={method} seconds={best:.4}");
    }
    println!("all_three seconds={all:.4}");
    Ok(())
}
