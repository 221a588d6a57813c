//! Batched prediction over a manifest folder: outputs written, progress reported.

mod common;

use std::path::Path;

use model::infer::{predict_dir, Predictor};
use model::{ParamStore, ResNet};
use vocab::SplitMix64;

fn write_study(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir.join("images")).unwrap();
    let mut rng = SplitMix64::new(1);
    let mut manifest = String::from("case_id,file,truth,age,sex,location,site,split\n");
    for i in 0..n {
        let os = i % 2 == 0;
        let (img, _) = common::lesion_image(40, os, &mut rng);
        let bytes: Vec<u8> = img.pixels.iter().map(|v| (v * 255.0) as u8).collect();
        let buf = image::GrayImage::from_raw(40, 40, bytes).unwrap();
        buf.save(dir.join(format!("images/c{i}.png"))).unwrap();
        let truth = if os { "OS" } else { "GCT" };
        manifest.push_str(&format!(
            "c{i},images/c{i}.png,{truth},30,F,distal_femur,H1,external\n"
        ));
    }
    std::fs::write(dir.join("manifest.csv"), manifest).unwrap();
}

#[test]
fn predict_dir_writes_probabilities_overlays_and_features() {
    let dir = std::env::temp_dir().join(format!("model-infer-{}", std::process::id()));
    write_study(&dir, 5);
    let net = ResNet::new(&common::tiny_config(24), &mut ParamStore::fresh(2)).unwrap();
    let predictor = Predictor::from_net(&net).unwrap();
    let out = dir.join("out");
    let mut calls = Vec::new();

    let preds = predict_dir(&predictor, &dir, &out, 2, &mut |done, total| {
        calls.push((done, total))
    })
    .unwrap();

    assert_eq!(preds.len(), 5);
    assert_eq!(calls, vec![(2, 5), (4, 5), (5, 5)]);
    assert!(preds.iter().all(|p| (0.0..=1.0).contains(&p.probability)));
    let csv = std::fs::read_to_string(out.join("predictions.csv")).unwrap();
    assert_eq!(csv.lines().count(), 6);
    let features = std::fs::read_to_string(out.join("features.csv")).unwrap();
    assert_eq!(features.lines().nth(1).unwrap().split(',').count(), 1 + 8);
    for sub in ["gradcam", "gradcampp"] {
        let png = std::fs::read(out.join(sub).join("c3.png")).unwrap();
        assert_eq!(
            image::load_from_memory(&png).unwrap().width(),
            model::infer::OVERLAY_SIZE as u32
        );
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_missing_image_is_named_in_the_error() {
    let dir = std::env::temp_dir().join(format!("model-infer-missing-{}", std::process::id()));
    write_study(&dir, 2);
    std::fs::remove_file(dir.join("images/c1.png")).unwrap();
    let net = ResNet::new(&common::tiny_config(24), &mut ParamStore::fresh(2)).unwrap();
    let predictor = Predictor::from_net(&net).unwrap();

    let err = predict_dir(&predictor, &dir, &dir.join("out"), 4, &mut |_, _| {}).unwrap_err();

    assert!(err.to_string().contains("c1.png"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}
