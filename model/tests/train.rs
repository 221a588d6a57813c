//! The training loop on a tiny synthetic set (CI does not retrain the shipped model).

mod common;

use model::augment::AugmentConfig;
use model::data::Split;
use model::guidance;
use model::preprocess::{batch_tensor, GreyImage};
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
        cam_mask_weight: 0.0,
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

#[test]
fn mask_guidance_moves_class_evidence_into_the_lesion() {
    let cases = common::synthetic_cases([48, 16, 16, 16], 24, 3);
    let unguided_cfg = tiny_train_config();
    let guided_cfg = TrainConfig {
        cam_mask_weight: 0.5,
        ..tiny_train_config()
    };

    let unguided = train(&cases, &unguided_cfg, &mut |_| {}).unwrap();
    let guided = train(&cases, &guided_cfg, &mut |_| {}).unwrap();

    let share = |m: &model::train::TrainedModel| {
        let net = m.net.fold().unwrap();
        let test: Vec<_> = cases
            .iter()
            .filter(|c| c.meta.split == Split::Internal)
            .collect();
        let imgs: Vec<&GreyImage> = test.iter().map(|c| &c.image).collect();
        let x = batch_tensor(&imgs, 1).unwrap();
        let a = net.features(&x, false).unwrap();
        let masks: Vec<Option<&GreyImage>> = test.iter().map(|c| c.mask.as_ref()).collect();
        let outside = guidance::outside_cells(&masks, a.dim(2).unwrap())
            .unwrap()
            .unwrap();
        let cam = guidance::class_activation_map(&a, net.fc_weight()).unwrap();
        guidance::outside_share(&cam, &outside).unwrap()
    };
    let (before, after) = (share(&unguided), share(&guided));
    eprintln!("share of |CAM| outside the lesion: unguided {before:.3}, guided {after:.3}");
    assert!(
        after < 0.7 * before,
        "guided {after:.3} vs unguided {before:.3}"
    );
    assert!(guided.card.external_test_auc.unwrap().auc > 0.9);
    assert_eq!(guided.card.cam_mask_weight, 0.5);
}
