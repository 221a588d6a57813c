//! Who is signed in, and what they may do. The session middleware ([`session`]) looks the
//! `lector_session` cookie up once per request and leaves an `Option<CurrentUser>` in the
//! request's extensions; server functions read it here through leptos_axum's request `Parts`.
//!
//! The submodules own one concern each: password hashing, the cookie, the three middlewares
//! (session, CSRF, https detection), and the plain functions behind the auth server functions.

pub mod admin;
pub mod audit;
pub mod cookie;
pub mod csrf;
pub mod email;
pub mod https;
pub mod invites;
pub mod login;
pub mod password;
pub mod session;
pub mod settings;

use axum::http::request::Parts;
use leptos::prelude::use_context;

use crate::domain::user::{CurrentUser, Role};
use crate::AppError;

pub use settings::AuthSettings;

/// The request being served, as leptos_axum provides it to server functions and pages.
///
/// # Errors
/// [`AppError::Internal`] when called outside a request (a wiring bug, logged).
pub fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| {
        tracing::error!("the request parts were not provided to the server function");
        AppError::Internal("check who is signed in".into())
    })
}

/// The signed-in account, or `None` for an anonymous visitor.
///
/// # Errors
/// [`AppError::Internal`] when the session middleware is not installed (logged).
pub fn current_user() -> Result<Option<CurrentUser>, AppError> {
    user_of(&request_parts()?)
}

/// The account the session middleware found for a request.
///
/// # Errors
/// [`AppError::Internal`] when the session middleware did not run for this request.
pub fn user_of(parts: &Parts) -> Result<Option<CurrentUser>, AppError> {
    parts
        .extensions
        .get::<Option<CurrentUser>>()
        .cloned()
        .ok_or_else(|| {
            tracing::error!(
                "no session information on the request: is the session middleware installed?"
            );
            AppError::Internal("check who is signed in".into())
        })
}

/// The signed-in account of any role.
///
/// # Errors
/// [`AppError::Unauthorized`] for an anonymous visitor.
pub fn require_user() -> Result<CurrentUser, AppError> {
    require(current_user()?, Role::Reader)
}

/// An admin or coordinator.
///
/// # Errors
/// [`AppError::Unauthorized`] for an anonymous visitor, [`AppError::Forbidden`] for a reader.
pub fn require_coordinator() -> Result<CurrentUser, AppError> {
    require(current_user()?, Role::Coordinator)
}

/// An admin.
///
/// # Errors
/// [`AppError::Unauthorized`] for an anonymous visitor, [`AppError::Forbidden`] for others.
pub fn require_admin() -> Result<CurrentUser, AppError> {
    require(current_user()?, Role::Admin)
}

/// `user` when it is signed in with a role that includes `required`.
///
/// # Errors
/// [`AppError::Unauthorized`] when `user` is `None`, [`AppError::Forbidden`] when its role
/// falls short.
pub fn require(user: Option<CurrentUser>, required: Role) -> Result<CurrentUser, AppError> {
    let user = user.ok_or(AppError::Unauthorized)?;
    if user.role.includes(required) {
        Ok(user)
    } else {
        let what = match required {
            Role::Admin => "manage accounts (only an administrator may)",
            Role::Coordinator => "manage studies (only a coordinator may)",
            Role::Reader => "read",
        };
        Err(AppError::Forbidden(what.into()))
    }
}

/// The wire form of a stored account.
pub fn current_user_from(user: &store::User) -> CurrentUser {
    CurrentUser {
        id: user.id,
        email: user.email.clone(),
        name: user.name.clone(),
        role: role_from(user.role),
    }
}

pub fn role_from(role: store::Role) -> Role {
    match role {
        store::Role::Admin => Role::Admin,
        store::Role::Coordinator => Role::Coordinator,
        store::Role::Reader => Role::Reader,
    }
}

pub fn role_to(role: Role) -> store::Role {
    match role {
        Role::Admin => store::Role::Admin,
        Role::Coordinator => store::Role::Coordinator,
        Role::Reader => store::Role::Reader,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> Option<CurrentUser> {
        Some(CurrentUser {
            id: 1,
            email: "a@example.org".into(),
            name: "A".into(),
            role,
        })
    }

    #[test]
    fn anonymous_visitors_are_asked_to_sign_in() {
        assert_eq!(require(None, Role::Reader), Err(AppError::Unauthorized));
    }

    #[test]
    fn a_role_below_the_required_one_is_forbidden() {
        assert!(matches!(
            require(user(Role::Reader), Role::Coordinator),
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            require(user(Role::Coordinator), Role::Admin),
            Err(AppError::Forbidden(_))
        ));
        assert!(require(user(Role::Admin), Role::Coordinator).is_ok());
    }
}
