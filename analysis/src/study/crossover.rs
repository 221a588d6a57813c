//! The crossover design's own effects: period (session 2 − session 1) and sequence (readers who
//! read unaided first vs aided first), with readers as the subjects of a two-period,
//! two-sequence (AB/BA) crossover.
//!
//! Method (Grizzle 1965, Biometrics 21:467–480; Hills & Armitage 1979, Br J Clin Pharmacol
//! 8:7–20; Jones & Kenward, *Design and Analysis of Cross-Over Trials*, 3rd ed. 2014, ch. 2).
//! Reader k of sequence i ∈ {A = unaided first, B = aided first} has a figure of merit θ in each
//! session (the per-reader AUC or accuracy of the other tables, over every case: each case is
//! read once per session), modelled as
//!
//! ```text
//! θ_ik1 = μ + ξ_ik + π₁ + τ_u        θ_ik2 = μ + ξ_ik + π₂ + τ_a + λ_i     (sequence A)
//! θ_ik1 = μ + ξ_ik + π₁ + τ_a        θ_ik2 = μ + ξ_ik + π₂ + τ_u + λ_i     (sequence B)
//! ```
//!
//! with reader effects ξ, period effects π, modality effects τ and carry-over λ into session 2.
//! With d = θ₁ − θ₂ and s = θ₁ + θ₂ per reader and equal carry-over (λ_A = λ_B = λ),
//! E[d̄_A] = (π₁ − π₂) − λ − (τ_a − τ_u) and E[d̄_B] = (π₁ − π₂) − λ + (τ_a − τ_u), so
//!
//! ```text
//! period    π₂ − π₁ (+ λ) = −(d̄_A + d̄_B)/2     SE = ½·√(s²_d (1/n_A + 1/n_B))
//! treatment τ_a − τ_u      = (d̄_B − d̄_A)/2     SE = ½·√(s²_d (1/n_A + 1/n_B))
//! sequence  λ_A − λ_B      = s̄_A − s̄_B         SE = √(s²_s (1/n_A + 1/n_B))
//! ```
//!
//! where the period effect is π₂ − π₁ + λ: a carry-over common to both groups (remembering the
//! cases from session 1) cannot be told from a period effect, and is part of what it reports.
//! s²_d and s²_s are the pooled within-sequence variances of d and s; each effect is tested by
//! t = estimate/SE on n_A + n_B − 2 df (the two-sample t tests of d_A vs −d_B, d_B vs d_A and
//! s_A vs s_B) with the 95 % CI estimate ± t₀.₉₇₅·SE. The sequence effect compares readers'
//! totals, so it confounds carry-over with differences between the two groups of readers, and
//! its test has little power (Freeman 1989, Stat Med 8:1421–1432): it is reported, not used to
//! choose the analysis. The treatment effect is the same model's aided − unaided, a cross-check
//! of the MRMC analysis with cases fixed. Reference test: `tests/crossover_reference.rs`
//! against scipy's `ttest_ind` and statsmodels' OLS (`fixtures/crossover/`).

use serde::Serialize;

use super::data::{Modality, ReadingDesign};
use super::prepare::Prepared;
use super::ReaderResult;
use crate::dist::{t_quantile, t_two_sided};
use crate::error::{AnalysisError, Result};
use crate::inference::statistic;
use vocab::CrossoverGroup;

/// One effect of the crossover model with its t test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CrossoverEffect {
    pub estimate: f64,
    pub se: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// Infinite when the effect is not zero but the readers vary not at all.
    pub t: f64,
    pub df: f64,
    pub p: f64,
}

/// Period (session 2 − session 1), sequence (unaided first − aided first, on the readers' sums
/// of both sessions) and treatment (aided − unaided) effects of one figure of merit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TwoPeriod {
    pub period: CrossoverEffect,
    pub sequence: CrossoverEffect,
    pub treatment: CrossoverEffect,
}

/// The crossover table's content: readers per sequence and the effects on AUC and accuracy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossoverResults {
    /// Complete readers of group A (unaided in session 1, aided in session 2).
    pub unaided_first: usize,
    /// Complete readers of group B (aided in session 1).
    pub aided_first: usize,
    /// Complete readers whose reads follow neither group's sessions, left out.
    pub unassigned: usize,
    /// `None` with fewer than two readers in either group.
    pub auc: Option<TwoPeriod>,
    pub accuracy: Option<TwoPeriod>,
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn sum_of_squares(xs: &[f64]) -> f64 {
    let m = mean(xs);
    xs.iter().map(|x| (x - m).powi(2)).sum()
}

fn effect(estimate: f64, se: f64, df: f64) -> CrossoverEffect {
    // The crate's convention for a zero error term: no effect gives t = 0 and p = 1, any
    // effect an infinite t and p = 0.
    let t = statistic(estimate, se);
    let half_width = t_quantile(0.975, df) * se;
    CrossoverEffect {
        estimate,
        se,
        ci_lower: estimate - half_width,
        ci_upper: estimate + half_width,
        t,
        df,
        p: t_two_sided(t, df),
    }
}

/// The two-period crossover analysis of per-reader `[session 1, session 2]` figures.
///
/// # Errors
/// `TooFew` when either sequence has fewer than two readers (no within-sequence variance).
pub fn two_period(unaided_first: &[[f64; 2]], aided_first: &[[f64; 2]]) -> Result<TwoPeriod> {
    let found = unaided_first.len().min(aided_first.len());
    if found < 2 {
        return Err(AnalysisError::TooFew {
            what: "the period and sequence effects of a crossover",
            needed: 2,
            unit: "readers in each crossover group",
            found,
        });
    }
    let d = |xs: &[[f64; 2]]| xs.iter().map(|x| x[0] - x[1]).collect::<Vec<_>>();
    let s = |xs: &[[f64; 2]]| xs.iter().map(|x| x[0] + x[1]).collect::<Vec<_>>();
    let (d_a, d_b, s_a, s_b) = (
        d(unaided_first),
        d(aided_first),
        s(unaided_first),
        s(aided_first),
    );
    let (n_a, n_b) = (d_a.len() as f64, d_b.len() as f64);
    let df = n_a + n_b - 2.0;
    let scale = 1.0 / n_a + 1.0 / n_b;
    let var_d = (sum_of_squares(&d_a) + sum_of_squares(&d_b)) / df;
    let var_s = (sum_of_squares(&s_a) + sum_of_squares(&s_b)) / df;
    let se_d = 0.5 * (var_d * scale).sqrt();
    Ok(TwoPeriod {
        period: effect(-(mean(&d_a) + mean(&d_b)) / 2.0, se_d, df),
        treatment: effect((mean(&d_b) - mean(&d_a)) / 2.0, se_d, df),
        sequence: effect(mean(&s_a) - mean(&s_b), (var_s * scale).sqrt(), df),
    })
}

/// The crossover group a complete reader's reads follow: every read in the session the design
/// gives its modality for that group; `None` when they follow neither.
fn group_of(prepared: &Prepared<'_>, reader: usize) -> Option<CrossoverGroup> {
    let design = ReadingDesign::Crossover;
    [CrossoverGroup::A, CrossoverGroup::B]
        .into_iter()
        .find(|&group| {
            [Modality::Unaided, Modality::Aided].into_iter().all(|m| {
                (0..prepared.data.cases.len()).all(|k| {
                    let session = prepared.complete_read(reader, m, k).session;
                    design.sessions().contains(&session)
                        && design.session_is_aided(group, session) == (m == Modality::Aided)
                })
            })
        })
}

/// The crossover analysis of the complete readers, whose figures are `readers` (in the order
/// of `prepared.complete`).
pub fn crossover(prepared: &Prepared<'_>, readers: &[ReaderResult]) -> CrossoverResults {
    let (mut first, mut second, mut unassigned) = (Vec::new(), Vec::new(), 0);
    for (&reader, result) in prepared.complete.iter().zip(readers) {
        match group_of(prepared, reader) {
            Some(CrossoverGroup::A) => first.push(result),
            Some(CrossoverGroup::B) => second.push(result),
            None => unassigned += 1,
        }
    }
    // Session 1 then session 2: unaided then aided for group A, the reverse for group B.
    let by_session = |figure: fn(&ReaderResult) -> [f64; 2]| {
        let a: Vec<[f64; 2]> = first.iter().map(|r| figure(r)).collect();
        let b: Vec<[f64; 2]> = second
            .iter()
            .map(|r| [figure(r)[1], figure(r)[0]])
            .collect();
        two_period(&a, &b).ok()
    };
    CrossoverResults {
        unaided_first: first.len(),
        aided_first: second.len(),
        unassigned,
        auc: by_session(|r| r.auc),
        accuracy: by_session(|r| r.accuracy),
    }
}
