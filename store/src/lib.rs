//! The one data-access layer: a SQLite or PostgreSQL connection chosen by URL, the embedded
//! migrations of each, and typed functions for every query (no SQL lives outside this crate).

pub mod ai;
pub mod audit;
pub mod cases;
mod error;
pub mod invites;
pub mod orders;
mod pool;
mod secret;
pub mod progress;
pub mod readers;
pub mod reads;
pub mod studies;
pub mod study_config;
pub mod users;
#[cfg(test)]
mod management_tests;
#[cfg(test)]
mod testing;

pub use ai::{AiJob, AiOutputRow};
pub use audit::{AuditEntry, AuditEvent, AuditVerification, BrokenLink};
pub use cases::{Case, ImportRecord, NewCase};
pub use error::StoreError;
pub use invites::Invite;
pub use pool::{Backend, Store};
pub use progress::SessionProgress;
pub use readers::{CrossoverGroup, NewReader, Reader, Seniority};
pub use reads::{NewRead, Read};
pub use studies::{NewStudy, Study};
pub use users::{normalize_email, NewUser, Role, User};
pub use study_config::{BackNavigation, RatingScale, ReadingDesign, StudyConfig, SPLITS};

/// The current time as an RFC 3339 UTC timestamp (second precision), the format every
/// `*_at` column holds in both backends so that text order is time order.
pub(crate) fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}
