//! Wire types: what the server sends the browser, shared by both builds.

pub mod study;
pub mod user;
