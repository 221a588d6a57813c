//! Who is signed in, as the pages and the server functions see it.

use serde::{Deserialize, Serialize};

pub use vocab::Role;

/// The signed-in account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// An account as the admin's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// False while the invitation has not been accepted.
    pub has_password: bool,
    pub disabled: bool,
    /// `YYYY-MM-DD` (UTC).
    pub created_on: String,
}

/// Who an invitation link is for, shown on the page where they choose a password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteDetails {
    pub name: String,
    pub email: String,
}

/// A new account and the one-time link that lets its owner choose a password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedInvite {
    pub user: UserSummary,
    pub link: String,
}

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Messages of the sign-in and invitation errors, shared so that pages can show them in the
/// reader's language (see `ui::auth::error_text`).
pub mod messages {
    /// The same for an unknown email, a wrong password and an account without a password, so
    /// that nobody can find out which emails have accounts.
    pub const WRONG_CREDENTIALS: &str = "email or password is wrong; check both and try again";
    pub const THROTTLED: &str =
        "too many failed sign-ins for this account or from this computer; wait 15 minutes and try again";
    pub const DISABLED: &str = "this account is disabled; ask the administrator to enable it again";
    /// An email longer than any real one (254 characters), refused before anything is stored.
    pub const EMAIL_TOO_LONG: &str =
        "the email address is longer than 254 characters; check it and type it again";
    /// An unknown invitation link (mistyped, cut short, or never made).
    pub const INVITE_UNUSABLE: &str =
        "this invitation link is not valid; check that you copied all of it, or ask the coordinator for a new one";
    /// The link was used, or the account has its password already: signing in is the way on.
    pub const INVITE_USED: &str =
        "this invitation link was already used and the account has its password; sign in with your email and password instead";
    pub const INVITE_SUPERSEDED: &str =
        "a newer invitation replaced this link; use the most recent link you were sent";
    pub const INVITE_EXPIRED: &str =
        "this invitation link has expired; ask the coordinator for a new one";
    pub const PASSWORD_TOO_SHORT: &str =
        "the password is too short; choose one of at least 10 characters";
    pub const PASSWORDS_DIFFER: &str =
        "the two passwords differ; type the same password in both fields";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admins_and_coordinators_coordinate() {
        assert!(Role::Admin.can_coordinate());
        assert!(Role::Coordinator.can_coordinate());
        assert!(!Role::Reader.can_coordinate());
    }

    #[test]
    fn each_role_includes_the_ones_below_it() {
        assert!(Role::Admin.includes(Role::Coordinator));
        assert!(Role::Coordinator.includes(Role::Reader));
        assert!(!Role::Coordinator.includes(Role::Admin));
        assert!(!Role::Reader.includes(Role::Coordinator));
    }
}
