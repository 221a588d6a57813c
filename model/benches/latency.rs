//! Forward and Grad-CAM latency per image at batch 1 and 32, for the shipped network and a
//! torchvision-shaped ResNet-18 at 224², with and without batch-norm folding, plus one training
//! step of the shipped network (to extrapolate training time).
//!
//! `cargo bench -p model --bench latency` (set `LATENCY_QUICK=1` to skip ResNet-18 batch 32).
//! With `--export DIR` it also writes `resnet18.safetensors`, `input.safetensors` and
//! `output.safetensors` (random torchvision-named weights, a batch, candle's logits) for
//! `benches/torch_compare.py`.

use std::collections::HashMap;
use std::time::Instant;

use candle_core::{Device, Tensor};
use model::gradcam::{grad_cams, CamTarget};
use model::{NetConfig, ParamStore, ResNet};
use vocab::SplitMix64;

fn input(n: usize, cfg: &NetConfig, seed: u64) -> Tensor {
    let mut r = SplitMix64::new(seed);
    let len = n * cfg.in_channels * cfg.input_size * cfg.input_size;
    let v: Vec<f32> = (0..len).map(|_| r.normal() as f32).collect();
    Tensor::from_vec(
        v,
        (n, cfg.in_channels, cfg.input_size, cfg.input_size),
        &Device::Cpu,
    )
    .unwrap()
}

/// Median seconds of `f` over `reps` runs after one warm-up.
fn time(reps: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut t: Vec<f64> = (0..reps)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn report(name: &str, cfg: &NetConfig, batches: &[usize]) {
    let mut store = ParamStore::fresh(1);
    let net = ResNet::new(cfg, &mut store).unwrap();
    let folded = net.fold().unwrap();
    for &b in batches {
        let x = input(b, cfg, 2);
        let reps = if b == 1 { 20 } else { 3 };
        let fwd = time(reps, || {
            net.forward(&x, false).unwrap();
        });
        let fwd_f = time(reps, || {
            folded.forward(&x, false).unwrap();
        });
        let cam = time(reps, || {
            grad_cams(&folded, &x, CamTarget::Os).unwrap();
        });
        println!(
            "{name:<10} batch {b:>2}: forward {:8.2} ms/img (BN folded {:8.2}, ratio {:.2}), forward+Grad-CAM/++ {:8.2} ms/img",
            fwd * 1e3 / b as f64,
            fwd_f * 1e3 / b as f64,
            fwd_f / fwd,
            cam * 1e3 / b as f64
        );
    }
}

fn train_step(cfg: &NetConfig, batch: usize) {
    let mut store = ParamStore::fresh(3);
    let net = ResNet::new(cfg, &mut store).unwrap();
    let vars = store.trainable();
    let mut opt = candle_nn::AdamW::new_lr(vars, 1e-3).unwrap();
    let x = input(batch, cfg, 4);
    let t = time(3, || {
        let loss = net
            .forward(&x, true)
            .unwrap()
            .sqr()
            .unwrap()
            .mean_all()
            .unwrap();
        candle_nn::Optimizer::backward_step(&mut opt, &loss).unwrap();
    });
    println!(
        "shipped    train step batch {batch}: {:.1} ms ({:.2} ms/img)",
        t * 1e3,
        t * 1e3 / batch as f64
    );
}

fn export(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).unwrap();
    let cfg = NetConfig::resnet18();
    let mut store = ParamStore::fresh(5);
    let net = ResNet::new(&cfg, &mut store).unwrap();
    // Non-trivial running statistics so folding is exercised on the PyTorch side too.
    let mut r = SplitMix64::new(6);
    for name in ["bn1", "layer1.0.bn1", "layer4.1.bn2"] {
        let rv = store.var(&format!("{name}.running_var")).unwrap();
        let n = rv.elem_count();
        rv.set(
            &Tensor::from_vec(
                (0..n).map(|_| r.range(0.5, 2.0) as f32).collect::<Vec<_>>(),
                n,
                &Device::Cpu,
            )
            .unwrap(),
        )
        .unwrap();
    }
    store.save(&dir.join("resnet18.safetensors")).unwrap();
    let x = input(4, &cfg, 7);
    let folded = net.fold().unwrap();
    let y = folded.forward(&x, false).unwrap();
    let mut timing = String::from("{");
    for (i, b) in [1usize, 32].into_iter().enumerate() {
        let xb = input(b, &cfg, 8);
        let t = time(if b == 1 { 10 } else { 2 }, || {
            folded.forward(&xb, false).unwrap();
        });
        timing.push_str(&format!(
            "{}\"batch{b}_ms_per_image\": {:.4}",
            if i > 0 { ", " } else { "" },
            t * 1e3 / b as f64
        ));
    }
    timing.push_str("}\n");
    std::fs::write(dir.join("candle_timing.json"), timing).unwrap();
    candle_core::safetensors::save(
        &HashMap::from([("x".to_string(), x)]),
        dir.join("input.safetensors"),
    )
    .unwrap();
    candle_core::safetensors::save(
        &HashMap::from([("y".to_string(), y)]),
        dir.join("output.safetensors"),
    )
    .unwrap();
    println!(
        "exported ResNet-18 weights, input and candle output to {}",
        dir.display()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--export") {
        export(std::path::Path::new(&args[i + 1]));
        return;
    }
    let quick = std::env::var("LATENCY_QUICK").is_ok();
    println!(
        "threads: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    report("shipped", &NetConfig::shipped(), &[1, 32]);
    train_step(&NetConfig::shipped(), 16);
    report(
        "resnet18",
        &NetConfig::resnet18(),
        if quick { &[1] } else { &[1, 32] },
    );
}
