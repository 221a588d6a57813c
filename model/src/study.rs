//! The acceptance evaluation of a trained network on a phantom study: CNN vs clinical model
//! (paired DeLong), Grad-CAM energy inside the lesion masks, and the t-SNE map of test features.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::card::AucCi;
use crate::clinical::{evaluate, ClinicalReport};
use crate::data::{load_image, read_manifest, CaseMeta, Split};
use crate::error::{ModelError, Result};
use crate::gradcam::{grad_cams, normalise, upsample, CamTarget};
use crate::infer::Predictor;
use crate::metrics::auc_with_ci;
use crate::preprocess::{batch_tensor, letterbox, GreyImage};
use crate::scatter::{scatter_svg, ScatterPoint};
use crate::tsne::{one_nn_agreement, tsne, TsneConfig};

/// Figures of one evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct StudyReport {
    /// CNN on the internal test split.
    pub cnn_internal: Option<AucCi>,
    /// CNN on the external hospital.
    pub cnn_external: Option<AucCi>,
    /// Clinical model vs CNN on the external hospital.
    pub clinical_external: ClinicalReport,
    /// Mean over test cases of (Grad-CAM energy inside the mask / total) ÷ (mask area / image).
    pub gradcam_mask_ratio: Option<f64>,
    /// The same for Grad-CAM++.
    pub gradcam_pp_mask_ratio: Option<f64>,
    /// The same ratio with energy taken as the squared map value (peaks weigh more).
    pub gradcam_mask_ratio_squared: Option<f64>,
    /// Grad-CAM ratio of the OS map on true OS cases.
    pub gradcam_os_map_on_os_cases: Option<f64>,
    /// Grad-CAM ratio of the GCT map on true GCT cases.
    pub gradcam_gct_map_on_gct_cases: Option<f64>,
    /// Mean mask area as a fraction of the network input.
    pub mean_mask_fraction: Option<f64>,
    /// 1-NN class agreement in the t-SNE map of internal + external test features.
    pub tsne_1nn_agreement: f64,
    /// 1-NN class agreement in the original feature space (Euclidean), for comparison.
    pub features_1nn_agreement: f64,
}

/// Share of a map's energy that falls inside `mask`, divided by the mask's area fraction
/// (1 = no better than uniform). `None` for an empty mask or an all-zero map.
pub fn mask_energy_ratio(heat: &[f32], mask: &[bool]) -> Option<f64> {
    let total: f64 = heat.iter().map(|&h| f64::from(h)).sum();
    let inside: f64 = heat
        .iter()
        .zip(mask)
        .filter(|(_, &m)| m)
        .map(|(&h, _)| f64::from(h))
        .sum();
    let area = mask.iter().filter(|&&m| m).count() as f64 / mask.len() as f64;
    (total > 0.0 && area > 0.0).then(|| inside / total / area)
}

/// 1-NN class agreement in any dimension (Euclidean; first index on ties).
pub fn one_nn_agreement_nd(x: &[Vec<f64>], labels: &[bool]) -> f64 {
    let d = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(p, q)| (p - q) * (p - q)).sum::<f64>();
    let hits = (0..x.len())
        .filter(|&i| {
            (0..x.len())
                .filter(|&j| j != i)
                .min_by(|&a, &b| d(&x[a], &x[i]).total_cmp(&d(&x[b], &x[i])))
                .is_some_and(|j| labels[j] == labels[i])
        })
        .count();
    hits as f64 / x.len().max(1) as f64
}

/// Runs the whole evaluation and writes `tsne.svg`, `tsne.csv`, `features.csv` (the
/// penultimate features of the test cases) and `study.json` into `out`.
///
/// Masks are read from `masks/<case_id>.png` beside the manifest (as `imaging::synth` writes
/// them); cases without a mask are left out of the Grad-CAM figure.
///
/// # Errors
/// Images cannot be read, a split lacks a class, or an output cannot be written.
pub fn evaluate_study(predictor: &Predictor, data: &Path, out: &Path) -> Result<StudyReport> {
    let metas = read_manifest(data)?;
    let root = crate::data::manifest_path(data)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let test: Vec<&CaseMeta> = metas.iter().filter(|m| m.split.is_test()).collect();
    let size = predictor.net().config().input_size;
    let (mut probs, mut feats) = (HashMap::new(), Vec::new());
    let (mut ratios, mut ratios_pp, mut ratios_sq, mut areas) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut ratios_os, mut ratios_gct) = (Vec::new(), Vec::new());
    for chunk in test.chunks(32) {
        let images = chunk
            .iter()
            .map(|m| load_image(&m.file))
            .collect::<Result<Vec<_>>>()?;
        let refs: Vec<&GreyImage> = images.iter().collect();
        // Class-specific maps: the OS map on true OS cases, the GCT map on true GCT cases.
        let inputs: Vec<GreyImage> = images.iter().map(|i| letterbox(i, size)).collect();
        let x = batch_tensor(
            &inputs.iter().collect::<Vec<_>>(),
            predictor.net().config().in_channels,
        )?;
        let os_maps = grad_cams(predictor.net(), &x, CamTarget::Os)?;
        let gct_maps = grad_cams(predictor.net(), &x, CamTarget::Gct)?;
        for (k, (m, ai)) in chunk
            .iter()
            .zip(predictor.predict_batch(&refs)?)
            .enumerate()
        {
            probs.insert(m.case_id.clone(), ai.probability);
            feats.push(
                ai.features
                    .iter()
                    .map(|&v| f64::from(v))
                    .collect::<Vec<f64>>(),
            );
            let mask_file = crate::data::mask_path(&root, &m.case_id);
            if mask_file.is_file() {
                let mask = letterbox(&load_image(&mask_file)?, size);
                let inside: Vec<bool> = mask.pixels.iter().map(|&v| v >= 0.5).collect();
                let side = ai.cams.side;
                let heat = upsample(&normalise(&ai.cams.gradcam), side, size);
                ratios.extend(mask_energy_ratio(&heat, &inside));
                let squared: Vec<f32> = heat.iter().map(|h| h * h).collect();
                ratios_sq.extend(mask_energy_ratio(&squared, &inside));
                areas.push(inside.iter().filter(|&&m| m).count() as f64 / inside.len() as f64);
                let truth_map = if m.is_os { &os_maps[k] } else { &gct_maps[k] };
                let truth_heat = upsample(&normalise(&truth_map.gradcam), side, size);
                let r = mask_energy_ratio(&truth_heat, &inside);
                if m.is_os {
                    ratios_os.extend(r);
                } else {
                    ratios_gct.extend(r);
                }
                ratios_pp.extend(mask_energy_ratio(
                    &upsample(&normalise(&ai.cams.gradcam_pp), side, size),
                    &inside,
                ));
            }
        }
    }
    let auc_of = |split: Split| {
        let cases: Vec<&&CaseMeta> = test.iter().filter(|m| m.split == split).collect();
        let s: Vec<f64> = cases.iter().map(|m| probs[&m.case_id]).collect();
        let l: Vec<bool> = cases.iter().map(|m| m.is_os).collect();
        auc_with_ci(&s, &l).ok().map(|(auc, lo, hi)| AucCi {
            auc,
            lo,
            hi,
            n: s.len(),
        })
    };
    let labels: Vec<bool> = test.iter().map(|m| m.is_os).collect();
    let coords = tsne(&feats, &TsneConfig::default())?;
    let points: Vec<ScatterPoint> = test
        .iter()
        .zip(&coords)
        .map(|(m, xy)| ScatterPoint {
            xy: *xy,
            is_os: m.is_os,
            site: m.site.clone(),
            label: m.case_id.clone(),
        })
        .collect();
    std::fs::create_dir_all(out).map_err(|e| ModelError::io(out, e))?;
    let write = |name: &str, text: String| {
        std::fs::write(out.join(name), text).map_err(|e| ModelError::io(out.join(name), e))
    };
    write(
        "tsne.svg",
        scatter_svg(&points, "t-SNE of CNN features (test cases)"),
    )?;
    let mut csv = String::from("case_id,x,y,truth,site\n");
    for p in &points {
        csv.push_str(&format!(
            "{},{:.6},{:.6},{},{}\n",
            p.label,
            p.xy[0],
            p.xy[1],
            if p.is_os { "OS" } else { "GCT" },
            p.site
        ));
    }
    write("tsne.csv", csv)?;
    let mut fcsv = String::from("case_id,truth,site");
    for k in 0..feats.first().map_or(0, Vec::len) {
        fcsv.push_str(&format!(",f{k}"));
    }
    for (m, f) in test.iter().zip(&feats) {
        fcsv.push_str(&format!("\n{},{},{}", m.case_id, u8::from(m.is_os), m.site));
        for v in f {
            fcsv.push_str(&format!(",{v:.6}"));
        }
    }
    write("features.csv", fcsv + "\n")?;
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let report = StudyReport {
        cnn_internal: auc_of(Split::Internal),
        cnn_external: auc_of(Split::External),
        clinical_external: evaluate(&metas, Split::External, Some(&probs))?,
        gradcam_mask_ratio: mean(&ratios),
        gradcam_pp_mask_ratio: mean(&ratios_pp),
        gradcam_mask_ratio_squared: mean(&ratios_sq),
        gradcam_os_map_on_os_cases: mean(&ratios_os),
        gradcam_gct_map_on_gct_cases: mean(&ratios_gct),
        mean_mask_fraction: mean(&areas),
        tsne_1nn_agreement: one_nn_agreement(&coords, &labels),
        features_1nn_agreement: one_nn_agreement_nd(&feats, &labels),
    };
    let json = serde_json::to_string_pretty(&report)
        .map_err(|e| ModelError::invalid("study report", e.to_string()))?;
    write("study.json", json + "\n")?;
    Ok(report)
}
