//! One module per route.

pub mod admin_users;
pub mod home;
pub mod invite;
pub mod login;
pub mod not_found;
pub mod reading;
pub mod study;
pub mod worklist;
