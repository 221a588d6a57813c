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

/// The DICOM VOI LUT Function (0028,1056) that turns a window into display values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VoiFunction {
    #[default]
    Linear,
    LinearExact,
    Sigmoid,
}

impl VoiFunction {
    /// Parses the DICOM code string (`LINEAR`, `LINEAR_EXACT`, `SIGMOID`).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "LINEAR" => Some(Self::Linear),
            "LINEAR_EXACT" => Some(Self::LinearExact),
            "SIGMOID" => Some(Self::Sigmoid),
            _ => None,
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
    pub function: VoiFunction,
}

impl Window {
    pub fn new(center: f64, width: f64) -> Self {
        Self {
            center,
            width,
            explanation: None,
            function: VoiFunction::Linear,
        }
    }

    /// The DICOM VOI function scaled to [0, 1] (PS3.3 C.11.2.1.2):
    /// LINEAR: `x <= c - 0.5 - (w-1)/2 -> 0`, `x > c - 0.5 + (w-1)/2 -> 1`,
    /// else `(x - (c - 0.5)) / (w - 1) + 0.5`;
    /// LINEAR_EXACT: `x <= c - w/2 -> 0`, `x > c + w/2 -> 1`, else `(x - c) / w + 0.5`;
    /// SIGMOID: `1 / (1 + exp(-4 (x - c) / w))`.
    pub fn apply(&self, x: f64) -> f64 {
        let (c, w) = match self.function {
            VoiFunction::Sigmoid => {
                return 1.0 / (1.0 + (-4.0 * (x - self.center) / self.width).exp());
            }
            VoiFunction::Linear => (self.center - 0.5, (self.width - 1.0).max(f64::MIN_POSITIVE)),
            VoiFunction::LinearExact => (self.center, self.width.max(f64::MIN_POSITIVE)),
        };
        if x <= c - w / 2.0 {
            0.0
        } else if x > c + w / 2.0 {
            1.0
        } else {
            (x - c) / w + 0.5
        }
    }
}

/// A VOI LUT table (DICOM VOI LUT Sequence item, PS3.3 C.11.2.1.1): modality value `first` maps
/// to `entries[0]`, `first + 1` to `entries[1]`, ...; values outside clamp to the ends.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiTable {
    pub first: f64,
    pub entries: Vec<u16>,
    pub explanation: Option<String>,
}

impl VoiTable {
    /// The table's output scaled to [0, 1] by the bits its entries actually span: devices often
    /// declare 16-bit entries for 12-bit data, so the declared depth would leave the display
    /// nearly black.
    pub fn apply(&self, x: f64) -> f64 {
        let Some(last) = self.entries.len().checked_sub(1) else {
            return 0.0;
        };
        let index = (x.round() - self.first).clamp(0.0, last as f64) as usize;
        let top = self.entries.iter().copied().max().unwrap_or(0);
        let span = (1u32 << (16 - top.leading_zeros()).max(1)) - 1;
        f64::from(self.entries[index]) / f64::from(span)
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
    /// VOI LUT tables from the source, used when it has no window preset.
    pub voi_tables: Vec<VoiTable>,
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

    /// Display brightness in [0, 1] per pixel (1 = white): the given window, else the first
    /// window preset, else the first VOI LUT table, else the value range; then, for
    /// MONOCHROME1, inversion.
    pub fn display_values(&self, window: Option<&Window>) -> Vec<f32> {
        let fallback;
        let voi: &dyn Fn(f64) -> f64 = match (window, self.windows.first(), self.voi_tables.first())
        {
            (Some(w), _, _) | (None, Some(w), _) => &|x| w.apply(x),
            (None, None, Some(table)) => &|x| table.apply(x),
            (None, None, None) => {
                fallback = self.default_window();
                &|x| fallback.apply(x)
            }
        };
        let invert = self.photometric == Photometric::Monochrome1;
        self.values
            .iter()
            .map(|&v| {
                let y = voi(f64::from(v)) as f32;
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
    fn linear_exact_and_sigmoid_follow_their_part_3_formulas() {
        let exact = Window {
            function: VoiFunction::LinearExact,
            ..Window::new(100.0, 50.0)
        };
        assert_eq!(exact.apply(75.0), 0.0);
        assert_eq!(exact.apply(110.0), 0.7);
        let sigmoid = Window {
            function: VoiFunction::Sigmoid,
            ..Window::new(100.0, 50.0)
        };
        assert_eq!(sigmoid.apply(100.0), 0.5);
        // One width above the centre: 1 / (1 + e^-4) = 0.9820137900 (by hand).
        assert!((sigmoid.apply(150.0) - 0.982_013_790_0).abs() < 1e-10);
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
            voi_tables: vec![],
        };
        let shown = image.display_values(None);
        assert_eq!(shown, vec![1.0, 0.0]);
    }

    #[test]
    fn a_voi_table_maps_by_index_clamps_outside_and_scales_by_the_bits_used() {
        // 12-bit entries (max 4095): 0 -> 0, 2 -> 4095 -> 1.0, below first -> first entry.
        let table = VoiTable {
            first: 10.0,
            entries: vec![0, 1365, 4095],
            explanation: None,
        };
        assert_eq!(table.apply(5.0), 0.0);
        assert!((table.apply(11.0) - 1365.0 / 4095.0).abs() < 1e-12);
        assert_eq!(table.apply(99.0), 1.0);
    }

    #[test]
    fn a_voi_table_is_used_only_when_there_is_no_window() {
        let mut image = GreyImage {
            width: 2,
            height: 1,
            values: vec![0.0, 1.0],
            photometric: Photometric::Monochrome2,
            bits_stored: 8,
            windows: vec![],
            voi_tables: vec![VoiTable {
                first: 0.0,
                entries: vec![255, 0],
                explanation: None,
            }],
        };
        assert_eq!(image.display_values(None), vec![1.0, 0.0]);
        image.windows.push(Window::new(1.0, 2.0));
        assert_eq!(image.display_values(None), vec![0.0, 1.0]);
    }
}
