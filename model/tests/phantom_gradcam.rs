//! The shipped network's OS Grad-CAM concentrates on the lesion of unseen OS phantoms.

use imaging::phantom::{generate, PhantomConfig};
use model::gradcam::{grad_cams, normalise, upsample, CamTarget};
use model::infer::Predictor;
use model::preprocess::{batch_tensor, letterbox, GreyImage};
use model::study::mask_energy_ratio;

#[test]
fn os_heat_maps_put_at_least_three_times_their_share_of_energy_in_the_lesion() {
    // A seed the shipped weights never saw (they were trained on seed 2024).
    let config = PhantomConfig {
        cases_os: 8,
        cases_gct: 0,
        seed: 77,
        size: 256,
        practice_cases: 0,
        ..PhantomConfig::default()
    };
    let cases = generate(&config).unwrap();
    let predictor = Predictor::shipped().unwrap();
    let size = predictor.net().config().input_size;
    let inputs: Vec<GreyImage> = cases
        .iter()
        .map(|c| letterbox(&GreyImage::from(&c.image), size))
        .collect();
    let x = batch_tensor(&inputs.iter().collect::<Vec<_>>(), 1).unwrap();

    let cams = grad_cams(predictor.net(), &x, CamTarget::Os).unwrap();

    let ratios: Vec<f64> = cases
        .iter()
        .zip(&cams)
        .filter_map(|(c, cam)| {
            let w = c.image.width as usize;
            let mask = GreyImage::new(
                w,
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
        .collect();
    let mean = ratios.iter().sum::<f64>() / ratios.len() as f64;
    eprintln!("mask energy ratios {ratios:.2?}, mean {mean:.2}");
    assert!(
        ratios.len() >= 6,
        "only {} cases had a mask and a non-zero map",
        ratios.len()
    );
    assert!(mean >= 3.0, "mean energy ratio {mean:.2} ({ratios:?})");
}
