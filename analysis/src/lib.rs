//! Reader-study statistics: ROC, DeLong, Obuchowski–Rockette and DBM MRMC analysis. No web, no database.
//!
//! Entry points: [`input::read_csv_path`] / [`input::read_csv_bytes`] parse long-format reads
//! into a validated [`Reads`]; [`analyze`] runs every table and returns a [`Report`] that renders
//! as JSON, Markdown or CSV. The lower-level pieces ([`roc`], [`delong`], [`or`], [`dbm`],
//! [`binary`]) stay public for the results page.
//!
//! [`table`] and [`figure`] hold the study results as data; [`export`] renders them as CSV,
//! Markdown, LaTeX, XLSX and a standalone HTML report, and writes the reads in the input formats
//! of iMRMC and RJafroc; [`figure::svg`] draws the figures.
//!
//! [`froc`] does the same for localization (FROC) studies: wAFROC, AFROC and HrAuc with the
//! same OR and DBM analyses, as RJafroc.

pub mod binary;
pub mod clustered;
pub mod covariance;
pub mod dbm;
pub mod delong;
pub mod design;
pub mod dist;
pub mod error;
pub mod export;
pub mod figure;
pub mod fom;
pub mod froc;
pub mod inference;
#[cfg(feature = "csv")]
pub mod input;
pub mod or;
pub mod report;
pub mod roc;
pub mod simulate;
pub mod standalone;
pub mod study;
pub mod table;

pub use covariance::Covariance;
pub use design::Reads;
pub use error::AnalysisError;
pub use fom::Fom;
pub use report::{analyze, AnalyzeOptions, Format, MrmcMethod, Report};
