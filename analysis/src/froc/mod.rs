//! Localization (free-response, FROC) studies: the truth of each case's lesions, every reader's
//! marks, the figures of merit RJafroc defines on them, and their OR and DBM analyses.
//!
//! A reader places zero or more marks on a case, each with a rating. A mark on a lesion is a
//! lesion localization (LL) of that lesion (the highest-rated one counts); any other mark is a
//! non-lesion localization (NL). A lesion nobody marked, and a case without NL marks, carry the
//! rating −∞ (Chakraborty's convention and RJafroc's `-Inf`), which ties with itself.
//!
//! - [`data`]: the validated study ([`Localization`]) built from truth and marks.
//! - [`fom`]: wAFROC, AFROC, wAFROC1, AFROC1 and HrAuc with their leave-one-case-out values,
//!   and the descriptive HrSe, HrSp, MaxLLF, MaxNLF.
//! - [`export`]: a study written back in that format (`marks.zip`).
//! - [`input`]: the tool-neutral `truth.csv` / `marks.csv` pair (`lector analyze --marks`).
//! - [`report`]: [`analyze`] with the same JSON keys as the ROC report.
//! - [`table`]: the results page's table of wAFROC by seniority group, unaided vs aided.
//!
//! Reference: D. P. Chakraborty, *Observer Performance Methods for Diagnostic Imaging* (CRC
//! Press, 2017), chapters 13–17; RJafroc 2.1.3 (`src/MyFOM.cpp`, `StSignificanceTesting`).

pub mod curves;
pub mod data;
pub mod export;
pub mod fom;
#[cfg(feature = "csv")]
pub mod input;
pub mod report;
pub mod table;

pub use data::{CaseMarks, Lesion, Localization, LocalizationTruth};
pub use fom::{localization_table, reading_summary, LocalizationFom, ReadingSummary};
pub use report::{analyze, LocalizationReport};
