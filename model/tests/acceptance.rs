//! The shipped network meets the AI acceptance figures on the default phantom study, recomputed
//! from scratch: the phantoms are generated, scored and evaluated as `lector evaluate` does.

use imaging::phantom::PhantomConfig;
use model::infer::Predictor;
use model::study::evaluate_study;

#[test]
fn shipped_weights_meet_the_acceptance_figures_on_the_default_phantoms() {
    let dir = std::env::temp_dir().join(format!("model-acceptance-{}", std::process::id()));
    let data = dir.join("phantoms");
    imaging::synth::synthesize(&PhantomConfig::default(), &data, |_, _| {}).unwrap();

    let report = evaluate_study(&Predictor::shipped().unwrap(), &data, &dir.join("eval")).unwrap();

    let external = report.cnn_external.unwrap();
    let clinical = &report.clinical_external;
    let (_, p) = clinical.delong.unwrap();
    assert!(external.auc >= 0.93, "CNN external AUC {}", external.auc);
    assert!(
        (0.55..=0.75).contains(&clinical.clinical_auc.auc),
        "clinical AUC {}",
        clinical.clinical_auc.auc
    );
    assert!(p < 0.05, "paired DeLong p {p}");
    let gradcam = report.gradcam_mask_ratio.unwrap();
    assert!(gradcam >= 3.0, "Grad-CAM mask energy ratio {gradcam}");
    assert!(
        report.tsne_1nn_agreement >= 0.85,
        "t-SNE 1-NN agreement {}",
        report.tsne_1nn_agreement
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
