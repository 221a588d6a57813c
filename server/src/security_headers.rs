//! The security headers on every response — pages, server functions, images, static files,
//! downloads, errors — set by one middleware so no route can forget them.
//!
//! The Content-Security-Policy carries a fresh nonce per request. leptos_axum makes its own
//! nonce for each page; the router's context replaces it with this one
//! ([`provide_request_nonce`]), so the hydration script and the streamed resource scripts that
//! Leptos marks with `use_nonce()` carry the nonce the header allows. What the hydrated app
//! needs, and nothing else:
//! - `script-src 'self' 'nonce-…' 'wasm-unsafe-eval'`: the inline hydration module (nonce), the
//!   bundle it imports from /pkg ('self'), and compiling the wasm ('wasm-unsafe-eval'; no eval).
//! - `style-src 'self'` for /pkg/lector.css, and `style-src-attr 'unsafe-inline'` because the
//!   image viewer positions the image with a `style` attribute it rewrites while panning and
//!   zooming; `<style>` elements stay forbidden.
//! - `img-src 'self' data: blob:`: case images come from /images, figures may be data: URLs.
//! - `connect-src 'self'` for the server functions and the wasm fetch; no plugins, no `<base>`,
//!   forms post only here, and no framing (`frame-ancestors 'none'`, and `X-Frame-Options` for
//!   browsers that predate it).
//!
//! `Strict-Transport-Security` goes only on requests that came over https (see
//! `app::ssr::auth::https`): sent over plain http it would be ignored at best, and a server run
//! without TLS must not pin browsers to https.

use axum::extract::Request;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::request::Parts;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};

use app::ssr::auth::https::OverHttps;

/// One year, the span browsers' preload lists ask for; no `includeSubDomains`, since other
/// hosts under the same domain may not serve https.
const HSTS: &str = "max-age=31536000";

/// The policy for a response whose inline scripts carry `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; \
         script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; \
         img-src 'self' data: blob:; \
         connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Install with `axum::middleware::from_fn(security_headers)`, inside the https middleware
/// (it reads [`OverHttps`]) and outside every layer that may answer on its own.
pub async fn security_headers(mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    let https = request
        .extensions()
        .get::<OverHttps>()
        .is_some_and(|verdict| verdict.0);
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // The nonce is base64url, so the policy is always a valid header value.
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        headers.insert(CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if https {
        headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    } else {
        headers.remove(STRICT_TRANSPORT_SECURITY);
    }
    response
}

/// Makes the request's nonce the one Leptos renders into its inline scripts. Call it from the
/// router's context closure, which runs after leptos_axum has provided its own.
pub fn provide_request_nonce() {
    let nonce = use_context::<Parts>().and_then(|parts| parts.extensions.get::<Nonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(nonce);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_nonce_and_wasm_but_not_eval_or_framing() {
        let policy = content_security_policy("abc123");

        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("'unsafe-eval'"));
        assert!(!policy.contains("script-src 'self' 'unsafe-inline'"));
    }
}
