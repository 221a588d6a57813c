//! What each subcommand does, one module per subcommand; this module dispatches and owns the
//! error type they share.

mod analyze;
mod audit;
mod backup;
mod demo;
mod demo_marks;
mod evaluate;
mod export;
mod import;
mod predict;
mod serve;
mod study;
mod synth;
mod train;
mod user;

use crate::cli::{Cli, Command, ServeArgs};
use crate::config::{Config, ConfigError};
use crate::startup::StartupError;

/// Any failure of a subcommand, shown to the operator with its causes.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Startup(#[from] StartupError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Imaging(#[from] imaging::ImagingError),
    #[error(transparent)]
    Analysis(#[from] analysis::AnalysisError),
    #[error(transparent)]
    Model(#[from] model::ModelError),
    #[error("{0}")]
    App(#[from] app::AppError),
    #[error("{0}")]
    Refused(String),
    #[error("could not write {path}; check that its folder exists and is writable")]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Runs the parsed command line.
///
/// # Errors
/// [`CommandError`] with what failed and how to fix it.
pub async fn run(cli: Cli) -> Result<(), CommandError> {
    match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(serve) => serve::run(&Config::resolve(&cli.global, &serve)?).await,
        Command::Migrate => {
            let config = Config::resolve(&cli.global, &ServeArgs::default())?;
            config.open_store().await?;
            println!("the database is up to date");
            Ok(())
        }
        Command::Study(command) => {
            let config = Config::resolve(&cli.global, &ServeArgs::default())?;
            study::run(&config, command).await
        }
        Command::User(command) => {
            let config = Config::resolve(&cli.global, &ServeArgs::default())?;
            user::run(&config, command).await
        }
        Command::Synth(args) => synth::run(&args),
        Command::Analyze(args) => analyze::run(&args),
        Command::Train(args) => train::run(&args),
        Command::Predict(args) => predict::run(&args),
        Command::Evaluate(args) => evaluate::run(&args),
        Command::Import(args) => {
            let config = Config::resolve(&cli.global, &ServeArgs::default())?;
            import::run(&config, &args).await
        }
        Command::Demo(args) => demo::run(&Config::resolve(&cli.global, &args.serve)?, &args).await,
        Command::Audit(command) => {
            let config = Config::resolve(&cli.global, &ServeArgs::default())?;
            audit::run(&config, command).await
        }
        Command::Export(args) => {
            let config = Config::resolve(&cli.global, &ServeArgs::default())?;
            export::run(&config, &args).await
        }
        Command::Backup(args) => {
            let config = Config::resolve(&cli.global, &ServeArgs::default())?;
            backup::backup(&config, &args).await
        }
        Command::Restore(args) => {
            let config = Config::resolve(&cli.global, &ServeArgs::default())?;
            backup::restore(&config, &args).await
        }
    }
}
