//! `lector study create|list`.

use super::CommandError;
use crate::cli::StudyCommand;
use crate::config::Config;

/// # Errors
/// [`CommandError::Store`] for an invalid or duplicate study, or a database failure.
pub async fn run(config: &Config, command: StudyCommand) -> Result<(), CommandError> {
    let store = config.open_store().await?;
    match command {
        StudyCommand::Create {
            name,
            positive,
            negative,
            design,
            coordinator,
        } => {
            let coordinator = match coordinator {
                None => None,
                Some(email) => match store.user_by_email(&email).await? {
                    Some(user) if user.role != store::Role::Reader => Some(user.id),
                    _ => {
                        return Err(CommandError::Refused(format!(
                            "no coordinator account {email}; create it with `lector user add --role coordinator`"
                        )))
                    }
                },
            };
            let new = store::NewStudy::new(&name, &positive, &negative, design);
            let created = store.create_study(&new, coordinator).await?;
            println!("created study {} '{}'", created.id, created.name);
        }
        StudyCommand::List => {
            for study in store.list_studies().await? {
                println!(
                    "{}\t{}\t{}/{}\t{}",
                    study.id,
                    study.name,
                    study.positive_label,
                    study.negative_label,
                    study.design.as_str()
                );
            }
        }
    }
    Ok(())
}
