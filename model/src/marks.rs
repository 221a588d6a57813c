//! The AI as a reader of a localization study: the peaks of its Grad-CAM for the positive
//! class become its marks, each rated by the probability it gives a lesion being there.
//!
//! A mark is a local maximum of the positive class's Grad-CAM (at least each of its eight
//! neighbours) reaching [`PEAK_FRACTION`] of the map's maximum; at most [`MAX_AI_MARKS`], the
//! highest first. Its position is refined within the grid cell by a parabola through the peak
//! and its two neighbours on each axis, then mapped from the letterboxed network input back to
//! fractions of the image. Its rating is `p · m(peak) / max m`: the highest mark carries the
//! case's probability `p` of the positive class, so the AI's wAFROC ranks cases as its ROC
//! does, and a secondary peak is proportionally less sure. A map with no positive value (all
//! evidence for the other class) gives no mark.

use vocab::AiMark;

use crate::gradcam::CamMaps;
use crate::infer::Class;

/// A peak lower than this fraction of the map's maximum is not a mark.
pub const PEAK_FRACTION: f32 = 0.5;

/// The most marks the AI places on one image.
pub const MAX_AI_MARKS: usize = 3;

/// Local maxima of a `side × side` map reaching `fraction` of its maximum, highest first, as
/// `(row, column, value)`. On a plateau the first cell in reading order stands for it.
pub fn peaks(map: &[f32], side: usize, fraction: f32) -> Vec<(usize, usize, f32)> {
    let max = map.iter().cloned().fold(0.0f32, f32::max);
    if max <= 0.0 || map.len() != side * side {
        return Vec::new();
    }
    let at = |r: isize, c: isize| {
        let inside = (0..side as isize).contains(&r) && (0..side as isize).contains(&c);
        inside.then(|| map[r as usize * side + c as usize])
    };
    let mut found = Vec::new();
    for r in 0..side as isize {
        for c in 0..side as isize {
            let v = map[r as usize * side + c as usize];
            if v < fraction * max {
                continue;
            }
            let mut is_peak = true;
            for (dr, dc) in [
                (-1, -1),
                (-1, 0),
                (-1, 1),
                (0, -1),
                (0, 1),
                (1, -1),
                (1, 0),
                (1, 1),
            ] {
                if let Some(n) = at(r + dr, c + dc) {
                    // Earlier neighbours must be strictly lower, so a plateau yields one peak.
                    let earlier = (dr, dc) < (0, 0);
                    if n > v || (earlier && n == v) {
                        is_peak = false;
                    }
                }
            }
            if is_peak {
                found.push((r as usize, c as usize, v));
            }
        }
    }
    found.sort_by(|a, b| b.2.total_cmp(&a.2));
    found
}

/// The offset in `[-0.5, 0.5]` cells of a parabola's vertex through `(−1, l)`, `(0, m)`,
/// `(1, r)`; 0 at the border or when the three are collinear.
fn refine(l: Option<f32>, m: f32, r: Option<f32>) -> f32 {
    match (l, r) {
        (Some(l), Some(r)) => {
            let curvature = l - 2.0 * m + r;
            if curvature < 0.0 {
                (0.5 * (l - r) / curvature).clamp(-0.5, 0.5)
            } else {
                0.0
            }
        }
        _ => 0.0,
    }
}

/// The AI's marks on an image of `width × height` pixels, from the maps of its prediction
/// (module doc). `positive` is the study's positive class and `probability` the AI's
/// probability of it.
pub fn ai_marks(
    cams: &CamMaps,
    positive: Class,
    probability: f64,
    width: usize,
    height: usize,
) -> Vec<AiMark> {
    let side = cams.side;
    let map = cams.class_map(positive);
    let max = map.iter().cloned().fold(0.0f32, f32::max);
    // The letterbox scales the longer side to the input and centres the shorter one.
    let long = width.max(height).max(1) as f64;
    let (rw, rh) = (width as f64 / long, height as f64 / long);
    let value = |r: usize, c: usize, dr: isize, dc: isize| {
        let (r, c) = (r as isize + dr, c as isize + dc);
        ((0..side as isize).contains(&r) && (0..side as isize).contains(&c))
            .then(|| map[r as usize * side + c as usize])
    };
    peaks(&map, side, PEAK_FRACTION)
        .into_iter()
        .take(MAX_AI_MARKS)
        .map(|(r, c, v)| {
            let dx = refine(value(r, c, 0, -1), v, value(r, c, 0, 1));
            let dy = refine(value(r, c, -1, 0), v, value(r, c, 1, 0));
            let u = (c as f64 + 0.5 + f64::from(dx)) / side as f64;
            let w = (r as f64 + 0.5 + f64::from(dy)) / side as f64;
            AiMark {
                x: ((u - (1.0 - rw) / 2.0) / rw).clamp(0.0, 1.0),
                y: ((w - (1.0 - rh) / 2.0) / rh).clamp(0.0, 1.0),
                rating: probability * f64::from(v / max),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maps(signed: Vec<f32>, side: usize, explains_os: bool) -> CamMaps {
        CamMaps {
            side,
            gradcam: signed.iter().map(|v| v.max(0.0)).collect(),
            signed,
            explains_os,
            gradcam_pp: vec![0.0; side * side],
            score: 1.0,
            logit: if explains_os { 1.0 } else { -1.0 },
            features: Vec::new(),
        }
    }

    #[test]
    fn a_single_hot_cell_is_one_mark_at_its_centre_rated_with_the_probability() {
        let mut signed = vec![0.0; 16];
        signed[4 + 2] = 2.0;

        let marks = ai_marks(&maps(signed, 4, true), Class::Os, 0.9, 100, 100);

        assert_eq!(marks.len(), 1);
        assert!((marks[0].x - 0.625).abs() < 1e-9 && (marks[0].y - 0.375).abs() < 1e-9);
        assert!((marks[0].rating - 0.9).abs() < 1e-9);
    }

    #[test]
    fn the_other_class_explained_gives_the_positive_class_map_by_negation() {
        // Maps explaining GCT: where the signed map is negative, the evidence is for OS.
        let mut signed = vec![0.5; 16];
        signed[15] = -3.0;

        let marks = ai_marks(&maps(signed, 4, false), Class::Os, 0.2, 100, 100);

        assert_eq!(marks.len(), 1);
        assert!((marks[0].x - 0.875).abs() < 1e-9 && (marks[0].y - 0.875).abs() < 1e-9);
    }

    #[test]
    fn secondary_peaks_below_half_the_maximum_are_not_marks_and_others_rate_lower() {
        let mut map = vec![0.0; 36];
        map[7] = 4.0; // (1, 1)
        map[6 * 4 + 4] = 3.0; // (4, 4)
        map[5] = 1.0; // (0, 5): below half of 4
        let found = peaks(&map, 6, PEAK_FRACTION);

        let marks = ai_marks(&maps(map, 6, true), Class::Os, 0.8, 60, 60);

        assert_eq!(found.len(), 2);
        assert_eq!(marks.len(), 2);
        assert!((marks[1].rating - 0.8 * 0.75).abs() < 1e-6);
    }

    #[test]
    fn a_plateau_is_one_peak() {
        let map = vec![1.0; 9];

        assert_eq!(peaks(&map, 3, 0.5), vec![(0, 0, 1.0)]);
    }

    #[test]
    fn a_wide_image_maps_the_letterbox_back_to_its_own_fractions() {
        // A 200 × 100 image fills the top-to-bottom middle half of the input: row 1 of 4
        // (input y 0.375) is 0.25 of the image's height.
        let mut signed = vec![0.0; 16];
        signed[4] = 1.0; // (1, 0)

        let marks = ai_marks(&maps(signed, 4, true), Class::Os, 0.5, 200, 100);

        assert!((marks[0].y - 0.25).abs() < 1e-9);
        assert!((marks[0].x - 0.125).abs() < 1e-9);
    }

    #[test]
    fn a_map_without_evidence_for_the_positive_class_places_no_mark() {
        let marks = ai_marks(&maps(vec![1.0; 16], 4, false), Class::Os, 0.1, 10, 10);

        assert!(marks.is_empty());
    }
}
