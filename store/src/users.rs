//! Accounts: creating them and reading them back (changes live in `account_changes`).
//! Emails are kept trimmed and lowercase so that `Ana@Example.org ` and `ana@example.org` are
//! one account. Password hashes are opaque PHC strings made by the web layer; this module
//! never sees a password.

use crate::error::is_unique_violation;
use crate::pool::on_pool;
use crate::roles::Role;
use crate::{now_rfc3339, Store, StoreError};

/// An account as stored (without its password hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// False until the person has chosen a password (through an invitation).
    pub has_password: bool,
    /// The preferred language tag (`en`, `zh-CN`), if the person chose one.
    pub locale: Option<vocab::Locale>,
    pub created_at: String,
    pub disabled: bool,
}

/// What it takes to create an account.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// A PHC string (argon2), or `None` for an account that will set its password through an
    /// invitation.
    pub password_hash: Option<String>,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    password_hash: Option<String>,
    locale: Option<String>,
    created_at: String,
    disabled: bool,
}

impl UserRow {
    fn into_user(self) -> Result<(User, Option<String>), StoreError> {
        let user = User {
            id: self.id,
            email: self.email,
            name: self.name,
            role: Role::parse(&self.role)?,
            has_password: self.password_hash.is_some(),
            locale: self
                .locale
                .as_deref()
                .map(vocab::Locale::parse)
                .transpose()?,
            created_at: self.created_at,
            disabled: self.disabled,
        };
        Ok((user, self.password_hash))
    }
}

pub(crate) const SELECT_USER: &str =
    "SELECT id, email, name, role, password_hash, locale, created_at, disabled FROM users";

/// The longest email address an account may have (RFC 5321's limit for a usable address).
/// Longer ones are refused before anything is stored, so that nobody can fill the database
/// (or the audit trail) with megabyte-long "emails".
pub const MAX_EMAIL_CHARS: usize = 254;

/// Whether an address (as typed) is too long to be anyone's email.
pub fn email_too_long(email: &str) -> bool {
    email.trim().chars().nth(MAX_EMAIL_CHARS).is_some()
}

/// The canonical form of an email address: trimmed, lowercase.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub(crate) fn not_found(user_id: i64) -> StoreError {
    StoreError::Invalid(format!("there is no account with id {user_id}"))
}

impl Store {
    /// Creates an account and returns it.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an empty name, an address without `@` or longer than
    /// [`MAX_EMAIL_CHARS`]; [`StoreError::Duplicate`] when an account with that email exists.
    pub async fn create_user(&self, new: &NewUser) -> Result<User, StoreError> {
        if email_too_long(&new.email) {
            return Err(StoreError::Invalid(format!(
                "the email address is longer than {MAX_EMAIL_CHARS} characters; check it"
            )));
        }
        let email = normalize_email(&new.email);
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("an account needs a name".into()));
        }
        if email.len() < 3 || !email.contains('@') || email.chars().any(char::is_whitespace) {
            return Err(StoreError::Invalid(format!(
                "'{email}' is not an email address; use the form name@example.org"
            )));
        }
        const SQL: &str =
            "INSERT INTO users (email, name, role, password_hash, created_at, disabled) \
                           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        let created_at = now_rfc3339();
        let inserted: Result<(i64,), sqlx::Error> = on_pool!(self, pool => {
            sqlx::query_as(SQL)
                .bind(&email)
                .bind(name)
                .bind(new.role.as_str())
                .bind(new.password_hash.as_deref())
                .bind(&created_at)
                .bind(false)
                .fetch_one(pool)
                .await
        });
        let (id,) = inserted.map_err(|err| {
            if is_unique_violation(&err) {
                StoreError::Duplicate {
                    what: format!("an account for {email}"),
                }
            } else {
                StoreError::Query(err)
            }
        })?;
        Ok(User {
            id,
            email,
            name: name.to_string(),
            role: new.role,
            has_password: new.password_hash.is_some(),
            locale: None,
            created_at,
            disabled: false,
        })
    }

    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn user_by_id(&self, user_id: i64) -> Result<Option<User>, StoreError> {
        let sql = format!("{SELECT_USER} WHERE id = $1");
        let row: Option<UserRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(user_id).fetch_optional(pool).await)?;
        row.map(|row| row.into_user().map(|(user, _)| user))
            .transpose()
    }

    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        Ok(self
            .credentials_by_email(email)
            .await?
            .map(|(user, _)| user))
    }

    /// The account and its password hash (if it has one), for checking a login.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn credentials_by_email(
        &self,
        email: &str,
    ) -> Result<Option<(User, Option<String>)>, StoreError> {
        let sql = format!("{SELECT_USER} WHERE email = $1");
        let email = normalize_email(email);
        let row: Option<UserRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(&email).fetch_optional(pool).await)?;
        row.map(UserRow::into_user).transpose()
    }

    /// The password hash of an account, `None` when it has not chosen one.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] when there is no such account.
    pub async fn password_hash_of(&self, user_id: i64) -> Result<Option<String>, StoreError> {
        let sql = format!("{SELECT_USER} WHERE id = $1");
        let row: Option<UserRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(user_id).fetch_optional(pool).await)?;
        Ok(row.ok_or_else(|| not_found(user_id))?.password_hash)
    }

    /// Every account, or those of one role; in order of creation.
    ///
    /// # Errors
    /// [`StoreError::Query`] when the database fails.
    pub async fn list_users(&self, role: Option<Role>) -> Result<Vec<User>, StoreError> {
        let rows: Vec<UserRow> = match role {
            Some(role) => {
                let sql = format!("{SELECT_USER} WHERE role = $1 ORDER BY id");
                on_pool!(self, pool => sqlx::query_as(&sql).bind(role.as_str()).fetch_all(pool).await)?
            }
            None => {
                let sql = format!("{SELECT_USER} ORDER BY id");
                on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await)?
            }
        };
        rows.into_iter()
            .map(|row| row.into_user().map(|(user, _)| user))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::fresh_store;

    fn coordinator(email: &str) -> NewUser {
        NewUser {
            email: email.into(),
            name: "Ana Lima".into(),
            role: Role::Coordinator,
            password_hash: Some("$argon2id$fake".into()),
        }
    }

    #[tokio::test]
    async fn emails_are_stored_trimmed_and_lowercase() {
        let (_dir, store) = fresh_store().await;

        let user = store
            .create_user(&coordinator(" Ana@Example.ORG "))
            .await
            .unwrap();

        assert_eq!(user.email, "ana@example.org");
        assert_eq!(
            store.user_by_email("ANA@example.org").await.unwrap(),
            Some(user.clone())
        );
        assert_eq!(store.user_by_id(user.id).await.unwrap(), Some(user));
    }

    #[tokio::test]
    async fn a_second_account_with_the_same_email_is_refused() {
        let (_dir, store) = fresh_store().await;
        store
            .create_user(&coordinator("ana@example.org"))
            .await
            .unwrap();

        let err = store
            .create_user(&coordinator("ANA@example.org"))
            .await
            .unwrap_err();

        assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");
    }

    #[tokio::test]
    async fn an_email_longer_than_254_characters_is_refused() {
        for t in crate::testing::each_backend().await {
            let longest = format!("{}@example.org", "a".repeat(MAX_EMAIL_CHARS - 12));
            let too_long = format!("a{longest}");

            let err = t
                .store
                .create_user(&coordinator(&too_long))
                .await
                .unwrap_err();
            let ok = t.store.create_user(&coordinator(&longest)).await;

            assert!(err.to_string().contains("longer than 254"), "{err}");
            assert!(ok.is_ok(), "{}: {ok:?}", t.backend);
            assert_eq!(t.store.list_users(None).await.unwrap().len(), 1);
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn users_are_listed_by_role() {
        let (_dir, store) = fresh_store().await;
        store
            .create_user(&coordinator("a@example.org"))
            .await
            .unwrap();
        let mut reader = coordinator("r@example.org");
        reader.role = Role::Reader;
        reader.password_hash = None;
        store.create_user(&reader).await.unwrap();

        let readers = store.list_users(Some(Role::Reader)).await.unwrap();

        assert_eq!(readers.len(), 1);
        assert!(!readers[0].has_password);
        assert_eq!(store.list_users(None).await.unwrap().len(), 2);
    }
}
