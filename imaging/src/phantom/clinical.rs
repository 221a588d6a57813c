//! Clinical metadata of a phantom case (age, sex, lesion site), drawn per class so that a model
//! on these variables alone is weak, as it is in real series.
//!
//! The parameters are the ones the study specification gives (issue 4): OS age log-normal with
//! median 23 y and log-sd 0.45, 60 % male; GCT median 28 y, log-sd 0.33, 52 % male; knee sites
//! distal femur / proximal tibia / proximal fibula 0.55 / 0.37 / 0.08 for OS and 0.50 / 0.44 /
//! 0.06 for GCT. They follow the usual epidemiology: OS peaks in adolescence and young adulthood,
//! GCT after physeal closure in the third and fourth decades, both around the knee.

use super::{Class, Location, Sex};
use vocab::SplitMix64;

/// Age in whole years, sex and lesion site of one case.
pub type ClinicalRecord = (u32, Sex, Location);

/// Parameters of one class's clinical distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClinicalProfile {
    pub age_median: f64,
    pub age_log_sd: f64,
    pub male: f64,
    /// Probabilities of distal femur, proximal tibia, proximal fibula.
    pub locations: [f64; 3],
}

impl ClinicalProfile {
    /// The published distribution for `class` (see the module documentation).
    pub fn of(class: Class) -> Self {
        match class {
            Class::Os => Self {
                age_median: 23.0,
                age_log_sd: 0.45,
                male: 0.60,
                locations: [0.55, 0.37, 0.08],
            },
            Class::Gct => Self {
                age_median: 28.0,
                age_log_sd: 0.33,
                male: 0.52,
                locations: [0.50, 0.44, 0.06],
            },
        }
    }

    /// Draws (age in whole years, clamped to 6..=85, sex, location).
    pub(crate) fn draw(&self, rng: &mut SplitMix64) -> ClinicalRecord {
        let age = rng
            .lognormal(self.age_median, self.age_log_sd)
            .round()
            .clamp(6.0, 85.0) as u32;
        let sex = if rng.bernoulli(self.male) {
            Sex::Male
        } else {
            Sex::Female
        };
        let location = Location::ALL[rng.weighted(&self.locations)];
        (age, sex, location)
    }
}
