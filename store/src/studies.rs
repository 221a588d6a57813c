//! Studies: creating them and listing them for the home page.

use crate::error::is_unique_violation;
use crate::pool::on_pool;
use crate::{now_rfc3339, Store, StoreError};

/// How readers meet the AI: in separate sessions apart by a washout, or per case after an
/// unaided rating is committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadingDesign {
    Crossover,
    Sequential,
}

impl ReadingDesign {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadingDesign::Crossover => "crossover",
            ReadingDesign::Sequential => "sequential",
        }
    }

    /// # Errors
    /// [`StoreError::Invalid`] for any spelling other than `crossover` or `sequential`.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        match text {
            "crossover" => Ok(ReadingDesign::Crossover),
            "sequential" => Ok(ReadingDesign::Sequential),
            other => Err(StoreError::Invalid(format!(
                "unknown reading design '{other}'; use crossover or sequential"
            ))),
        }
    }
}

/// A study as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Study {
    pub id: i64,
    pub name: String,
    pub positive_label: String,
    pub negative_label: String,
    pub design: ReadingDesign,
    pub created_at: String,
}

/// What it takes to create a study.
#[derive(Clone, Debug)]
pub struct NewStudy {
    pub name: String,
    pub positive_label: String,
    pub negative_label: String,
    pub design: ReadingDesign,
}

#[derive(sqlx::FromRow)]
struct StudyRow {
    id: i64,
    name: String,
    positive_label: String,
    negative_label: String,
    design: String,
    created_at: String,
}

impl TryFrom<StudyRow> for Study {
    type Error = StoreError;

    fn try_from(row: StudyRow) -> Result<Self, StoreError> {
        Ok(Study {
            id: row.id,
            name: row.name,
            positive_label: row.positive_label,
            negative_label: row.negative_label,
            design: ReadingDesign::parse(&row.design)?,
            created_at: row.created_at,
        })
    }
}

impl Store {
    /// Every study, newest first.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn list_studies(&self) -> Result<Vec<Study>, StoreError> {
        const SQL: &str = "SELECT id, name, positive_label, negative_label, design, created_at \
                           FROM studies ORDER BY created_at DESC, id DESC";
        let rows: Vec<StudyRow> =
            on_pool!(self, pool => sqlx::query_as(SQL).fetch_all(pool).await)?;
        rows.into_iter().map(Study::try_from).collect()
    }

    /// Creates a study and returns it.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an empty name or labels, or identical labels;
    /// [`StoreError::Duplicate`] when a study of that name exists.
    pub async fn create_study(&self, new: &NewStudy) -> Result<Study, StoreError> {
        let name = new.name.trim();
        let positive = new.positive_label.trim();
        let negative = new.negative_label.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a study needs a name".into()));
        }
        if positive.is_empty() || negative.is_empty() || positive == negative {
            return Err(StoreError::Invalid(
                "a study needs two different class labels (e.g. OS and GCT)".into(),
            ));
        }
        const SQL: &str =
            "INSERT INTO studies (name, positive_label, negative_label, design, created_at) \
                           VALUES ($1, $2, $3, $4, $5) RETURNING id";
        let created_at = now_rfc3339();
        let inserted: Result<(i64,), sqlx::Error> = on_pool!(self, pool => {
            sqlx::query_as(SQL)
                .bind(name)
                .bind(positive)
                .bind(negative)
                .bind(new.design.as_str())
                .bind(&created_at)
                .fetch_one(pool)
                .await
        });
        let (id,) = inserted.map_err(|err| {
            if is_unique_violation(&err) {
                StoreError::Duplicate {
                    what: format!("a study named '{name}'"),
                }
            } else {
                StoreError::Query(err)
            }
        })?;
        Ok(Study {
            id,
            name: name.to_string(),
            positive_label: positive.to_string(),
            negative_label: negative.to_string(),
            design: new.design,
            created_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn fresh_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("lector.db").display());
        let store = Store::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        (dir, store)
    }

    fn knee_study(name: &str) -> NewStudy {
        NewStudy {
            name: name.into(),
            positive_label: "OS".into(),
            negative_label: "GCT".into(),
            design: ReadingDesign::Crossover,
        }
    }

    #[tokio::test]
    async fn a_new_database_has_no_studies() {
        let (_dir, store) = fresh_store().await;
        assert!(store.list_studies().await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn created_studies_are_listed_newest_first() {
        let (_dir, store) = fresh_store().await;
        store.create_study(&knee_study("first")).await.unwrap();
        let second = store.create_study(&knee_study("second")).await.unwrap();

        let listed = store.list_studies().await.unwrap();

        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0], second);
    }

    #[tokio::test]
    async fn a_second_study_with_the_same_name_is_refused() {
        let (_dir, store) = fresh_store().await;
        store.create_study(&knee_study("knee")).await.unwrap();

        let err = store.create_study(&knee_study("knee")).await.unwrap_err();

        assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");
    }

    #[tokio::test]
    async fn identical_class_labels_are_refused() {
        let (_dir, store) = fresh_store().await;
        let mut study = knee_study("knee");
        study.negative_label = "OS".into();

        let err = store.create_study(&study).await.unwrap_err();

        assert!(err.to_string().contains("two different class labels"));
    }
}
