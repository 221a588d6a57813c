//! Saving a read exactly once: every field bounded where it arrives, a retry answered from
//! the stored read, the read and its audit row in one transaction, practice feedback only for
//! the reader's own practice case, and corrections only within the session being read now.

use store::{Answer, NewRead, Read, ReadAuthor, ReadPlace, Reader, Store, Study};

use super::review::latest;
use super::{ai_visible, ensure_reading_now, state_of};
use crate::domain::reading::{
    Submission, SubmitOutcome, MAX_ACTIVE_MS, MAX_INTERACTIONS, MAX_INTERACTIONS_BYTES, MAX_KEY_LEN,
};
use crate::domain::user::CurrentUser;
use crate::ssr::access::{read_study, store_error};
use crate::ssr::orders::PRACTICE_SESSION;
use crate::AppError;

/// Checks every field of a submission the client chose, before anything is looked up: the
/// rating within the study's scale and agreeing with the call, bounded times, logs and keys.
///
/// # Errors
/// [`AppError::Invalid`] naming the first field out of bounds.
pub fn validate_submission(study: &Study, submission: &Submission) -> Result<(), AppError> {
    let range = study.config.rating_scale.range();
    let invalid = |why: String| Err(AppError::Invalid(why));
    if !range.contains(&submission.score) {
        return invalid(format!(
            "the rating must be between {} and {}",
            range.start(),
            range.end()
        ));
    }
    if !study
        .config
        .rating_scale
        .agrees(submission.call_positive, submission.score)
    {
        return invalid(
            "the call and the rating disagree: a positive call needs a rating of 3 or more, \
             a negative call one of 3 or less"
                .into(),
        );
    }
    if !(0..=MAX_ACTIVE_MS).contains(&submission.active_ms) {
        return invalid(format!(
            "the reading time must be between 0 and {} hours",
            MAX_ACTIVE_MS / 3_600_000
        ));
    }
    validate_marks(study, &submission.marks)?;
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

/// Marks only in a localization study, at most [`vocab::MAX_MARKS`], each on the image and
/// rated on the study's scale.
fn validate_marks(study: &Study, marks: &[vocab::Mark]) -> Result<(), AppError> {
    let invalid = |why: String| Err(AppError::Invalid(why));
    if marks.is_empty() {
        return Ok(());
    }
    if study.config.task != vocab::StudyTask::Localization {
        return invalid("this study does not ask for marks on the image".into());
    }
    if marks.len() > vocab::MAX_MARKS {
        return invalid(format!(
            "a read may carry at most {} marks",
            vocab::MAX_MARKS
        ));
    }
    let range = study.config.rating_scale.range();
    if let Some(i) = marks
        .iter()
        .position(|m| !m.is_valid(study.config.rating_scale))
    {
        return invalid(format!(
            "mark {} must lie on the image and be rated between {} and {}",
            i + 1,
            range.start(),
            range.end()
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
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id, session))]
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
            && saved.read.score == submission.score
            && saved.read.marks == submission.marks;
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
    let place = ReadPlace {
        study_id,
        reader_id: reader.id,
        case_ref: current.case_ref,
        session,
        position: current.position,
        stage: current.stage,
    };
    let (answer, key) = answer(submission);
    let new = NewRead::new(place, answer, current.ai.is_some(), key, None);
    let (read, _) = store
        .save_read(&new, author(user))
        .await
        .map_err(|e| store_error("save the read", e))?;
    outcome(store, &study, &reader, &read).await
}

/// The reader's answer in a submission, and its idempotency key.
fn answer(submission: Submission) -> (Answer, String) {
    let answer = Answer {
        call_positive: submission.call_positive,
        score: submission.score,
        active_ms: submission.active_ms,
        interactions: submission.interactions,
        marks: submission.marks,
    };
    (answer, submission.idempotency_key)
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
        Some((
            (truth.clone(), case.case.truth == read.read.call_positive),
            case.case.truth,
        ))
    } else {
        None
    };
    // A positive practice case of a localization study has lesions to outline.
    let outline_url = (feedback.as_ref().is_some_and(|(_, positive)| *positive)
        && study.config.task == vocab::StudyTask::Localization)
        .then(|| format!("/images/cases/{case_ref}/outline"));
    let feedback = feedback.map(|(told, _)| told);
    Ok(SubmitOutcome {
        feedback,
        outline_url,
        next: state_of(store, study, reader, session).await?,
    })
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
    let reads = store.read_steps(reader.id, session).await.map_err(failed)?;
    let stage = study.design.correctable_stage(session);
    let position = order.iter().position(|c| *c == submission.case_ref);
    let (Some(index), Some(previous)) = (position, latest(&reads, submission.case_ref, stage))
    else {
        return Err(not_next());
    };
    if submission.stage != stage {
        return Err(not_next());
    }
    let aided = ai_visible(study, reader, session, stage);
    let place = ReadPlace {
        study_id: study.id,
        reader_id: reader.id,
        case_ref: submission.case_ref,
        session,
        position: index as i64 + 1,
        stage,
    };
    let (answer, key) = answer(submission);
    let new = NewRead::new(place, answer, aided, key, Some(previous.id));
    let (read, _) = store.save_read(&new, author(user)).await.map_err(failed)?;
    outcome(store, study, reader, &read).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::{NewStudy, ReadingDesign, StudyConfig};
    use vocab::{RatingScale, Stage};

    fn study(scale: RatingScale) -> Study {
        let new = NewStudy::new("Knee", "OS", "GCT", ReadingDesign::Sequential);
        Study {
            id: 1,
            name: new.name,
            positive_label: new.positive_label,
            negative_label: new.negative_label,
            design: new.design,
            created_at: "2026-12-07T00:00:00Z".into(),
            config: StudyConfig {
                rating_scale: scale,
                ..StudyConfig::default()
            },
        }
    }

    fn rated(call_positive: bool, score: i64) -> Submission {
        Submission {
            case_ref: 1,
            stage: Stage::Unaided,
            call_positive,
            score,
            active_ms: 4_000,
            interactions: "[]".into(),
            idempotency_key: "k1".into(),
            marks: Vec::new(),
        }
    }

    fn marked(marks: Vec<vocab::Mark>) -> Submission {
        Submission {
            marks,
            ..rated(true, 70)
        }
    }

    #[test]
    fn a_five_point_rating_that_contradicts_the_call_is_refused() {
        let five = study(RatingScale::Ordinal5);
        assert!(validate_submission(&five, &rated(false, 4)).is_err());
        assert!(validate_submission(&five, &rated(true, 2)).is_err());
        assert!(validate_submission(&five, &rated(true, 3)).is_ok());
        assert!(validate_submission(&five, &rated(false, 1)).is_ok());
        assert!(validate_submission(&study(RatingScale::Confidence), &rated(false, 90)).is_ok());
    }

    #[test]
    fn marks_are_taken_only_in_a_localization_study_and_only_on_the_image() {
        let classification = study(RatingScale::Confidence);
        let mut localization = study(RatingScale::Confidence);
        localization.config.task = vocab::StudyTask::Localization;
        let mark = |x, y, rating| vocab::Mark { x, y, rating };

        assert!(validate_submission(&classification, &marked(vec![mark(0.5, 0.5, 50)])).is_err());
        assert!(validate_submission(&classification, &marked(vec![])).is_ok());
        assert!(
            validate_submission(&localization, &marked(vec![])).is_ok(),
            "no mark is an answer"
        );
        assert!(validate_submission(&localization, &marked(vec![mark(0.5, 0.5, 50)])).is_ok());
        assert!(validate_submission(&localization, &marked(vec![mark(0.5, 1.01, 50)])).is_err());
        assert!(validate_submission(&localization, &marked(vec![mark(0.5, 0.5, 101)])).is_err());
        let too_many = vec![mark(0.5, 0.5, 50); vocab::MAX_MARKS + 1];
        assert!(validate_submission(&localization, &marked(too_many)).is_err());
    }
}
