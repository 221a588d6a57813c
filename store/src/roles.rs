//! The roles an account can have (the word lives in `vocab`).

pub use vocab::Role;
