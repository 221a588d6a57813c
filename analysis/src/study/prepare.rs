//! Which readers enter the MRMC analyses (the complete ones), the seniority groups they form,
//! and the fully crossed [`Reads`] the engine needs, built from a study's reads.

use serde::Serialize;

use super::data::{Modality, Seniority, StudyData, StudyRead};
use crate::design::Reads;
use crate::error::Result;

/// The two modalities in analysis order: unaided first, so an OR difference is unaided − aided.
pub const MODALITIES: [Modality; 2] = [Modality::Unaided, Modality::Aided];

/// A row group of the results: one seniority group or all readers together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Of(Seniority),
    All,
}

impl Group {
    /// Junior, intermediate, senior, then all readers: the row order of every group table.
    pub const ALL: [Group; 4] = [
        Group::Of(Seniority::Junior),
        Group::Of(Seniority::Intermediate),
        Group::Of(Seniority::Senior),
        Group::All,
    ];

    /// The message key of the group's label.
    pub fn key(self) -> &'static str {
        match self {
            Group::Of(Seniority::Junior) => "results-group-junior",
            Group::Of(Seniority::Intermediate) => "results-group-intermediate",
            Group::Of(Seniority::Senior) => "results-group-senior",
            Group::All => "results-group-all",
        }
    }

    /// The seniority's text form, or `all`, for identifiers.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Of(seniority) => seniority.as_str(),
            Group::All => "all",
        }
    }

    /// The group of a seniority.
    pub fn of(seniority: Seniority) -> Group {
        Group::Of(seniority)
    }

    /// Whether a reader of this seniority belongs to the group.
    pub fn contains(self, seniority: Seniority) -> bool {
        self == Group::All || self == Group::Of(seniority)
    }
}

impl Serialize for Group {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A study's reads laid out densely as `[reader][modality][case]`, with its complete readers.
#[derive(Debug)]
pub struct Prepared<'a> {
    pub data: &'a StudyData,
    /// Indices of the readers who read every case in both modalities, in reader order.
    pub complete: Vec<usize>,
    /// Readers with at least one read who are not complete.
    pub in_progress: usize,
    slots: Vec<Option<usize>>,
}

fn modality_index(m: Modality) -> usize {
    match m {
        Modality::Unaided => 0,
        Modality::Aided => 1,
    }
}

impl<'a> Prepared<'a> {
    /// Indexes the reads; a later read of the same reader, case and modality replaces an earlier
    /// one (the input should hold only the latest, see [`StudyRead`]).
    pub fn new(data: &'a StudyData) -> Self {
        let (r, c) = (data.readers.len(), data.cases.len());
        let mut slots = vec![None; r * 2 * c];
        for (i, read) in data.reads.iter().enumerate() {
            if read.reader < r && read.case < c {
                slots[(read.reader * 2 + modality_index(read.modality)) * c + read.case] = Some(i);
            }
        }
        // With no cases nobody is complete (rather than everybody, vacuously).
        let complete: Vec<usize> = (0..r)
            .filter(|&j| {
                c > 0
                    && slots[j * 2 * c..(j + 1) * 2 * c]
                        .iter()
                        .all(Option::is_some)
            })
            .collect();
        let started = (0..r)
            .filter(|&j| {
                slots[j * 2 * c..(j + 1) * 2 * c]
                    .iter()
                    .any(Option::is_some)
            })
            .count();
        Self {
            data,
            in_progress: started - complete.len().min(started),
            complete,
            slots,
        }
    }

    /// The read of a reader, modality and case, if saved.
    pub fn read(&self, reader: usize, modality: Modality, case: usize) -> Option<&'a StudyRead> {
        let c = self.data.cases.len();
        self.slots[(reader * 2 + modality_index(modality)) * c + case].map(|i| &self.data.reads[i])
    }

    /// The complete read of a complete reader (panics for an incomplete one: a programming error).
    pub fn complete_read(&self, reader: usize, modality: Modality, case: usize) -> &'a StudyRead {
        self.read(reader, modality, case)
            .expect("complete readers have every read")
    }

    /// The complete readers of a group.
    pub fn group(&self, group: Group) -> Vec<usize> {
        self.complete
            .iter()
            .copied()
            .filter(|&j| group.contains(self.data.readers[j].seniority))
            .collect()
    }

    /// All case indices.
    pub fn all_cases(&self) -> Vec<usize> {
        (0..self.data.cases.len()).collect()
    }

    /// Cases the CNN has scored.
    pub fn cnn_cases(&self) -> Vec<usize> {
        (0..self.data.cases.len())
            .filter(|&k| self.data.cases[k].cnn_probability.is_some())
            .collect()
    }

    /// A fully crossed design of some complete readers on some cases, with `value` of each read
    /// as the rating (the ROC rating, or the call as 0/1 for the binary figures).
    ///
    /// # Errors
    /// As [`Reads::new`] (e.g. `TooFew` when the cases hold a single truth class).
    pub fn reads(
        &self,
        readers: &[usize],
        cases: &[usize],
        value: impl Fn(&StudyRead) -> f64,
    ) -> Result<Reads> {
        let mut ratings = Vec::with_capacity(2 * readers.len() * cases.len());
        for m in MODALITIES {
            for &j in readers {
                for &k in cases {
                    ratings.push(value(self.complete_read(j, m, k)));
                }
            }
        }
        Reads::new(
            readers
                .iter()
                .map(|&j| self.data.readers[j].id.clone())
                .collect(),
            MODALITIES.iter().map(|m| m.as_str().to_string()).collect(),
            cases
                .iter()
                .map(|&k| self.data.cases[k].id.clone())
                .collect(),
            cases.iter().map(|&k| self.data.cases[k].truth).collect(),
            ratings,
        )
    }
}

/// The ROC rating of a read.
pub fn rating(read: &StudyRead) -> f64 {
    read.rating
}

/// The call of a read as 1 (positive) or 0.
pub fn call(read: &StudyRead) -> f64 {
    f64::from(u8::from(read.call))
}
