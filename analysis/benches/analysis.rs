//! Speed benchmarks (targets from issue 3): DeLong AUC + variance on 10⁶ scores; OR with
//! closed-form jackknife, DeLong and unbiased covariance on 50 readers × 2 modalities × 2,000 cases
//! (target < 1 s); a whole seed-size analysis, 16 readers × 2 modalities × 333 cases with every
//! table rendered (target < 50 ms); the localization analysis of RJafroc's FED study (5
//! modalities × 4 readers × 200 cases, wAFROC, OR and DBM) beside the same study's figures of
//! merit alone, its baseline. Run: `cargo bench -p analysis --bench analysis`.

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

/// FED from `fixtures/froc/fed` (the tool-neutral truth.csv and marks.csv), parsed here so the
/// benchmark needs no CSV reader.
fn fed() -> analysis::froc::Localization {
    use analysis::froc::{CaseMarks, Lesion, Localization, LocalizationTruth};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/froc/fed");
    let rows = |file: &str| -> Vec<Vec<String>> {
        std::fs::read_to_string(format!("{dir}/{file}"))
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    };
    let mut cases: Vec<String> = Vec::new();
    let mut lesions: Vec<Vec<Lesion>> = Vec::new();
    for r in rows("truth.csv") {
        if cases.last() != Some(&r[0]) {
            cases.push(r[0].clone());
            lesions.push(Vec::new());
        }
        if r[1] == "1" {
            let id: u32 = r[2].parse().unwrap();
            lesions.last_mut().unwrap().push(Lesion {
                id,
                weight: r[3].parse().unwrap(),
            });
        }
    }
    let marks = rows("marks.csv");
    let names = |column: usize| {
        let mut seen: Vec<String> = Vec::new();
        for m in &marks {
            if !seen.contains(&m[column]) {
                seen.push(m[column].clone());
            }
        }
        seen
    };
    let (readers, modalities) = (names(0), names(1));
    let mut all = Vec::new();
    for m in &modalities {
        for r in &readers {
            for (k, case) in cases.iter().enumerate() {
                let mut marked = CaseMarks {
                    nl: Vec::new(),
                    ll: vec![f64::NEG_INFINITY; lesions[k].len()],
                };
                for row in marks
                    .iter()
                    .filter(|x| &x[0] == r && &x[1] == m && &x[2] == case)
                {
                    let rating: f64 = row[5].parse().unwrap();
                    if row[3] == "NL" {
                        marked.nl.push(rating);
                    } else {
                        let id: u32 = row[4].parse().unwrap();
                        let l = lesions[k].iter().position(|x| x.id == id).unwrap();
                        marked.ll[l] = marked.ll[l].max(rating);
                    }
                }
                all.push(marked);
            }
        }
    }
    let truth = LocalizationTruth::new(cases, lesions).unwrap();
    Localization::new(truth, readers, modalities, all).unwrap()
}

fn wafroc_fed(c: &mut Criterion) {
    use analysis::froc::{analyze, localization_table, LocalizationFom};
    let study = fed();
    // The parse is right: RJafroc's DBM RRRC F on FED (fixtures/froc/fed/rjafroc_reference.json).
    let f = analyze(&study, LocalizationFom::Wafroc)
        .unwrap()
        .dbm
        .unwrap()
        .rrrc
        .f;
    assert!(
        (f - 7.80029966712505).abs() < 1e-8,
        "FED parsed wrongly: DBM F = {f}"
    );
    let mut group = c.benchmark_group("fed_5x4x200_wafroc");
    group.bench_function("figures_of_merit_baseline", |b| {
        b.iter(|| {
            black_box(localization_table(black_box(&study), LocalizationFom::Wafroc).unwrap())
        })
    });
    group.bench_function("or_and_dbm_analysis", |b| {
        b.iter(|| black_box(analyze(black_box(&study), LocalizationFom::Wafroc).unwrap()))
    });
    group.finish();
}

criterion_group!(
    benches,
    delong_million,
    or_fifty_readers,
    seed_size_study,
    wafroc_fed
);
criterion_main!(benches);
