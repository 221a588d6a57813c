//! The figures that need more than the analysis crate: the t-SNE map of the CNN's features and
//! the choice of Grad-CAM overlays for the gallery.

use model::scatter::{scatter_svg_with, Legend, ScatterPoint};
use model::tsne::{tsne, TsneConfig};

use super::snapshot::Snapshot;
use crate::domain::results::GalleryItem;

/// Overlays per (class, right or wrong) cell of the gallery.
const PER_CELL: usize = 3;

/// The t-SNE scatter of the test cases' CNN features, coloured by class, marked by hospital;
/// `None` with fewer than 5 scored test cases (nothing worth a map).
pub fn tsne_svg(snapshot: &Snapshot, title: &str, legend: &Legend) -> Option<String> {
    let mut features = Vec::new();
    let mut points = Vec::new();
    for case in snapshot.test_cases() {
        let Some(output) = snapshot.ai.get(&case.id) else {
            continue;
        };
        let Ok(row) = serde_json::from_str::<Vec<f64>>(&output.features) else {
            continue;
        };
        if row.is_empty() {
            continue;
        }
        features.push(row);
        points.push(ScatterPoint {
            xy: [0.0, 0.0],
            is_os: case.case.truth,
            site: case.case.site.clone().unwrap_or_default(),
            label: case.case.case_id.clone(),
        });
    }
    if features.len() < 5 {
        return None;
    }
    let embedding = match tsne(&features, &TsneConfig::default()) {
        Ok(embedding) => embedding,
        Err(err) => {
            tracing::warn!(error = %err, "t-SNE of the study's features failed");
            return None;
        }
    };
    for (point, xy) in points.iter_mut().zip(embedding) {
        point.xy = xy;
    }
    Some(scatter_svg_with(&points, title, legend))
}

/// A few Grad-CAM overlays per class where the CNN was right and where it was wrong: the most
/// confident of each, since those teach the most about what the network looks at.
pub fn gallery(snapshot: &Snapshot) -> Vec<GalleryItem> {
    let mut scored: Vec<GalleryItem> = snapshot
        .test_cases()
        .filter_map(|case| {
            let output = snapshot.ai.get(&case.id)?;
            Some(GalleryItem {
                case_ref: case.id,
                case_id: case.case.case_id.clone(),
                truth: case.case.truth_label.clone(),
                probability: output.probability,
                correct: output.predicted_positive == case.case.truth,
            })
        })
        .collect();
    // Most confident first: distance of the probability from the undecided 0.5.
    scored.sort_by(|a, b| {
        (b.probability - 0.5)
            .abs()
            .total_cmp(&(a.probability - 0.5).abs())
            .then(a.case_id.cmp(&b.case_id))
    });
    let mut chosen = Vec::new();
    for truth in [true, false] {
        for correct in [true, false] {
            chosen.extend(
                scored
                    .iter()
                    .filter(|item| {
                        item.correct == correct
                            && snapshot
                                .cases
                                .iter()
                                .any(|c| c.id == item.case_ref && c.case.truth == truth)
                    })
                    .take(PER_CELL)
                    .cloned(),
            );
        }
    }
    chosen
}
