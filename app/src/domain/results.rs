//! The results page as the browser receives it: tables and figures already in the reader's
//! language, so the statistics never run in the browser.

use serde::{Deserialize, Serialize};

/// One rendered table cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellView {
    pub text: String,
    /// Right-aligned (numbers, intervals, p-values).
    pub numeric: bool,
}

/// A results table in the requested language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableView {
    /// Stable id (`seniority`, `mrmc_or`, …): anchors and test ids.
    pub id: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<CellView>>,
    pub notes: Vec<String>,
}

/// A figure drawn on the server as self-contained SVG (text escaped there).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureView {
    pub id: String,
    pub title: String,
    pub svg: String,
}

/// One Grad-CAM overlay in the gallery.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GalleryItem {
    pub case_ref: i64,
    pub case_id: String,
    /// The true class, in the study's words.
    pub truth: String,
    pub probability: f64,
    /// Whether the CNN's call was right.
    pub correct: bool,
}

/// Everything on the results page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    /// Readers with every case read in both modalities (the MRMC analyses use these).
    pub complete_readers: usize,
    pub enrolled_readers: usize,
    /// Why there are no tables yet (too few complete readers, no reads); `None` when there are.
    pub pending: Option<String>,
    pub tables: Vec<TableView>,
    pub figures: Vec<FigureView>,
    pub gallery: Vec<GalleryItem>,
    /// Milliseconds the statistics took on the server.
    pub compute_ms: u64,
    /// A localization study: its marks can be downloaded (`marks.zip`).
    #[serde(default)]
    pub localization: bool,
    /// The methods paragraphs and their references, in the page's language.
    #[serde(default)]
    pub methods: Vec<String>,
    #[serde(default)]
    pub references: Vec<String>,
}

/// What the coordinator plans a follow-up study with (the sample-size table): the AUC
/// difference to detect (`None`: this study's observed one), α and the target power.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Planning {
    #[serde(default)]
    pub effect: Option<f64>,
    #[serde(default = "default_alpha")]
    pub alpha: f64,
    #[serde(default = "default_power")]
    pub power: f64,
}

fn default_alpha() -> f64 {
    0.05
}

fn default_power() -> f64 {
    0.8
}

impl Default for Planning {
    fn default() -> Self {
        Planning {
            effect: None,
            alpha: default_alpha(),
            power: default_power(),
        }
    }
}

impl Planning {
    /// The ranges a plan may take: an AUC difference in (0, 0.5], α in [0.001, 0.2], power in
    /// [0.5, 0.99].
    ///
    /// # Errors
    /// The first value out of range, in words for the coordinator.
    pub fn validate(&self) -> Result<(), String> {
        let within = |v: f64, lo: f64, hi: f64| v.is_finite() && v >= lo && v <= hi;
        if let Some(e) = self.effect {
            if !(e.is_finite() && e > 0.0 && e <= 0.5) {
                return Err("the AUC difference to detect must be above 0 and at most 0.5".into());
            }
        }
        if !within(self.alpha, 0.001, 0.2) {
            return Err("α must be between 0.001 and 0.2".into());
        }
        if !within(self.power, 0.5, 0.99) {
            return Err("the target power must be between 50 % and 99 %".into());
        }
        Ok(())
    }
}
