//! Wire types: what the server sends the browser, shared by both builds.

pub mod case;
pub mod pixels;
pub mod progress;
pub mod reader;
pub mod reading;
pub mod results;
pub mod study;
pub mod user;
