//! The load run's report: latency percentiles (nearest rank) of next-case and submit, the
//! throughput, and what the database check found.

use std::time::Duration;

use serde::Serialize;

use super::drive::Outcome;
use super::verify::Stored;
use super::LoadArgs;

/// Percentiles of one kind of request, in milliseconds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Latency {
    pub count: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// The nearest-rank percentile `p` (0–100) of sorted values.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl Latency {
    fn of(values: &[Duration]) -> Latency {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        let ms = |d: Duration| (d.as_secs_f64() * 1e4).round() / 10.0;
        Latency {
            count: sorted.len(),
            p50_ms: ms(percentile(&sorted, 50.0)),
            p95_ms: ms(percentile(&sorted, 95.0)),
            p99_ms: ms(percentile(&sorted, 99.0)),
            max_ms: ms(sorted.last().copied().unwrap_or_default()),
        }
    }
}

/// Everything one run measured.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub url: String,
    pub readers: usize,
    pub think_ms: u64,
    pub seconds: f64,
    pub next_case: Latency,
    pub state: Latency,
    pub image: Latency,
    pub submit: Latency,
    /// Acknowledged ratings per second.
    pub submits_per_second: f64,
    pub acknowledged: usize,
    pub retries: u64,
    pub refusals: Vec<String>,
    pub finished_readers: usize,
    pub kill: Option<String>,
    /// Acknowledged ratings missing from the database (checked with --database-url).
    pub lost: Option<usize>,
    /// Ratings stored more than once.
    pub duplicated: Option<usize>,
}

impl Report {
    pub(super) fn new(args: &LoadArgs, outcome: &Outcome, stored: Option<Stored>) -> Report {
        let seconds = outcome.elapsed.as_secs_f64();
        Report {
            url: args.url.clone(),
            readers: args.readers,
            think_ms: args.think_ms,
            seconds: (seconds * 10.0).round() / 10.0,
            next_case: Latency::of(&outcome.next_case),
            state: Latency::of(&outcome.state),
            image: Latency::of(&outcome.image),
            submit: Latency::of(&outcome.submit),
            submits_per_second: (outcome.acknowledged.len() as f64 / seconds.max(1e-9) * 10.0)
                .round()
                / 10.0,
            acknowledged: outcome.acknowledged.len(),
            retries: outcome.retries,
            refusals: outcome.refusals.iter().take(20).cloned().collect(),
            finished_readers: outcome.finished_readers,
            kill: outcome.kill.clone(),
            lost: stored.as_ref().map(|s| s.lost),
            duplicated: stored.as_ref().map(|s| s.duplicated),
        }
    }

    /// Whether the run lost or doubled a read, or the server refused one.
    pub fn failed(&self) -> bool {
        !self.refusals.is_empty()
            || self.lost.is_some_and(|n| n > 0)
            || self.duplicated.is_some_and(|n| n > 0)
    }

    /// The report as a table for a terminal.
    pub fn table(&self) -> String {
        let row = |name: &str, l: &Latency| {
            format!(
                "{name:<10} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>9.1}\n",
                l.count, l.p50_ms, l.p95_ms, l.p99_ms, l.max_ms
            )
        };
        let mut out = format!(
            "{} readers on {} for {:.1} s (think {} ms)\n\
             {:<10} {:>7} {:>9} {:>9} {:>9} {:>9}\n",
            self.readers,
            self.url,
            self.seconds,
            self.think_ms,
            "request",
            "count",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms"
        );
        out += &row("next-case", &self.next_case);
        out += &row("  state", &self.state);
        out += &row("  image", &self.image);
        out += &row("submit", &self.submit);
        out += &format!(
            "{} ratings acknowledged, {:.1} per second; {} readers finished their session; \
             {} requests sent again\n",
            self.acknowledged, self.submits_per_second, self.finished_readers, self.retries
        );
        if let Some(kill) = &self.kill {
            out += &format!("kill: {kill}\n");
        }
        if let (Some(lost), Some(duplicated)) = (self.lost, self.duplicated) {
            out +=
                &format!("acknowledged reads lost: {lost}; stored more than once: {duplicated}\n");
        }
        for refusal in &self.refusals {
            out += &format!("refused: {refusal}\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_rank_percentile_of_a_hundred_values_is_the_value_at_that_rank() {
        let values: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();

        assert_eq!(percentile(&values, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&values, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&values, 100.0), Duration::from_millis(100));
        assert_eq!(percentile(&[], 99.0), Duration::ZERO);
    }
}
