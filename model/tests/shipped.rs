//! The shipped weights load, run, and their card meets the acceptance target.

mod common;

use model::card::ModelCard;
use model::infer::{Predictor, SHIPPED_CARD};
use vocab::SplitMix64;

#[test]
fn shipped_weights_load_and_give_a_probability_and_overlays() {
    let predictor = Predictor::shipped().unwrap();
    let (img, _) = common::lesion_image(200, true, &mut SplitMix64::new(1));

    let ai = predictor.predict(&img).unwrap();

    assert!((0.0..=1.0).contains(&ai.probability));
    assert_eq!(ai.features.len(), 128);
    assert_eq!(ai.cams.side, 8);
    assert_eq!(&ai.heatmap_png[..4], b"\x89PNG");
}

#[test]
fn shipped_card_reports_external_auc_of_at_least_0_93() {
    let card: ModelCard = serde_json::from_str(SHIPPED_CARD).unwrap();

    let ext = card.external_test_auc.unwrap();

    assert!(ext.auc >= 0.93, "external AUC {}", ext.auc);
    assert!(ext.lo <= ext.auc && ext.auc <= ext.hi);
    assert_eq!(card.data_hash.len(), 64);
}
