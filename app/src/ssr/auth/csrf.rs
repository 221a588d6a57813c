//! Cross-site request forgery protection: a state-changing request (POST, PUT, PATCH, DELETE)
//! is refused with 403 unless its `Origin` header, or when that is absent its `Referer`,
//! names this site (the request's `Host`); it is refused when both are missing.
//!
//! Why this suffices (OWASP CSRF Prevention Cheat Sheet, "Verifying Origin with standard
//! headers", as defence in depth with SameSite cookies): browsers set `Origin` on every
//! cross-origin request and on same-origin POSTs, and page scripts cannot forge it or `Host`;
//! a forged form or fetch from another site therefore carries that site's origin and is
//! refused here. The session cookie is also `SameSite=Lax`, so browsers do not attach it to
//! cross-site POSTs in the first place. Lector changes state only through POST server
//! functions (never GET), so no state change escapes the check. Behind a reverse proxy, the
//! proxy must pass the original `Host` on, port included (nginx: `proxy_set_header Host
//! $http_host;`; `$host` drops a non-default port and every POST would be refused).

use axum::extract::Request;
use axum::http::header::{HOST, ORIGIN, REFERER};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Shown to whoever sends a refused request.
pub const REFUSED: &str = "refused: this request did not come from a Lector page (its Origin or Referer header does not match the site); reload the page and try again";

/// Install with `axum::middleware::from_fn(csrf_middleware)`.
pub async fn csrf_middleware(request: Request, next: Next) -> Response {
    if changes_state(request.method()) {
        let host = request
            .headers()
            .get(HOST)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string)
            .or_else(|| request.uri().authority().map(|a| a.to_string()));
        if !same_origin(request.headers(), host.as_deref()) {
            tracing::warn!(
                method = %request.method(),
                path = %request.uri().path(),
                origin = ?request.headers().get(ORIGIN),
                referer = ?request.headers().get(REFERER),
                "refused a state-changing request from another origin"
            );
            return (StatusCode::FORBIDDEN, REFUSED).into_response();
        }
    }
    next.run(request).await
}

fn changes_state(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

/// Whether the request's `Origin` (else `Referer`) names `host`.
pub fn same_origin(headers: &HeaderMap, host: Option<&str>) -> bool {
    let Some(host) = host else {
        return false;
    };
    let source = headers
        .get(ORIGIN)
        .or_else(|| headers.get(REFERER))
        .and_then(|value| value.to_str().ok());
    match source.and_then(authority_of) {
        Some(authority) => normalise(&authority) == normalise(host),
        None => false,
    }
}

/// `host[:port]` of an absolute http(s) URL; `None` for anything else (including `null`).
fn authority_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty() && !authority.contains('@')).then(|| authority.to_string())
}

/// Lowercase, without a default port, so `Example.org:443` and `example.org` compare equal.
fn normalise(authority: &str) -> String {
    let lower = authority.trim().to_ascii_lowercase();
    lower
        .strip_suffix(":80")
        .or_else(|| lower.strip_suffix(":443"))
        .unwrap_or(&lower)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn a_matching_origin_is_accepted() {
        let h = headers(&[("origin", "http://127.0.0.1:3000")]);
        assert!(same_origin(&h, Some("127.0.0.1:3000")));
        let h = headers(&[("origin", "https://Lector.example.org")]);
        assert!(same_origin(&h, Some("lector.example.org:443")));
    }

    #[test]
    fn a_foreign_or_null_origin_is_refused() {
        let h = headers(&[("origin", "https://evil.example")]);
        assert!(!same_origin(&h, Some("lector.example.org")));
        let h = headers(&[("origin", "null")]);
        assert!(!same_origin(&h, Some("lector.example.org")));
        let h = headers(&[("origin", "http://lector.example.org.evil.example")]);
        assert!(!same_origin(&h, Some("lector.example.org")));
    }

    #[test]
    fn the_referer_counts_when_the_origin_is_missing() {
        let h = headers(&[("referer", "http://127.0.0.1:3000/login?next=/")]);
        assert!(same_origin(&h, Some("127.0.0.1:3000")));
    }

    #[test]
    fn a_request_without_origin_and_referer_is_refused() {
        assert!(!same_origin(&HeaderMap::new(), Some("127.0.0.1:3000")));
        let h = headers(&[("origin", "http://127.0.0.1:3000")]);
        assert!(!same_origin(&h, None));
    }

    #[test]
    fn only_state_changing_methods_are_checked() {
        assert!(changes_state(&Method::POST));
        assert!(changes_state(&Method::DELETE));
        assert!(!changes_state(&Method::GET));
        assert!(!changes_state(&Method::HEAD));
    }
}
