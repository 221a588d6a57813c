//! The session cookie: `lector_session`, HttpOnly (scripts cannot read it), SameSite=Lax
//! (not sent on cross-site POSTs), Path=/, and Secure when the site is served over https. It
//! is a browser-session cookie (no Max-Age): closing the browser signs out, which suits shared
//! reading-room workstations; the server also ends it after `session_ttl` without use.

use axum::http::header::COOKIE;
use axum::http::HeaderMap;

pub const SESSION_COOKIE: &str = "lector_session";

/// The `Set-Cookie` value that stores a session token.
pub fn session_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}")
}

/// A cookie's value from the request headers.
pub fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| *key == name && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_http_only_and_same_site() {
        let cookie = session_cookie("abc", false);

        assert_eq!(cookie, "lector_session=abc; Path=/; HttpOnly; SameSite=Lax");
        assert!(session_cookie("abc", true).ends_with("; Secure"));
        assert!(clear_session_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_read_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            "lector_lang=zh-CN; lector_session=tok".parse().unwrap(),
        );

        assert_eq!(
            read_cookie(&headers, SESSION_COOKIE).as_deref(),
            Some("tok")
        );
        assert_eq!(read_cookie(&headers, "missing"), None);
    }
}
