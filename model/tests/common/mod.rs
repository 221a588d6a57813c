//! Small synthetic cases for tests: a bright disc (OS) or a dark square (GCT) on a noisy
//! background, so a tiny network can learn the task in a few epochs.

#![allow(dead_code)]

use std::path::PathBuf;

use model::data::{Case, CaseMeta, Split};
use model::preprocess::GreyImage;
use model::{NetConfig, StemPool};
use vocab::SplitMix64;

pub fn tiny_config(input: usize) -> NetConfig {
    NetConfig {
        in_channels: 1,
        widths: [4, 8, 8, 8],
        blocks: [1, 1, 1, 1],
        strides: [1, 2, 1, 1],
        stem_kernel: 3,
        stem_stride: 1,
        stem_pool: StemPool::Max2,
        num_classes: 1,
        input_size: input,
    }
}

/// A `size²` image with a lesion at a random place; returns the image and its mask.
pub fn lesion_image(size: usize, is_os: bool, rng: &mut SplitMix64) -> (GreyImage, Vec<bool>) {
    let r = size as f64 * 0.15;
    let cx = rng.range(r + 1.0, size as f64 - r - 1.0);
    let cy = rng.range(r + 1.0, size as f64 - r - 1.0);
    let mut px = Vec::with_capacity(size * size);
    let mut mask = Vec::with_capacity(size * size);
    for y in 0..size {
        for x in 0..size {
            let (dx, dy) = (x as f64 - cx, y as f64 - cy);
            let inside = if is_os {
                dx * dx + dy * dy < r * r
            } else {
                dx.abs() < r && dy.abs() < r
            };
            let base = 0.5 + 0.05 * rng.normal();
            let v = if inside {
                if is_os {
                    0.9
                } else {
                    0.1
                }
            } else {
                base
            };
            px.push(v as f32);
            mask.push(inside);
        }
    }
    (GreyImage::new(size, size, px).unwrap(), mask)
}

pub fn synthetic_cases(n_per_split: [usize; 4], size: usize, seed: u64) -> Vec<Case> {
    let mut rng = SplitMix64::new(seed);
    // (name in the case ids, split, held back for validation)
    let parts = [
        ("Train", Split::Train, false),
        ("Val", Split::Train, true),
        ("Test", Split::Internal, false),
        ("External", Split::External, false),
    ];
    let mut out = Vec::new();
    for (&(s, split, validation), &n) in parts.iter().zip(&n_per_split) {
        for i in 0..n {
            let is_os = i % 2 == 0;
            let (image, inside) = lesion_image(size, is_os, &mut rng);
            let mask = GreyImage::new(
                size,
                size,
                inside.iter().map(|&m| f32::from(u8::from(m))).collect(),
            )
            .unwrap();
            out.push(Case {
                meta: CaseMeta {
                    case_id: format!("{s}-{i}"),
                    file: PathBuf::from(format!("{s}-{i}.png")),
                    is_os,
                    age: 25.0,
                    male: i % 3 == 0,
                    location: "distal_femur".into(),
                    site: "A".into(),
                    split,
                    validation,
                },
                image,
                mask: Some(mask),
            });
        }
    }
    out
}
