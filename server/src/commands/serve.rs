//! `lector serve`: the web app until SIGTERM or Ctrl-C.

use super::CommandError;
use crate::config::Config;
use crate::startup::{shutdown_signal, Application};

/// # Errors
/// [`CommandError::Startup`] when the database or the address cannot be used.
pub async fn run(config: &Config) -> Result<(), CommandError> {
    let app = Application::build(config).await?;
    // Printed on stdout (not only logged) so scripts and people can pick the address up.
    println!("Lector is serving at http://{}", app.local_addr());
    tracing::info!(addr = %app.local_addr(), data_dir = %config.data_dir.display(), "serving");
    app.run_until(shutdown_signal()).await?;
    Ok(())
}
