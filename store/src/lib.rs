//! The one data-access layer: a SQLite or PostgreSQL connection chosen by URL, the embedded
//! migrations of each, and typed functions for every query (no SQL lives outside this crate).

mod account_changes;
pub mod ai;
pub mod audit;
pub mod audit_key;
mod audit_reads;
mod backup;
pub mod cases;
mod error;
pub mod invites;
pub mod orders;
mod pool;
pub mod progress;
pub mod reader_loop;
pub mod readers;
pub mod reads;
pub mod roles;
mod secret;
pub mod sessions;
pub mod studies;
pub mod study_config;
pub mod throttle;
pub mod users;

#[cfg(test)]
mod management_tests;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod words_tests;

pub use ai::{AiJob, AiOutputRow};
pub use audit::{AuditEntry, AuditEvent, AuditHead, AuditVerification, BrokenLink};
pub use audit_key::AuditKey;
pub use cases::{Case, ImportRecord, NewCase};
pub use error::StoreError;
pub use invites::{Invite, InviteState};
pub use pool::{Backend, Store};
pub use progress::SessionProgress;
pub use reader_loop::{ReadStep, ReaderSession};
pub use readers::{CrossoverGroup, NewReader, Reader, Seniority};
pub use reads::{Answer, NewRead, Read, ReadAuthor, ReadPlace};
pub use roles::Role;
pub use studies::{NewStudy, Study};
pub use study_config::{BackNavigation, DeidChoices, RatingScale, ReadingDesign, StudyConfig};
pub use throttle::{LoginAttempt, ThrottlePolicy};
pub use users::{email_too_long, normalize_email, NewUser, User, MAX_EMAIL_CHARS};
pub use vocab::{Locale, Modality, Split, Stage};

/// The current time as an RFC 3339 UTC timestamp (second precision), the format every
/// `*_at` column holds in both backends so that text order is time order.
pub(crate) fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
pub(crate) mod test_support {
    //! A fresh, migrated SQLite store per test, and accounts to arrange.

    use crate::{NewUser, Role, Store, User};

    pub(crate) async fn fresh_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("lector.db").display());
        let store = Store::connect(&url, crate::AuditKey::for_tests())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        (dir, store)
    }

    pub(crate) async fn new_coordinator(store: &Store, email: &str) -> User {
        store
            .create_user(&NewUser {
                email: email.into(),
                name: "Ana Lima".into(),
                role: Role::Coordinator,
                password_hash: None,
            })
            .await
            .unwrap()
    }
}
