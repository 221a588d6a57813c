//! A case's lesions from its mask, and which lesion (if any) a reader's mark localizes.
//!
//! Lesions are the 8-connected regions of non-zero mask pixels, numbered 1, 2, … in raster
//! order of their first pixel (so the numbering is stable across runs). A region smaller than
//! [`FRAGMENT_SHARE`] of the mask's largest is a fragment of the nearest larger region (by
//! centroid), not a lesion of its own: a periosteal triangle drawn apart from its tumour is the
//! same tumour, and counting it as a second lesion would halve the credit for finding it. A
//! mark on a fragment localizes its lesion; the lesion's centroid is its main region's. A mark, given as
//! fractions of the image's width and height, localizes a lesion:
//! - [`MarkRule::InMask`]: when the mask pixel under it belongs to the lesion;
//! - [`MarkRule::Radius`]: when it lies within `radius_pct` % of the image width of the lesion's
//!   centroid (the nearest such lesion).

use std::collections::VecDeque;
use std::path::Path;

use vocab::MarkRule;

use crate::error::{ImagingError, Result};

/// A region smaller than this share of the mask's largest region is a fragment (module doc).
pub const FRAGMENT_SHARE: f64 = 0.1;

/// The lesions of one mask.
#[derive(Clone, Debug, PartialEq)]
pub struct LesionMap {
    width: u32,
    height: u32,
    /// Per pixel, row-major: 0 outside every lesion, else the lesion's number.
    labels: Vec<u16>,
    /// Per lesion, its centroid in pixels.
    centroids: Vec<(f64, f64)>,
}

impl LesionMap {
    /// Labels the non-zero pixels of a `width × height` mask (row-major, one byte per pixel).
    ///
    /// # Panics
    /// When `mask` does not hold `width × height` bytes.
    pub fn from_mask(width: u32, height: u32, mask: &[u8]) -> Self {
        let (w, h) = (width as usize, height as usize);
        assert_eq!(mask.len(), w * h, "one byte per mask pixel");
        let mut labels = vec![0u16; w * h];
        let mut centroids = Vec::new();
        let mut areas = Vec::new();
        let mut queue = VecDeque::new();
        for start in 0..w * h {
            if mask[start] == 0 || labels[start] != 0 || centroids.len() == usize::from(u16::MAX) {
                continue;
            }
            let label = centroids.len() as u16 + 1;
            let (mut sum_x, mut sum_y, mut n) = (0.0, 0.0, 0.0);
            labels[start] = label;
            queue.push_back(start);
            while let Some(p) = queue.pop_front() {
                let (x, y) = (p % w, p / w);
                sum_x += x as f64 + 0.5;
                sum_y += y as f64 + 0.5;
                n += 1.0;
                for dy in -1i64..=1 {
                    for dx in -1i64..=1 {
                        let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                        if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                            continue;
                        }
                        let q = ny as usize * w + nx as usize;
                        if mask[q] != 0 && labels[q] == 0 {
                            labels[q] = label;
                            queue.push_back(q);
                        }
                    }
                }
            }
            centroids.push((sum_x / n, sum_y / n));
            areas.push(n);
        }
        let (labels, centroids) = merge_fragments(labels, &centroids, &areas);
        LesionMap {
            width,
            height,
            labels,
            centroids,
        }
    }

    /// Reads a mask PNG (any bit depth; non-zero inside a lesion).
    ///
    /// # Errors
    /// [`ImagingError::Io`] when the file cannot be read, [`ImagingError::Raster`] when it is
    /// not a decodable image.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|source| ImagingError::Io {
            path: path.to_path_buf(),
            action: "reading the mask",
            source,
        })?;
        let image = image::load_from_memory(&bytes)
            .map_err(|source| ImagingError::Raster {
                path: path.to_path_buf(),
                format: "mask",
                source,
            })?
            .into_luma8();
        let (width, height) = image.dimensions();
        Ok(Self::from_mask(width, height, image.as_raw()))
    }

    /// The lesions' outlines as an RGBA PNG the size of the mask: opaque yellow on every lesion
    /// pixel within two pixels of its edge, transparent elsewhere, to lay over the image.
    ///
    /// # Errors
    /// [`ImagingError::Encode`] if the PNG encoder fails.
    pub fn outline_png(&self) -> Result<Vec<u8>> {
        let (w, h) = (self.width as i64, self.height as i64);
        let inside = |x: i64, y: i64| {
            (0..w).contains(&x) && (0..h).contains(&y) && self.labels[(y * w + x) as usize] > 0
        };
        let mut image = image::RgbaImage::new(self.width, self.height);
        for y in 0..h {
            for x in 0..w {
                let edge =
                    inside(x, y) && (-2..=2).any(|dy| (-2..=2).any(|dx| !inside(x + dx, y + dy)));
                if edge {
                    image.put_pixel(x as u32, y as u32, image::Rgba([255, 210, 63, 255]));
                }
            }
        }
        let mut out = std::io::Cursor::new(Vec::new());
        image
            .write_to(&mut out, image::ImageFormat::Png)
            .map_err(|source| ImagingError::Encode {
                width: self.width,
                height: self.height,
                source,
            })?;
        Ok(out.into_inner())
    }

    /// How many lesions the mask holds.
    pub fn lesions(&self) -> usize {
        self.centroids.len()
    }

    /// A point inside lesion `lesion` (0-based), as fractions of the image: the centre of its
    /// pixel nearest the lesion's centroid (inside even when the lesion is not convex). `None`
    /// for a lesion the mask does not have.
    pub fn point_in(&self, lesion: usize) -> Option<(f64, f64)> {
        let &(cx, cy) = self.centroids.get(lesion)?;
        let label = lesion as u16 + 1;
        let w = self.width as usize;
        let (index, _) = self
            .labels
            .iter()
            .enumerate()
            .filter(|(_, &l)| l == label)
            .map(|(i, _)| {
                (
                    i,
                    ((i % w) as f64 + 0.5 - cx).hypot((i / w) as f64 + 0.5 - cy),
                )
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        Some((
            ((index % w) as f64 + 0.5) / f64::from(self.width),
            ((index / w) as f64 + 0.5) / f64::from(self.height),
        ))
    }

    /// The lesion (0-based) a mark at `(x, y)` (fractions of the image) localizes, if any.
    pub fn localized(&self, x: f64, y: f64, rule: MarkRule, radius_pct: i64) -> Option<usize> {
        let (px, py) = (x * f64::from(self.width), y * f64::from(self.height));
        match rule {
            MarkRule::InMask => {
                let col = (px.floor() as i64).clamp(0, i64::from(self.width) - 1) as usize;
                let row = (py.floor() as i64).clamp(0, i64::from(self.height) - 1) as usize;
                let label = self.labels[row * self.width as usize + col];
                (label > 0).then(|| usize::from(label) - 1)
            }
            MarkRule::Radius => {
                let radius = radius_pct as f64 / 100.0 * f64::from(self.width);
                self.centroids
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i, (c.0 - px).hypot(c.1 - py)))
                    .filter(|(_, d)| *d <= radius)
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(i, _)| i)
            }
        }
    }
}

/// Relabels each fragment as the nearest main region and numbers the main regions 1, 2, … in
/// their order (module doc); returns the new labels and the main regions' centroids.
fn merge_fragments(
    mut labels: Vec<u16>,
    centroids: &[(f64, f64)],
    areas: &[f64],
) -> (Vec<u16>, Vec<(f64, f64)>) {
    let largest = areas.iter().cloned().fold(0.0, f64::max);
    let main: Vec<usize> = (0..areas.len())
        .filter(|&i| areas[i] >= FRAGMENT_SHARE * largest)
        .collect();
    if main.len() == areas.len() {
        return (labels, centroids.to_vec());
    }
    let distance = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1);
    // New label of each old one (old labels are 1-based, 0 is background).
    let new: Vec<u16> = std::iter::once(0)
        .chain((0..areas.len()).map(|i| {
            let owner = main
                .iter()
                .enumerate()
                .min_by(|a, b| {
                    distance(centroids[i], centroids[*a.1])
                        .total_cmp(&distance(centroids[i], centroids[*b.1]))
                })
                .map_or(0, |(k, _)| k);
            owner as u16 + 1
        }))
        .collect();
    for l in labels.iter_mut() {
        *l = new[usize::from(*l)];
    }
    (labels, main.iter().map(|&i| centroids[i]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 10 × 10 mask with a 2 × 2 lesion at the top left and a 3 × 3 one at the bottom right.
    fn two_lesions() -> LesionMap {
        let mut mask = vec![0u8; 100];
        for (x, y) in [(1, 1), (2, 1), (1, 2), (2, 2)] {
            mask[y * 10 + x] = 255;
        }
        for y in 6..9 {
            for x in 6..9 {
                mask[y * 10 + x] = 1;
            }
        }
        LesionMap::from_mask(10, 10, &mask)
    }

    #[test]
    fn separate_regions_of_a_mask_are_separate_lesions_numbered_in_raster_order() {
        let map = two_lesions();

        assert_eq!(map.lesions(), 2);
        assert_eq!(map.centroids, vec![(2.0, 2.0), (7.5, 7.5)]);
    }

    #[test]
    fn a_small_region_apart_from_a_large_one_is_its_fragment_not_a_second_lesion() {
        // A 6 × 6 tumour at the top left, a 1-pixel triangle detached at the right, and a 4 × 4
        // second tumour at the bottom (over 10 % of the largest: a lesion of its own).
        let mut mask = vec![0u8; 400];
        for y in 1..7 {
            for x in 1..7 {
                mask[y * 20 + x] = 1;
            }
        }
        mask[3 * 20 + 9] = 1;
        for y in 14..18 {
            for x in 2..6 {
                mask[y * 20 + x] = 1;
            }
        }

        let map = LesionMap::from_mask(20, 20, &mask);

        assert_eq!(map.lesions(), 2);
        assert_eq!(
            map.localized(9.5 / 20.0, 3.5 / 20.0, MarkRule::InMask, 5),
            Some(0)
        );
        assert_eq!(
            map.localized(3.5 / 20.0, 15.5 / 20.0, MarkRule::InMask, 5),
            Some(1)
        );
        assert_eq!(map.centroids[0], (4.0, 4.0), "the main region's centre");
    }

    #[test]
    fn the_point_inside_a_ring_shaped_lesion_is_on_the_ring_not_in_its_hole() {
        let mut mask = vec![255u8; 25];
        mask[12] = 0;
        let map = LesionMap::from_mask(5, 5, &mask);

        let (x, y) = map.point_in(0).unwrap();

        assert_eq!(map.localized(x, y, MarkRule::InMask, 5), Some(0));
        assert_eq!(map.point_in(1), None);
    }

    #[test]
    fn the_outline_is_drawn_at_the_lesions_edge_and_nowhere_else() {
        let mut mask = vec![0u8; 20 * 20];
        for y in 5..15 {
            for x in 5..15 {
                mask[y * 20 + x] = 255;
            }
        }
        let map = LesionMap::from_mask(20, 20, &mask);

        let png = image::load_from_memory(&map.outline_png().unwrap())
            .unwrap()
            .into_rgba8();

        assert_eq!(png.dimensions(), (20, 20));
        assert_eq!(png.get_pixel(5, 10)[3], 255, "the edge");
        assert_eq!(png.get_pixel(10, 10)[3], 0, "the lesion's middle");
        assert_eq!(png.get_pixel(2, 2)[3], 0, "outside");
    }

    #[test]
    fn diagonal_neighbours_belong_to_one_lesion() {
        let mask = [255, 0, 0, 255];

        assert_eq!(LesionMap::from_mask(2, 2, &mask).lesions(), 1);
    }

    #[test]
    fn a_mark_inside_a_lesion_localizes_it_and_one_beside_it_does_not() {
        let map = two_lesions();

        assert_eq!(map.localized(0.15, 0.15, MarkRule::InMask, 5), Some(0));
        assert_eq!(map.localized(0.75, 0.85, MarkRule::InMask, 5), Some(1));
        assert_eq!(map.localized(0.45, 0.15, MarkRule::InMask, 5), None);
        assert_eq!(
            map.localized(1.0, 1.0, MarkRule::InMask, 5),
            None,
            "the last pixel is outside"
        );
    }

    #[test]
    fn within_the_radius_the_nearest_lesion_centre_is_localized() {
        let map = two_lesions();

        // 10 % of a 10-pixel width is 1 pixel: (3, 2) is 1 from lesion 1's centre (2, 2).
        assert_eq!(map.localized(0.3, 0.2, MarkRule::Radius, 10), Some(0));
        assert_eq!(map.localized(0.35, 0.2, MarkRule::Radius, 10), None);
        // (5, 5) is 4.2 from lesion 1 and 3.5 from lesion 2: the nearer centre wins.
        assert_eq!(map.localized(0.5, 0.5, MarkRule::Radius, 50), Some(1));
    }
}
