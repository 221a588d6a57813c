//! `#[server]` functions, one file per resource. Each is thin: get the state, call a plain
//! function in `ssr`, map the error.

pub mod auth;
pub mod cases;
pub mod progress;
pub mod readers;
pub mod reading;
pub mod results;
pub mod studies;
