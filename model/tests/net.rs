//! Network shape, naming and batch-norm folding.

use candle_core::{Device, Tensor};
use model::{NetConfig, ParamStore, ResNet, StemPool};

fn tiny() -> NetConfig {
    // Widths chosen so no map has as many channels as pixels a side: candle 0.9.2's conv2d
    // misreads such NCHW inputs as NHWC (see `model::fastconv`), and the unfolded network
    // compared against here runs on candle's conv2d.
    NetConfig {
        in_channels: 1,
        widths: [4, 6, 8, 8],
        blocks: [1, 1, 1, 1],
        strides: [1, 2, 2, 1],
        stem_kernel: 3,
        stem_stride: 2,
        stem_pool: StemPool::Max2,
        num_classes: 1,
        input_size: 32,
    }
}

fn input(n: usize, seed: u64) -> Tensor {
    let mut r = vocab::SplitMix64::new(seed);
    let v: Vec<f32> = (0..n * 32 * 32).map(|_| r.normal() as f32).collect();
    Tensor::from_vec(v, (n, 1, 32, 32), &Device::Cpu).unwrap()
}

#[test]
fn parameter_names_follow_torchvision() {
    let mut store = ParamStore::fresh(1);
    ResNet::new(&NetConfig::resnet18(), &mut store).unwrap();

    for name in [
        "conv1.weight",
        "bn1.running_var",
        "layer1.0.conv1.weight",
        "layer2.0.downsample.0.weight",
        "layer2.0.downsample.1.bias",
        "layer4.1.bn2.weight",
        "fc.weight",
        "fc.bias",
    ] {
        assert!(store.var(name).is_some(), "missing {name}");
    }
    assert!(store.var("layer1.0.downsample.0.weight").is_none());
    // torchvision's resnet18() has 11,689,512 parameters.
    assert_eq!(store.count_trainable(), 11_689_512);
}

#[test]
fn feature_map_side_matches_the_configuration() {
    let cfg = tiny();
    let net = ResNet::new(&cfg, &mut ParamStore::fresh(2)).unwrap();

    let f = net.features(&input(2, 3), false).unwrap();

    assert_eq!(f.dims(), &[2, 8, cfg.feature_side(), cfg.feature_side()]);
    assert_eq!(cfg.feature_side(), 2);
    assert_eq!(NetConfig::resnet18().feature_side(), 7);
    assert_eq!(NetConfig::shipped().feature_side(), 8);
}

#[test]
fn folded_network_gives_the_same_logits() {
    let cfg = tiny();
    let mut store = ParamStore::fresh(4);
    let net = ResNet::new(&cfg, &mut store).unwrap();
    // A few training passes move the running statistics away from 0/1.
    for s in 0..3 {
        net.forward(&input(4, 10 + s), true).unwrap();
    }
    let x = input(3, 99);

    let plain = net
        .forward(&x, false)
        .unwrap()
        .flatten_all()
        .unwrap()
        .to_vec1::<f32>()
        .unwrap();
    let folded = net
        .fold()
        .unwrap()
        .forward(&x, false)
        .unwrap()
        .flatten_all()
        .unwrap()
        .to_vec1::<f32>()
        .unwrap();

    for (a, b) in plain.iter().zip(&folded) {
        assert!((a - b).abs() < 1e-4, "{a} vs {b}");
    }
}

#[test]
fn weights_round_trip_through_safetensors() {
    let cfg = tiny();
    let mut store = ParamStore::fresh(5);
    let net = ResNet::new(&cfg, &mut store).unwrap();
    let dir = std::env::temp_dir().join(format!("model-net-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("w.safetensors");
    let x = input(1, 6);

    store.save(&path).unwrap();
    let mut loaded = ParamStore::from_safetensors(&path).unwrap();
    let again = ResNet::new(&cfg, &mut loaded).unwrap();

    let a = net.forward(&x, false).unwrap().to_vec2::<f32>().unwrap();
    let b = again.forward(&x, false).unwrap().to_vec2::<f32>().unwrap();
    assert_eq!(a, b);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn wrong_widths_are_refused_with_the_tensor_name() {
    let mut store = ParamStore::fresh(7);
    ResNet::new(&tiny(), &mut store).unwrap();
    let dir = std::env::temp_dir().join(format!("model-net-w-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("w.safetensors");
    store.save(&path).unwrap();
    let mut other = tiny();
    other.widths = [8, 8, 8, 8];

    let err = ResNet::new(&other, &mut ParamStore::from_safetensors(&path).unwrap()).unwrap_err();

    assert!(err.to_string().contains("conv1.weight"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn gradients_reach_the_stem() {
    let cfg = tiny();
    let mut store = ParamStore::fresh(8);
    let net = ResNet::new(&cfg, &mut store).unwrap();

    let loss = net
        .forward(&input(2, 9), true)
        .unwrap()
        .sqr()
        .unwrap()
        .sum_all()
        .unwrap();
    let grads = loss.backward().unwrap();

    let g = grads
        .get(store.var("conv1.weight").unwrap().as_tensor())
        .unwrap();
    let norm = g
        .sqr()
        .unwrap()
        .sum_all()
        .unwrap()
        .to_scalar::<f32>()
        .unwrap();
    assert!(norm > 0.0);
}

#[test]
fn recalibrated_batch_norm_uses_the_batch_statistics() {
    let cfg = tiny();
    let net = ResNet::new(&cfg, &mut ParamStore::fresh(12)).unwrap();
    // 16 images: the last maps are 2×2, so the unbiased-variance correction is 64/63, small
    // enough for the tolerance below.
    let x = input(16, 13);
    let train_mode = net.forward(&x, true).unwrap().to_vec2::<f32>().unwrap();

    net.recalibrate_batch_norm(std::slice::from_ref(&x))
        .unwrap();

    // Running statistics now equal this batch's (variance up to the n/(n−1) correction), so
    // evaluation mode reproduces training mode on the same batch.
    let eval_mode = net.forward(&x, false).unwrap().to_vec2::<f32>().unwrap();
    for (a, b) in train_mode.iter().flatten().zip(eval_mode.iter().flatten()) {
        assert!((a - b).abs() < 2e-2 * (1.0 + a.abs()), "{a} vs {b}");
    }
}

#[test]
fn a_large_inference_batch_matches_image_by_image_results() {
    let net = ResNet::new(&tiny(), &mut ParamStore::fresh(14)).unwrap();
    let x = input(6, 15);

    let whole = net.forward(&x, false).unwrap().to_vec2::<f32>().unwrap();

    for (i, row) in whole.iter().enumerate() {
        let one = net
            .forward(&x.narrow(0, i, 1).unwrap(), false)
            .unwrap()
            .to_vec2::<f32>()
            .unwrap();
        assert!(
            (row[0] - one[0][0]).abs() < 1e-5,
            "image {i}: {} vs {}",
            row[0],
            one[0][0]
        );
    }
}
