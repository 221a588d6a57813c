//! The roles an account can have.

use crate::StoreError;

/// What an account may do: an admin manages coordinators, a coordinator runs studies, a
/// reader reads the studies they are enrolled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    Coordinator,
    Reader,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Reader => "reader",
        }
    }

    /// # Errors
    /// [`StoreError::Invalid`] for any name other than `admin`, `coordinator` or `reader`.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        match text.trim() {
            "admin" => Ok(Role::Admin),
            "coordinator" => Ok(Role::Coordinator),
            "reader" => Ok(Role::Reader),
            other => Err(StoreError::Invalid(format!(
                "unknown role '{other}'; use admin, coordinator or reader"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in [Role::Admin, Role::Coordinator, Role::Reader] {
            assert_eq!(Role::parse(role.as_str()).unwrap(), role);
        }
        assert!(Role::parse("root")
            .unwrap_err()
            .to_string()
            .contains("use admin"));
    }
}
