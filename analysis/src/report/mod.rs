//! The single entry point the `lector analyze` CLI and the web app call: [`analyze`] runs every
//! table of an MRMC study and returns a [`Report`] that renders as JSON, Markdown or CSV. A file
//! with one modality or one reader gets the analyses that apply to it ([`single`]).

pub(crate) mod csv;
pub(crate) mod json;
pub(crate) mod markdown;
pub mod single;

use std::str::FromStr;

use serde::Serialize;

use crate::binary::{reader_rates, ReaderMcNemar, ReaderRate};
use crate::covariance::{covariance_matrix, Covariance};
use crate::dbm::{dbm, DbmAnalysis};
use crate::design::{DesignSummary, Reads};
use crate::error::Result;
use crate::fom::{fom_table, Fom};
use crate::or::{obuchowski_rockette, OrAnalysis};
use single::{single_modality, single_reader, SingleModality, SingleReader};

/// What to analyse; the defaults are those of `lector analyze` (jackknife, AUC, no threshold).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct AnalyzeOptions {
    pub covariance: Covariance,
    pub fom: Fom,
    /// For binary figures: rating ≥ threshold is a positive call; `None` requires 0/1 ratings.
    pub threshold: Option<f64>,
}

/// Output formats of `lector analyze --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    Json,
    #[default]
    Markdown,
    Csv,
}

impl FromStr for Format {
    type Err = crate::AnalysisError;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "markdown" | "md" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            _ => Err(crate::AnalysisError::UnknownOption {
                kind: "output format",
                value: s.to_string(),
                expected: "json, markdown, csv",
            }),
        }
    }
}

/// Which MRMC analysis `lector analyze --method` reports: both (the default), or only the
/// Obuchowski–Rockette or only the DBM one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MrmcMethod {
    Or,
    Dbm,
}

impl FromStr for MrmcMethod {
    type Err = crate::AnalysisError;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "or" => Ok(MrmcMethod::Or),
            "dbm" => Ok(MrmcMethod::Dbm),
            _ => Err(crate::AnalysisError::UnknownOption {
                kind: "MRMC method",
                value: s.to_string(),
                expected: "or, dbm",
            }),
        }
    }
}

/// Drops the analysis `method` does not ask for (both kept for `None`).
pub(crate) fn keep_method(
    method: Option<MrmcMethod>,
    or: &mut Option<OrAnalysis>,
    dbm: &mut Option<DbmAnalysis>,
) {
    match method {
        Some(MrmcMethod::Or) => *dbm = None,
        Some(MrmcMethod::Dbm) => *or = None,
        None => {}
    }
}

/// One reader's figure of merit under one modality, with its case-sampling SE.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderFom {
    pub reader: String,
    pub modality: String,
    pub fom: f64,
    /// √ of the diagonal of the covariance matrix of the chosen method.
    pub se: f64,
    /// The reading's own 95 % interval: DeLong's for the AUC, Wilson's for a proportion
    /// ([`single::reading_intervals`]); NaN when not estimable.
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// Per-reader binary summaries (binary figures of merit only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BinarySummary {
    pub rates: Vec<ReaderRate>,
    pub mcnemar: Vec<ReaderMcNemar>,
}

/// Every table of one analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub design: DesignSummary,
    pub options: AnalyzeOptions,
    pub per_reader: Vec<ReaderFom>,
    /// Reader-averaged figure of each modality, in modality order.
    pub modality_means: Vec<(String, f64)>,
    /// The MRMC analyses, with at least two modalities and two readers.
    pub or: Option<OrAnalysis>,
    pub dbm: Option<DbmAnalysis>,
    /// With one modality: each reader's CI and the single-modality OR CI of their mean.
    pub single_modality: Option<SingleModality>,
    /// With one reader: each modality's CI and the paired DeLong tests between them.
    pub single_reader: Option<SingleReader>,
    pub binary: Option<BinarySummary>,
    /// Plain-language remarks on degenerate or notable results.
    pub notes: Vec<String>,
}

/// Runs the whole analysis: figures of merit, covariance, Obuchowski–Rockette (RRRC, FRRC, RRFC)
/// and DBM when there are two modalities and two readers to compare, the single-modality or
/// single-reader analyses when there are not, and for binary figures per-reader Wilson
/// intervals and McNemar tests.
///
/// # Errors
/// `InvalidArgument` for binary figures on non-binary ratings without a threshold; `Degenerate`
/// when an error term or a modality variance is negative (possible with the unbiased covariance
/// on small samples); `TooFew` when a covariance method needs more cases.
pub fn analyze(reads: &Reads, opts: &AnalyzeOptions) -> Result<Report> {
    let table = fom_table(reads, opts.fom, opts.threshold)?;
    let cov = covariance_matrix(reads, &table, opts.covariance)?;
    let (modalities, readers) = (reads.modalities(), reads.readers());
    let values = table.values();
    let (t, r) = (modalities.len(), readers.len());
    let (or, dbm) = if t >= 2 && r >= 2 {
        (
            Some(obuchowski_rockette(
                &values,
                &cov,
                opts.covariance,
                modalities,
                readers,
            )?),
            Some(dbm(&table, modalities, readers)?),
        )
    } else {
        (None, None)
    };
    let single_modality = (t == 1)
        .then(|| single_modality(reads, &table, &cov))
        .transpose()?;
    let single_reader = (r == 1).then(|| single_reader(reads, &table)).transpose()?;
    // A reading whose interval cannot be formed (one class scored identically throughout, say)
    // still has its figure and the MRMC analysis; only the interval is missing.
    let intervals = single::reading_intervals(reads, &table).ok();
    let per_reader = (0..modalities.len())
        .flat_map(|m| (0..r).map(move |j| (m, j)))
        .map(|(m, j)| {
            let k = m * r + j;
            let interval = intervals.as_ref().map(|i| &i[k]);
            ReaderFom {
                reader: readers[j].clone(),
                modality: modalities[m].clone(),
                fom: values[k],
                se: cov.get(k, k).max(0.0).sqrt(),
                ci_lower: interval.map_or(f64::NAN, |i| i.ci_lower),
                ci_upper: interval.map_or(f64::NAN, |i| i.ci_upper),
            }
        })
        .collect();
    let modality_means = modalities
        .iter()
        .cloned()
        .zip(crate::or::modality_means(&values, t, r))
        .collect();
    let binary = if opts.fom == Fom::Auc {
        None
    } else {
        let (rates, mcnemar) = reader_rates(reads, opts.fom, opts.threshold)?;
        Some(BinarySummary { rates, mcnemar })
    };
    let mut notes = match (&or, &dbm) {
        (Some(or), Some(dbm)) => notes(or, dbm, opts),
        _ => Vec::new(),
    };
    match (t, r) {
        (1, 1) => notes.push("The file has one reader and one modality: its figure of merit is reported with its confidence interval; the MRMC tests (OR, DBM) need two of each.".into()),
        (1, _) => notes.push("The file has one modality: the MRMC tests (OR, DBM) have nothing to compare, so the single-modality analysis is reported.".into()),
        (_, 1) => notes.push("The file has one reader: the MRMC tests (OR, DBM) need readers to vary, so the single-reader analysis is reported.".into()),
        _ => {}
    }
    if r == 1 && t >= 2 && opts.fom != Fom::Auc {
        notes.push("The paired comparison of a proportion between modalities is the exact McNemar test below.".into());
    }
    Ok(Report {
        design: reads.summary(),
        options: *opts,
        per_reader,
        modality_means,
        or,
        dbm,
        single_modality,
        single_reader,
        binary,
        notes,
    })
}

fn notes(or: &OrAnalysis, dbm: &DbmAnalysis, opts: &AnalyzeOptions) -> Vec<String> {
    let mut notes = mrmc_notes(or, dbm);
    if opts.fom != Fom::Auc && opts.covariance != Covariance::Jackknife {
        notes.push(format!(
            "For {} every covariance method equals the unbiased sample covariance of a proportion, which the jackknife computes; '{}' was treated as jackknife.",
            opts.fom, opts.covariance
        ));
    }
    notes
}

/// Remarks on degenerate or notable OR/DBM results, whatever the figure of merit.
pub(crate) fn mrmc_notes(or: &OrAnalysis, dbm: &DbmAnalysis) -> Vec<String> {
    let c = &or.components;
    let mut notes = Vec::new();
    if c.cov2 <= c.cov3 {
        notes.push(format!(
            "Cov2 ({:.3e}) <= Cov3 ({:.3e}): the Hillis denominator degrees of freedom collapse to (t-1)(r-1) = {}.",
            c.cov2, c.cov3, or.rrfc.df2
        ));
    }
    if c.ms_tr == 0.0 {
        notes.push("MS_TR is 0: the Hillis ddf is infinite (shown as null in JSON, ∞ in Markdown) and the F tests use the chi-square limit.".into());
    }
    if c.var_error == 0.0 {
        notes.push("Every reading's figure of merit has zero case-sampling variance (perfect separation or all ratings tied): a test with no difference and no variability is reported as F = 0, p = 1.".into());
    }
    if c.var_r < 0.0 || c.var_tr < 0.0 {
        notes.push(format!(
            "Negative variance component estimates (var_R {:.3e}, var_TR {:.3e}) are reported as estimated, without truncation (as MRMCaov and OR-DBM MRMC; RJafroc clamps Cov2 - Cov3 at 0).",
            c.var_r, c.var_tr
        ));
    }
    let statistics = [
        or.rrrc.f,
        or.frrc.chi2,
        or.rrfc.f,
        dbm.rrrc.f,
        dbm.frrc.f,
        dbm.rrfc.f,
    ];
    if statistics.iter().any(|s| s.is_infinite()) {
        notes.push("A test has a zero error term but a non-zero effect (e.g. every reader changes by exactly the same amount): its statistic is infinite (null in JSON, ∞ in Markdown) and p = 0.".into());
    }
    notes
}

impl Report {
    /// The report with only the MRMC analysis `method` names (`None` keeps both).
    pub fn with_method(mut self, method: Option<MrmcMethod>) -> Self {
        keep_method(method, &mut self.or, &mut self.dbm);
        self
    }

    /// The JSON document of `lector analyze --format json`: `design`, `fom`, `threshold`,
    /// `per_reader` [{reader, modality, fom, se}], `modality_means` {modality: mean}, `or`
    /// {covariance, components, rrrc, frrc, rrfc}, `dbm`, `binary`, `notes`. Each test has
    /// `differences` [{modality_a, modality_b, estimate, se, ci_lower, ci_upper, p, df,
    /// statistic}] for modality_a − modality_b. Non-finite numbers (an infinite ddf) are null.
    pub fn to_json(&self) -> serde_json::Value {
        json::to_json(self)
    }

    /// A Markdown report with tables a coordinator can paste into a paper.
    pub fn to_markdown(&self) -> String {
        markdown::to_markdown(self)
    }

    /// Tidy CSV: one row per estimate, with the section and test it belongs to.
    pub fn to_csv(&self) -> String {
        csv::to_csv(self)
    }

    /// Renders in the given format.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Json => serde_json::to_string_pretty(&self.to_json())
                .expect("a JSON value always serialises"),
            Format::Markdown => self.to_markdown(),
            Format::Csv => self.to_csv(),
        }
    }
}
