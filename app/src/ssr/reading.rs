//! The reader's side: the worklist, the next case in the reader's order (blinded: no truth, no
//! other reader's read, AI output only when the design shows it), and saving a read exactly once.

use store::{Case, NewRead, Read, ReadAuthor, Reader, ReadingDesign, Store, Study};

use crate::domain::reading::{
    AiView, CaseToRead, Clinical, ReadingState, Submission, SubmitOutcome, WindowPreset,
    WorklistStudy, MAX_ACTIVE_MS, MAX_INTERACTIONS, MAX_INTERACTIONS_BYTES, MAX_KEY_LEN,
};
use crate::domain::user::CurrentUser;
use crate::ssr::access::{read_study, store_error};
use crate::ssr::ai::model_version;
use crate::ssr::orders::PRACTICE_SESSION;
use crate::ssr::sessions::{cards, facts, mode, reading_now, today};
use crate::AppError;

/// The reader's studies and sessions.
///
/// # Errors
/// [`AppError::Internal`] when the database fails.
pub async fn worklist(store: &Store, user: &CurrentUser) -> Result<Vec<WorklistStudy>, AppError> {
    let failed = |e| store_error("load your worklist", e);
    let mut out = Vec::new();
    for reader in store.readers_of_user(user.id).await.map_err(failed)? {
        let Some(study) = store.study(reader.study_id).await.map_err(failed)? else {
            continue;
        };
        let facts = facts(store, &study, &reader).await.map_err(failed)?;
        out.push(WorklistStudy {
            study_id: study.id,
            name: study.name.clone(),
            design: study.design.as_str().into(),
            sessions: cards(&study, &reader, &facts, &today()),
        });
    }
    Ok(out)
}

/// The step a case is at: `single`, or for the sequential design `unaided` then `final`.
fn next_stage(design: ReadingDesign, session: i64, reads: &[&Read]) -> Option<&'static str> {
    let has = |stage: &str| reads.iter().any(|r| r.read.stage == stage);
    if design == ReadingDesign::Sequential && session != PRACTICE_SESSION {
        if has("final") {
            None
        } else if has("unaided") {
            Some("final")
        } else {
            Some("unaided")
        }
    } else if has("single") {
        None
    } else {
        Some("single")
    }
}

/// The session's state for this reader: the first case in their order not yet finished.
///
/// # Errors
/// [`AppError::Forbidden`] when the caller does not read in the study, [`AppError::Invalid`]
/// when the session is closed (saying why).
pub async fn state(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    session: i64,
) -> Result<ReadingState, AppError> {
    let (study, reader) = read_study(store, user, study_id).await?;
    state_of(store, &study, &reader, session).await
}

async fn state_of(
    store: &Store,
    study: &Study,
    reader: &Reader,
    session: i64,
) -> Result<ReadingState, AppError> {
    let failed = |e| store_error("load the case to read", e);
    let facts = facts(store, study, reader).await.map_err(failed)?;
    let card = cards(study, reader, &facts, &today())
        .into_iter()
        .find(|c| c.session == session)
        .ok_or_else(|| AppError::NotFound(format!("session {session}")))?;
    if card.state == "closed" {
        return Err(AppError::Invalid(match card.opens_on {
            Some(date) => format!("this session opens on {date}, after the washout"),
            None => "finish the earlier session first".into(),
        }));
    }
    let order = store.order_of(reader.id, session).await.map_err(failed)?;
    let reads = store.reads_of(reader.id, session).await.map_err(failed)?;
    let mut current = None;
    let mut done = 0;
    for (index, case_ref) in order.iter().enumerate() {
        let mine: Vec<&Read> = reads
            .iter()
            .filter(|r| r.read.case_ref == *case_ref)
            .collect();
        match next_stage(study.design, session, &mine) {
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
                    stage,
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
        mode: mode(study, reader, session).into(),
        positive_label: study.positive_label.clone(),
        negative_label: study.negative_label.clone(),
        rating_scale: study.config.rating_scale.as_str().into(),
        done,
        total: order.len() as i64,
        case,
        prefetch_url,
        back_navigation: study.config.back_navigation == store::BackNavigation::WithinSession,
    })
}

/// Whether this reader may see the AI's output for a case at this step.
pub fn ai_visible(study: &Study, reader: &Reader, session: i64, stage: &str) -> bool {
    session != PRACTICE_SESSION
        && match study.design {
            ReadingDesign::Sequential => stage == "final",
            ReadingDesign::Crossover => mode(study, reader, session) == "aided",
        }
}

#[allow(clippy::too_many_arguments)]
async fn case_view(
    store: &Store,
    study: &Study,
    reader: &Reader,
    session: i64,
    position: i64,
    case: &Case,
    stage: &str,
    reads: &[&Read],
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
                probability: o.probability,
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
        bits_stored: case.case.bits_stored,
        windows,
        clinical: study.config.show_clinical.then(|| Clinical {
            age: case.case.age,
            sex: case.case.sex.clone(),
            location: case.case.location.clone(),
        }),
        stage: stage.into(),
        ai,
        unaided: reads
            .iter()
            .find(|r| r.read.stage == "unaided")
            .map(|r| (r.read.call_positive, r.read.score)),
        correcting: None,
    })
}

/// The step a reader may correct when going back: the final rating in the sequential design
/// (the unaided one stays as committed, since the AI has been seen since), else the only one.
fn correctable_stage(study: &Study, session: i64) -> &'static str {
    if study.design == ReadingDesign::Sequential && session != PRACTICE_SESSION {
        "final"
    } else {
        "single"
    }
}

/// The latest saved rating of a case at a step (the end of its chain of corrections).
fn latest<'a>(reads: &'a [Read], case_ref: i64, stage: &str) -> Option<&'a Read> {
    reads
        .iter()
        .filter(|r| r.read.case_ref == case_ref && r.read.stage == stage)
        .max_by_key(|r| r.id)
}

/// Goes back to the case at `position` of the session, already read, to correct its rating —
/// when the study allows it.
///
/// # Errors
/// [`AppError::Invalid`] when the study does not allow going back, or the case was not read yet.
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
    let reads = store.reads_of(reader.id, session).await.map_err(failed)?;
    let stage = correctable_stage(&study, session);
    let previous = latest(&reads, case_ref, stage)
        .ok_or_else(|| AppError::Invalid("you have not read this case yet".into()))?;
    let case = store
        .case(case_ref)
        .await
        .map_err(failed)?
        .ok_or_else(|| AppError::NotFound(format!("case {case_ref}")))?;
    let mine: Vec<&Read> = reads
        .iter()
        .filter(|r| r.read.case_ref == case_ref)
        .collect();
    let mut view = case_view(
        store, &study, &reader, session, position, &case, stage, &mine,
    )
    .await?;
    view.correcting = Some((previous.read.call_positive, previous.read.score));
    Ok(ReadingState {
        case: Some(view),
        prefetch_url: None,
        ..current
    })
}

/// Checks every field of a submission the client chose, before anything is looked up: the
/// rating within the study's scale, a known step, and bounded times, logs and keys.
///
/// # Errors
/// [`AppError::Invalid`] naming the first field out of bounds.
pub fn validate_submission(study: &Study, submission: &Submission) -> Result<(), AppError> {
    let range = if study.config.rating_scale == store::RatingScale::Ordinal5 {
        1..=5
    } else {
        0..=100
    };
    let invalid = |why: String| Err(AppError::Invalid(why));
    if !range.contains(&submission.score) {
        return invalid(format!(
            "the rating must be between {} and {}",
            range.start(),
            range.end()
        ));
    }
    if !["single", "unaided", "final"].contains(&submission.stage.as_str()) {
        return invalid("the step of the read is not one Lector knows; reload the page".into());
    }
    if !(0..=MAX_ACTIVE_MS).contains(&submission.active_ms) {
        return invalid(format!(
            "the reading time must be between 0 and {} hours",
            MAX_ACTIVE_MS / 3_600_000
        ));
    }
    let key = &submission.idempotency_key;
    if key.is_empty()
        || key.len() > MAX_KEY_LEN
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return invalid("the submission key is malformed; reload the page".into());
    }
    let log_ok = submission.interactions.len() <= MAX_INTERACTIONS_BYTES
        && serde_json::from_str::<Vec<serde_json::Value>>(&submission.interactions)
            .is_ok_and(|events| events.len() <= MAX_INTERACTIONS);
    if !log_ok {
        return invalid(format!(
            "the viewer log must be a JSON list of at most {MAX_INTERACTIONS} events \
             ({} KiB)",
            MAX_INTERACTIONS_BYTES / 1024
        ));
    }
    Ok(())
}

/// Saves the reader's rating of the case in front of them, once (a repeated key with the same
/// rating is answered from the read it saved), and returns the next state; practice reads also
/// get the truth of the case just read.
///
/// # Errors
/// [`AppError::Invalid`] when a field is out of bounds or the case is not the next in the
/// reader's order; [`AppError::Conflict`] when the key was used for another rating, or another
/// rating of the case was saved first.
pub async fn submit(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    session: i64,
    submission: Submission,
) -> Result<SubmitOutcome, AppError> {
    let (study, reader) = read_study(store, user, study_id).await?;
    validate_submission(&study, &submission)?;
    let replayed = store
        .read_by_key(&submission.idempotency_key)
        .await
        .map_err(|e| store_error("save the read", e))?;
    if let Some(saved) = replayed {
        // A retry is answered from what was saved, never from what the client says now: the
        // case, the call and the session are the stored read's.
        let same = saved.read.reader_id == reader.id
            && saved.read.session == session
            && saved.read.case_ref == submission.case_ref
            && saved.read.stage == submission.stage
            && saved.read.call_positive == submission.call_positive
            && saved.read.score == submission.score;
        if !same {
            return Err(AppError::Conflict(
                "this submission key was already used for a different rating; reload the page"
                    .into(),
            ));
        }
        return outcome(store, &study, &reader, &saved).await;
    }
    let before = state_of(store, &study, &reader, session).await?;
    let Some(current) = before
        .case
        .filter(|c| c.case_ref == submission.case_ref && c.stage == submission.stage)
    else {
        return correct(store, user, &study, &reader, session, submission).await;
    };
    let new = NewRead {
        study_id,
        reader_id: reader.id,
        case_ref: current.case_ref,
        session,
        position: current.position,
        modality: if current.ai.is_some() {
            "aided"
        } else {
            "unaided"
        }
        .into(),
        stage: current.stage.clone(),
        call_positive: submission.call_positive,
        score: submission.score,
        ai_shown: current.ai.is_some(),
        active_ms: submission.active_ms,
        interactions: submission.interactions,
        idempotency_key: submission.idempotency_key,
        supersedes: None,
    };
    let (read, _) = store
        .save_read(&new, author(user))
        .await
        .map_err(|e| store_error("save the read", e))?;
    outcome(store, &study, &reader, &read).await
}

/// Who saves a read, for its audit row (written in the read's own transaction).
fn author(user: &CurrentUser) -> ReadAuthor<'_> {
    ReadAuthor {
        user_id: user.id,
        email: &user.email,
        simulated: false,
    }
}

/// The answer to a saved read: the next state of its session, and for a practice read the
/// truth of that read's case, only if the case is in the reader's own practice order.
async fn outcome(
    store: &Store,
    study: &Study,
    reader: &Reader,
    read: &Read,
) -> Result<SubmitOutcome, AppError> {
    let session = read.read.session;
    let case_ref = read.read.case_ref;
    let practice_case = session == PRACTICE_SESSION
        && read.read.reader_id == reader.id
        && store
            .order_of(reader.id, PRACTICE_SESSION)
            .await
            .map_err(|e| store_error("load the practice answer", e))?
            .contains(&case_ref);
    let feedback = if practice_case {
        let case = store
            .case(case_ref)
            .await
            .map_err(|e| store_error("load the practice answer", e))?
            .ok_or_else(|| AppError::NotFound(format!("case {case_ref}")))?;
        let truth = if case.case.truth {
            &study.positive_label
        } else {
            &study.negative_label
        };
        Some((truth.clone(), case.case.truth == read.read.call_positive))
    } else {
        None
    };
    Ok(SubmitOutcome {
        feedback,
        next: state_of(store, study, reader, session).await?,
    })
}

/// Refuses going back to (or correcting) a session other than the one the reader is reading
/// now: after the other modality has been seen, earlier ratings stay as they were.
async fn ensure_reading_now(
    store: &Store,
    study: &Study,
    reader: &Reader,
    session: i64,
) -> Result<(), AppError> {
    let facts = facts(store, study, reader)
        .await
        .map_err(|e| store_error("load your sessions", e))?;
    let cards = cards(study, reader, &facts, &today());
    if reading_now(&cards).map(|c| c.session) == Some(session) {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "this session is over; its ratings can no longer be changed".into(),
        ))
    }
}

/// Saves a correction of a case read earlier in the session: a new row superseding the latest
/// rating of that case and step, the history kept.
async fn correct(
    store: &Store,
    user: &CurrentUser,
    study: &Study,
    reader: &Reader,
    session: i64,
    submission: Submission,
) -> Result<SubmitOutcome, AppError> {
    let not_next =
        || AppError::Invalid("this case is not the next one in your order; reload the page".into());
    if study.config.back_navigation != store::BackNavigation::WithinSession {
        return Err(not_next());
    }
    ensure_reading_now(store, study, reader, session).await?;
    let failed = |e| store_error("save the correction", e);
    let order = store.order_of(reader.id, session).await.map_err(failed)?;
    let reads = store.reads_of(reader.id, session).await.map_err(failed)?;
    let stage = correctable_stage(study, session);
    let position = order.iter().position(|c| *c == submission.case_ref);
    let (Some(index), Some(previous)) = (position, latest(&reads, submission.case_ref, stage))
    else {
        return Err(not_next());
    };
    if submission.stage != stage {
        return Err(not_next());
    }
    let aided = ai_visible(study, reader, session, stage);
    let new = NewRead {
        study_id: study.id,
        reader_id: reader.id,
        case_ref: submission.case_ref,
        session,
        position: index as i64 + 1,
        modality: if aided { "aided" } else { "unaided" }.into(),
        stage: stage.into(),
        call_positive: submission.call_positive,
        score: submission.score,
        ai_shown: aided,
        active_ms: submission.active_ms,
        interactions: submission.interactions,
        idempotency_key: submission.idempotency_key,
        supersedes: Some(previous.id),
    };
    let (read, _) = store.save_read(&new, author(user)).await.map_err(failed)?;
    outcome(store, study, reader, &read).await
}
