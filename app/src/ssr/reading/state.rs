//! The state of a reader's session: the first case in their order not yet finished, shown
//! blinded (no truth, no other reader's read) with the AI's output only where the design shows
//! it.

use std::collections::HashMap;

use store::{Case, ReadStep, Reader, Store, Study};
use vocab::Stage;

use crate::domain::reading::{AiView, CaseToRead, Clinical, ReadingState, WindowPreset};
use crate::domain::user::CurrentUser;
use crate::ssr::access::{read_study, store_error};
use crate::ssr::ai::model_version;
use crate::ssr::sessions::{cards, facts, mode, today};
use crate::AppError;

/// The session's state for this reader: the first case in their order not yet finished.
///
/// # Errors
/// [`AppError::Forbidden`] when the caller does not read in the study, [`AppError::Invalid`]
/// when the session is closed (saying why).
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id, session))]
pub async fn state(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    session: i64,
) -> Result<ReadingState, AppError> {
    let (study, reader) = read_study(store, user, study_id).await?;
    state_of(store, &study, &reader, session).await
}

pub(super) async fn state_of(
    store: &Store,
    study: &Study,
    reader: &Reader,
    session: i64,
) -> Result<ReadingState, AppError> {
    let failed = |e| store_error("load the case to read", e);
    let facts = facts(store, reader).await.map_err(failed)?;
    let card = cards(study, reader, &facts, &today())
        .into_iter()
        .find(|c| c.session == session)
        .ok_or_else(|| AppError::NotFound(format!("session {session}")))?;
    if card.state == "closed" {
        return Err(AppError::SessionClosed {
            opens_on: card.opens_on,
        });
    }
    let order = store.order_of(reader.id, session).await.map_err(failed)?;
    let steps = store.read_steps(reader.id, session).await.map_err(failed)?;
    let mut by_case: HashMap<i64, Vec<&ReadStep>> = HashMap::new();
    for step in &steps {
        by_case.entry(step.case_ref).or_default().push(step);
    }
    let mut current = None;
    let mut done = 0;
    for (index, case_ref) in order.iter().enumerate() {
        let mine = by_case.remove(case_ref).unwrap_or_default();
        let stages: Vec<Stage> = mine.iter().map(|r| r.stage).collect();
        match study.design.next_stage(session, &stages) {
            None => done += 1,
            Some(stage) if current.is_none() => current = Some((index, *case_ref, stage, mine)),
            Some(_) => {}
        }
    }
    let case = match &current {
        None => None,
        Some((index, case_ref, stage, mine)) => {
            let case = store
                .case(*case_ref)
                .await
                .map_err(failed)?
                .ok_or_else(|| AppError::NotFound(format!("case {case_ref}")))?;
            Some(
                case_view(
                    store,
                    study,
                    reader,
                    session,
                    *index as i64 + 1,
                    &case,
                    *stage,
                    mine,
                )
                .await?,
            )
        }
    };
    let prefetch_url = current
        .and_then(|(index, ..)| order.get(index + 1))
        .map(|next| format!("/images/cases/{next}/display"));
    Ok(ReadingState {
        study_id: study.id,
        study_name: study.name.clone(),
        session,
        mode: mode(study, reader, session),
        positive_label: study.positive_label.clone(),
        negative_label: study.negative_label.clone(),
        rating_scale: study.config.rating_scale,
        done,
        total: order.len() as i64,
        case,
        prefetch_url,
        back_navigation: study.config.back_navigation == store::BackNavigation::WithinSession,
        task: study.config.task,
    })
}

/// Whether this reader may see the AI's output for a case at this step.
pub fn ai_visible(study: &Study, reader: &Reader, session: i64, stage: Stage) -> bool {
    study.design.ai_visible(reader.group, session, stage)
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn case_view(
    store: &Store,
    study: &Study,
    reader: &Reader,
    session: i64,
    position: i64,
    case: &Case,
    stage: Stage,
    reads: &[&ReadStep],
) -> Result<CaseToRead, AppError> {
    let windows: Vec<WindowPreset> =
        serde_json::from_str::<Vec<serde_json::Value>>(&case.case.windows)
            .unwrap_or_default()
            .iter()
            .filter_map(|w| {
                Some(WindowPreset {
                    name: w["name"].as_str()?.to_string(),
                    center: w["center"].as_f64()?,
                    width: w["width"].as_f64()?,
                })
            })
            .collect();
    let ai = if ai_visible(study, reader, session, stage) {
        store
            .ai_output(case.id, model_version())
            .await
            .map_err(|e| store_error("load the AI output", e))?
            .map(|o| AiView {
                marks: (study.config.task == vocab::StudyTask::Localization
                    && study.config.show_ai_marks)
                    .then(|| o.marks.clone().unwrap_or_default()),
                probability: o.probability,
                threshold: model::infer::THRESHOLD,
                predicted_label: if o.predicted_positive {
                    study.positive_label.clone()
                } else {
                    study.negative_label.clone()
                },
                heatmap_url: format!("/images/cases/{}/heatmap", case.id),
            })
    } else {
        None
    };
    Ok(CaseToRead {
        case_ref: case.id,
        position,
        image_url: format!("/images/cases/{}/display", case.id),
        window_url: format!("/images/cases/{}/window", case.id),
        pixels_url: format!("/images/cases/{}/pixels", case.id),
        width: case.case.width,
        height: case.case.height,
        bits_stored: case.case.bits_stored,
        windows,
        clinical: study.config.show_clinical.then(|| Clinical {
            age: case.case.age,
            sex: case.case.sex.clone(),
            location: case.case.location.clone(),
        }),
        stage,
        ai,
        unaided: reads
            .iter()
            .find(|r| r.stage == Stage::Unaided)
            .map(|r| (r.call_positive, r.score)),
        correcting: None,
    })
}
