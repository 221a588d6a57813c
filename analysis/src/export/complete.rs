//! The reads the reference-tool exports hold: those of the *complete* readers, who rated every
//! test case under both modalities, so the tools get the fully crossed design they require.

use std::collections::HashMap;

use crate::study::{Modality, StudyData};

/// Unaided first, as the tools list modalities and as Lector reports the difference.
pub const MODALITIES: [Modality; 2] = [Modality::Unaided, Modality::Aided];

/// The complete readers of a study and their ratings.
pub struct Complete {
    /// Indices into [`StudyData::readers`] of the readers with a rating for every case under
    /// both modalities, in the study's order.
    pub readers: Vec<usize>,
    ratings: HashMap<(usize, usize, Modality), f64>,
}

impl Complete {
    /// Collects the ratings; when a reader, case and modality appear twice, the later read wins
    /// (the input already holds only the latest, so this is a safeguard).
    pub fn of(data: &StudyData) -> Complete {
        let mut ratings = HashMap::new();
        for read in &data.reads {
            if read.reader < data.readers.len() && read.case < data.cases.len() {
                ratings.insert((read.reader, read.case, read.modality), read.rating);
            }
        }
        let readers = (0..data.readers.len())
            .filter(|&reader| {
                (0..data.cases.len()).all(|case| {
                    MODALITIES
                        .iter()
                        .all(|&m| ratings.contains_key(&(reader, case, m)))
                })
            })
            .collect();
        Complete { readers, ratings }
    }

    /// The rating of a complete reader; every (case, modality) has one.
    pub fn rating(&self, reader: usize, case: usize, modality: Modality) -> f64 {
        self.ratings[&(reader, case, modality)]
    }
}

/// An identifier safe in a comma-separated line: commas, quotes and whitespace runs become `_`.
pub fn plain_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.trim().chars() {
        if c == ',' || c == '"' || c.is_whitespace() || c.is_control() {
            if !out.ends_with('_') {
                out.push('_');
            }
        } else {
            out.push(c);
        }
    }
    if out.is_empty() {
        "_".into()
    } else {
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::study::{
        CutPoints, ReadingDesign, Seniority, Split, StudyCase, StudyRead, StudyReader,
    };

    /// Three readers and four cases; `r3` skipped one aided read, so only `r1` and `r2` are
    /// complete. Ratings are `reader * 10 + case + (aided ? 0.5 : 0)`.
    pub fn study() -> StudyData {
        let reader = |id: &str, name: &str| StudyReader {
            id: id.into(),
            name: name.into(),
            hospital: "H".into(),
            years_experience: 3,
            seniority: Seniority::Junior,
        };
        let case = |id: &str, truth: bool| StudyCase {
            id: id.into(),
            truth,
            split: Split::Internal,
            cnn_probability: None,
            clinical_probability: None,
        };
        let mut reads = Vec::new();
        for reader in 0..3 {
            for case in 0..4 {
                for (session, modality) in [(1, Modality::Unaided), (2, Modality::Aided)] {
                    if reader == 2 && case == 3 && modality == Modality::Aided {
                        continue;
                    }
                    reads.push(StudyRead {
                        reader,
                        case,
                        session,
                        position: case as i64 + 1,
                        modality,
                        call: case % 2 == 0,
                        rating: reader as f64 * 10.0
                            + case as f64
                            + if session == 2 { 0.5 } else { 0.0 },
                        active_ms: 1000,
                    });
                }
            }
        }
        StudyData {
            design: ReadingDesign::Crossover,
            positive_label: "osteosarcoma".into(),
            negative_label: "giant-cell tumour".into(),
            readers: vec![
                reader("r1", "Ana"),
                reader("r 2", "<b>Bo</b>"),
                reader("r3", "Cy"),
            ],
            cases: vec![
                case("c1", true),
                case("c,2", false),
                case("c3", true),
                case("c4", false),
            ],
            reads,
            cnn_threshold: 0.5,
            cut_points: CutPoints::default(),
        }
    }

    #[test]
    fn only_readers_with_every_case_under_both_modalities_are_complete() {
        let complete = Complete::of(&study());

        assert_eq!(complete.readers, vec![0, 1]);
        assert_eq!(complete.rating(1, 2, Modality::Aided), 12.5);
    }

    #[test]
    fn identifiers_lose_their_commas_and_spaces() {
        assert_eq!(plain_id(" c,2 "), "c_2");
        assert_eq!(plain_id("r  2\n"), "r_2");
        assert_eq!(plain_id(""), "_");
    }
}
