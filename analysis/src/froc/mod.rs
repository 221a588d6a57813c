//! Localization (free-response, FROC) studies: the truth of each case's lesions, every reader's
//! marks, the figures of merit RJafroc defines on them, and their OR and DBM analyses.
//!
//! A reader places zero or more marks on a case, each with a rating. A mark on a lesion is a
//! lesion localization (LL) of that lesion (the highest-rated one counts); any other mark is a
//! non-lesion localization (NL). A lesion nobody marked, and a case without NL marks, carry the
//! rating −∞ (Chakraborty's convention and RJafroc's `-Inf`), which ties with itself.
//!
//! - [`data`]: the validated study ([`Localization`]) built from truth and marks.
//! - [`fom`]: wAFROC, AFROC, wAFROC1, AFROC1 and HrAuc with their leave-one-case-out values;
//!   [`summary`]: the descriptive HrSe, HrSp, MaxLLF, MaxNLF.
//! - [`export`]: a study written back in that format (`marks.zip`).
//! - [`input`]: the tool-neutral `truth.csv` / `marks.csv` pair (`lector analyze --marks`).
//! - [`report`]: [`analyze`]; [`render`]: its JSON (the ROC report's keys), Markdown and CSV.
//! - [`table`]: the results page's table of wAFROC by seniority group, unaided vs aided;
//!   [`versus_ai`]: the AI as a reader against the readers (RJafroc's CAD vs radiologists).
//!
//! Reference: D. P. Chakraborty, *Observer Performance Methods for Diagnostic Imaging* (CRC
//! Press, 2017), chapters 13–17; RJafroc 2.1.3 (`src/MyFOM.cpp`, `StSignificanceTesting`).

pub mod curves;
pub mod data;
pub mod export;
pub mod fom;
#[cfg(test)]
mod fom_tests;
pub mod froc_plot;
#[cfg(feature = "csv")]
pub mod input;
pub mod render;
pub mod report;
pub mod summary;
pub mod table;
#[cfg(test)]
mod test_support;
pub mod versus_ai;

pub use data::{CaseMarks, Lesion, Localization, LocalizationTruth};
pub use fom::{localization_table, LocalizationFom};
pub use report::{analyze, LocalizationReport};
pub use summary::{reading_summary, ReadingSummary};
