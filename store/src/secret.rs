//! Secrets handed to browsers (session and invitation tokens) and the time arithmetic around
//! their expiry. A token is 32 bytes from the operating system's CSPRNG, written as hex (URL
//! safe); only its SHA-256 is stored, so a leaked database does not sign anyone in.

use std::time::{Duration, SystemTime};

use rand::{RngCore, TryRngCore};
use sha2::{Digest, Sha256};

/// A fresh random token: 32 bytes from the OS, as 64 hex digits.
///
/// # Panics
/// When the operating system cannot provide random bytes (there is no safe way on).
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.unwrap_err().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// SHA-256 of a token, as hex: what the database keeps.
pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.trim().as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A time as the RFC 3339 UTC text every `*_at` column holds.
pub(crate) fn rfc3339(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

/// `now + duration` as stored text, saturating far in the future.
pub(crate) fn after(duration: Duration) -> String {
    let now = SystemTime::now();
    rfc3339(
        now.checked_add(duration)
            .unwrap_or(now + Duration::from_secs(100 * 365 * 86_400)),
    )
}

/// `now - duration` as stored text.
pub(crate) fn before(duration: Duration) -> String {
    let now = SystemTime::now();
    rfc3339(now.checked_sub(duration).unwrap_or(SystemTime::UNIX_EPOCH))
}

/// A stored time read back; `None` for text that is not RFC 3339.
pub(crate) fn parse(text: &str) -> Option<SystemTime> {
    humantime::parse_rfc3339(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let (a, b) = (new_token(), new_token());

        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn the_stored_hash_is_not_the_token() {
        let token = new_token();

        assert_ne!(token_hash(&token), token);
        assert_eq!(token_hash(&token), token_hash(&format!(" {token}\n")));
    }

    #[test]
    fn stored_times_sort_as_text_in_time_order() {
        let earlier = before(Duration::from_secs(60));
        let later = after(Duration::from_secs(60));

        assert!(earlier < later);
        assert!(parse(&later).unwrap() > SystemTime::now());
    }
}
