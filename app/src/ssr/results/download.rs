//! `GET /studies/{id}/export/{file}?lang=`: the results downloads over HTTP, for the study's
//! coordinators only.

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::export::export;
use crate::domain::results::Planning;
use crate::i18n::Locale;
use crate::ssr::access::coordinated_study;
use crate::ssr::state::AppState;
use vocab::ExportKind;

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    /// `en` or `zh-CN`: the language of headings and labels (default English).
    pub lang: Option<String>,
    /// `jackknife` (default), `delong` or `unbiased`: the OR covariance method of the tables.
    pub cov: Option<String>,
    /// The sample-size plan: the AUC difference to detect (default: the observed one), α and
    /// the target power, as on the results page.
    pub effect: Option<f64>,
    pub alpha: Option<f64>,
    pub power: Option<f64>,
}

impl ExportQuery {
    /// The asked language, English when none or an unknown one is asked for.
    fn locale(&self) -> Locale {
        self.lang
            .as_deref()
            .and_then(Locale::from_tag)
            .unwrap_or_default()
    }
}

fn refuse(status: StatusCode, message: String) -> Response {
    (status, message).into_response()
}

/// The answer to a download asked for without a session.
fn sign_in_first() -> Response {
    refuse(
        StatusCode::UNAUTHORIZED,
        "sign in to download the results".into(),
    )
}

/// Answers one download, or says plainly why not.
#[tracing::instrument(skip_all)]
pub async fn export_download(
    State(state): State<AppState>,
    Path((study_id, file)): Path<(i64, String)>,
    Query(query): Query<ExportQuery>,
    request: Request,
) -> Response {
    let Some(user) = crate::ssr::access::signed_in(&request) else {
        return sign_in_first();
    };
    let Ok(what) = ExportKind::parse(&file) else {
        return refuse(
            StatusCode::NOT_FOUND,
            format!("there is no export called {file}; choose one of the results page's buttons"),
        );
    };
    let locale = query.locale();
    let covariance = match query.cov.as_deref().map(str::parse::<analysis::Covariance>) {
        None => analysis::Covariance::default(),
        Some(Ok(covariance)) => covariance,
        Some(Err(err)) => return refuse(StatusCode::BAD_REQUEST, err.to_string()),
    };
    let defaults = Planning::default();
    let planning = Planning {
        effect: query.effect,
        alpha: query.alpha.unwrap_or(defaults.alpha),
        power: query.power.unwrap_or(defaults.power),
    };
    if let Err(reason) = planning.validate() {
        return refuse(StatusCode::BAD_REQUEST, reason);
    }
    let result = match coordinated_study(&state.store, &user, study_id).await {
        Ok(study) => {
            export(
                &state.store,
                study,
                what,
                locale,
                super::view::options(covariance, planning),
                &state.data_dir.0,
            )
            .await
        }
        Err(err) => Err(err),
    };
    deliver(result)
}

/// `GET /studies/{id}/figures/{figure}.{svg|png}?lang=`: one results figure, for the study's
/// coordinators only.
#[tracing::instrument(skip_all)]
pub async fn figure_download(
    State(state): State<AppState>,
    Path((study_id, file)): Path<(i64, String)>,
    Query(query): Query<ExportQuery>,
    request: Request,
) -> Response {
    let Some(user) = crate::ssr::access::signed_in(&request) else {
        return sign_in_first();
    };
    let locale = query.locale();
    let result = match coordinated_study(&state.store, &user, study_id).await {
        Ok(study) => {
            super::export::figure(&state.store, study, &file, locale, &state.data_dir.0).await
        }
        Err(err) => Err(err),
    };
    deliver(result)
}

fn deliver(result: Result<super::export::Download, crate::AppError>) -> Response {
    match result {
        Ok(download) => (
            [
                (header::CONTENT_TYPE, download.content_type.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", download.file_name),
                ),
            ],
            download.bytes,
        )
            .into_response(),
        Err(err) => err.into_plain_response(),
    }
}
