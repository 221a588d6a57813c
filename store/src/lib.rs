//! The one data-access layer: a SQLite or PostgreSQL connection chosen by URL, the embedded
//! migrations of each, and typed functions for every query (no SQL lives outside this crate).

pub mod audit;
mod error;
mod pool;
pub mod studies;

pub use audit::{AuditEntry, AuditEvent, AuditVerification, BrokenLink};
pub use error::StoreError;
pub use pool::{Backend, Store};
pub use studies::{NewStudy, ReadingDesign, Study};

/// The current time as an RFC 3339 UTC timestamp (second precision), the format every
/// `*_at` column holds in both backends so that text order is time order.
pub(crate) fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}
