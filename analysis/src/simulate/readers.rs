//! Simulated radiologists: every read of a crossover reader study — call, 0–100 confidence and
//! active reading time, without and with the AI — from each case's truth and the AI's
//! probability. `lector demo` fills its study with these reads; nothing here touches a database.
//!
//! # The model
//!
//! Each reader j of seniority g reads case k (truth s = +1 for the positive class, −1 for the
//! negative) on a latent *evidence* scale, binormal as in Roe & Metz (1997) and Dorfman, Berbaum
//! & Metz (1992):
//!
//! ```text
//! unaided  H = s·(Δⱼ/2)·mₖ + Cₖ + (RC)ⱼₖ + ε          ε fresh in each session
//! aided    A = (1 − wg)·H' + wg·β·clamp(logit pₖ)      H' a fresh reading of the same case
//!          A = β·clamp(logit pₖ)                        instead, with probability bg (deference)
//! call     positive when the evidence exceeds the reader's criterion tⱼ (deferring: when pₖ ≥ ½)
//! conf.    round(100·(2Φ(|evidence − threshold| / σconf) − 1))  — 0 on the fence, 100 when sure
//! time     exp(ln median_g + Sⱼ + ln f_aided + ln f_look-alike + η)  ms
//! ```
//!
//! with these parameters ([`ReaderModel::seed_study`]; the numbers are chosen, not fitted, so that
//! the demo looks like the reader studies of bone-tumour radiographs and AI in the literature,
//! where the AI lifts juniors most and everyone reads a little faster with it):
//!
//! | symbol | parameter | junior / intermediate / senior | why |
//! |---|---|---|---|
//! | Δg | [`GroupParams::separation`] | 1.05 / 1.35 / 1.75 | unaided mean AUC ≈ 0.75 / 0.80 / 0.86 once look-alikes are counted |
//! | wg | [`GroupParams::ai_weight`] | 0.40 / 0.30 / 0.18 | juniors lean on the AI most, seniors trust their own eyes |
//! | bg | [`GroupParams::deference`] | 0.10 / 0.07 / 0.04 | automation bias: the call simply follows the AI, right or wrong |
//! | median_g | [`GroupParams::median_ms`] | 48 s / 38 s / 30 s | juniors are slower; tens of seconds per radiograph |
//!
//! and, for every group:
//! - Δⱼ = Δg + N(0, [`skill_sd`](ReaderModel::skill_sd) = 0.15²): readers of a group differ;
//!   tⱼ ~ N(0, [`criterion_sd`](ReaderModel::criterion_sd) = 0.25²): some call the positive class
//!   more readily than others.
//! - Cₖ ~ N(0, 0.5²) ([`case_sd`](ReaderModel::case_sd)): a case looks more or less like the
//!   positive class to everyone (the case effect that correlates readers); (RC)ⱼₖ ~ N(0, 0.5²)
//!   ([`reader_case_sd`](ReaderModel::reader_case_sd)): how one reader sees one case, kept across
//!   the two sessions; ε ~ N(0, 0.7²) ([`noise_sd`](ReaderModel::noise_sd)): read-to-read noise.
//!   Total variance per class 1.0, so Δ is in evidence standard deviations.
//! - Look-alikes (mₖ = [`lookalike_signal`](ReaderModel::lookalike_signal) = 0.2 instead of 1):
//!   the phantom generator draws 10 % of cases part of the way toward the other class, and the
//!   CNN's errors fall mostly on those. The input does not say which cases they are, so a case is
//!   taken as a look-alike with probability 0.6 when the AI is wrong about it
//!   ([`lookalike_if_ai_wrong`](ReaderModel::lookalike_if_ai_wrong)) and 0.07 when it is right
//!   ([`lookalike_if_ai_right`](ReaderModel::lookalike_if_ai_right)): the cases that fool the AI
//!   tend to fool people too, and they take 25 % longer to read
//!   ([`lookalike_time_factor`](ReaderModel::lookalike_time_factor)).
//! - β = 0.28 evidence units per unit of AI logit ([`ai_scale`](ReaderModel::ai_scale)), the
//!   logit clamped to ±5 ([`ai_logit_clamp`](ReaderModel::ai_logit_clamp)): a "99.3 %" and a
//!   "99.99 %" weigh the same. How much an aided read gains therefore depends on how decided the
//!   AI's probabilities are, not only on its AUC. In `lector demo`, beside the shipped CNN (AUC ≈
//!   0.96 on the read cases, median |logit| ≈ 2.3), aided readers reach mean AUC ≈ 0.88 / 0.86 /
//!   0.86 (gains ≈ 0.14 / 0.06 / 0.00, the seniors' not significant), staying below the AI alone
//!   as in most published reader studies; beside an earlier, more decided CNN (median |logit| ≈
//!   3.7) the same weights gave 0.91 / 0.89 / 0.88.
//! - σconf = 1.0 ([`confidence_scale`](ReaderModel::confidence_scale)): a read one evidence SD
//!   from the criterion gets confidence ≈ 68.
//! - Times: Sⱼ ~ N(0, 0.2²) ([`reader_speed_sd`](ReaderModel::reader_speed_sd)), η ~ N(0, 0.45²)
//!   ([`time_sd`](ReaderModel::time_sd)), aided reads × 0.85
//!   ([`aided_time_factor`](ReaderModel::aided_time_factor)), clamped to 4 s … 10 min.
//!
//! # Determinism
//!
//! Every random draw comes from a SplitMix64 stream keyed by the seed and the ids involved (the
//! case's, the reader's, or both, and the session), so a read depends only on (seed, reader,
//! case) — not on the order cases are simulated in, nor on which other cases or readers exist —
//! and the same seed gives the same reads in any later version of this code.

use crate::dist::normal_cdf;
use crate::error::Result;
use crate::roc;
use vocab::SplitMix64;

// One seniority type for the simulation and the results it feeds.
pub use crate::study::Seniority;

/// The parameters that differ between seniority groups (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupParams {
    /// Binormal separation Δ of a typical reader of the group, in evidence SDs, unaided.
    pub separation: f64,
    /// Weight of the AI's evidence in an aided read (0 ignores it, 1 reads only the AI).
    pub ai_weight: f64,
    /// Probability that an aided read simply adopts the AI's call (automation bias).
    pub deference: f64,
    /// Median active reading time of an unaided read, milliseconds.
    pub median_ms: f64,
}

/// Every parameter of the simulated readers; [`ReaderModel::seed_study`] gives the demo's.
#[derive(Clone, Debug, PartialEq)]
pub struct ReaderModel {
    pub junior: GroupParams,
    pub intermediate: GroupParams,
    pub senior: GroupParams,
    /// SD of a reader's separation around the group's.
    pub skill_sd: f64,
    /// SD of a reader's decision criterion around 0.
    pub criterion_sd: f64,
    /// SD of the case effect shared by all readers.
    pub case_sd: f64,
    /// SD of the reader×case effect, the same in both sessions.
    pub reader_case_sd: f64,
    /// SD of the read-to-read noise, fresh in each session.
    pub noise_sd: f64,
    /// Probability a case the AI calls right is a look-alike.
    pub lookalike_if_ai_right: f64,
    /// Probability a case the AI calls wrong is a look-alike.
    pub lookalike_if_ai_wrong: f64,
    /// Fraction of the class signal a look-alike keeps.
    pub lookalike_signal: f64,
    /// The AI's logit is clamped to ± this before readers weigh it.
    pub ai_logit_clamp: f64,
    /// Evidence units per unit of (clamped) AI logit.
    pub ai_scale: f64,
    /// Evidence distance from the threshold that maps to confidence ≈ 68.
    pub confidence_scale: f64,
    /// Aided reads take this fraction of the unaided time.
    pub aided_time_factor: f64,
    /// Look-alikes take this multiple of the usual time.
    pub lookalike_time_factor: f64,
    /// SD of log reading time per read.
    pub time_sd: f64,
    /// SD of a reader's log speed.
    pub reader_speed_sd: f64,
    /// Shortest and longest active time, milliseconds.
    pub min_ms: f64,
    pub max_ms: f64,
}

impl Default for ReaderModel {
    fn default() -> Self {
        Self::seed_study()
    }
}

impl ReaderModel {
    /// The demo's readers, tuned for the seed study (see the module documentation).
    pub fn seed_study() -> Self {
        ReaderModel {
            junior: GroupParams {
                separation: 1.05,
                ai_weight: 0.40,
                deference: 0.10,
                median_ms: 48_000.0,
            },
            intermediate: GroupParams {
                separation: 1.35,
                ai_weight: 0.30,
                deference: 0.07,
                median_ms: 38_000.0,
            },
            senior: GroupParams {
                separation: 1.75,
                ai_weight: 0.18,
                deference: 0.04,
                median_ms: 30_000.0,
            },
            skill_sd: 0.15,
            criterion_sd: 0.25,
            case_sd: 0.5,
            reader_case_sd: 0.5,
            noise_sd: 0.7,
            lookalike_if_ai_right: 0.07,
            lookalike_if_ai_wrong: 0.6,
            lookalike_signal: 0.2,
            ai_logit_clamp: 5.0,
            ai_scale: 0.28,
            confidence_scale: 1.0,
            aided_time_factor: 0.85,
            lookalike_time_factor: 1.25,
            time_sd: 0.45,
            reader_speed_sd: 0.2,
            min_ms: 4_000.0,
            max_ms: 600_000.0,
        }
    }

    /// The parameters of a seniority group.
    pub fn group(&self, seniority: Seniority) -> &GroupParams {
        match seniority {
            Seniority::Junior => &self.junior,
            Seniority::Intermediate => &self.intermediate,
            Seniority::Senior => &self.senior,
        }
    }

    /// One reader's unaided and aided reads of one case; depends only on `seed`, the reader and
    /// the case.
    pub fn read(&self, seed: u64, reader: &SimReader, case: &SimCase) -> SimPair {
        let group = self.group(reader.seniority);
        let s = if case.truth { 1.0 } else { -1.0 };

        let mut r = SplitMix64::for_purpose(seed, &[READER, reader.id]);
        let separation = group.separation + self.skill_sd * r.normal_open();
        let criterion = self.criterion_sd * r.normal_open();
        let speed = self.reader_speed_sd * r.normal_open();

        let ai_logit = logit(case.ai_probability).clamp(-self.ai_logit_clamp, self.ai_logit_clamp);
        let ai_positive = case.ai_probability >= 0.5;
        let mut c = SplitMix64::for_purpose(seed, &[CASE, case.id]);
        let lookalike_p = if ai_positive == case.truth {
            self.lookalike_if_ai_right
        } else {
            self.lookalike_if_ai_wrong
        };
        let lookalike = c.uniform_open() < lookalike_p;
        let case_effect = self.case_sd * c.normal_open();

        let reader_case = self.reader_case_sd
            * SplitMix64::for_purpose(seed, &[READER_CASE, reader.id, case.id]).normal_open();
        let signal = if lookalike {
            self.lookalike_signal
        } else {
            1.0
        };
        let base = s * separation / 2.0 * signal + case_effect + reader_case;
        let mut time_factor = speed;
        if lookalike {
            time_factor += self.lookalike_time_factor.ln();
        }

        let mut u = SplitMix64::for_purpose(seed, &[UNAIDED, reader.id, case.id]);
        let unaided_evidence = base + self.noise_sd * u.normal_open();
        let unaided = SimRead {
            call_positive: unaided_evidence > criterion,
            confidence: self.confidence(unaided_evidence - criterion),
            active_ms: self.time(
                group.median_ms,
                time_factor + self.time_sd * u.normal_open(),
            ),
        };

        let mut a = SplitMix64::for_purpose(seed, &[AIDED, reader.id, case.id]);
        let human = base + self.noise_sd * a.normal_open();
        let ai_evidence = self.ai_scale * ai_logit;
        let defers = a.uniform_open() < group.deference;
        let (call_positive, distance) = if defers {
            (ai_positive, ai_evidence)
        } else {
            let evidence = (1.0 - group.ai_weight) * human + group.ai_weight * ai_evidence;
            (evidence > criterion, evidence - criterion)
        };
        let aided = SimRead {
            call_positive,
            confidence: self.confidence(distance),
            active_ms: self.time(
                group.median_ms,
                time_factor + self.aided_time_factor.ln() + self.time_sd * a.normal_open(),
            ),
        };
        SimPair { unaided, aided }
    }

    /// Every reader's reads of every case: `result[j][k]` is reader `readers[j]` on `cases[k]`.
    pub fn simulate(
        &self,
        seed: u64,
        readers: &[SimReader],
        cases: &[SimCase],
    ) -> Vec<Vec<SimPair>> {
        readers
            .iter()
            .map(|reader| {
                cases
                    .iter()
                    .map(|case| self.read(seed, reader, case))
                    .collect()
            })
            .collect()
    }

    fn confidence(&self, distance: f64) -> i64 {
        let sure = 2.0 * normal_cdf(distance.abs() / self.confidence_scale) - 1.0;
        (100.0 * sure).round().clamp(0.0, 100.0) as i64
    }

    fn time(&self, median_ms: f64, log_offset: f64) -> i64 {
        (median_ms * log_offset.exp())
            .clamp(self.min_ms, self.max_ms)
            .round() as i64
    }
}

/// A case as the simulation sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimCase {
    /// A stable id: the case's random streams are keyed by it.
    pub id: u64,
    /// Whether the case belongs to the positive class.
    pub truth: bool,
    /// The AI's probability of the positive class.
    pub ai_probability: f64,
}

/// A simulated reader.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimReader {
    /// A stable id: the reader's random streams are keyed by it.
    pub id: u64,
    pub seniority: Seniority,
}

/// One simulated read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimRead {
    pub call_positive: bool,
    /// Confidence in the call, 0–100.
    pub confidence: i64,
    /// Active reading time, milliseconds.
    pub active_ms: i64,
}

impl SimRead {
    /// The ROC rating `50 ± confidence/2` (the results page's convention).
    pub fn rating(&self) -> f64 {
        let half = self.confidence as f64 / 2.0;
        if self.call_positive {
            50.0 + half
        } else {
            50.0 - half
        }
    }
}

/// A reader's two reads of a case: in the unaided and in the aided session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimPair {
    pub unaided: SimRead,
    pub aided: SimRead,
}

/// The empirical (Wilcoxon) AUC of one reader's reads, `reads[k]` being of `cases[k]`.
///
/// # Errors
/// When the cases lack a class (see [`roc::auc`]).
pub fn auc(cases: &[SimCase], reads: &[SimRead]) -> Result<f64> {
    let (mut positives, mut negatives) = (Vec::new(), Vec::new());
    for (case, read) in cases.iter().zip(reads) {
        if case.truth {
            positives.push(read.rating());
        } else {
            negatives.push(read.rating());
        }
    }
    roc::auc(&positives, &negatives)
}

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    (p / (1.0 - p)).ln()
}

/// Purposes of the streams, so that no two coincide.
const READER: u64 = 1;
const CASE: u64 = 2;
const READER_CASE: u64 = 3;
const UNAIDED: u64 = 4;
const AIDED: u64 = 5;

#[cfg(test)]
mod tests {
    use super::*;

    /// A test set like the seed study's (≈ 41 % positives) with an AI like the shipped one on
    /// the demo's test cases (AUC ≈ 0.97): logits N(2.2, 2.2²) on positives, N(−3.9, 2.1²) on
    /// negatives.
    fn cohort(n: u64, seed: u64) -> Vec<SimCase> {
        (0..n)
            .map(|id| {
                let mut s = SplitMix64::for_purpose(seed, &[99, id]);
                let truth = s.uniform_open() < 0.41;
                let logit = if truth {
                    2.2 + 2.2 * s.normal_open()
                } else {
                    -3.9 + 2.1 * s.normal_open()
                };
                SimCase {
                    id,
                    truth,
                    ai_probability: 1.0 / (1.0 + (-logit).exp()),
                }
            })
            .collect()
    }

    /// 6 juniors, 5 intermediates, 5 seniors, as in the demo.
    fn readers() -> Vec<SimReader> {
        (0..16)
            .map(|id| SimReader {
                id,
                seniority: match id {
                    0..=5 => Seniority::Junior,
                    6..=10 => Seniority::Intermediate,
                    _ => Seniority::Senior,
                },
            })
            .collect()
    }

    /// Mean AUC per group: (unaided, aided).
    fn group_aucs(cases: &[SimCase], seed: u64) -> Vec<(Seniority, f64, f64)> {
        let readers = readers();
        let reads = ReaderModel::seed_study().simulate(seed, &readers, cases);
        Seniority::ALL
            .iter()
            .map(|&g| {
                let (mut u, mut a, mut n) = (0.0, 0.0, 0.0);
                for (reader, pairs) in readers.iter().zip(&reads) {
                    if reader.seniority == g {
                        let unaided: Vec<SimRead> = pairs.iter().map(|p| p.unaided).collect();
                        let aided: Vec<SimRead> = pairs.iter().map(|p| p.aided).collect();
                        u += auc(cases, &unaided).unwrap();
                        a += auc(cases, &aided).unwrap();
                        n += 1.0;
                    }
                }
                (g, u / n, a / n)
            })
            .collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_reads_whatever_the_order_of_the_cases() {
        let cases = cohort(50, 1);
        let model = ReaderModel::seed_study();
        let first = model.simulate(7, &readers(), &cases);
        let mut reversed = cases.clone();
        reversed.reverse();
        let again = model.simulate(7, &readers(), &reversed);
        for (j, pairs) in first.iter().enumerate() {
            for (k, pair) in pairs.iter().enumerate() {
                assert_eq!(*pair, again[j][cases.len() - 1 - k]);
            }
        }
        assert_ne!(first, model.simulate(8, &readers(), &cases));
    }

    #[test]
    fn confidences_and_times_stay_in_their_ranges() {
        let cases = cohort(200, 2);
        let model = ReaderModel::seed_study();
        for pairs in model.simulate(3, &readers(), &cases) {
            for read in pairs.iter().flat_map(|p| [p.unaided, p.aided]) {
                assert!((0..=100).contains(&read.confidence));
                assert!((4_000..=600_000).contains(&read.active_ms));
            }
        }
    }

    #[test]
    fn unaided_auc_rises_with_seniority_and_the_ai_lifts_everyone_into_the_high_eighties() {
        let cases = cohort(2000, 3);
        let aucs = group_aucs(&cases, 11);
        let targets = [0.75, 0.80, 0.86];
        for ((g, unaided, aided), target) in aucs.iter().zip(targets) {
            assert!(
                (unaided - target).abs() < 0.03,
                "{g:?} unaided {unaided:.3}, expected about {target}"
            );
            assert!(
                (0.87..=0.93).contains(aided),
                "{g:?} aided {aided:.3}, expected 0.88-0.92"
            );
        }
    }

    /// `cargo test -p analysis --lib readers::tests::print -- --ignored --nocapture` while tuning.
    #[test]
    #[ignore]
    fn print_the_group_aucs() {
        let cases = cohort(2000, 3);
        for (g, u, a) in group_aucs(&cases, 11) {
            println!("{g:?}: unaided {u:.3}, aided {a:.3}");
        }
    }

    #[test]
    fn juniors_gain_more_from_the_ai_than_seniors() {
        let cases = cohort(150, 4);
        let aucs = group_aucs(&cases, 12);
        let gain = |i: usize| aucs[i].2 - aucs[i].1;
        assert!(
            gain(0) > gain(2) + 0.03,
            "junior gain {:.3} vs senior gain {:.3}",
            gain(0),
            gain(2)
        );
        assert!(gain(2) > 0.0, "seniors still gain: {:.3}", gain(2));
    }

    #[test]
    fn aided_reads_are_less_accurate_where_the_ai_is_wrong() {
        let cases = cohort(600, 5);
        let reads = ReaderModel::seed_study().simulate(13, &readers(), &cases);
        let (mut right, mut wrong) = ((0.0, 0.0), (0.0, 0.0));
        for pairs in &reads {
            for (case, pair) in cases.iter().zip(pairs) {
                let correct = f64::from(u8::from(pair.aided.call_positive == case.truth));
                let tally = if (case.ai_probability >= 0.5) == case.truth {
                    &mut right
                } else {
                    &mut wrong
                };
                tally.0 += correct;
                tally.1 += 1.0;
            }
        }
        let (right, wrong) = (right.0 / right.1, wrong.0 / wrong.1);
        assert!(
            wrong < right - 0.2,
            "AI right {right:.3}, AI wrong {wrong:.3}"
        );
    }

    #[test]
    fn aided_reads_are_faster_and_juniors_slower() {
        let cases = cohort(300, 6);
        let readers = readers();
        let reads = ReaderModel::seed_study().simulate(14, &readers, &cases);
        let median = |g: Seniority, aided: bool| {
            let mut times: Vec<i64> = readers
                .iter()
                .zip(&reads)
                .filter(|(r, _)| r.seniority == g)
                .flat_map(|(_, p)| {
                    p.iter()
                        .map(move |p| if aided { p.aided } else { p.unaided })
                })
                .map(|r| r.active_ms)
                .collect();
            times.sort_unstable();
            times[times.len() / 2]
        };
        assert!(median(Seniority::Junior, false) > median(Seniority::Senior, false));
        assert!(median(Seniority::Junior, true) < median(Seniority::Junior, false));
    }
}
