//! LabelMe annotations (BTXRD's `Annotations/*.json`): reading the polygons and rectangles and
//! rasterising them into a lesion mask at the image's size.
//!
//! A pixel is inside when its centre is inside a shape (even-odd rule for polygons); the mask
//! is the union of all shapes. LabelMe writes `shapes[]` with `label`, `points` (`[[x, y], …]`
//! in pixels, origin at the top-left corner of the first pixel) and `shape_type`, plus
//! `imageWidth` / `imageHeight`.

use serde::Deserialize;

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    shapes: Vec<RawShape>,
    #[serde(rename = "imageWidth")]
    image_width: Option<u32>,
    #[serde(rename = "imageHeight")]
    image_height: Option<u32>,
}

#[derive(Deserialize)]
struct RawShape {
    #[serde(default)]
    label: Option<String>,
    points: Vec<[f64; 2]>,
    #[serde(default)]
    shape_type: Option<String>,
}

/// One drawn region, in pixel coordinates.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    Polygon(Vec<(f64, f64)>),
    /// Two opposite corners.
    Rectangle((f64, f64), (f64, f64)),
}

/// A parsed annotation file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Annotation {
    /// The file's name as shown in messages (e.g. `Annotations/IMG000001.json`).
    pub name: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub shapes: Vec<Shape>,
}

impl Annotation {
    /// Parses LabelMe JSON; `name` is used in the reasons.
    pub(crate) fn parse(text: &str, name: &str) -> Result<Self, String> {
        let raw: RawFile = serde_json::from_str(text).map_err(|e| {
            format!("annotation '{name}' is not LabelMe JSON ({e}); re-export it from LabelMe")
        })?;
        let mut shapes = Vec::with_capacity(raw.shapes.len());
        for (i, s) in raw.shapes.into_iter().enumerate() {
            let kind = s.shape_type.as_deref().unwrap_or("polygon");
            let label = s.label.as_deref().unwrap_or("");
            let points: Vec<(f64, f64)> = s.points.iter().map(|p| (p[0], p[1])).collect();
            if points.iter().any(|(x, y)| !x.is_finite() || !y.is_finite()) {
                return Err(format!(
                    "annotation '{name}' shape {} ('{label}') has a non-numeric point; fix its coordinates",
                    i + 1
                ));
            }
            shapes.push(match (kind, points.len()) {
                ("polygon", n) if n >= 3 => Shape::Polygon(points),
                ("rectangle", 2) => Shape::Rectangle(points[0], points[1]),
                ("polygon" | "rectangle", n) => {
                    return Err(format!(
                        "annotation '{name}' shape {} ('{label}') is a {kind} with {n} points; \
                         draw polygons with at least 3 points and rectangles with 2",
                        i + 1
                    ))
                }
                (other, _) => {
                    return Err(format!(
                        "annotation '{name}' shape {} ('{label}') is a {other}; only polygons and \
                         rectangles become masks, redraw it as one of these",
                        i + 1
                    ))
                }
            });
        }
        Ok(Self {
            name: name.to_string(),
            width: raw.image_width,
            height: raw.image_height,
            shapes,
        })
    }

    /// The mask, row-major, 255 inside any shape and 0 elsewhere.
    ///
    /// # Errors
    /// When the annotation names another image size than `width x height`.
    pub(crate) fn rasterise(&self, width: u32, height: u32) -> Result<Vec<u8>, String> {
        if let (Some(w), Some(h)) = (self.width, self.height) {
            if (w, h) != (width, height) {
                return Err(format!(
                    "annotation '{}' is for a {w}x{h} image but the image is {width}x{height}; \
                     annotate the image as it is stored",
                    self.name
                ));
            }
        }
        let mut mask = vec![0u8; width as usize * height as usize];
        for shape in &self.shapes {
            match shape {
                Shape::Polygon(points) => fill_polygon(&mut mask, width, height, points),
                Shape::Rectangle(a, b) => {
                    let corners = [(a.0, a.1), (b.0, a.1), (b.0, b.1), (a.0, b.1)];
                    fill_polygon(&mut mask, width, height, &corners);
                }
            }
        }
        Ok(mask)
    }
}

/// Even-odd scan-line fill at pixel centres (`x + 0.5`, `y + 0.5`).
fn fill_polygon(mask: &mut [u8], width: u32, height: u32, points: &[(f64, f64)]) {
    let mut crossings = Vec::new();
    for row in 0..height {
        let y = f64::from(row) + 0.5;
        crossings.clear();
        for (i, &(x0, y0)) in points.iter().enumerate() {
            let (x1, y1) = points[(i + 1) % points.len()];
            // Half-open in y so a vertex on the scan line is counted once.
            if (y0 <= y && y < y1) || (y1 <= y && y < y0) {
                crossings.push(x0 + (y - y0) * (x1 - x0) / (y1 - y0));
            }
        }
        crossings.sort_by(f64::total_cmp);
        for pair in crossings.chunks_exact(2) {
            // Pixels whose centre lies in [pair[0], pair[1]).
            let first = (pair[0] - 0.5).ceil().max(0.0);
            let end = (pair[1] - 0.5).ceil().min(f64::from(width));
            if first < end {
                let start = row as usize * width as usize;
                mask[start + first as usize..start + end as usize].fill(255);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(mask: &[u8]) -> usize {
        mask.iter().filter(|&&m| m == 255).count()
    }

    #[test]
    fn a_rectangle_covers_the_pixels_whose_centres_it_contains() {
        let json = r#"{"shapes":[{"label":"tumor","points":[[2,1],[6,4]],"shape_type":"rectangle"}],
                      "imageWidth":8,"imageHeight":6}"#;
        let mask = Annotation::parse(json, "a.json")
            .unwrap()
            .rasterise(8, 6)
            .unwrap();
        // Columns 2..6 and rows 1..4: 4 x 3 pixels.
        assert_eq!(inside(&mask), 12);
        assert_eq!((mask[8 + 2], mask[8 + 1], mask[3 * 8 + 5]), (255, 0, 255));
    }

    #[test]
    fn a_triangle_fills_about_half_its_bounding_box() {
        let json = r#"{"shapes":[{"label":"t","points":[[0,0],[100,0],[0,100]]}]}"#;
        let mask = Annotation::parse(json, "a.json")
            .unwrap()
            .rasterise(100, 100)
            .unwrap();
        // Area 5000; pixel centres strictly below the diagonal x + y < 100: 4950.
        assert_eq!(inside(&mask), 4950);
    }

    #[test]
    fn shapes_outside_the_image_are_clipped() {
        let json = r#"{"shapes":[{"points":[[-5,-5],[3,3]],"shape_type":"rectangle"}]}"#;
        let mask = Annotation::parse(json, "a.json")
            .unwrap()
            .rasterise(4, 4)
            .unwrap();
        assert_eq!(inside(&mask), 9);
    }

    #[test]
    fn unsupported_shapes_and_a_wrong_image_size_are_refused_with_the_fix() {
        let circle = r#"{"shapes":[{"label":"t","points":[[1,1],[2,2]],"shape_type":"circle"}]}"#;
        assert!(Annotation::parse(circle, "c.json")
            .unwrap_err()
            .contains("is a circle"));
        let sized = r#"{"shapes":[],"imageWidth":10,"imageHeight":10}"#;
        let err = Annotation::parse(sized, "s.json")
            .unwrap()
            .rasterise(8, 8)
            .unwrap_err();
        assert!(
            err.contains("is for a 10x10 image but the image is 8x8"),
            "{err}"
        );
    }
}
