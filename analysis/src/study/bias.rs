//! Automation bias: how the readers' calls follow the CNN's call when it is right and when it is
//! wrong, and in the sequential design how each reader's final call changed from the unaided one.

use serde::Serialize;

use super::data::Modality;
use super::prepare::{Group, Prepared};
use crate::clustered::{pooled_proportion, Read};
use crate::inference::LEVEL;

/// Whether the CNN's call was right on the cases of a stratum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stratum {
    CnnRight,
    CnnWrong,
}

impl Stratum {
    pub const ALL: [Stratum; 2] = [Stratum::CnnRight, Stratum::CnnWrong];

    pub fn key(self) -> &'static str {
        match self {
            Stratum::CnnRight => "results-stratum-cnn-right",
            Stratum::CnnWrong => "results-stratum-cnn-wrong",
        }
    }
}

/// A count out of a denominator, with the rate and its 95 % interval (NaN when the denominator
/// is 0, or the interval is not estimable).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rate {
    pub count: usize,
    pub total: usize,
    pub rate: f64,
    pub lower: f64,
    pub upper: f64,
}

impl Rate {
    /// One reader's rate over cases: Wilson's interval (the cases are independent draws).
    fn new(count: usize, total: usize) -> Self {
        let interval = crate::binary::wilson(count, total, LEVEL).ok();
        Self {
            count,
            total,
            rate: if total == 0 {
                f64::NAN
            } else {
                count as f64 / total as f64
            },
            lower: interval.as_ref().map_or(f64::NAN, |w| w.lower),
            upper: interval.as_ref().map_or(f64::NAN, |w| w.upper),
        }
    }

    /// A rate pooled over several readers' reads of shared cases: the two-way cluster-robust
    /// interval of [`crate::clustered`].
    fn pooled(reads: &[Read]) -> Self {
        let count = reads.iter().filter(|r| r.success).count();
        let mut rate = Self::new(count, reads.len());
        match pooled_proportion(reads, LEVEL) {
            Ok(p) => (rate.lower, rate.upper) = (p.lower, p.upper),
            Err(_) => (rate.lower, rate.upper) = (f64::NAN, f64::NAN),
        }
        rate
    }
}

/// One group × stratum of the automation-bias table, pooled over its readers' paired reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BiasRow {
    pub group: Group,
    pub stratum: Stratum,
    /// Cases in the stratum (CNN-scored cases only).
    pub cases: usize,
    /// Correct calls out of reads, unaided and aided.
    pub unaided_correct: Rate,
    pub aided_correct: Rate,
    /// Aided call equal to the CNN's, out of paired reads whose unaided call differed from it.
    pub towards_ai: Rate,
    /// Aided call different from the CNN's, out of paired reads whose unaided call agreed.
    pub away_from_ai: Rate,
}

/// The CNN's call on a case: probability ≥ `threshold` is positive; `None` when unscored.
pub fn cnn_call(probability: Option<f64>, threshold: f64) -> Option<bool> {
    probability.map(|p| p >= threshold)
}

/// Automation-bias counts per group (with complete readers) and stratum: for every complete
/// reader and CNN-scored case with AI call a, unaided call u and aided call v, `towards_ai`
/// counts v = a among u ≠ a and `away_from_ai` counts v ≠ a among u = a (the switch rates of
/// e.g. Dratsch et al. 2023, Radiology 307:e222176).
pub fn automation_bias(prepared: &Prepared<'_>) -> Vec<BiasRow> {
    let data = prepared.data;
    let mut rows = Vec::new();
    for group in Group::ALL {
        let readers = prepared.group(group);
        if readers.is_empty() {
            continue;
        }
        for stratum in Stratum::ALL {
            let cases: Vec<(usize, bool)> = (0..data.cases.len())
                .filter_map(|k| {
                    let ai = cnn_call(data.cases[k].cnn_probability, data.cnn_threshold)?;
                    let right = ai == data.cases[k].truth;
                    (right == (stratum == Stratum::CnnRight)).then_some((k, ai))
                })
                .collect();
            let (mut unaided, mut aided, mut towards, mut away) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for &j in &readers {
                for &(k, ai) in &cases {
                    let truth = data.cases[k].truth;
                    let u = prepared.complete_read(j, Modality::Unaided, k).call;
                    let v = prepared.complete_read(j, Modality::Aided, k).call;
                    let read = |success| Read {
                        reader: j,
                        case: k,
                        success,
                    };
                    unaided.push(read(u == truth));
                    aided.push(read(v == truth));
                    if u == ai {
                        away.push(read(v != ai));
                    } else {
                        towards.push(read(v == ai));
                    }
                }
            }
            rows.push(BiasRow {
                group,
                stratum,
                cases: cases.len(),
                unaided_correct: Rate::pooled(&unaided),
                aided_correct: Rate::pooled(&aided),
                towards_ai: Rate::pooled(&towards),
                away_from_ai: Rate::pooled(&away),
            });
        }
    }
    rows
}

/// One reader's unaided → final changes in the sequential design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequentialChange {
    pub reader: String,
    pub group: Group,
    /// Cases whose final call differs from the unaided one, out of all cases.
    pub changed: Rate,
    /// Changes from a wrong to a right call, and from a right to a wrong one.
    pub to_correct: usize,
    pub to_incorrect: usize,
    /// Changes that moved to the CNN's call (CNN-scored cases only).
    pub to_ai: usize,
}

/// Per complete reader: how often the final (aided) call changed from the first impression.
pub fn sequential_changes(prepared: &Prepared<'_>) -> Vec<SequentialChange> {
    let data = prepared.data;
    prepared
        .complete
        .iter()
        .map(|&j| {
            let (mut changed, mut to_correct, mut to_incorrect, mut to_ai) = (0, 0, 0, 0);
            for (k, case) in data.cases.iter().enumerate() {
                let u = prepared.complete_read(j, Modality::Unaided, k).call;
                let v = prepared.complete_read(j, Modality::Aided, k).call;
                if u != v {
                    changed += 1;
                    if v == case.truth {
                        to_correct += 1;
                    } else {
                        to_incorrect += 1;
                    }
                    if cnn_call(case.cnn_probability, data.cnn_threshold) == Some(v) {
                        to_ai += 1;
                    }
                }
            }
            SequentialChange {
                reader: data.readers[j].name.clone(),
                group: Group::of(data.readers[j].seniority),
                changed: Rate::new(changed, data.cases.len()),
                to_correct,
                to_incorrect,
                to_ai,
            }
        })
        .collect()
}
