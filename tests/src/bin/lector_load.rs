//! `lector-load`: drive a running Lector with N readers and print latency percentiles (see
//! `tests::load` and the README's "Load and several instances").

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = tests::load::LoadArgs::parse();
    match tests::load::run(&args).await {
        Ok(report) => {
            if args.json {
                println!("{}", serde_json::to_string(&report).unwrap_or_default());
            } else {
                print!("{}", report.table());
            }
            if report.failed() {
                std::process::ExitCode::FAILURE
            } else {
                std::process::ExitCode::SUCCESS
            }
        }
        Err(err) => {
            eprintln!("lector-load: {err}");
            std::process::ExitCode::from(2)
        }
    }
}
