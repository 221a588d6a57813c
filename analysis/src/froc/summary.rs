//! The descriptive figures of one reading, as RJafroc's `UtilFigureOfMerit` defines them: HrSe
//! the fraction of abnormal cases with any mark, HrSp the fraction of normal cases with no mark,
//! MaxLLF the fraction of lesions marked, MaxNLF the NL marks per normal case, MaxNLFAllCases the
//! NL marks per case (the end points of the FROC curve), and the mark counts.

use serde::Serialize;

use super::data::{CaseMarks, Localization};

/// The descriptive figures of one reading (module doc).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingSummary {
    pub reader: String,
    pub modality: String,
    pub hr_se: f64,
    pub hr_sp: f64,
    pub max_llf: f64,
    pub max_nlf: f64,
    pub max_nlf_all_cases: f64,
    /// Marks placed: on lesions (LL) and elsewhere (NL).
    pub ll_marks: usize,
    pub nl_marks: usize,
}

/// The descriptive figures of one reading.
pub fn reading_summary(study: &Localization, modality: usize, reader: usize) -> ReadingSummary {
    let truth = study.truth();
    let marks = study.reading(modality, reader);
    let (k1, k2) = (truth.normals() as f64, truth.abnormals() as f64);
    let split = |abnormal: bool| {
        marks
            .iter()
            .enumerate()
            .filter(move |(k, _)| truth.is_abnormal(*k) == abnormal)
            .map(|(_, m)| m)
    };
    let count = |it: &mut dyn Iterator<Item = &CaseMarks>| it.count() as f64;
    let ll_marks: usize = marks.iter().map(CaseMarks::marked_lesions).sum();
    let nl_marks: usize = marks.iter().map(|m| m.nl.len()).sum();
    let nl_on_normals: usize = split(false).map(|m| m.nl.len()).sum();
    ReadingSummary {
        reader: study.readers()[reader].clone(),
        modality: study.modalities()[modality].clone(),
        hr_se: count(&mut split(true).filter(|m| m.highest().is_finite())) / k2,
        hr_sp: count(&mut split(false).filter(|m| !m.highest().is_finite())) / k1,
        max_llf: ll_marks as f64 / truth.total_lesions() as f64,
        max_nlf: nl_on_normals as f64 / k1,
        max_nlf_all_cases: nl_marks as f64 / (k1 + k2),
        ll_marks,
        nl_marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::froc::test_support::{case, study, NONE};

    #[test]
    fn the_summary_counts_marked_cases_lesions_and_false_marks() {
        let s = study(vec![
            case(&[2.0, 4.0], &[]),
            case(&[], &[]),
            case(&[4.0], &[NONE]),
            case(&[], &[NONE, 4.0]),
        ]);

        let x = reading_summary(&s, 0, 0);

        assert_eq!((x.hr_se, x.hr_sp), (1.0, 0.5));
        assert!((x.max_llf - 1.0 / 3.0).abs() < 1e-15);
        assert_eq!((x.max_nlf, x.max_nlf_all_cases), (1.0, 0.75));
        assert_eq!((x.ll_marks, x.nl_marks), (1, 3));
    }
}
