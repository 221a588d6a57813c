//! Monte-Carlo check that the OR random-reader test holds its size under the null.
//!
//! Ignored by default (it draws 10,000 studies). Run it with
//! `cargo test -p analysis --release --test monte_carlo -- --ignored --nocapture`.

use analysis::covariance::covariance_matrix;
use analysis::fom::fom_table;
use analysis::or::obuchowski_rockette;
use analysis::simulate::RoeMetz;
use analysis::{Covariance, Fom};

const STUDIES: u64 = 10_000;

#[test]
#[ignore = "slow: 10,000 simulated studies; run with --release -- --ignored"]
fn or_rrrc_type_one_error_is_near_five_percent_on_null_roe_metz_data() {
    // Roe & Metz (1997) null studies: 5 readers, 2 modalities, 50 negative + 50 positive cases.
    let design = RoeMetz::null_study(5, 50, 50);
    let mut rejections = 0u64;

    for seed in 0..STUDIES {
        let reads = design.sample(seed).unwrap();
        let table = fom_table(&reads, Fom::Auc, None).unwrap();
        let cov = covariance_matrix(&reads, &table, Covariance::Jackknife).unwrap();
        let or = obuchowski_rockette(
            &table.values(),
            &cov,
            Covariance::Jackknife,
            reads.modalities(),
            reads.readers(),
        )
        .unwrap();
        if or.rrrc.p < 0.05 {
            rejections += 1;
        }
    }

    let rate = rejections as f64 / STUDIES as f64;
    println!("OR-RRRC (jackknife, Hillis ddf) type-I error at alpha 0.05: {rate:.4} over {STUDIES} null studies");
    assert!(
        (0.04..=0.06).contains(&rate),
        "type-I error {rate} outside 0.04-0.06"
    );
}
