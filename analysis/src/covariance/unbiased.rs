//! The unbiased U-statistic covariance of two readings' AUCs (Gallas 2006) in O((m + n) log n)
//! per pair of readings instead of the O(mn) of summing over every positive × negative pair.
//!
//! Kernels are kept doubled so every sum is an exact integer: ψ̃(i, j) = 1 + sgn(xᵢ − yⱼ) ∈
//! {0, 1, 2} for positive i and negative j. The moment M₄ of the module above needs, per pair of
//! readings a and b, the totals T̃, the row sums R̃(i) = 2·#{yⱼ < xᵢ} + #{yⱼ = xᵢ}, the column sums
//! C̃(j) = 2·#{xᵢ > yⱼ} + #{xᵢ = yⱼ} (both by binary search in the sorted scores), and
//! S̃ = Σᵢⱼ ψ̃_a ψ̃_b = T̃_a + T̃_b − mn + Q with Q = Σᵢⱼ sgn(a_i − a_j)·sgn(b_i − b_j): a
//! concordance count between positives and negatives, found as in Knight's (1966) O(N log N)
//! Kendall's τ by sweeping the cases in reading a's order with a Fenwick tree over reading b's
//! ranks of the negatives.

use crate::error::{AnalysisError, Result};

/// What one reading contributes to every pair it is in, computed once.
struct Reading {
    /// R̃(i) of each positive.
    rows: Vec<i64>,
    /// C̃(j) of each negative.
    cols: Vec<i64>,
    total: i64,
    /// Per positive: how many negatives score below it, and at most it.
    below: Vec<u32>,
    at_most: Vec<u32>,
    /// Per negative: how many negatives score below it (tied negatives share the rank).
    rank: Vec<u32>,
    /// The cases in ascending order of score, grouped by ties: `(is_negative, index in class)`.
    order: Vec<(bool, u32)>,
    /// Start of each group of tied scores in `order`, and `order.len()` last.
    groups: Vec<u32>,
}

fn count_below(sorted: &[f64], x: f64) -> u32 {
    sorted.partition_point(|&v| v < x) as u32
}

fn count_at_most(sorted: &[f64], x: f64) -> u32 {
    sorted.partition_point(|&v| v <= x) as u32
}

impl Reading {
    fn new(pos: &[f64], neg: &[f64]) -> Self {
        let m = pos.len() as i64;
        let sort = |x: &[f64]| {
            let mut s = x.to_vec();
            s.sort_by(|a, b| a.partial_cmp(b).expect("scores are finite"));
            s
        };
        let (pos_sorted, neg_sorted) = (sort(pos), sort(neg));
        let below: Vec<u32> = pos.iter().map(|&x| count_below(&neg_sorted, x)).collect();
        let at_most: Vec<u32> = pos.iter().map(|&x| count_at_most(&neg_sorted, x)).collect();
        let rows: Vec<i64> = below
            .iter()
            .zip(&at_most)
            .map(|(&lt, &le)| i64::from(lt) + i64::from(le))
            .collect();
        let cols: Vec<i64> = neg
            .iter()
            .map(|&y| {
                let (lt, le) = (count_below(&pos_sorted, y), count_at_most(&pos_sorted, y));
                (m - i64::from(le)) + (m - i64::from(lt))
            })
            .collect();
        let total = rows.iter().sum();
        let rank = neg.iter().map(|&y| count_below(&neg_sorted, y)).collect();
        let mut order: Vec<(f64, bool, u32)> = pos
            .iter()
            .enumerate()
            .map(|(i, &x)| (x, false, i as u32))
            .chain(neg.iter().enumerate().map(|(j, &y)| (y, true, j as u32)))
            .collect();
        order.sort_by(|a, b| a.0.partial_cmp(&b.0).expect("scores are finite"));
        let mut groups: Vec<u32> = (0..order.len())
            .filter(|&k| k == 0 || order[k].0 != order[k - 1].0)
            .map(|k| k as u32)
            .collect();
        groups.push(order.len() as u32);
        Self {
            rows,
            cols,
            total,
            below,
            at_most,
            rank,
            order: order.into_iter().map(|(_, neg, k)| (neg, k)).collect(),
            groups,
        }
    }
}

/// Counts of inserted negatives by rank, with prefix sums in O(log n).
struct Fenwick(Vec<u32>);

impl Fenwick {
    fn clear(&mut self) {
        self.0.iter_mut().for_each(|c| *c = 0);
    }

    fn add(&mut self, rank: u32) {
        let mut k = rank as usize + 1;
        while k < self.0.len() {
            self.0[k] += 1;
            k += k & k.wrapping_neg();
        }
    }

    /// How many inserted ranks are below `rank`.
    fn below(&self, rank: u32) -> i64 {
        let (mut k, mut sum) = (rank as usize, 0i64);
        while k > 0 {
            sum += i64::from(self.0[k]);
            k &= k - 1;
        }
        sum
    }
}

/// Q = Σᵢⱼ sgn(a_i − a_j)·sgn(b_i − b_j) over positives i and negatives j (module doc).
fn concordance(a: &Reading, b: &Reading, tree: &mut Fenwick) -> i64 {
    let group = |w: &[u32]| &a.order[w[0] as usize..w[1] as usize];
    // Ascending, the negatives already inserted score below in a: sgn(a) = +1; descending, −1.
    sweep(a.groups.windows(2).map(group), b, tree)
        - sweep(a.groups.windows(2).rev().map(group), b, tree)
}

/// Σ over positives of (#negatives inserted before it that b ranks lower − those it ranks
/// higher), inserting each group's negatives after its positives so that ties in a add 0.
fn sweep<'a>(
    groups: impl Iterator<Item = &'a [(bool, u32)]>,
    b: &Reading,
    tree: &mut Fenwick,
) -> i64 {
    tree.clear();
    let (mut q, mut inserted) = (0i64, 0i64);
    for group in groups {
        for &(negative, i) in group {
            if !negative {
                let i = i as usize;
                let lower = tree.below(b.below[i]);
                let higher = inserted - tree.below(b.at_most[i]);
                q += lower - higher;
            }
        }
        for &(negative, j) in group {
            if negative {
                tree.add(b.rank[j as usize]);
                inserted += 1;
            }
        }
    }
    q
}

/// The unbiased covariance matrix (row-major) of the AUCs of `readings`, all on the same cases.
///
/// # Errors
/// `TooFew` with fewer than two cases of a class.
pub(super) fn matrix(readings: &[&[f64]], truth: &[bool]) -> Result<Vec<f64>> {
    let (m, n) = (
        truth.iter().filter(|&&t| t).count(),
        truth.iter().filter(|&&t| !t).count(),
    );
    if m < 2 || n < 2 {
        return Err(AnalysisError::TooFew {
            what: "the unbiased covariance",
            needed: 2,
            unit: "cases of each truth class",
            found: m.min(n),
        });
    }
    let split = |scores: &[f64]| {
        let (mut pos, mut neg) = (Vec::with_capacity(m), Vec::with_capacity(n));
        for (&s, &t) in scores.iter().zip(truth) {
            if t {
                pos.push(s);
            } else {
                neg.push(s);
            }
        }
        Reading::new(&pos, &neg)
    };
    let prepared: Vec<Reading> = readings.iter().map(|s| split(s)).collect();
    let (mi, ni) = (m as i128, n as i128);
    let (mf, nf) = (m as f64, n as f64);
    let size = prepared.len();
    let mut values = vec![0.0; size * size];
    let mut tree = Fenwick(vec![0; n + 1]);
    for (x, a) in prepared.iter().enumerate() {
        for (y, b) in prepared.iter().enumerate().skip(x) {
            let dot = |u: &[i64], v: &[i64]| -> i128 {
                u.iter().zip(v).map(|(&p, &q)| i128::from(p * q)).sum()
            };
            let (ta, tb) = (i128::from(a.total), i128::from(b.total));
            let same = ta + tb - mi * ni + i128::from(concordance(a, b, &mut tree));
            // Doubled kernels on both sides: everything here is in units of 4.
            let disjoint = ta * tb - dot(&a.rows, &b.rows) - dot(&a.cols, &b.cols) + same;
            let m4 = disjoint as f64 / 4.0 / (mf * (mf - 1.0) * nf * (nf - 1.0));
            let theta = |t: i128| t as f64 / 2.0 / (mf * nf);
            let cov = theta(ta) * theta(tb) - m4;
            values[x * size + y] = cov;
            values[y * size + x] = cov;
        }
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    /// The definition, summed over every positive × negative pair (the estimator before this
    /// module): the oracle the fast sums must equal.
    fn by_every_pair(a: &[f64], b: &[f64], truth: &[bool]) -> f64 {
        let kernel = |s: &[f64]| -> Vec<Vec<f64>> {
            let pos: Vec<f64> = s.iter().zip(truth).filter(|p| *p.1).map(|p| *p.0).collect();
            let neg: Vec<f64> = s
                .iter()
                .zip(truth)
                .filter(|p| !*p.1)
                .map(|p| *p.0)
                .collect();
            pos.iter()
                .map(|&x| {
                    neg.iter()
                        .map(|&y| match x.partial_cmp(&y).unwrap() {
                            std::cmp::Ordering::Greater => 1.0,
                            std::cmp::Ordering::Equal => 0.5,
                            std::cmp::Ordering::Less => 0.0,
                        })
                        .collect()
                })
                .collect()
        };
        let (ka, kb) = (kernel(a), kernel(b));
        let (m, n) = (ka.len() as f64, ka[0].len() as f64);
        let mut m4 = 0.0;
        for (i, row_a) in ka.iter().enumerate() {
            for (j, &va) in row_a.iter().enumerate() {
                for (k, row_b) in kb.iter().enumerate() {
                    for (l, &vb) in row_b.iter().enumerate() {
                        if i != k && j != l {
                            m4 += va * vb;
                        }
                    }
                }
            }
        }
        m4 /= m * (m - 1.0) * n * (n - 1.0);
        let mean = |k: &[Vec<f64>]| k.iter().flatten().sum::<f64>() / (m * n);
        mean(&ka) * mean(&kb) - m4
    }

    #[test]
    fn the_fast_sums_equal_the_definition_over_every_pair_with_and_without_ties() {
        let mut rng = StdRng::seed_from_u64(2006);
        for round in 0..40 {
            let cases = rng.random_range(4..24);
            let truth: Vec<bool> = (0..cases).map(|k| k % 3 == 0 || k == 1).collect();
            // Coarse ratings (many ties) in half the rounds, continuous in the others.
            let levels = if round % 2 == 0 { 5.0 } else { 1e6 };
            let mut reading = || -> Vec<f64> {
                (0..cases)
                    .map(|_| (rng.random::<f64>() * levels).floor())
                    .collect()
            };
            let (a, b) = (reading(), reading());
            let fast = matrix(&[&a, &b], &truth).unwrap();
            for (x, y, k) in [(&a, &a, 0), (&a, &b, 1), (&b, &b, 3)] {
                let slow = by_every_pair(x, y, &truth);
                assert!(
                    (fast[k] - slow).abs() < 1e-14,
                    "round {round}: {} against {slow}",
                    fast[k]
                );
            }
        }
    }

    #[test]
    fn negative_zero_ties_with_zero() {
        let truth = [true, true, false, false];
        let a = [0.0, 1.0, -0.0, 0.5];
        let b = [-0.0, 1.0, 0.0, 0.5];
        let fast = matrix(&[&a, &b], &truth).unwrap();
        assert!((fast[1] - by_every_pair(&a, &b, &truth)).abs() < 1e-15);
        assert!((fast[0] - fast[3]).abs() < 1e-15);
    }

    #[test]
    fn fewer_than_two_cases_of_a_class_is_refused() {
        let err = matrix(&[&[0.1, 0.2, 0.3]], &[true, false, false]);
        assert!(matches!(err, Err(AnalysisError::TooFew { .. })));
    }
}
