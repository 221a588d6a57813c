//! Going back within the session being read to a case already read, where the study allows
//! it: the case is shown with the rating a correction will supersede.

use store::{ReadStep, Store};
use vocab::Stage;

use super::{case_view, ensure_reading_now, state_of};
use crate::domain::reading::ReadingState;
use crate::domain::user::CurrentUser;
use crate::ssr::access::{read_study, store_error};
use crate::AppError;

/// The latest saved rating of a case at a step (the end of its chain of corrections).
pub(super) fn latest(reads: &[ReadStep], case_ref: i64, stage: Stage) -> Option<&ReadStep> {
    reads
        .iter()
        .filter(|r| r.case_ref == case_ref && r.stage == stage)
        .max_by_key(|r| r.id)
}

/// Goes back to the case at `position` of the session, already read, to correct its rating —
/// when the study allows it.
///
/// # Errors
/// [`AppError::Invalid`] when the study does not allow going back, or the case was not read yet.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id, session))]
pub async fn review(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    session: i64,
    position: i64,
) -> Result<ReadingState, AppError> {
    let (study, reader) = read_study(store, user, study_id).await?;
    let current = state_of(store, &study, &reader, session).await?;
    if !current.back_navigation {
        return Err(AppError::Invalid(
            "this study does not let readers go back to a case they have read".into(),
        ));
    }
    ensure_reading_now(store, &study, &reader, session).await?;
    let failed = |e| store_error("load the case to review", e);
    let order = store.order_of(reader.id, session).await.map_err(failed)?;
    let case_ref = position
        .checked_sub(1)
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| order.get(i).copied())
        .ok_or_else(|| AppError::NotFound(format!("position {position}")))?;
    let reads = store.read_steps(reader.id, session).await.map_err(failed)?;
    let stage = study.design.correctable_stage(session);
    let previous = latest(&reads, case_ref, stage)
        .ok_or_else(|| AppError::Invalid("you have not read this case yet".into()))?;
    let case = store
        .case(case_ref)
        .await
        .map_err(failed)?
        .ok_or_else(|| AppError::NotFound(format!("case {case_ref}")))?;
    let mine: Vec<&ReadStep> = reads.iter().filter(|r| r.case_ref == case_ref).collect();
    let mut view = case_view(
        store, &study, &reader, session, position, &case, stage, &mine,
    )
    .await?;
    view.correcting = Some((previous.call_positive, previous.score));
    Ok(ReadingState {
        case: Some(view),
        prefetch_url: None,
        ..current
    })
}
