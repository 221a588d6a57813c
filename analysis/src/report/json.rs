//! The JSON shape of `lector analyze --format json`.
//!
//! ```text
//! {"design": {"readers": [..], "modalities": [..], "cases": N, "positives": N1, "negatives": N0},
//!  "fom": "auc", "threshold": null,
//!  "per_reader": [{"reader", "modality", "fom", "se"}],
//!  "modality_means": {"<modality>": mean},
//!  "or": {"covariance", "components": {var_r, var_tr, cov1, cov2, cov3, var_error, ms_t, ms_r, ms_tr},
//!         "rrrc": {f, df1, df2, p, differences, modalities},
//!         "frrc": {chi2, df, p, differences, modalities, readers},
//!         "rrfc": {f, df1, df2, p, differences, modalities}},
//!  "dbm": {mean_squares, components, rrrc, frrc, frrc_readers, rrfc},
//!  "single_modality": null | {modality, readings, mean},
//!  "single_reader": null | {reader, readings, comparisons},
//!  "binary": null | {rates, mcnemar}, "notes": [..]}
//! ```
//! `or` and `dbm` are null unless the file has two modalities and two readers; `single_modality`
//! is there for a one-modality file, `single_reader` for a one-reader file. A reading is
//! `{"reader", "modality", "estimate", "se", "ci_lower", "ci_upper", "method"}`, a comparison
//! `{"modality_a", "modality_b", "estimate", "se", "z", "ci_lower", "ci_upper", "p"}`.
//! A difference is `{"modality_a", "modality_b", "estimate", "se", "ci_lower", "ci_upper", "p",
//! "df", "statistic"}` for modality_a − modality_b. Non-finite numbers (an infinite ddf) are
//! written as null and explained in `notes`.

use serde_json::{json, Map, Value};

use super::Report;
use crate::inference::Difference;
use crate::or::OrAnalysis;

fn diff(d: &Difference) -> Value {
    json!({
        "modality_a": d.modality_a, "modality_b": d.modality_b, "estimate": d.estimate, "se": d.se,
        "ci_lower": d.ci_lower, "ci_upper": d.ci_upper, "p": d.p, "df": d.df, "statistic": d.statistic,
    })
}

pub(crate) fn diffs(d: &[Difference]) -> Value {
    Value::Array(d.iter().map(diff).collect())
}

pub(crate) fn value<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).expect("report structs always serialise")
}

pub(crate) fn or_json(or: &OrAnalysis) -> Value {
    let c = &or.components;
    json!({
        "covariance": or.covariance.as_str(),
        "components": {
            "var_r": c.var_r, "var_tr": c.var_tr, "cov1": c.cov1, "cov2": c.cov2, "cov3": c.cov3,
            "var_error": c.var_error, "ms_t": c.ms_t, "ms_r": c.ms_r, "ms_tr": c.ms_tr,
        },
        "rrrc": {
            "f": or.rrrc.f, "df1": or.rrrc.df1, "df2": or.rrrc.df2, "p": or.rrrc.p,
            "differences": diffs(&or.rrrc.differences), "modalities": value(&or.rrrc.modalities),
        },
        "frrc": {
            "chi2": or.frrc.chi2, "df": or.frrc.df, "p": or.frrc.p,
            "differences": diffs(&or.frrc.differences), "modalities": value(&or.frrc.modalities),
            "readers": or.frrc.readers.iter().map(|t| json!({
                "reader": t.reader, "chi2": t.chi2, "df": t.df, "p": t.p, "differences": diffs(&t.differences),
            })).collect::<Vec<_>>(),
        },
        "rrfc": {
            "f": or.rrfc.f, "df1": or.rrfc.df1, "df2": or.rrfc.df2, "p": or.rrfc.p,
            "differences": diffs(&or.rrfc.differences), "modalities": value(&or.rrfc.modalities),
        },
    })
}

pub(super) fn to_json(r: &Report) -> Value {
    let means: Map<String, Value> = r
        .modality_means
        .iter()
        .map(|(m, v)| (m.clone(), json!(v)))
        .collect();
    json!({
        "design": value(&r.design),
        "fom": r.options.fom.as_str(),
        "threshold": r.options.threshold,
        "per_reader": value(&r.per_reader),
        "modality_means": means,
        "or": r.or.as_ref().map_or(Value::Null, or_json),
        "dbm": value(&r.dbm),
        "single_modality": value(&r.single_modality),
        "single_reader": value(&r.single_reader),
        "binary": value(&r.binary),
        "notes": r.notes,
    })
}
