//! The figures that need more than the analysis crate: the t-SNE map of the CNN's features and
//! the choice of Grad-CAM overlays for the gallery.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Mutex, OnceLock};

use model::scatter::{scatter_svg_with, Legend, ScatterPoint};
use model::tsne::{tsne, TsneConfig};

use super::snapshot::Snapshot;
use crate::domain::results::GalleryItem;

/// Overlays per (class, right or wrong) cell of the gallery.
const PER_CELL: usize = 3;
/// Embeddings kept in memory (one per study and model version in practice).
const CACHED_EMBEDDINGS: usize = 16;

/// The t-SNE embedding of a set of feature rows, computed once: the features depend on the
/// images and the model, not on the reads, so a results page refreshed while a study runs would
/// otherwise spend most of its time (≈ 250 ms for the demo's 147 cases) redoing the same map.
fn embedding(features: &[Vec<f64>]) -> Option<Vec<[f64; 2]>> {
    static CACHE: OnceLock<Mutex<HashMap<u64, Vec<[f64; 2]>>>> = OnceLock::new();
    let mut hasher = DefaultHasher::new();
    for row in features {
        row.len().hash(&mut hasher);
        for value in row {
            value.to_bits().hash(&mut hasher);
        }
    }
    let key = hasher.finish();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Some(found);
    }
    let computed = match tsne(features, &TsneConfig::default()) {
        Ok(computed) => computed,
        Err(err) => {
            tracing::warn!(error = %err, "t-SNE of the study's features failed");
            return None;
        }
    };
    if let Ok(mut cache) = cache.lock() {
        if cache.len() >= CACHED_EMBEDDINGS {
            cache.clear();
        }
        cache.insert(key, computed.clone());
    }
    Some(computed)
}

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
    for (point, xy) in points.iter_mut().zip(embedding(&features)?) {
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
