//! A reader study's results: every table and figure of the results page, computed from the
//! study's reads ([`StudyData`]) with the MRMC engine of this crate.

pub mod data;

pub use data::{
    rating_from_confidence, Design, Modality, Seniority, StudyCase, StudyData, StudyRead,
    StudyReader,
};
