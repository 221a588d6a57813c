//! `lector user add|list`: accounts from the command line, e.g. the first admin or
//! coordinator on a new server. Every account created here is recorded in the audit trail with
//! the actor `cli`.

use std::io::BufRead;

use app::domain::user::MIN_PASSWORD_CHARS;
use app::ssr::auth::password::{check_new_password, hash_password};
use store::{AuditEvent, NewUser, Role, Store, User};

use super::CommandError;
use crate::cli::UserCommand;
use crate::config::Config;

/// # Errors
/// [`CommandError::Refused`] for a missing or too short password; [`CommandError::Store`] for
/// an invalid or duplicate account or a database failure.
pub async fn run(config: &Config, command: UserCommand) -> Result<(), CommandError> {
    let store = config.open_store().await?;
    match command {
        UserCommand::Add { role, email, name } => {
            let password = read_password()?;
            add(&store, role, &email, &name, &password).await?;
        }
        UserCommand::List => {
            for user in store.list_users(None).await? {
                let status = match (user.disabled, user.has_password) {
                    (true, _) => "disabled",
                    (false, true) => "active",
                    (false, false) => "invited",
                };
                println!(
                    "{}\t{}\t{}\t{}\t{status}",
                    user.id,
                    user.email,
                    user.name,
                    user.role.as_str()
                );
            }
        }
    }
    Ok(())
}

async fn add(
    store: &Store,
    role: Role,
    email: &str,
    name: &str,
    password: &str,
) -> Result<(), CommandError> {
    check_new_password(password, password).map_err(|err| CommandError::Refused(err.to_string()))?;
    let user = create_account(store, role, email, name, password, false).await?;
    println!(
        "created {} {} <{}> (id {}); they can sign in now",
        role.as_str(),
        user.name,
        user.email,
        user.id
    );
    Ok(())
}

/// Hashes the password, creates the account and records `user.create` by the actor `cli` in the
/// audit trail; `demo` marks the accounts `lector demo` makes. Shared by `lector user add` and
/// `lector demo`, so both store and audit an account the same way.
///
/// # Errors
/// [`CommandError::Refused`] when the password cannot be hashed; [`CommandError::Store`] for a
/// taken email or a database failure.
pub(super) async fn create_account(
    store: &Store,
    role: Role,
    email: &str,
    name: &str,
    password: &str,
    demo: bool,
) -> Result<User, CommandError> {
    let hash = hash_password(password)
        .map_err(|err| CommandError::Refused(format!("could not hash the password: {err}")))?;
    let user = store
        .create_user(&NewUser {
            email: email.to_string(),
            name: name.to_string(),
            role,
            password_hash: Some(hash),
        })
        .await?;
    let mut detail =
        serde_json::json!({"user_id": user.id, "email": user.email, "role": role.as_str()});
    if demo {
        detail["demo"] = serde_json::Value::Bool(true);
    }
    store
        .append_audit(&AuditEvent {
            actor_id: None,
            actor: "cli".into(),
            action: "user.create".into(),
            study_id: None,
            detail: detail.to_string(),
        })
        .await?;
    Ok(user)
}

/// `LECTOR_PASSWORD`, else the first line of standard input.
fn read_password() -> Result<String, CommandError> {
    if let Ok(password) = std::env::var("LECTOR_PASSWORD") {
        return Ok(password);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|err| {
            CommandError::Refused(format!(
                "could not read the password from standard input: {err}"
            ))
        })?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        return Err(CommandError::Refused(format!(
            "no password given; set LECTOR_PASSWORD or pipe one line of at least {MIN_PASSWORD_CHARS} characters to standard input"
        )));
    }
    Ok(password)
}
