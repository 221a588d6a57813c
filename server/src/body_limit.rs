//! How big a request body may be. Every route but the case-zip upload takes at most
//! [`BODY_LIMIT`]: a declared larger body is refused with 413 before any of it is read, and one
//! that did not declare its length (chunked) stops being read at the limit and is answered 413
//! too, whatever the handler made of the cut-off body. The upload streams to disk and enforces
//! its own, larger cap after checking who is sending it (`app::ssr::upload`).
//!
//! 2 MiB leaves room for the largest legitimate payload, a read's interaction log (one entry
//! per viewer gesture, ~60 bytes each), while a client can no longer make the server hold more
//! than that per request.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use leptos::server_fn::ServerFn;

use app::AppError;

/// The largest request body outside the case-zip upload.
pub const BODY_LIMIT: usize = 2 << 20;

/// The same limit for axum's own extractors, in case a route is ever served without
/// [`body_limit`].
pub fn default_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(BODY_LIMIT)
}

/// Install with `axum::middleware::from_fn(body_limit)`.
pub async fn body_limit(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let zip = path == <app::api::cases::ImportZip as ServerFn>::PATH;
    let multipart = zip || path == <app::api::cases::ImportPacs as ServerFn>::PATH;
    if multipart {
        // server_fn's multipart decoding panics on a body without a multipart boundary (found
        // by tests/tests/suite/fuzz_server_functions.rs), so such a request is answered here.
        let boundary = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| multer::parse_boundary(value).ok());
        if boundary.is_none() {
            return json_error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                &AppError::Invalid(
                    "send the form as multipart/form-data: the study_id field, then the file \
                     in the file field"
                        .into(),
                ),
            );
        }
    }
    if zip {
        // The zip streams to disk under its own, larger cap; a PACS manifest stays under
        // the general limit below.
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    let server_fn = path.starts_with("/api/");
    if let Some(length) = declared.filter(|length| *length > BODY_LIMIT as u64) {
        tracing::warn!(path, length, "refused an over-size request body");
        return too_large(server_fn);
    }
    let overflowed = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&overflowed);
    let request = request.map(|body| {
        Body::new(Limited::new(body, BODY_LIMIT).map_err(move |err| {
            if err.is::<LengthLimitError>() {
                flag.store(true, Ordering::Relaxed);
            }
            err
        }))
    });
    let response = next.run(request).await;
    if overflowed.load(Ordering::Relaxed) {
        tracing::warn!("refused an over-size request body sent without a length");
        return too_large(server_fn);
    }
    response
}

/// 413, as the error a server function would return when the caller is one (so the page shows
/// the message), else as plain text.
fn too_large(server_fn: bool) -> Response {
    let error = AppError::TooLarge(format!(
        "the request is larger than {} MiB, the most this server accepts",
        BODY_LIMIT >> 20
    ));
    if server_fn {
        json_error(StatusCode::PAYLOAD_TOO_LARGE, &error)
    } else {
        (StatusCode::PAYLOAD_TOO_LARGE, error.to_string()).into_response()
    }
}

/// An error answered as a server function answers it: the `AppError` as JSON, so the page shows
/// its message.
fn json_error(status: StatusCode, error: &AppError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_default();
    (
        status,
        [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        body,
    )
        .into_response()
}
