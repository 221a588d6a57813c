//! Who takes part: account roles, and readers' seniority groups with the study's cut-points.

use crate::word::word;

word!(
    /// What an account may do: an admin manages coordinators, a coordinator runs studies, a
    /// reader reads the studies they are enrolled in.
    Role, "role" {
        Admin => "admin", "role-admin",
        Coordinator => "coordinator", "role-coordinator",
        Reader => "reader", "role-reader",
    }
);

impl Role {
    /// Coordinators' pages are open to admins too.
    pub fn can_coordinate(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator)
    }

    /// Whether an account of this role may open what `required` may: admins anything,
    /// coordinators coordinator and reader pages, readers reader pages.
    pub fn includes(self, required: Role) -> bool {
        match required {
            Role::Admin => self == Role::Admin,
            Role::Coordinator => self.can_coordinate(),
            Role::Reader => true,
        }
    }
}

word!(
    /// A reader's seniority group, by years of experience and the study's cut-points (the seed
    /// study: junior ≤ 5 years).
    Seniority, "seniority group" {
        Junior => "junior", "seniority-junior",
        Intermediate => "intermediate", "seniority-intermediate",
        Senior => "senior", "seniority-senior",
    }
);

/// A study's seniority cut-points in years of experience: junior ≤ `junior_max`,
/// intermediate ≤ `intermediate_max`, senior above.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CutPoints {
    pub junior_max: i64,
    pub intermediate_max: i64,
}

impl Default for CutPoints {
    /// The seed study's: junior ≤ 5 years, intermediate ≤ 10.
    fn default() -> Self {
        CutPoints {
            junior_max: 5,
            intermediate_max: 10,
        }
    }
}

impl CutPoints {
    /// Whether the cut-points order the groups: `0 ≤ junior < intermediate`.
    pub fn are_ordered(self) -> bool {
        self.junior_max >= 0 && self.intermediate_max > self.junior_max
    }
}

impl Seniority {
    /// The group of a reader with `years` of experience.
    pub fn from_years(years: i64, cut: CutPoints) -> Seniority {
        if years <= cut.junior_max {
            Seniority::Junior
        } else if years <= cut.intermediate_max {
            Seniority::Intermediate
        } else {
            Seniority::Senior
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seniority_follows_the_default_cut_points() {
        let cut = CutPoints::default();
        assert_eq!(Seniority::from_years(0, cut), Seniority::Junior);
        assert_eq!(Seniority::from_years(5, cut), Seniority::Junior);
        assert_eq!(Seniority::from_years(6, cut), Seniority::Intermediate);
        assert_eq!(Seniority::from_years(10, cut), Seniority::Intermediate);
        assert_eq!(Seniority::from_years(11, cut), Seniority::Senior);
    }

    #[test]
    fn admins_may_do_what_coordinators_may_and_coordinators_what_readers_may() {
        assert!(Role::Admin.includes(Role::Coordinator));
        assert!(Role::Coordinator.includes(Role::Reader));
        assert!(!Role::Coordinator.includes(Role::Admin));
        assert!(!Role::Reader.includes(Role::Coordinator));
    }

    #[test]
    fn cut_points_must_put_junior_below_intermediate() {
        assert!(CutPoints::default().are_ordered());
        assert!(!CutPoints {
            junior_max: 5,
            intermediate_max: 5
        }
        .are_ordered());
        assert!(!CutPoints {
            junior_max: -1,
            intermediate_max: 5
        }
        .are_ordered());
    }
}
