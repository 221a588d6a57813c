//! The knee-radiograph phantom generator: a deterministic stand-in for the OS-vs-GCT study data.
//!
//! Each case is drawn from its own random stream (`seed`, case index), so cases can be generated
//! in any order, in parallel or streamed, and a seed always gives the same data set. Entry points:
//! [`generate`] for a whole data set, [`plan`] + [`generate_case`] for one case at a time.

mod acquisition;
mod anatomy;
mod bone;
mod clinical;
mod lesion;
mod noise;
mod plan;
mod scene;
mod spec;

pub use acquisition::HospitalProfile;
pub use clinical::{ClinicalProfile, ClinicalRecord};
pub use plan::{plan, CasePlan};
pub use scene::{clinical_record, generate_case};
pub use spec::LesionSpec;

use crate::error::{ImagingError, Result};
use crate::grey::GreyImage;

/// The diagnosis: the truth the readers and the AI are scored against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// Lytic osteosarcoma (the positive class).
    Os,
    /// Giant-cell tumour of bone.
    Gct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    DistalFemur,
    ProximalTibia,
    ProximalFibula,
}

/// What a case is used for (internal test: held-out cases of the training hospitals;
/// external test: every case of the held-out hospital).
pub use vocab::Split;

macro_rules! labelled {
    ($ty:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        impl $ty {
            /// The label used in the manifest CSV.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// Parses a manifest label (as written by [`Self::label`]).
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($label => Some(Self::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.label())
            }
        }
    };
}

labelled!(Class { Os => "OS", Gct => "GCT" });
labelled!(Sex { Male => "M", Female => "F" });
labelled!(Location {
    DistalFemur => "distal_femur",
    ProximalTibia => "proximal_tibia",
    ProximalFibula => "proximal_fibula",
});

impl Location {
    pub const ALL: [Location; 3] = [
        Location::DistalFemur,
        Location::ProximalTibia,
        Location::ProximalFibula,
    ];
}

/// What to generate. `Default` is the seed study: 136 OS + 197 GCT at 512², four hospitals with
/// "H4" held out as the external test set, 70/30 train/internal split stratified by class on the
/// other three, and 4 practice cases.
#[derive(Debug, Clone, PartialEq)]
pub struct PhantomConfig {
    pub cases_os: usize,
    pub cases_gct: usize,
    pub seed: u64,
    /// Side of the square images, pixels.
    pub size: u32,
    pub hospitals: Vec<HospitalProfile>,
    /// Fraction of the non-external, non-practice cases put in the internal test set.
    pub internal_fraction: f64,
    pub practice_cases: usize,
    /// Fraction of each class drawn part of the way toward the other class's appearance.
    pub lookalike_fraction: f64,
}

impl Default for PhantomConfig {
    fn default() -> Self {
        Self {
            cases_os: 136,
            cases_gct: 197,
            seed: 2024,
            size: 512,
            hospitals: HospitalProfile::seed_study(),
            internal_fraction: 0.3,
            practice_cases: 4,
            lookalike_fraction: 0.1,
        }
    }
}

impl PhantomConfig {
    /// The seed study's shape scaled to `total` cases, keeping its OS:GCT ratio (136:197).
    pub fn with_total(total: usize, seed: u64) -> Self {
        let base = Self::default();
        let cases_os = (total as f64 * base.cases_os as f64
            / (base.cases_os + base.cases_gct) as f64)
            .round() as usize;
        Self {
            cases_os,
            cases_gct: total - cases_os,
            seed,
            ..base
        }
    }

    /// Checks the configuration can produce a data set.
    ///
    /// # Errors
    /// [`ImagingError::Config`] naming the offending field.
    pub fn validate(&self) -> Result<()> {
        let fail = |m: String| Err(ImagingError::Config(m));
        if self.cases_os + self.cases_gct == 0 {
            return fail("no cases requested; set --cases to at least 1".into());
        }
        if !(64..=4096).contains(&self.size) {
            return fail(format!("size {} is outside 64..=4096 pixels", self.size));
        }
        if self.hospitals.is_empty() {
            return fail("no hospitals; give at least one acquisition profile".into());
        }
        if let Some(h) = self
            .hospitals
            .iter()
            .find(|h| h.share.is_nan() || h.share <= 0.0)
        {
            return fail(format!(
                "hospital {} has share {}; shares must be positive",
                h.name, h.share
            ));
        }
        if let Some(h) = self
            .hospitals
            .iter()
            .find(|h| !(8..=16).contains(&h.bits_stored))
        {
            return fail(format!(
                "hospital {} stores {} bits; use 8 to 16",
                h.name, h.bits_stored
            ));
        }
        if !(0.0..=1.0).contains(&self.internal_fraction)
            || !(0.0..=1.0).contains(&self.lookalike_fraction)
        {
            return fail("internal_fraction and lookalike_fraction must lie in 0..=1".into());
        }
        Ok(())
    }
}

/// One generated case.
#[derive(Debug, Clone, PartialEq)]
pub struct PhantomCase {
    pub case_id: String,
    pub truth: Class,
    /// Age in whole years.
    pub age: u32,
    pub sex: Sex,
    pub location: Location,
    /// Hospital name, e.g. "H4".
    pub site: String,
    pub split: Split,
    /// True if the lesion was drawn part of the way toward the other class's appearance.
    pub lookalike: bool,
    /// Stored values as the hospital's DICOM would hold them, with photometric and window.
    pub image: GreyImage,
    /// Lesion mask, row-major like the image: 1 inside the lesion (bone lesion, periosteal
    /// reaction, soft-tissue mass), 0 elsewhere.
    pub mask: Vec<u8>,
}

/// Generates the whole data set described by `config`, in case-id order.
///
/// # Errors
/// [`ImagingError::Config`] if the configuration is invalid.
pub fn generate(config: &PhantomConfig) -> Result<Vec<PhantomCase>> {
    Ok(plan(config)?
        .iter()
        .map(|p| generate_case(config, p))
        .collect())
}
