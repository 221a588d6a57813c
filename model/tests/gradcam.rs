//! Grad-CAM against its analytic form and against finite differences.

mod common;

use candle_core::{DType, Device, Tensor};
use model::gradcam::{cams_from_gradients, feature_gradients, grad_cams, CamTarget};
use model::{ParamStore, ResNet};
use vocab::SplitMix64;

#[test]
fn gradcam_of_a_gap_linear_head_is_the_weighted_activation_sum() {
    let cfg = common::tiny_config(16);
    let net = ResNet::new(&cfg, &mut ParamStore::fresh(3)).unwrap();
    let mut rng = SplitMix64::new(4);
    let (img, _) = common::lesion_image(16, true, &mut rng);
    let x = model::preprocess::batch_tensor(&[&img], 1).unwrap();

    let cams = grad_cams(&net, &x, CamTarget::Os).unwrap();

    // With y = Σ_k w_k mean(A_k) + b, ∂y/∂A_kij = w_k / Z, so the map is relu(Σ_k w_k A_k) / Z.
    let a = net
        .features(&x, false)
        .unwrap()
        .squeeze(0)
        .unwrap()
        .to_vec3::<f32>()
        .unwrap();
    let w = net.fc_weight().to_vec2::<f32>().unwrap();
    let side = a[0].len();
    let z = (side * side) as f32;
    for i in 0..side {
        for j in 0..side {
            let expected = (0..a.len())
                .map(|k| w[0][k] * a[k][i][j])
                .sum::<f32>()
                .max(0.0)
                / z;
            let got = cams[0].gradcam[i * side + j];
            assert!(
                (got - expected).abs() < 1e-5,
                "({i},{j}): {got} vs {expected}"
            );
        }
    }
}

#[test]
fn gct_maps_use_the_negated_logit() {
    let cfg = common::tiny_config(16);
    let net = ResNet::new(&cfg, &mut ParamStore::fresh(5)).unwrap();
    let (img, _) = common::lesion_image(16, false, &mut SplitMix64::new(6));
    let x = model::preprocess::batch_tensor(&[&img], 1).unwrap();

    let os = &grad_cams(&net, &x, CamTarget::Os).unwrap()[0];
    let gct = &grad_cams(&net, &x, CamTarget::Gct).unwrap()[0];

    assert_eq!(os.score, -gct.score);
    assert_eq!(os.logit, gct.logit);
}

#[test]
fn feature_gradients_match_central_finite_differences() {
    // A non-linear head, so the check is not trivially exact: y = tanh(Σ c·a²) per image.
    let mut rng = SplitMix64::new(7);
    let vals: Vec<f64> = (0..2 * 3 * 4 * 4).map(|_| rng.normal()).collect();
    let a = Tensor::from_vec(vals.clone(), (2, 3, 4, 4), &Device::Cpu).unwrap();
    let coef: Vec<f64> = (0..3 * 16).map(|_| rng.normal() * 0.1).collect();
    let c = Tensor::from_vec(coef, (1, 3, 4, 4), &Device::Cpu).unwrap();
    let head = |t: &Tensor| -> model::Result<Tensor> {
        Ok(t.sqr()?
            .broadcast_mul(&c)?
            .flatten_from(1)?
            .sum(1)?
            .tanh()?)
    };

    let (_, g) = feature_gradients(&a, head).unwrap();

    let g = g.flatten_all().unwrap().to_vec1::<f64>().unwrap();
    let eps = 1e-6;
    for idx in [0usize, 5, 17, 40, 63, 95] {
        let bump = |d: f64| {
            let mut v = vals.clone();
            v[idx] += d;
            let t = Tensor::from_vec(v, (2, 3, 4, 4), &Device::Cpu).unwrap();
            head(&t)
                .unwrap()
                .sum_all()
                .unwrap()
                .to_scalar::<f64>()
                .unwrap()
        };
        let fd = (bump(eps) - bump(-eps)) / (2.0 * eps);
        assert!(
            (g[idx] - fd).abs() < 1e-7,
            "index {idx}: autograd {} vs finite difference {fd}",
            g[idx]
        );
    }
    assert_eq!(a.dtype(), DType::F64);
}

#[test]
fn gradcam_pp_weights_positive_gradients_only() {
    // Two channels on a 2×2 grid: channel 0 has positive gradient, channel 1 negative.
    let a = [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0];
    let g = [0.5, 0.5, 0.5, 0.5, -0.5, -0.5, -0.5, -0.5];

    let (cam, cam_pp, _) = cams_from_gradients(&a, &g, 2, 2);

    // Grad-CAM: α = (0.5, −0.5) → relu(0.5·A0 − 0.5·A1) = [0.5, 0, 0, 0].
    assert_eq!(cam, vec![0.5, 0.0, 0.0, 0.0]);
    // Grad-CAM++ ignores channel 1 (relu(g) = 0) and keeps channel 0's pattern.
    assert!(cam_pp[0] > 0.0 && cam_pp[1..].iter().all(|&v| v == 0.0));
}
