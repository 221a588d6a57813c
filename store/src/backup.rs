//! A consistent copy of a SQLite database taken while Lector serves: `VACUUM INTO` reads the
//! whole database in one read transaction (so the copy is one moment of it, with every
//! acknowledged read up to then) while writers go on in the write-ahead log. PostgreSQL has
//! its own tool for this (`pg_dump`), which `lector backup` runs.

use std::path::Path;

use crate::pool::Pool;
use crate::{Store, StoreError};

impl Store {
    /// Writes a consistent copy of the SQLite database to `dest`, which must not exist.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] on PostgreSQL or when `dest` exists or is not valid UTF-8;
    /// [`StoreError::Query`] when SQLite cannot write the copy.
    pub async fn snapshot_sqlite_into(&self, dest: &Path) -> Result<(), StoreError> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Err(StoreError::Invalid(
                "a PostgreSQL database is backed up with pg_dump, not copied".into(),
            ));
        };
        if dest.exists() {
            return Err(StoreError::Invalid(format!(
                "{} exists already; a snapshot never overwrites a file",
                dest.display()
            )));
        }
        let dest = dest.to_str().ok_or_else(|| {
            StoreError::Invalid(format!("{} is not a UTF-8 path", dest.display()))
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(dest)
            .execute(pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::sqlite;

    #[tokio::test]
    async fn a_snapshot_holds_what_was_committed_and_never_overwrites_a_file() {
        let t = sqlite().await;
        let created = t
            .store
            .create_study(
                &crate::NewStudy::new("Knee", "OS", "GCT", crate::ReadingDesign::Crossover),
                Some(1),
            )
            .await
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("copy.db");

        t.store.snapshot_sqlite_into(&dest).await.unwrap();

        let url = format!("sqlite://{}", dest.display());
        let copy = crate::Store::connect(&url, crate::AuditKey::for_tests())
            .await
            .unwrap();
        let studies = copy.list_studies().await.unwrap();
        assert_eq!(
            studies.iter().map(|s| s.id).collect::<Vec<_>>(),
            vec![created.id]
        );
        assert!(t.store.snapshot_sqlite_into(&dest).await.is_err());
        t.finish().await;
    }
}
