//! Readers enrolled in a study: who they are, their seniority group and crossover group.

use crate::pool::on_pool;
use crate::{now_rfc3339, Store, StoreError};
pub use vocab::{CrossoverGroup, Seniority};

/// A reader as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Reader {
    pub id: i64,
    pub study_id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub hospital: String,
    pub years_experience: i64,
    pub seniority: Seniority,
    pub seniority_overridden: bool,
    pub group: CrossoverGroup,
    pub enrolled_at: String,
}

/// What enrolment stores.
#[derive(Clone, Debug)]
pub struct NewReader {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub hospital: String,
    pub years_experience: i64,
    pub seniority: Seniority,
    pub seniority_overridden: bool,
    pub group: CrossoverGroup,
}

#[derive(sqlx::FromRow)]
struct ReaderRow {
    id: i64,
    study_id: i64,
    user_id: i64,
    name: String,
    email: String,
    hospital: String,
    years_experience: i32,
    seniority: String,
    seniority_overridden: bool,
    crossover_group: String,
    enrolled_at: String,
}

impl TryFrom<ReaderRow> for Reader {
    type Error = StoreError;

    fn try_from(row: ReaderRow) -> Result<Self, StoreError> {
        Ok(Reader {
            id: row.id,
            study_id: row.study_id,
            user_id: row.user_id,
            name: row.name,
            email: row.email,
            hospital: row.hospital,
            years_experience: row.years_experience.into(),
            seniority: Seniority::parse(&row.seniority)?,
            seniority_overridden: row.seniority_overridden,
            group: CrossoverGroup::parse(&row.crossover_group)?,
            enrolled_at: row.enrolled_at,
        })
    }
}

const SELECT: &str = "SELECT id, study_id, user_id, name, email, hospital, years_experience, \
     seniority, seniority_overridden, crossover_group, enrolled_at FROM readers";

impl Store {
    /// Enrols readers in a study, all or none.
    ///
    /// # Errors
    /// [`StoreError::Duplicate`] when one of them is already enrolled (nothing is stored then).
    pub async fn enrol_readers(
        &self,
        study_id: i64,
        readers: &[NewReader],
    ) -> Result<Vec<i64>, StoreError> {
        let at = now_rfc3339();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let mut ids = Vec::with_capacity(readers.len());
            for r in readers {
                let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
                    "INSERT INTO readers (study_id, user_id, name, email, hospital, years_experience, \
                     seniority, seniority_overridden, crossover_group, enrolled_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(study_id)
                .bind(r.user_id)
                .bind(&r.name)
                .bind(&r.email)
                .bind(&r.hospital)
                .bind(r.years_experience as i32)
                .bind(r.seniority.as_str())
                .bind(r.seniority_overridden)
                .bind(r.group.as_str())
                .bind(&at)
                .fetch_one(&mut *tx)
                .await;
                match inserted {
                    Ok((id,)) => ids.push(id),
                    Err(err) if crate::error::is_unique_violation(&err) => {
                        return Err(StoreError::Duplicate {
                            what: format!("reader {} in this study", r.email),
                        })
                    }
                    Err(err) => return Err(err.into()),
                }
            }
            tx.commit().await?;
            Ok(ids)
        })
    }

    /// A study's readers, in enrolment order.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn list_readers(&self, study_id: i64) -> Result<Vec<Reader>, StoreError> {
        let sql = format!("{SELECT} WHERE study_id = $1 ORDER BY id");
        let rows: Vec<ReaderRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(study_id).fetch_all(pool).await)?;
        rows.into_iter().map(Reader::try_from).collect()
    }

    /// One reader.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn reader(&self, reader_id: i64) -> Result<Option<Reader>, StoreError> {
        let sql = format!("{SELECT} WHERE id = $1");
        let row: Option<ReaderRow> = on_pool!(self, pool => sqlx::query_as(&sql).bind(reader_id).fetch_optional(pool).await)?;
        row.map(Reader::try_from).transpose()
    }

    /// The enrolments of an account, one per study it reads in.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn readers_of_user(&self, user_id: i64) -> Result<Vec<Reader>, StoreError> {
        let sql = format!("{SELECT} WHERE user_id = $1 ORDER BY study_id");
        let rows: Vec<ReaderRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await)?;
        rows.into_iter().map(Reader::try_from).collect()
    }

    /// Sets a reader's seniority group by hand (`overridden = true`) or back to the derived one.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown reader.
    pub async fn set_reader_seniority(
        &self,
        reader_id: i64,
        seniority: Seniority,
        overridden: bool,
    ) -> Result<(), StoreError> {
        let done = on_pool!(self, pool => {
            sqlx::query("UPDATE readers SET seniority = $1, seniority_overridden = $2 WHERE id = $3")
                .bind(seniority.as_str())
                .bind(overridden)
                .bind(reader_id)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        if done == 0 {
            return Err(StoreError::NotFound(format!("reader {reader_id}")));
        }
        Ok(())
    }
}
