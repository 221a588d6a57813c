//! Figures as data (ROC curves, grouped bars, galleries), drawn to SVG by `figure::svg` and
//! placed on the results page and in the HTML report. Titles and legend entries are message
//! keys, as in [`crate::table`].

pub mod svg;

use serde::{Deserialize, Serialize};

/// How a curve is drawn: each reader thin, a group mean bold, a model dashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CurveKind {
    Reader,
    Mean,
    Model,
}

/// One ROC curve: empirical operating points from (0, 0) to (1, 1), as (FPR, TPR).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Curve {
    /// Legend text: a reader's name (verbatim) or, for means and models, a message key.
    pub label: String,
    /// Whether `label` is a message key.
    pub label_is_key: bool,
    pub kind: CurveKind,
    /// Colour family: `unaided`, `aided`, `cnn` or `clinical`.
    pub series: String,
    pub points: Vec<[f64; 2]>,
    /// The curve's AUC, shown in the legend.
    pub auc: Option<f64>,
}

/// An ROC plot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RocFigure {
    /// Stable identifier (`roc_all`, `roc_junior`, …) for file names and anchors.
    pub id: String,
    /// Message key of the title.
    pub title: String,
    pub curves: Vec<Curve>,
    /// Message keys of the x and y axes, when not 1 − specificity and sensitivity (e.g. a
    /// wAFROC plot's false-positive fraction and weighted lesion localization fraction).
    #[serde(default)]
    pub axes: Option<(String, String)>,
    /// The figure of merit the legend names beside each mean and model (`AUC` when `None`).
    #[serde(default)]
    pub merit: Option<String>,
    /// The right end of the x axis when it is not 1 (an FROC plot's non-lesion localizations
    /// per case are unbounded); such a plot has no chance diagonal.
    #[serde(default)]
    pub x_max: Option<f64>,
}

/// One series of a grouped bar chart: a value per category, with optional 95 % CI whiskers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarSeries {
    /// Message key of the legend entry (e.g. `results-unaided`).
    pub label: String,
    /// Colour family, as [`Curve::series`].
    pub series: String,
    pub values: Vec<f64>,
    /// `(lower, upper)` per category.
    pub intervals: Option<Vec<(f64, f64)>>,
}

/// A grouped bar chart of proportions in [0, 1] (e.g. accuracy by seniority group).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    pub id: String,
    /// Message key of the title.
    pub title: String,
    /// Message key of the value axis.
    pub axis: String,
    /// Message keys of the categories along the x axis.
    pub categories: Vec<String>,
    pub series: Vec<BarSeries>,
}
