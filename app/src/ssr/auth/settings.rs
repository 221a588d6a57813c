//! The knobs of signing in: cookie security, session and invitation lifetimes, throttling.
//! Built by the server from its configuration and provided to every server function.

use std::time::Duration;

use axum::http::request::Parts;
use leptos::prelude::use_context;
use store::ThrottlePolicy;

use super::https::over_https;

/// How sessions and invitations behave on this server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthSettings {
    /// Mark the session cookie `Secure`: set from `--secure-cookies`, then per request by
    /// [`settings`] from the https verdict.
    pub secure_cookies: bool,
    /// A session ends this long after its last use.
    pub session_ttl: Duration,
    /// An invitation link works this long after it was made.
    pub invite_ttl: Duration,
    pub throttle: ThrottlePolicy,
}

impl Default for AuthSettings {
    /// Plain http cookies, 12-hour sessions, 7-day invitations, the store's default throttle.
    fn default() -> Self {
        AuthSettings {
            secure_cookies: false,
            session_ttl: Duration::from_secs(12 * 3600),
            invite_ttl: Duration::from_secs(7 * 86_400),
            throttle: ThrottlePolicy::default(),
        }
    }
}

/// The settings provided as context, or the defaults (logged) when missing; `secure_cookies`
/// is decided per request when the https middleware ran, since the same server may be reached
/// over https through a trusted proxy and over plain http directly.
pub fn settings() -> AuthSettings {
    let mut settings = use_context::<AuthSettings>().unwrap_or_else(|| {
        tracing::warn!("auth settings were not provided as context; using the defaults");
        AuthSettings::default()
    });
    if let Some(https) = use_context::<Parts>().as_ref().and_then(over_https) {
        settings.secure_cookies = https;
    }
    settings
}
