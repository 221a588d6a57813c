//! Speed of the whole results page: `study_results` plus every table and figure for a
//! demo-sized study, 16 readers (6 junior, 5 intermediate, 5 senior) × 2 modalities × 150 cases
//! with CNN and clinical probabilities (target < 200 ms).
//! Run: `cargo bench -p analysis --no-default-features --bench study -- --warm-up-time 1
//! --measurement-time 5` (without `--no-default-features` the bench first builds polars in release).

use std::hint::black_box;

use analysis::study::simulate::DemoStudy;
use analysis::study::{study_results, ResultsOptions};
use criterion::{criterion_group, criterion_main, Criterion};

fn results_page(c: &mut Criterion) {
    let data = DemoStudy::results_page().sample(1);
    let opts = ResultsOptions::default();
    c.bench_function("study_results_16x2x150", |b| {
        b.iter(|| {
            let results = study_results(black_box(&data), &opts).unwrap();
            black_box((
                results.tables(),
                results.roc_figures(),
                results.accuracy_chart(),
            ))
        })
    });
}

criterion_group!(benches, results_page);
criterion_main!(benches);
