//! Plain functions behind the progress dashboard and the audit view.

use store::{ReadingDesign, Store};
use vocab::AuditKind;

use crate::domain::progress::{AuditPage, AuditRow, ProgressRow};
use crate::domain::user::CurrentUser;
use crate::ssr::access::{coordinated_study, store_error};
use crate::AppError;

/// Rows of the audit view.
/// Rows per page of the audit view.
const AUDIT_ROWS: i64 = 100;

/// The date `days` after an RFC 3339 timestamp, as `YYYY-MM-DD`.
pub fn date_after(timestamp: &str, days: i64) -> Option<String> {
    let at = humantime::parse_rfc3339(timestamp).ok()?;
    let later = at + std::time::Duration::from_secs(days.max(0) as u64 * 86_400);
    Some(humantime::format_rfc3339_seconds(later).to_string()[..10].to_string())
}

/// Per reader and session: cases done of total, median time per case, last activity, and for
/// crossover session 2 the date its washout ends.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn progress(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
) -> Result<Vec<ProgressRow>, AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let failed = |e| store_error("load the progress", e);
    let readers = store.list_readers(study_id).await.map_err(failed)?;
    let sessions = store.study_progress(study_id).await.map_err(failed)?;
    let overrides = store.study_overrides(study_id).await.map_err(failed)?;
    let today = crate::ssr::sessions::today();
    let mut rows = Vec::new();
    for reader in &readers {
        let mine: Vec<_> = sessions
            .iter()
            .filter(|s| s.reader_id == reader.id)
            .collect();
        let first_done = mine
            .iter()
            .find(|s| s.session == 1 && s.total > 0 && s.done == s.total)
            .and_then(|s| s.last_activity.clone());
        for s in &mine {
            let mode = crate::ssr::sessions::mode(&study, reader, s.session);
            let opens_on = (study.design == ReadingDesign::Crossover && s.session == 2)
                .then(|| {
                    first_done
                        .as_deref()
                        .and_then(|t| date_after(t, study.config.washout_days))
                })
                .flatten();
            let waiting = opens_on.as_deref().is_some_and(|d| today.as_str() < d)
                && s.done < s.total
                && !overrides.contains(&(reader.id, s.session));
            rows.push(ProgressRow {
                reader_id: reader.id,
                reader: reader.name.clone(),
                seniority: reader.seniority,
                group: reader.group,
                session: s.session,
                mode,
                done: s.done,
                total: s.total,
                median_seconds: s.median_active_ms.map(|ms| (ms + 500) / 1000),
                last_activity: s.last_activity.clone(),
                opens_on,
                can_open_early: waiting,
            });
        }
    }
    Ok(rows)
}

/// One page of the study's audit trail (newest first, of one kind of event, older than
/// `before`) and whether the whole chain verifies.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn audit_page(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    kind: AuditKind,
    before: Option<i64>,
) -> Result<AuditPage, AppError> {
    coordinated_study(store, user, study_id).await?;
    let failed = |e| store_error("load the audit trail", e);
    let mut entries = store
        .study_audit_page(
            study_id,
            kind.action_pattern(),
            before.unwrap_or(i64::MAX),
            AUDIT_ROWS + 1,
        )
        .await
        .map_err(failed)?;
    let full = entries.len() as i64 > AUDIT_ROWS;
    entries.truncate(AUDIT_ROWS as usize);
    let older = full.then(|| entries.last().map(|e| e.seq)).flatten();
    let rows = entries
        .into_iter()
        .map(|e| AuditRow {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            action: e.action,
            detail: e.detail,
        })
        .collect();
    let verification = store.verify_audit().await.map_err(failed)?;
    Ok(AuditPage {
        rows,
        older,
        chain_intact: verification.first_broken.is_none(),
        broken_at: verification.first_broken.map(|b| b.seq),
    })
}

/// Ends a reader's washout early, with the reason; audited. Only a session that waits for a
/// washout can be opened so, and only once the session before it is finished: an override
/// never lets a reader see the other modality with reads of the first still to come.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study; [`AppError::Invalid`] without
/// a reason (or with one over 1,000 characters), for a session without a washout, before the
/// earlier session is finished, or when the session was already opened.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id, session, reader = reader_id))]
pub async fn override_session(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    reader_id: i64,
    session: i64,
    reason: &str,
) -> Result<(), AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let reader = store
        .reader(reader_id)
        .await
        .map_err(|e| store_error("load the reader", e))?
        .filter(|r| r.study_id == study_id)
        .ok_or_else(|| AppError::NotFound(format!("reader {reader_id}")))?;
    if reason.chars().count() > 1_000 {
        return Err(AppError::Invalid(
            "the reason must be at most 1,000 characters".into(),
        ));
    }
    if study.design != store::ReadingDesign::Crossover || session != 2 {
        return Err(AppError::Invalid(
            "only session 2 of a crossover study waits for a washout that can end early".into(),
        ));
    }
    let facts = crate::ssr::sessions::facts(store, &reader)
        .await
        .map_err(|e| store_error("load the reader's sessions", e))?;
    let first_done = facts.iter().any(|f| f.session == 1 && f.finished());
    if !first_done {
        return Err(AppError::Invalid(
            "session 2 can open early only after the reader has finished session 1".into(),
        ));
    }
    store
        .override_session(reader_id, session, reason, &user.email)
        .await
        .map_err(|e| store_error("open the session", e))?;
    crate::ssr::access::audit(
        store,
        user,
        "session.override",
        Some(study_id),
        serde_json::json!({ "reader": reader.email, "session": session, "reason": reason.trim() }),
    )
    .await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::date_after;

    #[test]
    fn the_washout_ends_the_given_number_of_days_later() {
        assert_eq!(
            date_after("2026-11-27T10:00:00Z", 28).as_deref(),
            Some("2026-12-25")
        );
        assert_eq!(date_after("not a time", 28), None);
    }
}
