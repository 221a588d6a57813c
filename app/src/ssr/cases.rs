//! Plain functions behind the case server functions: the case table. (Receiving an upload is
//! `ssr::upload`.)

use store::Store;

use crate::domain::case::CaseView;
use crate::domain::user::CurrentUser;
use crate::ssr::access::{coordinated_study, store_error};
use crate::ssr::ai::model_version;
use crate::AppError;

/// The study's cases, with the current model's probability where it has run.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn list(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
) -> Result<Vec<CaseView>, AppError> {
    coordinated_study(store, user, study_id).await?;
    let failed = |e| store_error("load the cases", e);
    let outputs: std::collections::HashMap<i64, f64> = store
        .ai_outputs(study_id, model_version())
        .await
        .map_err(failed)?
        .into_iter()
        .map(|o| (o.case_ref, o.probability))
        .collect();
    Ok(store
        .list_cases(study_id)
        .await
        .map_err(failed)?
        .into_iter()
        .map(|c| CaseView {
            id: c.id,
            ai_probability: outputs.get(&c.id).copied(),
            case_id: c.case.case_id,
            truth_label: c.case.truth_label,
            split: c.case.split,
            site: c.case.site,
            age: c.case.age,
            sex: c.case.sex,
            location: c.case.location,
        })
        .collect())
}
