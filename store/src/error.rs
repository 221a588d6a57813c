//! The storage layer's error type.

/// What went wrong talking to the database. Messages are for operators' logs and CLI output;
/// the web layer maps them to a generic message before anything reaches a browser.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database url '{0}'; use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    #[error("could not open the database at {url}; check that the server is running and the url is right")]
    Connect {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("could not apply the database migrations")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Invalid(String),
    #[error("{what} already exists")]
    Duplicate { what: String },
    #[error("{0} was not found")]
    NotFound(String),
    #[error("{0}")]
    Locked(String),
    /// Another change to the same thing won a race, or the request repeats a key with other
    /// contents: the caller should reload and look.
    #[error("{0}")]
    Conflict(String),
    #[error("database query failed")]
    Query(#[source] sqlx::Error),
}

impl From<vocab::UnknownWord> for StoreError {
    fn from(err: vocab::UnknownWord) -> Self {
        StoreError::Invalid(err.to_string())
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(source: sqlx::Error) -> Self {
        StoreError::Query(source)
    }
}

/// Whether a query failed on a UNIQUE constraint, in either backend.
pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}
