//! Plain functions behind the reader server functions: enrolling readers (form or CSV) with
//! their seniority and crossover group, listing them, overriding seniority, new invite links.

use std::time::Duration;

use store::{NewReader, Reader, Seniority, Store, Study};

use crate::domain::reader::{Invitation, ReaderForm, ReaderView};
use crate::domain::user::CurrentUser;
use crate::ssr::access::{audit, coordinated_study, store_error};
use crate::ssr::orders::deal_orders;
use crate::AppError;
use vocab::order::assign_group;

/// How long an invite link stays valid.
pub const INVITE_VALID_FOR: Duration = Duration::from_secs(14 * 24 * 3600);

/// A stored reader as the readers page shows it.
pub fn view(reader: &Reader, joined: bool) -> ReaderView {
    ReaderView {
        id: reader.id,
        name: reader.name.clone(),
        email: reader.email.clone(),
        hospital: reader.hospital.clone(),
        years_experience: reader.years_experience,
        seniority: reader.seniority,
        seniority_overridden: reader.seniority_overridden,
        group: reader.group,
        joined,
    }
}

/// The longest reader name or hospital accepted.
const MAX_TEXT_CHARS: usize = 200;

/// Checks every row before anything is stored; all problems at once, one per line.
fn validate(forms: &[ReaderForm], enrolled: &[Reader]) -> Result<(), AppError> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, f) in forms.iter().enumerate() {
        let email = f.email.trim().to_lowercase();
        let n = i + 1;
        if f.name.trim().is_empty() {
            problems.push(format!("reader {n}: the name is empty"));
        }
        if f.name.chars().count() > MAX_TEXT_CHARS || f.hospital.chars().count() > MAX_TEXT_CHARS {
            problems.push(format!(
                "reader {n}: the name and the hospital must be at most {MAX_TEXT_CHARS} characters"
            ));
        }
        if store::email_too_long(&email) {
            problems.push(format!(
                "reader {n}: the email is longer than {} characters",
                store::MAX_EMAIL_CHARS
            ));
        } else if !email.contains('@') || email.len() < 3 {
            problems.push(format!("reader {n}: '{}' is not an email address", f.email));
        }
        if !(0..=60).contains(&f.years_experience) {
            problems.push(format!("reader {n}: years of experience must be 0 to 60"));
        }
        if !seen.insert(email.clone()) || enrolled.iter().any(|r| r.email == email) {
            problems.push(format!(
                "reader {n}: {email} is already enrolled in this study"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems.join("; ")))
    }
}

/// Enrols readers, all or none: makes their accounts (or reuses a reader account another study
/// made), derives seniority unless overridden, balances the crossover groups within each
/// seniority group, deals their case orders and returns their invite links. A reader whose
/// account already has a password gets no link (nobody may choose a password for it again).
///
/// # Errors
/// [`AppError::Invalid`] listing every bad row; [`AppError::Forbidden`] unless `user`
/// coordinates the study.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn enrol(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    forms: &[ReaderForm],
) -> Result<Vec<Invitation>, AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let failed = |e| store_error("enrol the readers", e);
    let enrolled = store.list_readers(study_id).await.map_err(failed)?;
    validate(forms, &enrolled)?;
    let mut groups: Vec<_> = enrolled.iter().map(|r| (r.seniority, r.group)).collect();
    let mut new_readers = Vec::new();
    for form in forms {
        let email = form.email.trim().to_lowercase();
        let account = match store.user_by_email(&email).await.map_err(failed)? {
            Some(existing) if existing.role != store::Role::Reader => {
                return Err(AppError::Invalid(format!(
                    "{email} belongs to a {} account; enrol readers with their own email",
                    existing.role.as_str()
                )))
            }
            Some(existing) => existing,
            None => store
                .create_user(&store::NewUser {
                    email: email.clone(),
                    name: form.name.trim().into(),
                    role: store::Role::Reader,
                    password_hash: None,
                })
                .await
                .map_err(failed)?,
        };
        let (seniority, overridden) = match form.seniority_override {
            Some(s) => (s, true),
            None => (
                Seniority::from_years(form.years_experience, study.config.cut_points()),
                false,
            ),
        };
        let group = assign_group(seniority, &groups, study.config.seed);
        groups.push((seniority, group));
        new_readers.push((
            NewReader {
                user_id: account.id,
                name: form.name.trim().into(),
                email,
                hospital: form.hospital.trim().into(),
                years_experience: form.years_experience,
                seniority,
                seniority_overridden: overridden,
                group,
            },
            account.has_password,
        ));
    }
    let rows: Vec<NewReader> = new_readers.iter().map(|(r, _)| r.clone()).collect();
    let ids = store.enrol_readers(study_id, &rows).await.map_err(failed)?;
    deal_orders(store, &study).await.map_err(failed)?;
    // Links only once the enrolment is stored: a new link revokes the account's earlier one,
    // which a refused enrolment must not do. An account that has a password gets none; its
    // owner signs in as before and finds this study on their worklist.
    let mut invites = Vec::with_capacity(new_readers.len());
    for (reader, joined) in &mut new_readers {
        invites.push(if *joined {
            None
        } else {
            match store.create_invite(reader.user_id, INVITE_VALID_FOR).await {
                Ok(token) => Some(token),
                // The account chose its password since it was looked up above.
                Err(store::StoreError::Invalid(_)) => {
                    *joined = true;
                    None
                }
                Err(other) => return Err(failed(other)),
            }
        });
    }
    audit(
        store,
        user,
        "readers.enrol",
        Some(study_id),
        serde_json::json!({ "emails": rows.iter().map(|r| &r.email).collect::<Vec<_>>() }),
    )
    .await;
    let mut out = Vec::new();
    for ((id, (_, joined)), token) in ids.into_iter().zip(new_readers).zip(invites) {
        let reader = store
            .reader(id)
            .await
            .map_err(failed)?
            .ok_or_else(|| AppError::NotFound(format!("reader {id}")))?;
        out.push(Invitation {
            reader: view(&reader, joined),
            invite_path: token.map(|t| format!("/invite/{t}")),
        });
    }
    Ok(out)
}

/// The study's readers.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn list(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
) -> Result<Vec<ReaderView>, AppError> {
    coordinated_study(store, user, study_id).await?;
    views(store, study_id).await
}

async fn views(store: &Store, study_id: i64) -> Result<Vec<ReaderView>, AppError> {
    let failed = |e| store_error("load the readers", e);
    let mut out = Vec::new();
    for reader in store.list_readers(study_id).await.map_err(failed)? {
        let joined = store
            .user_by_id(reader.user_id)
            .await
            .map_err(failed)?
            .is_some_and(|u| u.has_password);
        out.push(view(&reader, joined));
    }
    Ok(out)
}

/// Overrides a reader's seniority group, or (with `None`) returns it to the derived one.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study; [`AppError::Invalid`] for an
/// unknown group name.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id, reader = reader_id))]
pub async fn set_seniority(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    reader_id: i64,
    seniority: Option<Seniority>,
) -> Result<Vec<ReaderView>, AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let reader = reader_of(store, &study, reader_id).await?;
    let failed = |e| store_error("change the seniority group", e);
    let (group, overridden) = match seniority {
        Some(s) => (s, true),
        None => (
            Seniority::from_years(reader.years_experience, study.config.cut_points()),
            false,
        ),
    };
    store
        .set_reader_seniority(reader_id, group, overridden)
        .await
        .map_err(failed)?;
    audit(
        store,
        user,
        "reader.seniority",
        Some(study_id),
        serde_json::json!({ "reader": reader.email, "seniority": group.as_str(), "overridden": overridden }),
    )
    .await;
    views(store, study_id).await
}

/// A fresh one-time invite link for a reader who has not joined yet.
///
/// # Errors
/// [`AppError::Invalid`] when the reader already set a password.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id, reader = reader_id))]
pub async fn reinvite(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    reader_id: i64,
) -> Result<String, AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let reader = reader_of(store, &study, reader_id).await?;
    let failed = |e| store_error("make an invite link", e);
    let account = store
        .user_by_id(reader.user_id)
        .await
        .map_err(failed)?
        .ok_or_else(|| AppError::NotFound(format!("reader {reader_id}")))?;
    if account.has_password {
        return Err(AppError::Invalid(format!(
            "{} has already joined; they sign in with their own password",
            reader.email
        )));
    }
    let token = store
        .create_invite(account.id, INVITE_VALID_FOR)
        .await
        .map_err(failed)?;
    audit(
        store,
        user,
        "reader.invite",
        Some(study_id),
        serde_json::json!({ "reader": reader.email }),
    )
    .await;
    Ok(format!("/invite/{token}"))
}

async fn reader_of(store: &Store, study: &Study, reader_id: i64) -> Result<Reader, AppError> {
    store
        .reader(reader_id)
        .await
        .map_err(|e| store_error("load the reader", e))?
        .filter(|r| r.study_id == study.id)
        .ok_or_else(|| AppError::NotFound(format!("reader {reader_id}")))
}
