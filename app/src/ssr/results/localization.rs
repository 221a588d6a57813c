//! The localization analysis of a study whose readers marked lesions: each test case's lesions
//! from its mask (positive cases; negative cases are normal), every effective read's marks
//! scored as lesion or non-lesion localizations by the study's rule, and the wAFROC analysis
//! per seniority group and for all readers, unaided against AI-aided.
//!
//! A reader enters when they read every scorable test case in both modalities (the analysis is
//! fully crossed, as the ROC one); a positive case whose mask holds no lesion cannot be scored
//! and is left out (logged).

use std::collections::HashMap;
use std::path::Path;

use analysis::froc::table::seniority_table;
use analysis::froc::{
    analyze, CaseMarks, Lesion, Localization, LocalizationFom, LocalizationTruth,
};
use analysis::table::Table;
use imaging::LesionMap;
use vocab::{Modality, Seniority, StudyTask};

use super::snapshot::Snapshot;
use crate::AppError;

/// The lesion map of every scorable test case of a localization study (`cases.id` → map;
/// `None` for a normal case), read from the data directory.
pub fn lesion_maps(snapshot: &Snapshot, data_dir: &Path) -> HashMap<i64, Option<LesionMap>> {
    if snapshot.study.config.task != StudyTask::Localization {
        return HashMap::new();
    }
    snapshot
        .test_cases()
        .filter_map(|case| {
            if !case.case.truth {
                return Some((case.id, None));
            }
            if !case.case.has_mask {
                tracing::warn!(
                    case = case.id,
                    "a positive case without a mask cannot be scored"
                );
                return None;
            }
            let path = data_dir.join(&case.case.files_dir).join("mask.png");
            match LesionMap::load(&path) {
                Ok(map) if map.lesions() > 0 => Some((case.id, Some(map))),
                Ok(_) => {
                    tracing::warn!(case = case.id, "the mask of a positive case is empty");
                    None
                }
                Err(err) => {
                    tracing::warn!(case = case.id, error = %err, "the mask cannot be read");
                    None
                }
            }
        })
        .collect()
}

/// One read's marks scored against its case's lesions (the highest-rated mark on a lesion
/// is its LL; every mark off the lesions an NL).
fn score(snapshot: &Snapshot, map: Option<&LesionMap>, marks: &[vocab::Mark]) -> CaseMarks {
    let c = &snapshot.study.config;
    let mut scored = CaseMarks {
        nl: Vec::new(),
        ll: vec![f64::NEG_INFINITY; map.map_or(0, LesionMap::lesions)],
    };
    for mark in marks {
        let rating = mark.rating as f64;
        match map.and_then(|m| m.localized(mark.x, mark.y, c.mark_rule, c.acceptance_radius_pct)) {
            Some(l) => scored.ll[l] = scored.ll[l].max(rating),
            None => scored.nl.push(rating),
        }
    }
    scored
}

/// A read's marks as `reads.csv` shows them: `x y rating LL<lesion>|NL`, `; `-separated
/// (lesions numbered from 1; a mark on a case that cannot be scored shows `?`).
pub fn marks_text(
    snapshot: &Snapshot,
    maps: &HashMap<i64, Option<LesionMap>>,
    read: &store::Read,
) -> String {
    let c = &snapshot.study.config;
    read.read
        .marks
        .iter()
        .map(|m| {
            let kind = match maps.get(&read.read.case_ref) {
                None => "?".to_string(),
                Some(map) => match map
                    .as_ref()
                    .and_then(|map| map.localized(m.x, m.y, c.mark_rule, c.acceptance_radius_pct))
                {
                    Some(l) => format!("LL{}", l + 1),
                    None => "NL".to_string(),
                },
            };
            format!("{:.4} {:.4} {} {kind}", m.x, m.y, m.rating)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every scorable test case's lesions and every complete reader's scored marks.
struct Scored<'a> {
    truth: LocalizationTruth,
    cases: Vec<i64>,
    marks: HashMap<(i64, Modality, i64), CaseMarks>,
    /// Readers who read every scorable case in both modalities.
    readers: Vec<&'a store::Reader>,
}

impl<'a> Scored<'a> {
    fn of(snapshot: &'a Snapshot, maps: &HashMap<i64, Option<LesionMap>>) -> Option<Self> {
        if snapshot.study.config.task != StudyTask::Localization {
            return None;
        }
        let cases: Vec<&store::Case> = snapshot
            .test_cases()
            .filter(|c| maps.contains_key(&c.id))
            .collect();
        let lesions: Vec<Vec<Lesion>> = cases
            .iter()
            .map(|c| {
                let n = maps[&c.id].as_ref().map_or(0, LesionMap::lesions);
                (1..=n)
                    .map(|l| Lesion {
                        id: l as u32,
                        weight: 1.0 / n as f64,
                    })
                    .collect()
            })
            .collect();
        let ids = cases.iter().map(|c| c.case.case_id.clone()).collect();
        let truth = LocalizationTruth::new(ids, lesions)
            .map_err(|err| tracing::info!(error = %err, "no localization analysis yet"))
            .ok()?;
        let mut marks = HashMap::new();
        for read in &snapshot.reads {
            let Some(map) = maps.get(&read.read.case_ref) else {
                continue;
            };
            marks.insert(
                (
                    read.read.reader_id,
                    read.read.modality(),
                    read.read.case_ref,
                ),
                score(snapshot, map.as_ref(), &read.read.marks),
            );
        }
        let cases: Vec<i64> = cases.iter().map(|c| c.id).collect();
        let complete = |reader: i64| {
            Modality::ALL
                .iter()
                .all(|&m| cases.iter().all(|&c| marks.contains_key(&(reader, m, c))))
        };
        let readers = snapshot.readers.iter().filter(|r| complete(r.id)).collect();
        Some(Scored {
            truth,
            cases,
            marks,
            readers,
        })
    }

    /// The study of a group of complete readers, unaided then aided; readers named by `name`.
    fn study(
        &self,
        group: &[&store::Reader],
        name: impl Fn(&store::Reader) -> String,
    ) -> Option<Localization> {
        let mut marks = Vec::new();
        for &m in Modality::ALL {
            for r in group {
                for &c in &self.cases {
                    marks.push(self.marks.get(&(r.id, m, c)).cloned()?);
                }
            }
        }
        Localization::new(
            self.truth.clone(),
            group.iter().map(|r| name(r)).collect(),
            Modality::ALL
                .iter()
                .map(|m| m.as_str().to_string())
                .collect(),
            marks,
        )
        .ok()
    }
}

/// The wAFROC table by seniority group (each group with complete readers, then all readers
/// when there are two), or `None` for a classification study or before any complete reader.
pub fn table(snapshot: &Snapshot, maps: &HashMap<i64, Option<LesionMap>>) -> Option<Table> {
    let scored = Scored::of(snapshot, maps)?;
    let report = |group: &[&store::Reader]| {
        scored
            .study(group, |r| r.name.clone())
            .and_then(|s| analyze(&s, LocalizationFom::Wafroc).ok())
    };
    let mut groups = Vec::new();
    for &seniority in Seniority::ALL {
        let members: Vec<&store::Reader> = scored
            .readers
            .iter()
            .copied()
            .filter(|r| r.seniority == seniority)
            .collect();
        if let Some(report) = (!members.is_empty()).then(|| report(&members)).flatten() {
            groups.push((format!("results-group-{}", seniority.as_str()), report));
        }
    }
    if scored.readers.len() >= 2 {
        if let Some(report) = report(&scored.readers) {
            groups.push(("results-group-all".to_string(), report));
        }
    }
    (!groups.is_empty()).then(|| seniority_table(&groups))
}

/// The wAFROC curves of every complete reader, unaided and aided, with each modality's mean,
/// or `None` for a classification study or before two complete readers.
pub fn figure(
    snapshot: &Snapshot,
    maps: &HashMap<i64, Option<LesionMap>>,
) -> Option<analysis::figure::RocFigure> {
    let scored = Scored::of(snapshot, maps)?;
    if scored.readers.len() < 2 {
        return None;
    }
    let study = scored.study(&scored.readers, |r| r.name.clone())?;
    analysis::froc::curves::wafroc_figure(&study, "wafroc_all")
        .map_err(|err| tracing::info!(error = %err, "no wAFROC figure yet"))
        .ok()
}

/// The RJafroc FROC workbook of a localization study's complete readers (readers and modalities
/// numbered from 0, cases from 1, in the study's order), or `None` for a classification study
/// (whose `rjafroc.xlsx` is the ROC workbook).
///
/// # Errors
/// [`AppError::Invalid`] before a complete reader; [`AppError::Internal`] when writing fails.
pub fn rjafroc_froc(
    snapshot: &Snapshot,
    maps: &HashMap<i64, Option<LesionMap>>,
) -> Result<Option<Vec<u8>>, AppError> {
    if snapshot.study.config.task != StudyTask::Localization {
        return Ok(None);
    }
    let scored = Scored::of(snapshot, maps)
        .ok_or_else(|| AppError::Invalid("no case of this study can be scored yet".into()))?;
    let study = scored
        .study(&scored.readers, |r| r.email.clone())
        .ok_or_else(|| {
            AppError::Invalid("no reader has read every case in both modalities yet".into())
        })?;
    analysis::froc::export::to_rjafroc_froc_xlsx(&study)
        .map(Some)
        .map_err(|e| crate::ssr::internal("write the RJafroc workbook", &e))
}

/// `marks.zip`: the complete readers' scored marks and the cases' lesions in the format
/// `lector analyze --marks` reads (readers by e-mail, cases by their manifest id).
///
/// # Errors
/// [`AppError::Invalid`] for a classification study or one without a complete reader yet.
pub fn marks_zip(
    snapshot: &Snapshot,
    maps: &HashMap<i64, Option<LesionMap>>,
) -> Result<Vec<u8>, AppError> {
    let scored = Scored::of(snapshot, maps).ok_or_else(|| {
        AppError::Invalid("this study asks for no marks, or no case can be scored yet".into())
    })?;
    let study = scored
        .study(&scored.readers, |r| r.email.clone())
        .ok_or_else(|| {
            AppError::Invalid("no reader has read every case in both modalities yet".into())
        })?;
    let readme = format!(
        "Marks of study '{}': {} readers who read every case unaided and aided, {} cases.\n\
         truth.csv: case,is_abnormal,lesion_id,weight (lesions are the regions of each positive \
         case's mask, weighted equally; negative cases are normal).\n\
         marks.csv: reader,modality,case,kind,lesion_id,rating (a mark is LL when {}; the \
         highest-rated mark on a lesion counts; a reader or modality with no mark at all has no row).\n\
         Analyse with: lector analyze --marks marks.csv --truth truth.csv\n",
        snapshot.study.name,
        scored.readers.len(),
        scored.cases.len(),
        match snapshot.study.config.mark_rule {
            vocab::MarkRule::InMask => "it lies inside the lesion's mask".to_string(),
            vocab::MarkRule::Radius => format!(
                "it lies within {} % of the image width of the lesion's centroid",
                snapshot.study.config.acceptance_radius_pct
            ),
        }
    );
    analysis::froc::export::to_marks_zip(&study, &readme)
        .map_err(|e| crate::ssr::internal("write marks.zip", &e))
}
