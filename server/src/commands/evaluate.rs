//! `lector evaluate`: the acceptance figures of a weights file on a data set — CNN vs clinical
//! model, Grad-CAM inside the lesion masks, and the t-SNE map of the test features.

use model::study::{evaluate_study, StudyReport};

use super::CommandError;
use crate::cli::EvaluateArgs;

/// # Errors
/// [`CommandError::Model`] for unreadable weights, images or masks, a test split without both
/// classes, or an output that cannot be written.
pub fn run(args: &EvaluateArgs) -> Result<(), CommandError> {
    let predictor = super::predict::predictor(args.weights.as_deref())?;
    let report = evaluate_study(&predictor, &args.data, &args.out)?;
    print!("{}", summary(&report));
    println!(
        "wrote study.json, tsne.svg, tsne.csv and features.csv to {}",
        args.out.display()
    );
    Ok(())
}

/// The report as the lines an operator reads: one figure a line, `-` where a split or the
/// masks were missing.
fn summary(r: &StudyReport) -> String {
    let auc = |a: &Option<model::card::AucCi>| {
        a.map_or("-".to_string(), |a| {
            format!("{:.3} [{:.3}, {:.3}] (n = {})", a.auc, a.lo, a.hi, a.n)
        })
    };
    let ratio = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}"));
    let c = &r.clinical_external;
    let mut out = String::new();
    let mut line = |k: &str, v: String| out.push_str(&format!("{k:<52} {v}\n"));
    line("CNN AUC, internal test", auc(&r.cnn_internal));
    line("CNN AUC, external test", auc(&r.cnn_external));
    line(
        "clinical model AUC, external test",
        auc(&Some(c.clinical_auc)),
    );
    line(
        "paired DeLong CNN vs clinical, external test",
        c.delong
            .map_or("-".to_string(), |(z, p)| format!("z = {z:.2}, p = {p:.2e}")),
    );
    line(
        "Grad-CAM energy in mask / mask area, predicted class",
        ratio(r.gradcam_mask_ratio),
    );
    line(
        "  OS map on OS cases / GCT map on GCT cases",
        format!(
            "{} / {}",
            ratio(r.gradcam_os_map_on_os_cases),
            ratio(r.gradcam_gct_map_on_gct_cases)
        ),
    );
    line(
        "Grad-CAM++ energy in mask / mask area",
        ratio(r.gradcam_pp_mask_ratio),
    );
    line(
        "t-SNE 1-NN class agreement (test features)",
        format!("{:.3}", r.tsne_1nn_agreement),
    );
    out
}
