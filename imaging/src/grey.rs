//! Full-depth grey-scale images, their photometric interpretation and the DICOM VOI window.

/// How stored values map to brightness (DICOM PS3.3 C.7.6.3.1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Photometric {
    /// The minimum value is shown white (many CR/DX systems); display inverts it.
    Monochrome1,
    /// The minimum value is shown black.
    Monochrome2,
}

impl Photometric {
    /// The DICOM code string, e.g. `MONOCHROME1`.
    pub fn as_dicom(self) -> &'static str {
        match self {
            Self::Monochrome1 => "MONOCHROME1",
            Self::Monochrome2 => "MONOCHROME2",
        }
    }
}

/// A VOI window: centre and width in modality units (after rescale slope/intercept).
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    pub center: f64,
    pub width: f64,
    /// The DICOM Window Center & Width Explanation, when the file gives one.
    pub explanation: Option<String>,
}

impl Window {
    pub fn new(center: f64, width: f64) -> Self {
        Self {
            center,
            width,
            explanation: None,
        }
    }

    /// The DICOM linear VOI function, scaled to [0, 1] (PS3.3 C.11.2.1.2.1):
    /// `x <= c - 0.5 - (w-1)/2 -> 0`, `x > c - 0.5 + (w-1)/2 -> 1`,
    /// else `((x - (c - 0.5)) / (w - 1) + 0.5)`.
    pub fn apply(&self, x: f64) -> f64 {
        let w1 = (self.width - 1.0).max(f64::MIN_POSITIVE);
        let c = self.center - 0.5;
        if x <= c - w1 / 2.0 {
            0.0
        } else if x > c + w1 / 2.0 {
            1.0
        } else {
            (x - c) / w1 + 0.5
        }
    }
}

/// A grey-scale image kept at full depth: `values` are modality values (stored values after the
/// Modality LUT), row-major, `width * height` of them.
#[derive(Debug, Clone, PartialEq)]
pub struct GreyImage {
    pub width: u32,
    pub height: u32,
    pub values: Vec<f32>,
    pub photometric: Photometric,
    /// Bits of the stored values (8 for PNG/JPEG, 8–16 for DICOM).
    pub bits_stored: u16,
    /// Window presets from the source (DICOM Window Center/Width), first is the default.
    pub windows: Vec<Window>,
}

impl GreyImage {
    /// The window used when the caller gives none: the first preset, else the value range.
    pub fn default_window(&self) -> Window {
        if let Some(w) = self.windows.first() {
            return w.clone();
        }
        let (lo, hi) = self
            .values
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        if !lo.is_finite() {
            return Window::new(0.5, 1.0);
        }
        // A width of (range + 1) maps lo to 0 and hi to 1 under the DICOM linear function.
        let width = f64::from(hi - lo) + 1.0;
        Window::new(f64::from(lo) + width / 2.0, width)
    }

    /// Display brightness in [0, 1] per pixel (1 = white), after the window and, for
    /// MONOCHROME1, inversion.
    pub fn display_values(&self, window: Option<&Window>) -> Vec<f32> {
        let fallback;
        let window = match window {
            Some(w) => w,
            None => {
                fallback = self.default_window();
                &fallback
            }
        };
        let invert = self.photometric == Photometric::Monochrome1;
        self.values
            .iter()
            .map(|&v| {
                let y = window.apply(f64::from(v)) as f32;
                if invert {
                    1.0 - y
                } else {
                    y
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_linear_window_clips_below_and_above_and_is_half_at_the_centre() {
        // PS3.3 C.11.2.1.2.1 with c = 2048, w = 4096: the centre maps to (2048 - 2047.5)/4095 + 0.5.
        let w = Window::new(2048.0, 4096.0);
        assert_eq!(w.apply(-10.0), 0.0);
        assert_eq!(w.apply(5000.0), 1.0);
        assert!((w.apply(2048.0) - (0.5 / 4095.0 + 0.5)).abs() < 1e-12);
    }

    #[test]
    fn monochrome1_is_inverted_for_display() {
        let image = GreyImage {
            width: 2,
            height: 1,
            values: vec![0.0, 100.0],
            photometric: Photometric::Monochrome1,
            bits_stored: 8,
            windows: vec![],
        };
        let shown = image.display_values(None);
        assert_eq!(shown, vec![1.0, 0.0]);
    }
}
