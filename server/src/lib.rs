//! The `lector` server: command line, configuration, logging and the HTTP application.
//! `main.rs` only parses the command line and dispatches here, so tests can start the same
//! application in-process.

pub mod body_limit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod progress;
pub mod security_headers;
pub mod startup;
pub mod static_files;
pub mod telemetry;
