//! Plain functions behind the study server functions: listing, creating, showing and
//! configuring studies.

use store::{NewStudy, Store, Study, StudyConfig};

use crate::domain::study::{CaseCounts, StudyDetail, StudyForm, StudySummary};
use crate::domain::user::{CurrentUser, Role};
use crate::ssr::access::{audit, coordinated_study, require_coordinating, store_error};
use crate::ssr::orders::deal_orders;
use crate::AppError;

/// The studies an account sees: admins all, coordinators theirs, readers those they read in.
///
/// # Errors
/// [`AppError::Internal`] when the database fails (logged with its cause).
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn list(store: &Store, user: &CurrentUser) -> Result<Vec<StudySummary>, AppError> {
    let failed = |e| store_error("load the list of studies", e);
    let studies = match user.role {
        Role::Admin => store.list_studies().await.map_err(failed)?,
        Role::Coordinator => store
            .studies_coordinated_by(user.id)
            .await
            .map_err(failed)?,
        Role::Reader => {
            let mut studies = Vec::new();
            for reader in store.readers_of_user(user.id).await.map_err(failed)? {
                if let Some(study) = store.study(reader.study_id).await.map_err(failed)? {
                    studies.push(study);
                }
            }
            studies
        }
    };
    Ok(studies.into_iter().map(summary).collect())
}

fn summary(study: Study) -> StudySummary {
    StudySummary {
        id: study.id,
        name: study.name,
        positive_label: study.positive_label,
        negative_label: study.negative_label,
        design: study.design,
        created_on: study.created_at.chars().take(10).collect(),
    }
}

/// The form's values as the store's settings (the words arrive typed: serde refused any
/// other spelling at the boundary; the store validates the ranges).
pub fn new_study(form: &StudyForm) -> NewStudy {
    NewStudy {
        name: form.name.clone(),
        positive_label: form.positive_label.clone(),
        negative_label: form.negative_label.clone(),
        design: form.design,
        config: StudyConfig {
            rating_scale: form.rating_scale,
            washout_days: form.washout_days,
            read_splits: form.read_splits.clone(),
            practice_cases: form.practice_cases,
            seed: form.seed,
            back_navigation: form.back_navigation,
            show_clinical: form.show_clinical,
            junior_max_years: form.junior_max_years,
            intermediate_max_years: form.intermediate_max_years,
            default_locale: form.default_locale,
            task: form.task,
            mark_rule: form.mark_rule,
            acceptance_radius_pct: form.acceptance_radius_pct,
            show_ai_marks: form.show_ai_marks,
            deid: store::DeidChoices {
                keep_characteristics: form.deid_keep_characteristics,
                keep_descriptions: form.deid_keep_descriptions,
                accept_burned_in: form.deid_accept_burned_in,
            },
        },
    }
}

/// A stored study as the settings form shows it.
pub fn form_of(study: &Study) -> StudyForm {
    let c = &study.config;
    StudyForm {
        name: study.name.clone(),
        positive_label: study.positive_label.clone(),
        negative_label: study.negative_label.clone(),
        design: study.design,
        rating_scale: c.rating_scale,
        washout_days: c.washout_days,
        read_splits: c.read_splits.clone(),
        practice_cases: c.practice_cases,
        seed: c.seed,
        back_navigation: c.back_navigation,
        show_clinical: c.show_clinical,
        junior_max_years: c.junior_max_years,
        intermediate_max_years: c.intermediate_max_years,
        default_locale: c.default_locale,
        task: c.task,
        mark_rule: c.mark_rule,
        acceptance_radius_pct: c.acceptance_radius_pct,
        show_ai_marks: c.show_ai_marks,
        deid_keep_characteristics: c.deid.keep_characteristics,
        deid_keep_descriptions: c.deid.keep_descriptions,
        deid_accept_burned_in: c.deid.accept_burned_in,
    }
}

/// Creates a study run by `user`.
///
/// # Errors
/// [`AppError::Forbidden`] for readers; [`AppError::Invalid`] for a bad setting or a name in use.
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn create(
    store: &Store,
    user: &CurrentUser,
    form: &StudyForm,
) -> Result<StudySummary, AppError> {
    require_coordinating(user)?;
    let study = store
        .create_study(&new_study(form), Some(user.id))
        .await
        .map_err(|e| store_error("create the study", e))?;
    audit(
        store,
        user,
        "study.create",
        Some(study.id),
        serde_json::json!({ "name": study.name, "design": study.design.as_str() }),
    )
    .await;
    Ok(summary(study))
}

/// The overview of a study its coordinator sees.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn detail(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
) -> Result<StudyDetail, AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let failed = |e| store_error("load the study", e);
    let cases = store.list_cases(study_id).await.map_err(failed)?;
    let mut by_split = Vec::new();
    for &split in vocab::Split::ALL {
        let n = cases.iter().filter(|c| c.case.split == split).count();
        if n > 0 {
            by_split.push((split, n));
        }
    }
    Ok(StudyDetail {
        id: study.id,
        settings: form_of(&study),
        locked: store.study_is_locked(study_id).await.map_err(failed)?,
        created_on: study.created_at.chars().take(10).collect(),
        cases: CaseCounts {
            total: cases.len(),
            positive: cases.iter().filter(|c| c.case.truth).count(),
            by_split,
        },
        readers: store.list_readers(study_id).await.map_err(failed)?.len(),
    })
}

/// Changes a study's settings until reading begins; the case orders are dealt again, since
/// the seed, splits or design may have changed.
///
/// # Errors
/// [`AppError::Invalid`] once the study is locked (saying why) or for a bad setting.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn update(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    form: &StudyForm,
) -> Result<StudyDetail, AppError> {
    let before = coordinated_study(store, user, study_id).await?;
    let edit = new_study(form);
    // Every import into a study is de-identified alike, so a change must come before the first.
    if edit.config.deid != before.config.deid
        && !store
            .case_ids(study_id)
            .await
            .map_err(|e| store_error("save the study settings", e))?
            .is_empty()
    {
        return Err(AppError::Invalid(
            "the de-identification choices cannot change once the study holds cases".into(),
        ));
    }
    let study = store
        .update_study(study_id, &edit)
        .await
        .map_err(|e| store_error("save the study settings", e))?;
    let failed = |e| store_error("deal the case orders", e);
    store.clear_orders(study_id).await.map_err(failed)?;
    deal_orders(store, &study).await.map_err(failed)?;
    audit(
        store,
        user,
        "study.configure",
        Some(study_id),
        serde_json::to_value(form).unwrap_or_default(),
    )
    .await;
    detail(store, user, study_id).await
}
