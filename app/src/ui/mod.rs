//! Everything the user sees: the page frame, pages (one per route) and shared components.

pub mod auth;
pub mod components;
pub mod hydration;
pub mod layout;
pub mod pages;
pub mod reading_clock;
