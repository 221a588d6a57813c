//! Speed benchmarks (targets from issue 3): DeLong AUC + variance on 10⁶ scores; OR with
//! closed-form jackknife, DeLong and unbiased covariance on 50 readers × 2 modalities × 2,000 cases
//! (target < 1 s); a whole seed-size analysis, 16 readers × 2 modalities × 333 cases with every
//! table rendered (target < 50 ms). Run: `cargo bench -p analysis --bench analysis`.

use std::hint::black_box;

use analysis::covariance::covariance_matrix;
use analysis::delong::{placements, variance};
use analysis::fom::fom_table;
use analysis::or::obuchowski_rockette;
use analysis::simulate::RoeMetz;
use analysis::{analyze, AnalyzeOptions, Covariance, Fom};
use criterion::{criterion_group, criterion_main, Criterion};
use rand::rngs::StdRng;
use rand::SeedableRng;
use rand_distr::{Distribution, Normal};

/// 10⁶ scores: 500,000 negatives ~ N(0, 1) and 500,000 positives ~ N(1, 1).
fn million_scores() -> (Vec<f64>, Vec<f64>) {
    let mut rng = StdRng::seed_from_u64(7);
    let normal = Normal::new(0.0, 1.0).unwrap();
    let neg = (0..500_000).map(|_| normal.sample(&mut rng)).collect();
    let pos = (0..500_000)
        .map(|_| 1.0 + normal.sample(&mut rng))
        .collect();
    (pos, neg)
}

fn delong_million(c: &mut Criterion) {
    let (pos, neg) = million_scores();
    c.bench_function("delong_auc_and_variance_1e6", |b| {
        b.iter(|| {
            let p = placements(black_box(&pos), black_box(&neg)).unwrap();
            black_box((p.auc, variance(&p)))
        })
    });
}

fn or_fifty_readers(c: &mut Criterion) {
    let reads = RoeMetz::null_study(50, 1000, 1000).sample(11).unwrap();
    let mut group = c.benchmark_group("or_50x2x2000");
    group.sample_size(10);
    for method in [
        Covariance::Jackknife,
        Covariance::DeLong,
        Covariance::Unbiased,
    ] {
        group.bench_function(method.as_str(), |b| {
            b.iter(|| {
                let table = fom_table(&reads, Fom::Auc, None).unwrap();
                let cov = covariance_matrix(&reads, &table, method).unwrap();
                black_box(
                    obuchowski_rockette(
                        &table.values(),
                        &cov,
                        method,
                        reads.modalities(),
                        reads.readers(),
                    )
                    .unwrap(),
                )
            })
        });
    }
    group.finish();
}

fn seed_size_study(c: &mut Criterion) {
    // 136 OS + 197 GCT cases read by 16 radiologists unaided and aided.
    let reads = RoeMetz::null_study(16, 197, 136).sample(3).unwrap();
    let opts = AnalyzeOptions::default();
    c.bench_function("seed_size_16x2x333_full_report", |b| {
        b.iter(|| {
            let report = analyze(black_box(&reads), &opts).unwrap();
            black_box((report.to_json(), report.to_markdown(), report.to_csv()))
        })
    });
}

criterion_group!(benches, delong_million, or_fifty_readers, seed_size_study);
criterion_main!(benches);
