//! Structured logging with tracing: human-readable or JSON lines on stderr.

use tracing_subscriber::EnvFilter;

use crate::cli::LogFormat;

/// Installs the global subscriber. The filter comes from `LECTOR_LOG` (e.g. `debug`,
/// `info,sqlx=debug`), defaulting to `info` with sqlx's per-query logs turned down.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_env("LECTOR_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second init (tests starting several apps) is harmless, so the error is ignored.
    let _ = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
