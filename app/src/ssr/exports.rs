//! Downloads for coordinators: each reader's stored case order per session, as CSV.

use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use store::Store;

use crate::domain::user::CurrentUser;
use crate::ssr::access::coordinated_study;
use crate::ssr::sessions::mode;
use crate::ssr::state::AppState;
use crate::AppError;

/// The case orders of every reader of a study, one row per (reader, session, position):
/// `reader_email,reader_name,seniority,group,session,mode,position,case_id`.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn orders_csv(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
) -> Result<String, AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let failed = |e| crate::ssr::access::store_error("export the case orders", e);
    let names: std::collections::HashMap<i64, String> = store
        .list_cases(study_id)
        .await
        .map_err(failed)?
        .into_iter()
        .map(|c| (c.id, c.case.case_id))
        .collect();
    let mut csv =
        String::from("reader_email,reader_name,seniority,group,session,mode,position,case_id\n");
    for reader in store.list_readers(study_id).await.map_err(failed)? {
        for session in [0, 1, 2] {
            for (index, case_ref) in store
                .order_of(reader.id, session)
                .await
                .map_err(failed)?
                .iter()
                .enumerate()
            {
                csv.push_str(&format!(
                    "{},{},{},{},{session},{},{},{}\n",
                    reader.email,
                    reader.name.replace(',', " "),
                    reader.seniority.as_str(),
                    reader.group.as_str(),
                    mode(&study, &reader, session),
                    index + 1,
                    names.get(case_ref).map_or("", String::as_str)
                ));
            }
        }
    }
    Ok(csv)
}

/// `GET /studies/{id}/orders.csv`.
pub async fn orders_download(
    State(state): State<AppState>,
    Path(study_id): Path<i64>,
    request: Request,
) -> Response {
    let Some(user) = crate::ssr::access::signed_in(&request) else {
        return (
            StatusCode::UNAUTHORIZED,
            "sign in to download the case orders",
        )
            .into_response();
    };
    match orders_csv(&state.store, &user, study_id).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"study-{study_id}-case-orders.csv\""),
                ),
            ],
            csv,
        )
            .into_response(),
        Err(err) => err.into_plain_response(),
    }
}
