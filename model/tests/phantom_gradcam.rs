//! The shipped network's Grad-CAM concentrates on the lesion of unseen phantoms of both classes.

use imaging::phantom::{generate, Class, PhantomCase, PhantomConfig};
use model::gradcam::{grad_cams, normalise, upsample, CamTarget};
use model::infer::Predictor;
use model::preprocess::{batch_tensor, letterbox, GreyImage};
use model::study::mask_energy_ratio;

/// Grad-CAM energy inside the lesion ÷ the lesion's area fraction, per case with a mask.
fn ratios(cases: &[PhantomCase], target: CamTarget) -> Vec<f64> {
    let predictor = Predictor::shipped().unwrap();
    let size = predictor.net().config().input_size;
    let inputs: Vec<GreyImage> = cases
        .iter()
        .map(|c| letterbox(&GreyImage::from(&c.image), size))
        .collect();
    let x = batch_tensor(&inputs.iter().collect::<Vec<_>>(), 1).unwrap();
    let cams = grad_cams(predictor.net(), &x, target).unwrap();
    cases
        .iter()
        .zip(&cams)
        .filter_map(|(c, cam)| {
            let mask = GreyImage::new(
                c.image.width as usize,
                c.image.height as usize,
                c.mask.iter().map(|&m| f32::from(m)).collect(),
            )
            .unwrap();
            let inside: Vec<bool> = letterbox(&mask, size)
                .pixels
                .iter()
                .map(|&v| v >= 0.5)
                .collect();
            mask_energy_ratio(&upsample(&normalise(&cam.gradcam), cam.side, size), &inside)
        })
        .collect()
}

fn phantoms(os: usize, gct: usize) -> Vec<PhantomCase> {
    // A seed the shipped weights never saw (they were trained on seed 2024).
    generate(&PhantomConfig {
        cases_os: os,
        cases_gct: gct,
        seed: 77,
        size: 256,
        practice_cases: 0,
        ..PhantomConfig::default()
    })
    .unwrap()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

#[test]
fn predicted_class_heat_maps_put_at_least_three_times_their_share_of_energy_in_the_lesion() {
    let cases = phantoms(8, 8);

    let r = ratios(&cases, CamTarget::Predicted);

    eprintln!("mask energy ratios {r:.2?}, mean {:.2}", mean(&r));
    assert!(
        r.len() >= 12,
        "only {} cases had a mask and a non-zero map",
        r.len()
    );
    assert!(mean(&r) >= 3.0, "mean energy ratio {:.2} ({r:?})", mean(&r));
}

#[test]
fn each_class_map_finds_the_lesion_of_its_own_class() {
    let os = phantoms(8, 0);
    let gct: Vec<PhantomCase> = phantoms(8, 8)
        .into_iter()
        .filter(|c| c.truth == Class::Gct)
        .collect();

    let (r_os, r_gct) = (ratios(&os, CamTarget::Os), ratios(&gct, CamTarget::Gct));

    eprintln!(
        "OS map on OS {:.2}, GCT map on GCT {:.2}",
        mean(&r_os),
        mean(&r_gct)
    );
    assert!(mean(&r_os) >= 3.0, "OS map on OS cases {:.2}", mean(&r_os));
    assert!(
        mean(&r_gct) >= 3.0,
        "GCT map on GCT cases {:.2}",
        mean(&r_gct)
    );
}
