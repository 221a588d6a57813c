//! `lector synth`: writes a phantom knee-radiograph data set (images, DICOM, masks, manifest).

use std::path::Path;

use imaging::phantom::PhantomConfig;

use super::CommandError;
use crate::cli::SynthArgs;
use crate::progress::Progress;

/// Generates the data set `args` describes; with no `--cases`/`--seed`, the seed study's
/// 136 OS + 197 GCT cases from four hospitals, one held out as the external test set.
///
/// # Errors
/// [`CommandError::Imaging`] for an invalid size or a failed write.
pub fn run(args: &SynthArgs) -> Result<(), CommandError> {
    let base = PhantomConfig::default();
    let total = args.cases.unwrap_or(base.cases_os + base.cases_gct);
    let seed = args.seed.unwrap_or(base.seed);
    let config = PhantomConfig::with_total(total, seed);
    let mut progress = Progress::new("phantoms");
    let manifest = imaging::synth::synthesize(&config, Path::new(&args.out), |done, total| {
        progress.update(done, total)
    })?;
    println!(
        "wrote {} cases to {}",
        manifest.rows.len(),
        args.out.join("manifest.csv").display()
    );
    Ok(())
}
