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

use analysis::froc::curves::model_curve;
use analysis::froc::table::seniority_table;
use analysis::froc::versus_ai::{self, ai_versus_readers, VersusAi};
use analysis::froc::{analyze, Localization, LocalizationFom};
use analysis::table::Table;
use imaging::LesionMap;
use vocab::{Modality, StudyTask};

use super::scored::Scored;
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

/// The AI read as a reader against the readers, unaided and aided, per seniority group of at
/// least two complete readers and for all readers; `None` for a classification study, before
/// the AI has marked every scorable case, or before two complete readers.
pub fn versus_ai_table(
    snapshot: &Snapshot,
    maps: &HashMap<i64, Option<LesionMap>>,
) -> Option<Table> {
    let scored = Scored::of(snapshot, maps)?;
    scored.ai.as_ref()?;
    let compare = |key: String, group: &[&store::Reader]| {
        let versus = |m| {
            scored
                .with_ai(group, m)
                .and_then(|s| ai_versus_readers(&s, LocalizationFom::Wafroc).ok())
        };
        Some(VersusAi {
            group_key: key,
            unaided: versus(Modality::Unaided)?,
            aided: versus(Modality::Aided)?,
        })
    };
    let mut rows: Vec<VersusAi> = scored
        .groups()
        .into_iter()
        .filter_map(|(s, members)| compare(format!("results-group-{}", s.as_str()), &members))
        .collect();
    if scored.groups().len() > 1 {
        rows.extend(compare("results-group-all".into(), &scored.readers));
    }
    (!rows.is_empty()).then(|| versus_ai::versus_ai_table(&rows))
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
    let mut groups: Vec<(String, _)> = scored
        .groups()
        .into_iter()
        .filter_map(|(s, members)| {
            Some((format!("results-group-{}", s.as_str()), report(&members)?))
        })
        .collect();
    if scored.readers.len() >= 2 {
        if let Some(report) = report(&scored.readers) {
            groups.push(("results-group-all".to_string(), report));
        }
    }
    (!groups.is_empty()).then(|| seniority_table(&groups))
}

/// The wAFROC curves of every complete reader, unaided and aided, with each modality's mean and
/// the AI's once it has marked every case, or `None` for a classification study or before two
/// complete readers.
pub fn figure(
    snapshot: &Snapshot,
    maps: &HashMap<i64, Option<LesionMap>>,
) -> Option<analysis::figure::RocFigure> {
    let (scored, study) = all_readers(snapshot, maps)?;
    let mut figure = analysis::froc::curves::wafroc_figure(&study, "wafroc_all")
        .map_err(|err| tracing::info!(error = %err, "no wAFROC figure yet"))
        .ok()?;
    // The AI read as a reader, when it marked every case: its own curve beside the means.
    let ai = scored
        .with_ai(&scored.readers, Modality::Unaided)
        .and_then(|s| model_curve(&s, 0, 0, "results-curve-cnn", "cnn").ok());
    figure.curves.extend(ai);
    Some(figure)
}

/// The FROC curves of every complete reader, unaided and aided, or `None` for a classification
/// study or before two complete readers.
pub fn froc_figure(
    snapshot: &Snapshot,
    maps: &HashMap<i64, Option<LesionMap>>,
) -> Option<analysis::figure::RocFigure> {
    let (_, study) = all_readers(snapshot, maps)?;
    Some(analysis::froc::froc_plot::froc_figure(&study, "froc_all"))
}

/// The scored study of every complete reader by name, once there are two (what the figures
/// plot).
fn all_readers<'a>(
    snapshot: &'a Snapshot,
    maps: &HashMap<i64, Option<LesionMap>>,
) -> Option<(Scored<'a>, Localization)> {
    let scored = Scored::of(snapshot, maps)?;
    if scored.readers.len() < 2 {
        return None;
    }
    let study = scored.study(&scored.readers, |r| r.name.clone())?;
    Some((scored, study))
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
