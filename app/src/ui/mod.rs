//! Everything the user sees: the page frame, pages (one per route) and shared components.

pub mod components;
pub mod hydration;
pub mod layout;
pub mod reading_clock;
pub mod pages;
