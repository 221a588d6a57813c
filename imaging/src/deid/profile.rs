//! The attributes of DICOM PS3.15 Table E.1-1 and what the Basic Application Level
//! Confidentiality Profile, with the options Lector offers, does to each (`basic_profile.tsv`).

use std::collections::HashMap;
use std::sync::OnceLock;

/// What happens to an attribute (PS3.15 E.3.1's action codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// X: removed.
    Remove,
    /// Z: kept with an empty value.
    Empty,
    /// D: replaced by a dummy value of its VR.
    Dummy,
    /// U: a UID replaced by another, the same for the same UID throughout a study.
    Uid,
    /// K: kept as it is (an option retains it).
    Keep,
}

/// The study's choices among the profile's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Retain Patient Characteristics Option (113108): age, sex, size, weight … (the clinical
    /// facts a study may show readers).
    pub keep_patient_characteristics: bool,
    /// Keep descriptions (study, series, protocol, comments) as they are. Not the standard's
    /// Clean Descriptors Option, which cleans them of identifying text: a study that keeps them
    /// vouches for them.
    pub keep_descriptors: bool,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The tag as written in the standard, `GGGGEEEE`, with `X` for any hex digit (`50XXXXXX`).
    pub pattern: String,
    pub name: String,
    basic: String,
    patient_characteristics: bool,
    descriptor: bool,
}

impl Rule {
    /// The action under `options`. The standard's compound codes depend on whether the IOD
    /// requires the attribute (X/Z: Z when it is Type 2, …); without the IOD at hand the
    /// stricter choice that keeps the file valid is taken: X/Z → Z, X/D, Z/D and X/Z/D → D,
    /// X/Z/U* → U.
    pub fn action(&self, options: Options) -> Action {
        if (options.keep_patient_characteristics && self.patient_characteristics)
            || (options.keep_descriptors && self.descriptor)
        {
            return Action::Keep;
        }
        match self.basic.as_str() {
            "X" => Action::Remove,
            "Z" | "X/Z" => Action::Empty,
            "U" | "X/Z/U*" => Action::Uid,
            _ => Action::Dummy,
        }
    }

    fn matches(&self, tag: u32) -> bool {
        let hex = format!("{tag:08X}");
        self.pattern
            .chars()
            .zip(hex.chars())
            .all(|(p, h)| p == 'X' || p == h)
    }
}

/// Every row of Table E.1-1, in tag order.
pub fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        include_str!("basic_profile.tsv")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(|line| {
                let fields: Vec<&str> = line.split('\t').collect();
                Rule {
                    pattern: fields[0].to_string(),
                    basic: fields[1].to_string(),
                    patient_characteristics: fields[2] == "K",
                    // C (clean) in the Clean Descriptors column marks a descriptor.
                    descriptor: !fields[3].is_empty(),
                    name: fields[4].to_string(),
                }
            })
            .collect()
    })
}

/// The rule for `tag` (group << 16 | element), if the table names it.
pub fn rule_for(tag: u32) -> Option<&'static Rule> {
    static EXACT: OnceLock<HashMap<u32, usize>> = OnceLock::new();
    let exact = EXACT.get_or_init(|| {
        rules()
            .iter()
            .enumerate()
            .filter_map(|(i, r)| u32::from_str_radix(&r.pattern, 16).ok().map(|t| (t, i)))
            .collect()
    });
    if let Some(&i) = exact.get(&tag) {
        return Some(&rules()[i]);
    }
    // Repeating groups (curves 50xx, overlays 60xx).
    rules()
        .iter()
        .filter(|r| r.pattern.contains('X'))
        .find(|r| r.matches(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASIC: Options = Options {
        keep_patient_characteristics: false,
        keep_descriptors: false,
    };

    #[test]
    fn the_table_has_every_row_of_e_1_1_but_the_private_attributes_rule() {
        assert_eq!(rules().len(), 620);
    }

    #[test]
    fn names_and_ids_go_and_uids_are_replaced() {
        assert_eq!(rule_for(0x0010_0010).unwrap().action(BASIC), Action::Empty);
        assert_eq!(rule_for(0x0010_1040).unwrap().action(BASIC), Action::Remove);
        assert_eq!(rule_for(0x0008_0080).unwrap().action(BASIC), Action::Dummy);
        assert_eq!(rule_for(0x0020_000D).unwrap().action(BASIC), Action::Uid);
        assert_eq!(rule_for(0x0028_0010), None, "Rows is not identifying");
    }

    #[test]
    fn the_patient_characteristics_option_keeps_age_and_sex() {
        let keep = Options {
            keep_patient_characteristics: true,
            keep_descriptors: false,
        };
        for tag in [0x0010_1010, 0x0010_0040] {
            assert_eq!(
                rule_for(tag).unwrap().action(BASIC),
                if tag == 0x0010_0040 {
                    Action::Empty
                } else {
                    Action::Remove
                }
            );
            assert_eq!(rule_for(tag).unwrap().action(keep), Action::Keep);
        }
        assert_eq!(rule_for(0x0010_0010).unwrap().action(keep), Action::Empty);
    }

    #[test]
    fn overlays_and_curves_in_any_repeating_group_are_removed() {
        assert_eq!(rule_for(0x6002_3000).unwrap().name, "Overlay Data");
        assert_eq!(rule_for(0x5010_0005).unwrap().action(BASIC), Action::Remove);
    }
}
