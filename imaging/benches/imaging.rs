//! Timing of the phantom generator (and, once decoding lands, of rendering RG3).
//! Run with `cargo bench -p imaging`; prints the median of repeated runs.

use imaging::phantom::{generate_case, plan, PhantomConfig};
use std::time::{Duration, Instant};

/// Median wall time of `runs` calls of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let config = PhantomConfig::default();
    let plans = plan(&config).expect("the default configuration is valid");
    let mut k = 0;
    let one = median(15, || {
        std::hint::black_box(generate_case(&config, &plans[k % plans.len()]));
        k += 1;
    });
    println!(
        "phantom 512x512, one case: {:.1} ms (default set of {} cases ~ {:.1} s on one core)",
        one.as_secs_f64() * 1e3,
        plans.len(),
        one.as_secs_f64() * plans.len() as f64
    );
}
