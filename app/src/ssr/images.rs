//! Case images over HTTP, authorised per request: a study's coordinators see every image; a
//! reader sees a case's image only while it is in the order of the session they are reading
//! now, and its heat map only where that session shows the AI (an aided session, or after the
//! sequential unaided commit of that case). A finished aided session never lends its AI to the
//! unaided session after it. A localization study's lesion outline is shown to a reader only
//! for a practice case they have answered. Nothing here can be reached by guessing a URL.

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use store::{Case, Store};

use crate::domain::user::CurrentUser;
use crate::ssr::access::coordinated_study;
use crate::ssr::ai::model_version;
use crate::ssr::orders::PRACTICE_SESSION;
use crate::ssr::reading::ai_visible;
use crate::ssr::sessions::{cards, facts, reading_now, today};
use crate::ssr::state::AppState;

/// Which image of a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The 8-bit display PNG made at import (default window).
    Display,
    Thumb,
    /// The original rendered at full depth with the window in the query (`center`, `width`).
    Window,
    /// The original's full-depth samples for the viewer's own window/level
    /// ([`crate::domain::pixels`]).
    Pixels,
    /// The AI's Grad-CAM overlay.
    Heatmap,
    /// The lesions' outline (localization studies): coordinators, and a reader for a practice
    /// case they have answered, as its feedback; never a case a reader reads for the study.
    Outline,
}

impl Kind {
    fn parse(text: &str) -> Option<Self> {
        match text {
            "display" => Some(Kind::Display),
            "thumb" => Some(Kind::Thumb),
            "window" => Some(Kind::Window),
            "pixels" => Some(Kind::Pixels),
            "heatmap" => Some(Kind::Heatmap),
            "outline" => Some(Kind::Outline),
            _ => None,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct WindowQuery {
    pub center: Option<f64>,
    pub width: Option<f64>,
}

/// Whether `user` may see this image of `case`.
///
/// # Errors
/// [`store::StoreError`] when the database fails.
pub async fn may_see(
    store: &Store,
    user: &CurrentUser,
    case: &Case,
    kind: Kind,
) -> Result<bool, store::StoreError> {
    if coordinated_study(store, user, case.study_id).await.is_ok() {
        return Ok(true);
    }
    let Some(reader) = store
        .readers_of_user(user.id)
        .await?
        .into_iter()
        .find(|r| r.study_id == case.study_id)
    else {
        return Ok(false);
    };
    let Some(study) = store.study(case.study_id).await? else {
        return Ok(false);
    };
    if kind == Kind::Outline {
        // Only after the answer, only for the reader's own practice case: the feedback.
        let practice = store.order_of(reader.id, PRACTICE_SESSION).await?;
        let answered = store
            .reads_of(reader.id, PRACTICE_SESSION)
            .await?
            .iter()
            .any(|r| r.read.case_ref == case.id);
        return Ok(study.config.task == vocab::StudyTask::Localization
            && practice.contains(&case.id)
            && answered);
    }
    let facts = facts(store, &reader).await?;
    let cards = cards(&study, &reader, &facts, &today());
    let Some(now) = reading_now(&cards) else {
        return Ok(false);
    };
    if !store
        .order_of(reader.id, now.session)
        .await?
        .contains(&case.id)
    {
        return Ok(false);
    }
    if kind != Kind::Heatmap {
        return Ok(true);
    }
    let committed_unaided = store
        .read_steps(reader.id, now.session)
        .await?
        .iter()
        .any(|r| r.case_ref == case.id && r.stage == vocab::Stage::Unaided);
    let stage = if committed_unaided {
        vocab::Stage::Final
    } else {
        vocab::Stage::Single
    };
    Ok(ai_visible(&study, &reader, now.session, stage))
}

fn refuse(status: StatusCode) -> Response {
    (status, "this image is not available to your account").into_response()
}

/// `GET /images/cases/{case_ref}/{kind}`.
#[tracing::instrument(skip_all)]
pub async fn case_image(
    State(state): State<AppState>,
    Path((case_ref, kind)): Path<(i64, String)>,
    Query(window): Query<WindowQuery>,
    request: Request,
) -> Response {
    let Some(user) = crate::ssr::access::signed_in(&request) else {
        return refuse(StatusCode::UNAUTHORIZED);
    };
    let Some(kind) = Kind::parse(&kind) else {
        return refuse(StatusCode::NOT_FOUND);
    };
    let store = &state.store;
    let case = match store.case(case_ref).await {
        Ok(Some(case)) => case,
        Ok(None) => return refuse(StatusCode::NOT_FOUND),
        Err(err) => {
            let _ = crate::ssr::internal("load the case", &err);
            return refuse(StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    match may_see(store, &user, &case, kind).await {
        Ok(true) => {}
        // Refused and missing look alike, so ids cannot be probed.
        Ok(false) => return refuse(StatusCode::NOT_FOUND),
        Err(err) => {
            let _ = crate::ssr::internal("check access to the image", &err);
            return refuse(StatusCode::INTERNAL_SERVER_ERROR);
        }
    }
    let dir = state.data_dir.0.join(&case.case.files_dir);
    // tokio's file reads: a blocking read here would stall every request sharing the worker
    // thread (two on a two-core server) while the disk answers.
    let bytes = match kind {
        Kind::Display => tokio::fs::read(dir.join("display.png")).await,
        Kind::Thumb => tokio::fs::read(dir.join("thumb.png")).await,
        // A negative case is a normal case of a localization study: nothing to outline.
        Kind::Outline if !case.case.truth => return refuse(StatusCode::NOT_FOUND),
        Kind::Outline => {
            let mask = dir.join("mask.png");
            let drawn = tokio::task::spawn_blocking(move || {
                imaging::LesionMap::load(&mask).and_then(|map| map.outline_png())
            })
            .await;
            match drawn {
                Ok(Ok(png)) => Ok(png),
                _ => return refuse(StatusCode::NOT_FOUND),
            }
        }
        Kind::Heatmap => match store.ai_output(case.id, model_version()).await {
            Ok(Some(output)) => tokio::fs::read(state.data_dir.0.join(output.heatmap_file)).await,
            _ => return refuse(StatusCode::NOT_FOUND),
        },
        Kind::Pixels => {
            let original = dir.join(&case.case.original_file);
            let cached = dir.join(PIXELS_FILE);
            let made = tokio::task::spawn_blocking(move || pixels_body(&original, &cached)).await;
            match made {
                Ok(Ok(body)) => {
                    return (
                        [
                            (header::CONTENT_TYPE, "application/octet-stream"),
                            (header::CACHE_CONTROL, "private, max-age=3600"),
                        ],
                        body,
                    )
                        .into_response()
                }
                Ok(Err(reason)) => {
                    tracing::warn!(%reason, "the viewer's pixels could not be made");
                    return refuse(StatusCode::NOT_FOUND);
                }
                Err(_) => return refuse(StatusCode::INTERNAL_SERVER_ERROR),
            }
        }
        Kind::Window => {
            let path = dir.join(&case.case.original_file);
            let rendered = tokio::task::spawn_blocking(move || render_window(&path, window)).await;
            match rendered {
                Ok(Ok(png)) => Ok(png),
                Ok(Err(reason)) => return (StatusCode::BAD_REQUEST, reason).into_response(),
                Err(_) => return refuse(StatusCode::INTERNAL_SERVER_ERROR),
            }
        }
    };
    match bytes {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "private, max-age=3600"),
            ],
            bytes,
        )
            .into_response(),
        Err(err) => {
            let _ = crate::ssr::internal("read the image file", &err);
            refuse(StatusCode::NOT_FOUND)
        }
    }
}

/// The viewer's pixels, kept beside the case's images after the first request: the files of
/// an imported case never change, and decoding a large compressed radiograph takes a while.
const PIXELS_FILE: &str = "pixels.lpx";

fn pixels_body(original: &std::path::Path, cached: &std::path::Path) -> Result<Vec<u8>, String> {
    if let Ok(bytes) = std::fs::read(cached) {
        if crate::domain::pixels::well_formed(&bytes) {
            return Ok(bytes);
        }
    }
    let decoded = imaging::decode_file(original).map_err(|e| e.to_string())?;
    let spacing = decoded.dicom.as_ref().and_then(|d| d.pixel_spacing);
    let body = crate::ssr::pixels::body(&decoded.image, spacing);
    // Written aside and renamed, so a concurrent request never reads half a file; a failed
    // write only costs the next request a decode.
    let partial = cached.with_extension("partial");
    if std::fs::write(&partial, &body).is_ok() {
        let _ = std::fs::rename(&partial, cached);
    }
    Ok(body)
}

/// The original at full depth through the asked window, as an 8-bit PNG.
fn render_window(path: &std::path::Path, query: WindowQuery) -> Result<Vec<u8>, String> {
    let decoded = imaging::decode_file(path).map_err(|e| e.to_string())?;
    let mut window = decoded.image.default_window();
    if let (Some(center), Some(width)) = (query.center, query.width) {
        if !(width.is_finite() && width > 0.0 && center.is_finite()) {
            return Err("the window width must be positive and the centre a number".into());
        }
        window.center = center;
        window.width = width;
    }
    imaging::render::render_display_png(&decoded.image, Some(&window), 2048)
        .map_err(|e| e.to_string())
}
