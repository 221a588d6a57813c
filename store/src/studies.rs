//! Studies: creating, configuring (until the first read locks them) and listing them.

use crate::error::is_unique_violation;
use crate::pool::on_pool;
use crate::study_config::{BackNavigation, RatingScale, ReadingDesign, StudyConfig};
use crate::{now_rfc3339, Store, StoreError};

/// A study as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Study {
    pub id: i64,
    pub name: String,
    pub positive_label: String,
    pub negative_label: String,
    pub design: ReadingDesign,
    pub created_at: String,
    pub config: StudyConfig,
}

/// What it takes to create a study, or to change one that is not locked yet.
#[derive(Clone, Debug)]
pub struct NewStudy {
    pub name: String,
    pub positive_label: String,
    pub negative_label: String,
    pub design: ReadingDesign,
    pub config: StudyConfig,
}

impl NewStudy {
    /// A study with the default configuration.
    pub fn new(name: &str, positive: &str, negative: &str, design: ReadingDesign) -> Self {
        NewStudy {
            name: name.into(),
            positive_label: positive.into(),
            negative_label: negative.into(),
            design,
            config: StudyConfig::default(),
        }
    }

    fn validated(&self) -> Result<NewStudy, StoreError> {
        let name = self.name.trim();
        let positive = self.positive_label.trim();
        let negative = self.negative_label.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a study needs a name".into()));
        }
        if positive.is_empty() || negative.is_empty() || positive == negative {
            return Err(StoreError::Invalid(
                "a study needs two different class labels (e.g. OS and GCT)".into(),
            ));
        }
        // Bounded so that no form can make every page and export carry megabytes of text.
        if name.chars().count() > MAX_STUDY_NAME_CHARS {
            return Err(StoreError::Invalid(format!(
                "a study's name must be at most {MAX_STUDY_NAME_CHARS} characters"
            )));
        }
        if positive.chars().count() > MAX_LABEL_CHARS || negative.chars().count() > MAX_LABEL_CHARS
        {
            return Err(StoreError::Invalid(format!(
                "a class label must be at most {MAX_LABEL_CHARS} characters"
            )));
        }
        self.config.validate()?;
        Ok(NewStudy {
            name: name.into(),
            positive_label: positive.into(),
            negative_label: negative.into(),
            design: self.design,
            config: self.config.clone(),
        })
    }
}

/// The longest study name accepted.
pub const MAX_STUDY_NAME_CHARS: usize = 200;
/// The longest class label accepted (e.g. "OS", "giant-cell tumour").
pub const MAX_LABEL_CHARS: usize = 60;

#[derive(sqlx::FromRow)]
struct StudyRow {
    id: i64,
    name: String,
    positive_label: String,
    negative_label: String,
    design: String,
    created_at: String,
    rating_scale: String,
    washout_days: i32,
    read_splits: String,
    practice_cases: i32,
    seed: i64,
    back_navigation: String,
    show_clinical: bool,
    junior_max_years: i32,
    intermediate_max_years: i32,
    default_locale: String,
    task: String,
    mark_rule: String,
    acceptance_radius_pct: i32,
    show_ai_marks: bool,
    deid_keep_characteristics: bool,
    deid_keep_descriptions: bool,
    deid_accept_burned_in: bool,
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
            config: StudyConfig {
                rating_scale: RatingScale::parse(&row.rating_scale)?,
                washout_days: row.washout_days.into(),
                read_splits: row
                    .read_splits
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(vocab::Split::parse)
                    .collect::<Result<_, _>>()?,
                practice_cases: row.practice_cases.into(),
                seed: row.seed,
                back_navigation: BackNavigation::parse(&row.back_navigation)?,
                show_clinical: row.show_clinical,
                junior_max_years: row.junior_max_years.into(),
                intermediate_max_years: row.intermediate_max_years.into(),
                default_locale: vocab::Locale::parse(&row.default_locale)?,
                task: vocab::StudyTask::parse(&row.task)?,
                mark_rule: vocab::MarkRule::parse(&row.mark_rule)?,
                acceptance_radius_pct: row.acceptance_radius_pct.into(),
                show_ai_marks: row.show_ai_marks,
                deid: crate::study_config::DeidChoices {
                    keep_characteristics: row.deid_keep_characteristics,
                    keep_descriptions: row.deid_keep_descriptions,
                    accept_burned_in: row.deid_accept_burned_in,
                },
            },
        })
    }
}

/// The splits as the `read_splits` column holds them: comma-separated text forms.
fn join_splits(splits: &[vocab::Split]) -> String {
    splits
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

const SELECT: &str = "SELECT id, name, positive_label, negative_label, design, created_at, \
     rating_scale, washout_days, read_splits, practice_cases, seed, back_navigation, show_clinical, \
     junior_max_years, intermediate_max_years, default_locale, task, mark_rule, \
     acceptance_radius_pct, show_ai_marks, deid_keep_characteristics, deid_keep_descriptions, \
     deid_accept_burned_in FROM studies";

fn duplicate_or_query(err: sqlx::Error, name: &str) -> StoreError {
    if is_unique_violation(&err) {
        StoreError::Duplicate {
            what: format!("a study named '{name}'"),
        }
    } else {
        StoreError::Query(err)
    }
}

impl Store {
    /// Every study, newest first.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn list_studies(&self) -> Result<Vec<Study>, StoreError> {
        let sql = format!("{SELECT} ORDER BY created_at DESC, id DESC");
        let rows: Vec<StudyRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
        rows.into_iter().map(Study::try_from).collect()
    }

    /// The studies a coordinator runs, newest first.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn studies_coordinated_by(&self, user_id: i64) -> Result<Vec<Study>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE id IN (SELECT study_id FROM study_coordinators WHERE user_id = $1) \
             ORDER BY created_at DESC, id DESC"
        );
        let rows: Vec<StudyRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await)?;
        rows.into_iter().map(Study::try_from).collect()
    }

    /// One study, if it exists.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn study(&self, id: i64) -> Result<Option<Study>, StoreError> {
        let sql = format!("{SELECT} WHERE id = $1");
        let row: Option<StudyRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
        row.map(Study::try_from).transpose()
    }

    /// Creates a study; `coordinator` (if any) becomes one of its coordinators.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an empty name or labels, identical labels or a setting out of
    /// range; [`StoreError::Duplicate`] when a study of that name exists.
    pub async fn create_study(
        &self,
        new: &NewStudy,
        coordinator: Option<i64>,
    ) -> Result<Study, StoreError> {
        let new = new.validated()?;
        let created_at = now_rfc3339();
        let c = &new.config;
        let splits = join_splits(&c.read_splits);
        let id: i64 = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO studies (name, positive_label, negative_label, design, created_at, \
                 rating_scale, washout_days, read_splits, practice_cases, seed, back_navigation, \
                 show_clinical, junior_max_years, intermediate_max_years, default_locale, created_by, \
                 task, mark_rule, acceptance_radius_pct, show_ai_marks, deid_keep_characteristics, \
                 deid_keep_descriptions, deid_accept_burned_in) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
                 $21, $22, $23) \
                 RETURNING id",
            )
            .bind(&new.name)
            .bind(&new.positive_label)
            .bind(&new.negative_label)
            .bind(new.design.as_str())
            .bind(&created_at)
            .bind(c.rating_scale.as_str())
            .bind(c.washout_days as i32)
            .bind(&splits)
            .bind(c.practice_cases as i32)
            .bind(c.seed)
            .bind(c.back_navigation.as_str())
            .bind(c.show_clinical)
            .bind(c.junior_max_years as i32)
            .bind(c.intermediate_max_years as i32)
            .bind(c.default_locale.as_str())
            .bind(coordinator)
            .bind(c.task.as_str())
            .bind(c.mark_rule.as_str())
            .bind(c.acceptance_radius_pct as i32)
            .bind(c.show_ai_marks)
            .bind(c.deid.keep_characteristics)
            .bind(c.deid.keep_descriptions)
            .bind(c.deid.accept_burned_in)
            .fetch_one(&mut *tx)
            .await
            .map_err(|err| duplicate_or_query(err, &new.name))?;
            if let Some(user_id) = coordinator {
                sqlx::query("INSERT INTO study_coordinators (study_id, user_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok::<i64, StoreError>(id)
        })?;
        Ok(Study {
            id,
            name: new.name,
            positive_label: new.positive_label,
            negative_label: new.negative_label,
            design: new.design,
            created_at,
            config: new.config,
        })
    }

    /// Changes a study's name, labels, design and configuration, unless reading has begun.
    ///
    /// # Errors
    /// [`StoreError::Locked`] once the study has a read; [`StoreError::Invalid`] and
    /// [`StoreError::Duplicate`] as for [`Store::create_study`]; [`StoreError::NotFound`].
    pub async fn update_study(&self, id: i64, edit: &NewStudy) -> Result<Study, StoreError> {
        let new = edit.validated()?;
        let c = &new.config;
        let splits = join_splits(&c.read_splits);
        let updated = on_pool!(self, pool => {
            // The lock check and the update run in one statement, so a read saved between them
            // cannot slip past the check.
            sqlx::query(
                "UPDATE studies SET name = $1, positive_label = $2, negative_label = $3, design = $4, \
                 rating_scale = $5, washout_days = $6, read_splits = $7, practice_cases = $8, seed = $9, \
                 back_navigation = $10, show_clinical = $11, junior_max_years = $12, \
                 intermediate_max_years = $13, default_locale = $14, task = $16, mark_rule = $17, \
                 acceptance_radius_pct = $18, show_ai_marks = $19, deid_keep_characteristics = $20, \
                 deid_keep_descriptions = $21, deid_accept_burned_in = $22 \
                 WHERE id = $15 AND NOT EXISTS (SELECT 1 FROM reads WHERE study_id = $15)",
            )
            .bind(&new.name)
            .bind(&new.positive_label)
            .bind(&new.negative_label)
            .bind(new.design.as_str())
            .bind(c.rating_scale.as_str())
            .bind(c.washout_days as i32)
            .bind(&splits)
            .bind(c.practice_cases as i32)
            .bind(c.seed)
            .bind(c.back_navigation.as_str())
            .bind(c.show_clinical)
            .bind(c.junior_max_years as i32)
            .bind(c.intermediate_max_years as i32)
            .bind(c.default_locale.as_str())
            .bind(id)
            .bind(c.task.as_str())
            .bind(c.mark_rule.as_str())
            .bind(c.acceptance_radius_pct as i32)
            .bind(c.show_ai_marks)
            .bind(c.deid.keep_characteristics)
            .bind(c.deid.keep_descriptions)
            .bind(c.deid.accept_burned_in)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
            .map_err(|err| duplicate_or_query(err, &new.name))
        })?;
        if updated == 0 {
            return match self.study(id).await? {
                None => Err(StoreError::NotFound(format!("study {id}"))),
                Some(_) => Err(StoreError::Locked(
                    "the study's settings are locked because reading has begun; \
                     start a new study to read with other settings"
                        .into(),
                )),
            };
        }
        self.study(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("study {id}")))
    }

    /// Whether reading has begun (the first saved read locks the configuration).
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn study_is_locked(&self, id: i64) -> Result<bool, StoreError> {
        let (locked,): (bool,) = on_pool!(self, pool => {
            sqlx::query_as("SELECT EXISTS (SELECT 1 FROM reads WHERE study_id = $1)")
                .bind(id)
                .fetch_one(pool)
                .await
        })?;
        Ok(locked)
    }

    /// Whether `user_id` is one of the study's coordinators.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn is_study_coordinator(
        &self,
        study_id: i64,
        user_id: i64,
    ) -> Result<bool, StoreError> {
        let (yes,): (bool,) = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT EXISTS (SELECT 1 FROM study_coordinators WHERE study_id = $1 AND user_id = $2)",
            )
            .bind(study_id)
            .bind(user_id)
            .fetch_one(pool)
            .await
        })?;
        Ok(yes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn knee_study(name: &str) -> NewStudy {
        NewStudy {
            name: name.into(),
            positive_label: "OS".into(),
            negative_label: "GCT".into(),
            design: ReadingDesign::Crossover,
            config: StudyConfig::default(),
        }
    }

    #[tokio::test]
    async fn a_new_database_has_no_studies() {
        let t = crate::testing::sqlite().await;
        let store = &t.store;
        assert!(store.list_studies().await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn created_studies_are_listed_newest_first() {
        let t = crate::testing::sqlite().await;
        let store = &t.store;
        store
            .create_study(&knee_study("first"), None)
            .await
            .unwrap();
        let second = store
            .create_study(&knee_study("second"), None)
            .await
            .unwrap();

        let listed = store.list_studies().await.unwrap();

        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0], second);
    }

    #[tokio::test]
    async fn a_second_study_with_the_same_name_is_refused() {
        let t = crate::testing::sqlite().await;
        let store = &t.store;
        store.create_study(&knee_study("knee"), None).await.unwrap();

        let err = store
            .create_study(&knee_study("knee"), None)
            .await
            .unwrap_err();

        assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");
    }

    #[tokio::test]
    async fn identical_class_labels_are_refused() {
        let t = crate::testing::sqlite().await;
        let store = &t.store;
        let mut study = knee_study("knee");
        study.negative_label = "OS".into();

        let err = store.create_study(&study, None).await.unwrap_err();

        assert!(err.to_string().contains("two different class labels"));
    }

    #[tokio::test]
    async fn a_megabyte_study_name_or_label_is_refused() {
        let t = crate::testing::sqlite().await;
        let store = &t.store;
        let mut long_name = knee_study("knee");
        long_name.name = "n".repeat(MAX_STUDY_NAME_CHARS + 1);
        let mut long_label = knee_study("knee");
        long_label.positive_label = "l".repeat(1 << 20);

        let name = store.create_study(&long_name, None).await.unwrap_err();
        let label = store.create_study(&long_label, None).await.unwrap_err();

        assert!(name.to_string().contains("at most 200"), "{name}");
        assert!(label.to_string().contains("at most 60"), "{label}");
        assert!(store.list_studies().await.unwrap().is_empty());
    }
}
