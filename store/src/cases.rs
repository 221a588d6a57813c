//! Cases and imports: storing an import's cases all-or-nothing, and reading them back.

use crate::pool::on_pool;
use crate::{now_rfc3339, Store, StoreError};

/// A case as an import delivers it. Files live under the data directory in `files_dir`.
#[derive(Clone, Debug, PartialEq)]
pub struct NewCase {
    pub case_id: String,
    /// Whether the case belongs to the study's positive class.
    pub truth: bool,
    pub truth_label: String,
    pub age: Option<i64>,
    pub sex: Option<String>,
    pub location: Option<String>,
    pub site: Option<String>,
    pub split: vocab::Split,
    /// Extra manifest columns, as a JSON object.
    pub metadata: String,
    pub source_file: String,
    pub width: i64,
    pub height: i64,
    pub bits_stored: i64,
    pub modality: Option<String>,
    pub photometric: String,
    /// Window presets from the file, as a JSON array of `{name, center, width}`.
    pub windows: String,
    /// Folder of the case's files, relative to the data directory.
    pub files_dir: String,
    /// The original file's name inside `files_dir`.
    pub original_file: String,
    pub has_mask: bool,
}

/// A stored case: its database id (`id`, used in URLs and orders) and what was imported.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub id: i64,
    pub study_id: i64,
    pub import_id: i64,
    pub case: NewCase,
}

/// How an import came in, for its record and the audit trail.
#[derive(Clone, Debug)]
pub struct ImportRecord {
    /// `folder`, `zip` or `btxrd`.
    pub kind: String,
    /// The folder path or upload name.
    pub source: String,
    pub imported_by: String,
}

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    study_id: i64,
    import_id: i64,
    case_id: String,
    truth: bool,
    truth_label: String,
    age: Option<i32>,
    sex: Option<String>,
    location: Option<String>,
    site: Option<String>,
    split: String,
    metadata: String,
    source_file: String,
    width: i32,
    height: i32,
    bits_stored: i32,
    modality: Option<String>,
    photometric: String,
    windows: String,
    files_dir: String,
    original_file: String,
    has_mask: bool,
}

impl TryFrom<CaseRow> for Case {
    type Error = StoreError;

    fn try_from(r: CaseRow) -> Result<Self, StoreError> {
        Ok(Case {
            id: r.id,
            study_id: r.study_id,
            import_id: r.import_id,
            case: NewCase {
                case_id: r.case_id,
                truth: r.truth,
                truth_label: r.truth_label,
                age: r.age.map(i64::from),
                sex: r.sex,
                location: r.location,
                site: r.site,
                split: vocab::Split::parse(&r.split)?,
                metadata: r.metadata,
                source_file: r.source_file,
                width: r.width.into(),
                height: r.height.into(),
                bits_stored: r.bits_stored.into(),
                modality: r.modality,
                photometric: r.photometric,
                windows: r.windows,
                files_dir: r.files_dir,
                original_file: r.original_file,
                has_mask: r.has_mask,
            },
        })
    }
}

const SELECT: &str = "SELECT id, study_id, import_id, case_id, truth, truth_label, age, sex, \
     location, site, split, metadata, source_file, width, height, bits_stored, modality, \
     photometric, windows, files_dir, original_file, has_mask FROM cases";

impl Store {
    /// Stores an import and all its cases in one transaction, and drops the study's case orders
    /// (they are dealt again over the new case set).
    ///
    /// # Errors
    /// [`StoreError::Locked`] once reading has begun; [`StoreError::Duplicate`] when a case id is
    /// already in the study. Nothing is stored on any error.
    pub async fn store_import(
        &self,
        study_id: i64,
        record: &ImportRecord,
        cases: &[NewCase],
    ) -> Result<i64, StoreError> {
        let at = now_rfc3339();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let (locked,): (bool,) =
                sqlx::query_as("SELECT EXISTS (SELECT 1 FROM reads WHERE study_id = $1)")
                    .bind(study_id)
                    .fetch_one(&mut *tx)
                    .await?;
            if locked {
                return Err(StoreError::Locked(
                    "cases cannot be added once reading has begun; start a new study instead".into(),
                ));
            }
            let (import_id,): (i64,) = sqlx::query_as(
                "INSERT INTO imports (study_id, kind, source, cases, imported_by, imported_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(study_id)
            .bind(&record.kind)
            .bind(&record.source)
            .bind(cases.len() as i32)
            .bind(&record.imported_by)
            .bind(&at)
            .fetch_one(&mut *tx)
            .await?;
            for c in cases {
                let inserted = sqlx::query(
                    "INSERT INTO cases (study_id, import_id, case_id, truth, truth_label, age, sex, \
                     location, site, split, metadata, source_file, width, height, bits_stored, \
                     modality, photometric, windows, files_dir, original_file, has_mask) VALUES \
                     ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
                )
                .bind(study_id)
                .bind(import_id)
                .bind(&c.case_id)
                .bind(c.truth)
                .bind(&c.truth_label)
                .bind(c.age.map(|a| a as i32))
                .bind(&c.sex)
                .bind(&c.location)
                .bind(&c.site)
                .bind(c.split.as_str())
                .bind(&c.metadata)
                .bind(&c.source_file)
                .bind(c.width as i32)
                .bind(c.height as i32)
                .bind(c.bits_stored as i32)
                .bind(&c.modality)
                .bind(&c.photometric)
                .bind(&c.windows)
                .bind(&c.files_dir)
                .bind(&c.original_file)
                .bind(c.has_mask)
                .execute(&mut *tx)
                .await;
                match inserted {
                    Ok(_) => {}
                    Err(err) if crate::error::is_unique_violation(&err) => {
                        return Err(StoreError::Duplicate {
                            what: format!("case {} in this study", c.case_id),
                        })
                    }
                    Err(err) => return Err(err.into()),
                }
            }
            sqlx::query(
                "DELETE FROM case_orders WHERE reader_id IN (SELECT id FROM readers WHERE study_id = $1)",
            )
            .bind(study_id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(import_id)
        })
    }

    /// A study's cases, in import order.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn list_cases(&self, study_id: i64) -> Result<Vec<Case>, StoreError> {
        let sql = format!("{SELECT} WHERE study_id = $1 ORDER BY id");
        let rows: Vec<CaseRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(study_id).fetch_all(pool).await)?;
        rows.into_iter().map(Case::try_from).collect()
    }

    /// One case by its database id.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn case(&self, id: i64) -> Result<Option<Case>, StoreError> {
        let sql = format!("{SELECT} WHERE id = $1");
        let row: Option<CaseRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
        row.map(Case::try_from).transpose()
    }

    /// The case ids of a study already stored (to refuse an import that repeats one).
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn case_ids(&self, study_id: i64) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = on_pool!(self, pool => {
            sqlx::query_as("SELECT case_id FROM cases WHERE study_id = $1 ORDER BY id")
                .bind(study_id)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}
