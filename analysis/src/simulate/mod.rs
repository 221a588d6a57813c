//! Roe & Metz (1997) simulation of continuous MRMC ratings, for null-hypothesis checks of the
//! tests, power studies and benchmarks.
//!
//! Rating of case k (truth d ∈ {0, 1}) by reader j under modality i:
//! X = d·μᵢ + Rⱼ + (τR)ᵢⱼ + Cₖ + (τC)ᵢₖ + (RC)ⱼₖ + εᵢⱼₖ, every random effect an independent
//! zero-mean normal with the variance given in [`RoeMetz`] (Roe & Metz 1997, Acad Radiol 4:298;
//! the same model Hillis, Obuchowski & Berbaum 2005 use to check OR/DBM type-I error).
//!
//! [`readers`] simulates the reads of a whole reader study (calls, confidences, reading times,
//! without and with the AI) from each case's truth and AI probability, for `lector demo`.

pub mod readers;

use rand::rngs::StdRng;
use rand::SeedableRng;
use rand_distr::{Distribution, Normal};

use crate::design::Reads;
use crate::error::{AnalysisError, Result};

/// Design and variance structure of a Roe–Metz simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct RoeMetz {
    pub readers: usize,
    pub negatives: usize,
    pub positives: usize,
    /// Separation μᵢ of the positives per modality (equal means a true null hypothesis).
    pub separation: Vec<f64>,
    pub var_r: f64,
    pub var_tr: f64,
    pub var_c: f64,
    pub var_tc: f64,
    pub var_rc: f64,
    pub var_error: f64,
}

impl RoeMetz {
    /// Roe & Metz's "low reader variability, high data correlation" structure (var_C + var_TC +
    /// var_RC + var_ε = 1) with two modalities of equal separation 1.5 (AUC ≈ 0.86): a null study.
    pub fn null_study(readers: usize, negatives: usize, positives: usize) -> Self {
        Self {
            readers,
            negatives,
            positives,
            separation: vec![1.5, 1.5],
            var_r: 0.0055,
            var_tr: 0.0055,
            var_c: 0.3,
            var_tc: 0.3,
            var_rc: 0.2,
            var_error: 0.2,
        }
    }

    /// Draws one study; the same seed always gives the same study.
    ///
    /// # Errors
    /// `InvalidArgument` when a variance is negative or a count is zero.
    pub fn sample(&self, seed: u64) -> Result<Reads> {
        let vars = [
            self.var_r,
            self.var_tr,
            self.var_c,
            self.var_tc,
            self.var_rc,
            self.var_error,
        ];
        if vars.iter().any(|v| v.is_nan() || *v < 0.0)
            || self.readers == 0
            || self.negatives == 0
            || self.positives == 0
            || self.separation.is_empty()
        {
            return Err(AnalysisError::InvalidArgument(
                "a Roe-Metz study needs non-negative variances, at least one reader, modality and case of each class".into(),
            ));
        }
        let mut rng = StdRng::seed_from_u64(seed);
        let mut draw = |var: f64, n: usize| -> Vec<f64> {
            let normal =
                Normal::new(0.0, var.sqrt()).expect("a non-negative variance gives a valid normal");
            (0..n).map(|_| normal.sample(&mut rng)).collect()
        };
        let (t, r, c) = (
            self.separation.len(),
            self.readers,
            self.negatives + self.positives,
        );
        let reader = draw(self.var_r, r);
        let mod_reader = draw(self.var_tr, t * r);
        let case = draw(self.var_c, c);
        let mod_case = draw(self.var_tc, t * c);
        let reader_case = draw(self.var_rc, r * c);
        let error = draw(self.var_error, t * r * c);
        let truth: Vec<bool> = (0..c).map(|k| k >= self.negatives).collect();
        let mut ratings = Vec::with_capacity(t * r * c);
        for i in 0..t {
            for j in 0..r {
                for k in 0..c {
                    let mean = if truth[k] { self.separation[i] } else { 0.0 };
                    ratings.push(
                        mean + reader[j]
                            + mod_reader[i * r + j]
                            + case[k]
                            + mod_case[i * c + k]
                            + reader_case[j * c + k]
                            + error[(i * r + j) * c + k],
                    );
                }
            }
        }
        let ids = |p: &str, n: usize| (1..=n).map(|x| format!("{p}{x}")).collect::<Vec<_>>();
        Reads::new(
            ids("reader", r),
            ids("modality", t),
            ids("case", c),
            truth,
            ratings,
        )
    }
}
