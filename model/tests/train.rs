//! The training loop on a tiny synthetic set (CI does not retrain the shipped model).

mod common;

use model::augment::AugmentConfig;
use model::train::{train, TrainConfig};

fn tiny_train_config() -> TrainConfig {
    TrainConfig {
        net: common::tiny_config(24),
        seed: 11,
        max_epochs: 12,
        patience: 12,
        batch_size: 8,
        learning_rate: 1e-2,
        weight_decay: 1e-4,
        val_fraction: 0.2,
        augment: AugmentConfig {
            max_rotate_deg: 0.0,
            max_noise: 0.0,
            ..AugmentConfig::default()
        },
    }
}

#[test]
fn training_learns_a_separable_toy_task_and_fills_the_card() {
    let cases = common::synthetic_cases([48, 16, 16, 16], 24, 1);
    let mut epochs_seen = 0;

    let model = train(&cases, &tiny_train_config(), &mut |_| epochs_seen += 1).unwrap();

    let ext = model.card.external_test_auc.unwrap();
    assert!(ext.auc > 0.9, "external AUC {}", ext.auc);
    assert_eq!(model.card.counts, [48, 16, 16, 16]);
    assert_eq!(epochs_seen, model.card.epochs);
    assert!(model.card.best_epoch >= 1 && model.card.best_epoch <= model.card.epochs);
}

#[test]
fn training_is_reproducible_from_the_seed() {
    let cases = common::synthetic_cases([16, 8, 0, 0], 24, 2);
    let mut cfg = tiny_train_config();
    cfg.max_epochs = 2;

    let a = train(&cases, &cfg, &mut |_| {}).unwrap();
    let b = train(&cases, &cfg, &mut |_| {}).unwrap();

    let wa = a
        .params
        .var("fc.weight")
        .unwrap()
        .as_tensor()
        .to_vec2::<f32>()
        .unwrap();
    let wb = b
        .params
        .var("fc.weight")
        .unwrap()
        .as_tensor()
        .to_vec2::<f32>()
        .unwrap();
    assert_eq!(wa, wb);
}
