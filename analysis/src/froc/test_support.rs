//! Test fixtures of the localization modules: a four-case study and one case's marks.

use super::data::{CaseMarks, Lesion, Localization, LocalizationTruth};

/// A mark's rating where there is no mark (RJafroc's `-Inf`).
pub const NONE: f64 = f64::NEG_INFINITY;

/// Two normal cases and two abnormal ones, the second with two lesions weighted 0.75/0.25, read
/// by one reader under one modality with `marks` (one per case).
pub fn study(marks: Vec<CaseMarks>) -> Localization {
    let l = |id, weight| Lesion { id, weight };
    let truth = LocalizationTruth::new(
        ["n1", "n2", "a1", "a2"].map(String::from).to_vec(),
        vec![
            vec![],
            vec![],
            vec![l(1, 1.0)],
            vec![l(1, 0.75), l(2, 0.25)],
        ],
    )
    .unwrap();
    Localization::new(truth, vec!["r".into()], vec!["m".into()], marks).unwrap()
}

/// Cases named 1, 2, …: `normals` normal cases, then `abnormals` with one lesion of weight 1.
pub fn one_lesion_truth(normals: usize, abnormals: usize) -> LocalizationTruth {
    let n = normals + abnormals;
    LocalizationTruth::new(
        (1..=n).map(|k| k.to_string()).collect(),
        (0..n)
            .map(|k| {
                if k < normals {
                    vec![]
                } else {
                    vec![Lesion { id: 1, weight: 1.0 }]
                }
            })
            .collect(),
    )
    .unwrap()
}

/// One case's marks: NL ratings and one rating per lesion.
pub fn case(nl: &[f64], ll: &[f64]) -> CaseMarks {
    CaseMarks {
        nl: nl.to_vec(),
        ll: ll.to_vec(),
    }
}
