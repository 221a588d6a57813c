//! The load tool (`lector-load`): enrols N readers into a fresh study on a running Lector and
//! drives its HTTP API as the reading page does (state → image → submit), then prints the
//! latency percentiles and the throughput, and optionally kills and restarts the server
//! mid-run and counts acknowledged reads lost or duplicated. Loopback only, and bounded in
//! readers and seconds, so it cannot be pointed at someone else's server or left running.

mod arrange;
mod drive;
mod report;
mod verify;

use std::time::Duration;

use clap::Parser;

pub use report::Report;

/// Most readers one run may drive.
pub const MAX_READERS: usize = 256;
/// Longest run, in seconds.
pub const MAX_SECONDS: u64 = 600;

/// What one load run does.
#[derive(Clone, Debug, Parser)]
#[command(
    name = "lector-load",
    about = "Drive a running Lector (loopback only) with N readers"
)]
pub struct LoadArgs {
    /// The server, e.g. http://127.0.0.1:3000 (a loopback address; through a proxy too).
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    pub url: String,
    /// A coordinator account of that server (e.g. made with `lector user add`).
    #[arg(long, env = "LECTOR_LOAD_EMAIL")]
    pub email: String,
    /// Its password.
    #[arg(long, env = "LECTOR_LOAD_PASSWORD")]
    pub password: String,
    /// Readers reading at once (each enrolled fresh, with their own account).
    #[arg(long, default_value_t = 64)]
    pub readers: usize,
    /// Phantom cases in the study (the internal and external splits are read).
    #[arg(long, default_value_t = 120)]
    pub cases: usize,
    /// How long the readers read.
    #[arg(long, default_value_t = 30)]
    pub seconds: u64,
    /// Mean pause between seeing a case and submitting its rating, per reader, in
    /// milliseconds (uniform between half and one and a half times this; 0 = as fast as the
    /// server answers).
    #[arg(long, default_value_t = 0)]
    pub think_ms: u64,
    /// Run this shell command this many seconds into the run (e.g. kill -9 one instance and
    /// start it again), then count acknowledged reads lost or duplicated.
    #[arg(long, requires = "kill_cmd")]
    pub kill_after: Option<u64>,
    /// The shell command `--kill-after` runs.
    #[arg(long)]
    pub kill_cmd: Option<String>,
    /// The server's database, to check that every acknowledged read is stored exactly once.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Print the report as one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Why a load run could not start or finish.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Refused(String),
    #[error("{step} failed: {detail}")]
    Server { step: String, detail: String },
    #[error("the database check failed")]
    Database(#[from] sqlx::Error),
}

impl LoadArgs {
    /// Refuses a run that is not on loopback or not bounded.
    ///
    /// # Errors
    /// [`LoadError::Refused`] saying which bound was crossed.
    pub fn check(&self) -> Result<(), LoadError> {
        let refused = |why: String| Err(LoadError::Refused(why));
        let url = reqwest::Url::parse(&self.url)
            .map_err(|e| LoadError::Refused(format!("{}: {e}", self.url)))?;
        let host = url.host_str().unwrap_or("");
        let loopback = host == "localhost"
            || host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        if !loopback {
            return refused(format!("{} is not a loopback address", self.url));
        }
        if self.readers == 0 || self.readers > MAX_READERS {
            return refused(format!("--readers must be 1 to {MAX_READERS}"));
        }
        if self.seconds == 0 || self.seconds > MAX_SECONDS {
            return refused(format!("--seconds must be 1 to {MAX_SECONDS}"));
        }
        if !(10..=1000).contains(&self.cases) {
            return refused("--cases must be 10 to 1000".into());
        }
        if self.kill_after.is_some_and(|s| s >= self.seconds) {
            return refused("--kill-after must come before the end of the run".into());
        }
        Ok(())
    }
}

/// Arranges the study, drives the readers, checks the database if asked, and reports.
///
/// # Errors
/// [`LoadError`] when the run is refused, arranging fails, or the database cannot be read.
pub async fn run(args: &LoadArgs) -> Result<Report, LoadError> {
    args.check()?;
    let site = arrange::Site::new(&args.url);
    let (coordinator, study) = arrange::study(&site, args).await?;
    let readers = arrange::readers(&site, &coordinator, &study, args.readers).await?;
    let outcome = drive::drive(
        &site,
        &study,
        readers,
        Duration::from_secs(args.seconds),
        args.think_ms,
        args.kill_after
            .zip(args.kill_cmd.clone())
            .map(|(after, cmd)| (Duration::from_secs(after), cmd)),
    )
    .await;
    let stored = match &args.database_url {
        Some(url) => Some(verify::stored_once(url, study.id, &outcome.acknowledged).await?),
        None => None,
    };
    Ok(Report::new(args, &outcome, stored))
}
