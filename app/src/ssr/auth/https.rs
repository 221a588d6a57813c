//! Whether a request reached the site over https, which decides the session cookie's `Secure`
//! flag and the `Strict-Transport-Security` header. It did when the server is told so
//! (`--secure-cookies`), or when a trusted reverse proxy says so with `X-Forwarded-Proto: https`.
//!
//! Only proxies listed by address are believed: anyone can send the header, and a client that
//! could claim https for itself over plain http would get a `Secure` cookie its browser then
//! never sends back, or pin HSTS on a site that has no https.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

const FORWARDED_PROTO: &str = "x-forwarded-proto";

/// How this server learns a request's scheme.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpsPolicy {
    /// Every request counts as https (`--secure-cookies`: TLS ends here or at a proxy that
    /// serves nothing over plain http).
    pub always: bool,
    /// Peers whose `X-Forwarded-Proto` is believed (`--trusted-proxy`).
    pub trusted_proxies: Arc<[IpAddr]>,
}

/// The verdict for one request, left in its extensions by [`https_middleware`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverHttps(pub bool);

impl HttpsPolicy {
    /// Whether a request from `peer` with these headers came over https.
    pub fn judge(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> bool {
        if self.always {
            return true;
        }
        // An IPv4 proxy seen through a dual-stack socket arrives as ::ffff:a.b.c.d.
        let trusted = peer.is_some_and(|peer| self.trusted_proxies.contains(&peer.to_canonical()));
        trusted && forwarded_https(headers)
    }
}

/// The scheme the nearest proxy reports. Proxies that append rather than replace leave a list
/// (`http, https`); the last entry is the one the trusted proxy itself added.
fn forwarded_https(headers: &HeaderMap) -> bool {
    headers
        .get_all(FORWARDED_PROTO)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .next_back()
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

/// Install with `axum::middleware::from_fn_with_state(policy, https_middleware)`, outside
/// every layer that reads [`OverHttps`].
pub async fn https_middleware(
    State(policy): State<HttpsPolicy>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let https = policy.judge(peer, request.headers());
    request.extensions_mut().insert(OverHttps(https));
    next.run(request).await
}

/// The verdict for the request being served; `None` when the middleware did not run.
pub fn over_https(parts: &Parts) -> Option<bool> {
    parts.extensions.get::<OverHttps>().map(|verdict| verdict.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(always: bool, proxies: &[&str]) -> HttpsPolicy {
        HttpsPolicy {
            always,
            trusted_proxies: proxies.iter().map(|p| p.parse().unwrap()).collect(),
        }
    }

    fn forwarded(proto: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(FORWARDED_PROTO, proto.parse().unwrap());
        headers
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn a_trusted_proxy_saying_https_is_believed() {
        let policy = policy(false, &["10.0.0.2"]);

        assert!(policy.judge(ip("10.0.0.2"), &forwarded("https")));
        assert!(policy.judge(ip("::ffff:10.0.0.2"), &forwarded("HTTPS")));
        assert!(policy.judge(ip("10.0.0.2"), &forwarded("http, https")));
    }

    #[test]
    fn anyone_else_saying_https_is_not() {
        let policy = policy(false, &["10.0.0.2"]);

        assert!(!policy.judge(ip("10.0.0.9"), &forwarded("https")));
        assert!(!policy.judge(None, &forwarded("https")));
        assert!(!policy.judge(ip("10.0.0.2"), &forwarded("http")));
        assert!(!policy.judge(ip("10.0.0.2"), &HeaderMap::new()));
    }

    #[test]
    fn secure_cookies_make_every_request_https() {
        assert!(policy(true, &[]).judge(None, &HeaderMap::new()));
    }
}
