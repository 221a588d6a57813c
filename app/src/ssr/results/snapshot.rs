//! Everything the results of a study are computed from, loaded once from the store: readers,
//! cases, the current model's AI outputs and the effective reads (corrections applied, practice
//! left out), turned into the analysis crate's [`StudyData`].

use std::collections::HashMap;

use analysis::study::{rating_from_confidence, StudyCase, StudyData, StudyRead, StudyReader};
use store::{AiOutputRow, Case, RatingScale, Read, Reader, Store, Study};

use crate::ssr::access::store_error;
use crate::AppError;

/// A study's stored state at one moment.
pub struct Snapshot {
    pub study: Study,
    pub readers: Vec<Reader>,
    /// Every case of the study, all splits (training cases fit the clinical model).
    pub cases: Vec<Case>,
    /// The current model's output per case (`cases.id`).
    pub ai: HashMap<i64, AiOutputRow>,
    /// The reads that count: sessions ≥ 1, the latest of each (reader, case, stage).
    pub reads: Vec<Read>,
}

/// Loads a study's snapshot.
///
/// # Errors
/// [`AppError::Internal`] when the store fails.
pub async fn load(store: &Store, study: Study) -> Result<Snapshot, AppError> {
    let failed = |e| store_error("load the study's results", e);
    let readers = store.list_readers(study.id).await.map_err(failed)?;
    let cases = store.list_cases(study.id).await.map_err(failed)?;
    let ai = store
        .ai_outputs(study.id, crate::ssr::ai::model_version())
        .await
        .map_err(failed)?
        .into_iter()
        .map(|row| (row.case_ref, row))
        .collect();
    let reads = effective_reads(store.reads_of_study(study.id).await.map_err(failed)?);
    Ok(Snapshot {
        study,
        readers,
        cases,
        ai,
        reads,
    })
}

/// Drops practice reads and every read a later correction superseded.
pub fn effective_reads(reads: Vec<Read>) -> Vec<Read> {
    let superseded: std::collections::HashSet<i64> =
        reads.iter().filter_map(|r| r.read.supersedes).collect();
    reads
        .into_iter()
        .filter(|r| r.read.session >= 1 && !superseded.contains(&r.id))
        .collect()
}

/// The ROC rating of a stored read on the study's scale (see [`rating_from_confidence`]).
pub fn rating(scale: RatingScale, read: &Read) -> f64 {
    match scale {
        RatingScale::Confidence => {
            rating_from_confidence(read.read.call_positive, read.read.score as f64)
        }
        RatingScale::Ordinal5 => read.read.score as f64,
    }
}

impl Snapshot {
    /// The test cases readers read (every split but training and practice).
    pub fn test_cases(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter().filter(|c| c.case.split.is_test())
    }

    /// The analysis input: test cases with the CNN's and the clinical model's probabilities,
    /// readers with their seniority, and each read with its ROC rating.
    pub fn study_data(&self) -> StudyData {
        let clinical = super::clinical::probabilities(&self.cases);
        let cases: Vec<&Case> = self.test_cases().collect();
        let case_index: HashMap<i64, usize> =
            cases.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let reader_index: HashMap<i64, usize> = self
            .readers
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
        let reads = self
            .reads
            .iter()
            .filter_map(|read| {
                Some(StudyRead {
                    reader: *reader_index.get(&read.read.reader_id)?,
                    case: *case_index.get(&read.read.case_ref)?,
                    session: read.read.session,
                    position: read.read.position,
                    modality: read.read.modality(),
                    call: read.read.call_positive,
                    rating: rating(self.study.config.rating_scale, read),
                    active_ms: read.read.active_ms,
                })
            })
            .collect();
        StudyData {
            design: self.study.design,
            positive_label: self.study.positive_label.clone(),
            negative_label: self.study.negative_label.clone(),
            readers: self
                .readers
                .iter()
                .map(|r| StudyReader {
                    id: r.email.clone(),
                    name: r.name.clone(),
                    hospital: r.hospital.clone(),
                    years_experience: r.years_experience,
                    seniority: r.seniority,
                })
                .collect(),
            cases: cases
                .iter()
                .map(|c| StudyCase {
                    id: c.case.case_id.clone(),
                    truth: c.case.truth,
                    split: c.case.split,
                    cnn_probability: self.ai.get(&c.id).map(|o| o.probability),
                    clinical_probability: clinical.get(&c.id).copied(),
                })
                .collect(),
            reads,
            cnn_threshold: 0.5,
            cut_points: self.study.config.cut_points(),
        }
    }
}
