//! t-SNE determinism and class separation on clustered features.

use model::tsne::{one_nn_agreement, pca_2d, tsne, TsneConfig};
use vocab::SplitMix64;

/// Two Gaussian clusters in 20-D whose means differ by 4 SD in the first 5 dimensions.
fn clusters(n: usize, seed: u64) -> (Vec<Vec<f64>>, Vec<bool>) {
    let mut rng = SplitMix64::new(seed);
    let mut x = Vec::new();
    let mut labels = Vec::new();
    for i in 0..n {
        let os = i % 2 == 0;
        x.push(
            (0..20)
                .map(|d| rng.normal() + if os && d < 5 { 4.0 } else { 0.0 })
                .collect(),
        );
        labels.push(os);
    }
    (x, labels)
}

fn quick() -> TsneConfig {
    TsneConfig {
        iterations: 300,
        exaggeration_iterations: 100,
        ..TsneConfig::default()
    }
}

#[test]
fn identical_input_gives_identical_output() {
    let (x, _) = clusters(40, 1);

    let a = tsne(&x, &quick()).unwrap();
    let b = tsne(&x, &quick()).unwrap();

    assert_eq!(a, b);
}

#[test]
fn separated_clusters_stay_apart_in_two_dimensions() {
    let (x, labels) = clusters(60, 2);

    let y = tsne(&x, &quick()).unwrap();

    assert!(one_nn_agreement(&y, &labels) >= 0.95);
}

#[test]
fn pca_initialisation_recovers_the_dominant_direction() {
    // Points on the line (t, 2t) plus tiny noise: the first component is along (1, 2)/√5, so the
    // 2-D coordinates are ordered as t.
    let mut rng = SplitMix64::new(3);
    let x: Vec<Vec<f64>> = (0..10)
        .map(|i| vec![i as f64 + 1e-3 * rng.normal(), 2.0 * i as f64])
        .collect();

    let y = pca_2d(&x).unwrap();

    let increasing = y.windows(2).all(|w| w[1][0] > w[0][0]);
    let decreasing = y.windows(2).all(|w| w[1][0] < w[0][0]);
    assert!(increasing || decreasing);
    let sd = (y.iter().map(|p| p[0] * p[0]).sum::<f64>() / 10.0).sqrt();
    assert!((sd - 1e-4).abs() < 1e-9);
}

#[test]
fn too_few_points_are_refused() {
    assert!(tsne(&[vec![0.0], vec![1.0]], &TsneConfig::default()).is_err());
}
