//! Password hashing with Argon2id (RustCrypto `argon2`, default parameters), stored as PHC
//! strings (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), so parameters can change later
//! without invalidating stored hashes.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::{RngCore, TryRngCore};

use crate::domain::user::{messages, MIN_PASSWORD_CHARS};
use crate::AppError;

/// Longer inputs are refused before hashing, so nobody can make the server hash megabytes.
const MAX_PASSWORD_CHARS: usize = 1024;

/// The PHC string of `password` under a fresh random salt.
///
/// # Errors
/// The hasher's error (only for inputs argon2 cannot take, e.g. absurdly long ones).
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.unwrap_err().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt)?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches a stored PHC string; false for a malformed one.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// Spends the time of one verification without a real hash, so an unknown email answers as
/// slowly as a wrong password and does not reveal that the account is missing.
pub fn verify_nothing(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("lector-timing-dummy").unwrap_or_default());
    let _ = verify_password(password, dummy);
}

/// Checks a newly chosen password and its confirmation.
///
/// # Errors
/// [`AppError::Invalid`] when it is shorter than ten characters (or absurdly long) or the two
/// differ.
pub fn check_new_password(password: &str, confirm: &str) -> Result<(), AppError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(AppError::Invalid(messages::PASSWORD_TOO_SHORT.into()));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(AppError::Invalid(format!(
            "the password is longer than {MAX_PASSWORD_CHARS} characters; choose a shorter one"
        )));
    }
    if password != confirm {
        return Err(AppError::Invalid(messages::PASSWORDS_DIFFER.into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_own_password_only() {
        let hash = hash_password("correct horse battery").unwrap();

        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn the_same_password_hashes_differently_each_time() {
        assert_ne!(
            hash_password("same password").unwrap(),
            hash_password("same password").unwrap()
        );
    }

    #[test]
    fn new_passwords_need_ten_characters_typed_twice() {
        assert!(check_new_password("short", "short").is_err());
        assert!(check_new_password("long enough pw", "long enough pW").is_err());
        assert!(check_new_password("密码够长了吗？是的够长了", "密码够长了吗？是的够长了").is_ok());
    }
}
