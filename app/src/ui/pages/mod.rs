//! One module per route.

pub mod home;
pub mod not_found;
pub mod reading;
pub mod study;
pub mod worklist;
