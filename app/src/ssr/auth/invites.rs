//! Invitations from the account's side: who a link is for, and accepting it by choosing a
//! password (which also signs the person in). A link that cannot be used says why: used (sign
//! in instead), replaced by a newer one, expired, or unknown.

use serde_json::json;
use store::{InviteState, Store};

use super::audit::{record, Actor};
use super::password::{check_new_password, hash_password};
use super::{current_user_from, AuthSettings};
use crate::domain::user::{messages, CurrentUser, InviteDetails};
use crate::ssr::internal;
use crate::AppError;

/// The name and email an invitation is for.
///
/// # Errors
/// [`AppError::Invalid`] with the message of why the link cannot be used (see [`refusal`]).
#[tracing::instrument(skip_all)]
pub async fn details(store: &Store, token: &str) -> Result<InviteDetails, AppError> {
    let invite = store
        .invite_by_token(token)
        .await
        .map_err(|err| internal("look the invitation up", &err))?;
    match invite {
        Some(invite) if invite.is_usable() => Ok(InviteDetails {
            name: invite.name,
            email: invite.email,
        }),
        other => Err(refusal(other.map(|invite| invite.state()))),
    }
}

/// Sets the chosen password, marks the invitation used (which revokes the account's other
/// links and ends its sessions) and starts a session. Returns the account and the session
/// token for the cookie.
///
/// # Errors
/// [`AppError::Invalid`] for a password that is too short or not confirmed, or a link that
/// cannot be used (with why, see [`refusal`]); [`AppError::Internal`] when the database fails.
#[tracing::instrument(skip_all)]
pub async fn accept(
    store: &Store,
    settings: &AuthSettings,
    token: &str,
    password: &str,
    confirm: &str,
) -> Result<(CurrentUser, String), AppError> {
    check_new_password(password, confirm)?;
    let hash = hash_password(password).map_err(|err| {
        tracing::error!(error = %err, "could not hash a new password");
        AppError::Internal("save the password".into())
    })?;
    let Some(user) = store
        .use_invite(token, &hash)
        .await
        .map_err(|err| internal("save the password", &err))?
    else {
        // Nothing changed; look again only to say why.
        let invite = store
            .invite_by_token(token)
            .await
            .map_err(|err| internal("look the invitation up", &err))?;
        return Err(refusal(invite.map(|invite| invite.state())));
    };
    let user = current_user_from(&user);
    let session = store
        .create_session(user.id, settings.session_ttl)
        .await
        .map_err(|err| internal("start the session", &err))?;
    record(store, Actor::User(&user), "invite.accept", json!({})).await?;
    Ok((user, session))
}

/// Why a link cannot be used, in words the catalogues translate; `None` for an unknown link.
/// (A link that was usable a moment ago but lost a race to another use reads as used.)
pub fn refusal(state: Option<InviteState>) -> AppError {
    let message = match state {
        None => messages::INVITE_UNUSABLE,
        Some(InviteState::Used | InviteState::Usable) => messages::INVITE_USED,
        Some(InviteState::Superseded) => messages::INVITE_SUPERSEDED,
        Some(InviteState::Expired) => messages::INVITE_EXPIRED,
        Some(InviteState::AccountDisabled) => messages::DISABLED,
    };
    AppError::Invalid(message.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_a_link_fails_has_its_own_message() {
        let messages: Vec<String> = [
            None,
            Some(InviteState::Used),
            Some(InviteState::Superseded),
            Some(InviteState::Expired),
            Some(InviteState::AccountDisabled),
        ]
        .into_iter()
        .map(|state| refusal(state).to_string())
        .collect();

        let distinct: std::collections::HashSet<&String> = messages.iter().collect();
        assert_eq!(distinct.len(), messages.len(), "{messages:?}");
        assert!(messages[1].contains("sign in"), "{}", messages[1]);
        assert!(messages[2].contains("newer invitation"), "{}", messages[2]);
    }
}
