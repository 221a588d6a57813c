//! `lector train`: trains the CNN on a data set's training split and writes the weights and
//! their model card.

use model::train::{card_path, train_from_dir, TrainConfig};

use super::CommandError;
use crate::cli::TrainArgs;

/// # Errors
/// [`CommandError::Model`] for an unreadable data set or a failed training step or write.
pub fn run(args: &TrainArgs) -> Result<(), CommandError> {
    let mut config = TrainConfig::default();
    if let Some(seed) = args.seed {
        config.seed = seed;
    }
    if let Some(epochs) = args.max_epochs {
        config.max_epochs = epochs;
    }
    if let Some(weight) = args.cam_mask_weight {
        config.cam_mask_weight = weight;
    }
    let command = format!(
        "lector train --data {} --out {} --seed {} --max-epochs {} --cam-mask-weight {}",
        args.data.display(),
        args.out.display(),
        config.seed,
        config.max_epochs,
        config.cam_mask_weight
    );
    let trained = train_from_dir(&args.data, &config, &command, &mut |epoch| {
        eprintln!(
            "epoch {:3}  loss {:.4}  validation AUC {:.4}  validation loss {:.4}  {:.0} s",
            epoch.epoch, epoch.train_loss, epoch.val_auc, epoch.val_loss, epoch.seconds
        );
    })?;
    trained.save(&args.out)?;
    println!(
        "wrote {} and {}",
        args.out.display(),
        card_path(&args.out).display()
    );
    Ok(())
}
