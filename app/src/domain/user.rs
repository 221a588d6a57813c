//! Who is signed in, as the pages and the server functions see it.

use serde::{Deserialize, Serialize};

/// What an account may do. An admin manages coordinators; a coordinator sets up and runs
/// studies; a reader reads the studies they are enrolled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

    /// The role a stored or typed name denotes.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "admin" => Some(Role::Admin),
            "coordinator" => Some(Role::Coordinator),
            "reader" => Some(Role::Reader),
            _ => None,
        }
    }

    /// Coordinators' pages are open to admins too.
    pub fn can_coordinate(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator)
    }
}

/// The signed-in account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in [Role::Admin, Role::Coordinator, Role::Reader] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn only_admins_and_coordinators_coordinate() {
        assert!(Role::Admin.can_coordinate());
        assert!(Role::Coordinator.can_coordinate());
        assert!(!Role::Reader.can_coordinate());
    }
}
