//! `lector predict`: AI output for every case of a folder or manifest — probability, Grad-CAM
//! and Grad-CAM++ overlays, penultimate features.

use model::infer::{predict_dir, Predictor};

use super::CommandError;
use crate::cli::PredictArgs;
use crate::progress::Progress;

/// # Errors
/// [`CommandError::Model`] for unreadable weights or images, or a failed write.
pub fn run(args: &PredictArgs) -> Result<(), CommandError> {
    let predictor = predictor(args.weights.as_deref())?;
    let mut progress = Progress::new("cases");
    let predictions = predict_dir(
        &predictor,
        &args.data,
        &args.out,
        args.batch_size,
        &mut |done, total| progress.update(done, total),
    )?;
    println!(
        "wrote {} predictions to {}",
        predictions.len(),
        args.out.display()
    );
    Ok(())
}

/// The network of a weights file from `lector train`, or the shipped one.
///
/// # Errors
/// [`CommandError::Model`] for a missing or malformed weights file or card.
pub(super) fn predictor(weights: Option<&std::path::Path>) -> Result<Predictor, CommandError> {
    Ok(match weights {
        Some(weights) => Predictor::load(weights)?,
        None => Predictor::shipped()?,
    })
}
