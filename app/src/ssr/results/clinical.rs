//! The clinical comparator on a study's own cases: the logistic model on age, sex and lesion
//! site (`model::clinical`), fitted on the study's training split and scored on the rest.

use std::collections::HashMap;

use model::data::{CaseMeta, Split};
use store::Case;

/// The clinical model's probability of the positive class for every case it can score, keyed
/// by `cases.id`. Empty when the study has no usable training split (no age/sex/site, one
/// class only, or a fit that does not converge): the results then leave the model out.
pub fn probabilities(cases: &[Case]) -> HashMap<i64, f64> {
    let meta: Vec<(i64, CaseMeta)> = cases
        .iter()
        .filter_map(|c| Some((c.id, meta(c)?)))
        .collect();
    let training: Vec<CaseMeta> = meta
        .iter()
        .filter(|(_, m)| m.split == Split::Train)
        .map(|(_, m)| m.clone())
        .collect();
    let fitted = match model::clinical::fit(&training) {
        Ok(fitted) => fitted,
        Err(err) => {
            tracing::info!(error = %err, "no clinical model for this study");
            return HashMap::new();
        }
    };
    meta.iter()
        .filter(|(_, m)| m.split != Split::Train)
        .map(|(id, m)| (*id, fitted.predict(m)))
        .collect()
}

/// The model's view of a case; `None` when age, sex or site is missing.
fn meta(case: &Case) -> Option<CaseMeta> {
    let c = &case.case;
    Some(CaseMeta {
        case_id: c.case_id.clone(),
        file: std::path::PathBuf::from(&c.source_file),
        is_os: c.truth,
        age: c.age? as f64,
        male: c.sex.as_deref()? == "M",
        location: c.location.clone()?,
        site: c.site.clone().unwrap_or_default(),
        split: c.split,
        validation: false,
    })
}
