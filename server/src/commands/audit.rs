//! `lector audit verify`: recomputes the audit trail's hash chain and names the first broken row.

use super::CommandError;
use crate::cli::AuditCommand;
use crate::config::Config;

pub async fn run(config: &Config, command: AuditCommand) -> Result<(), CommandError> {
    let store = store::Store::connect(&config.database_url).await?;
    store.migrate().await?;
    match command {
        AuditCommand::Verify => {
            let verification = store.verify_audit().await?;
            match verification.first_broken {
                None => {
                    println!(
                        "the audit trail is intact: {} rows verified",
                        verification.rows
                    );
                    Ok(())
                }
                Some(link) => Err(CommandError::Refused(format!(
                    "the audit trail is broken at row {}: {}",
                    link.seq, link.reason
                ))),
            }
        }
    }
}
