//! A localization study's reads scored for analysis: each scorable test case's lesions, every
//! complete reader's marks (and the AI's) as lesion and non-lesion localizations by the study's
//! rule, and the studies the analyses take (a group of readers unaided then aided, or the AI
//! with a group in one modality).

use std::collections::HashMap;

use analysis::froc::{CaseMarks, Lesion, Localization, LocalizationTruth};
use imaging::LesionMap;
use vocab::{Modality, Seniority, StudyTask};

use super::snapshot::Snapshot;

/// Marks `(x, y, rating)` scored against their case's lesions (the highest-rated mark on a
/// lesion is its LL; every mark off the lesions an NL).
pub(super) fn score(
    snapshot: &Snapshot,
    map: Option<&LesionMap>,
    marks: impl Iterator<Item = (f64, f64, f64)>,
) -> CaseMarks {
    let c = &snapshot.study.config;
    let mut scored = CaseMarks {
        nl: Vec::new(),
        ll: vec![f64::NEG_INFINITY; map.map_or(0, LesionMap::lesions)],
    };
    for (x, y, rating) in marks {
        match map.and_then(|m| m.localized(x, y, c.mark_rule, c.acceptance_radius_pct)) {
            Some(l) => scored.ll[l] = scored.ll[l].max(rating),
            None => scored.nl.push(rating),
        }
    }
    scored
}

/// Every scorable test case's lesions and every complete reader's scored marks.
pub(super) struct Scored<'a> {
    pub truth: LocalizationTruth,
    pub cases: Vec<i64>,
    pub marks: HashMap<(i64, Modality, i64), CaseMarks>,
    /// Readers who read every scorable case in both modalities.
    pub readers: Vec<&'a store::Reader>,
    /// The AI's scored marks per case, when it has placed marks on every scorable case.
    pub ai: Option<HashMap<i64, CaseMarks>>,
}

impl<'a> Scored<'a> {
    pub fn of(snapshot: &'a Snapshot, maps: &HashMap<i64, Option<LesionMap>>) -> Option<Self> {
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
                score(
                    snapshot,
                    map.as_ref(),
                    read.read.marks.iter().map(|m| (m.x, m.y, m.rating as f64)),
                ),
            );
        }
        let cases: Vec<i64> = cases.iter().map(|c| c.id).collect();
        let complete = |reader: i64| {
            Modality::ALL
                .iter()
                .all(|&m| cases.iter().all(|&c| marks.contains_key(&(reader, m, c))))
        };
        let readers = snapshot.readers.iter().filter(|r| complete(r.id)).collect();
        let ai = cases
            .iter()
            .map(|&c| {
                let marks = snapshot.ai.get(&c)?.marks.as_ref()?;
                let map = maps[&c].as_ref();
                Some((
                    c,
                    score(snapshot, map, marks.iter().map(|m| (m.x, m.y, m.rating))),
                ))
            })
            .collect();
        Some(Scored {
            truth,
            cases,
            marks,
            readers,
            ai,
        })
    }

    /// The study of a group of complete readers, unaided then aided; readers named by `name`.
    pub fn study(
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

impl Scored<'_> {
    /// One modality read by the AI (reader 0, named `AI`) and a group of complete readers.
    pub fn with_ai(&self, group: &[&store::Reader], modality: Modality) -> Option<Localization> {
        let ai = self.ai.as_ref()?;
        let mut marks: Vec<CaseMarks> = self.cases.iter().map(|c| ai[c].clone()).collect();
        for r in group {
            for &c in &self.cases {
                marks.push(self.marks.get(&(r.id, modality, c)).cloned()?);
            }
        }
        let names = std::iter::once("AI".to_string())
            .chain(group.iter().map(|r| r.name.clone()))
            .collect();
        Localization::new(
            self.truth.clone(),
            names,
            vec![modality.as_str().to_string()],
            marks,
        )
        .ok()
    }

    /// The complete readers of each seniority group that has any, in order.
    pub fn groups(&self) -> Vec<(Seniority, Vec<&store::Reader>)> {
        Seniority::ALL
            .iter()
            .map(|&s| {
                let members = self
                    .readers
                    .iter()
                    .copied()
                    .filter(|r| r.seniority == s)
                    .collect::<Vec<_>>();
                (s, members)
            })
            .filter(|(_, members)| !members.is_empty())
            .collect()
    }
}
