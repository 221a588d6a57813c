//! The one limit on typed email addresses, checked where they enter (signing in, creating
//! coordinators, enrolling readers) before anything is stored or logged.

use crate::domain::user::messages;
use crate::AppError;

/// Refuses an email longer than any real one at the door, before anything is stored or
/// logged, so that nobody can fill the database with megabyte-long "emails".
///
/// # Errors
/// [`AppError::Invalid`] with [`messages::EMAIL_TOO_LONG`].
pub fn check_email_length(email: &str) -> Result<(), AppError> {
    if store::email_too_long(email) {
        tracing::warn!(
            chars = email.chars().count(),
            "refused an email longer than {} characters",
            store::MAX_EMAIL_CHARS
        );
        return Err(AppError::Invalid(messages::EMAIL_TOO_LONG.into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_of_254_characters_passes_and_one_more_is_refused() {
        let longest = format!("{}@example.org", "a".repeat(254 - 12));

        assert!(check_email_length(&longest).is_ok());
        assert_eq!(
            check_email_length(&format!("a{longest}")),
            Err(AppError::Invalid(messages::EMAIL_TOO_LONG.into()))
        );
    }
}
