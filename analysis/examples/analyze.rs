//! What `lector analyze` does, without the CLI: read long-format reads, analyse, print.
//!
//! Usage: `cargo run -p analysis --example analyze -- READS.csv [jackknife|delong|unbiased]
//! [auc|sensitivity|specificity|accuracy] [json|markdown|csv] [THRESHOLD]`

use analysis::input::read_csv_path;
use analysis::{analyze, AnalyzeOptions, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .ok_or("usage: analyze READS.csv [cov] [fom] [format] [threshold]")?;
    let arg = |i: usize, default: &str| args.get(i).cloned().unwrap_or_else(|| default.to_string());
    let opts = AnalyzeOptions {
        covariance: arg(1, "jackknife").parse()?,
        fom: arg(2, "auc").parse()?,
        threshold: args.get(4).map(|t| t.parse()).transpose()?,
    };
    let format: Format = arg(3, "markdown").parse()?;
    let reads = read_csv_path(path)?;
    println!("{}", analyze(&reads, &opts)?.render(format));
    Ok(())
}
