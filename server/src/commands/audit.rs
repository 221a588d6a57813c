//! `lector audit verify` and `lector audit head`: checks the keyed audit chain and every read
//! against it, naming the key used; prints the chain's head for anchoring outside Lector.

use super::CommandError;
use crate::cli::AuditCommand;
use crate::config::Config;

pub async fn run(config: &Config, command: AuditCommand) -> Result<(), CommandError> {
    let store = config.open_store().await?;
    match command {
        AuditCommand::Verify => {
            let v = store.verify_audit().await?;
            println!(
                "checked with audit key {} (from {})",
                v.key_id, v.key_origin
            );
            match v.first_broken {
                None => {
                    println!(
                        "the audit trail is intact: {} rows verified ({} written before the chain was keyed, checked by hash only), {} reads match their audit rows",
                        v.rows, v.plain_rows, v.reads_checked
                    );
                    Ok(())
                }
                Some(link) if link.read_id.is_some() => Err(CommandError::Refused(format!(
                    "the reads do not match the audit trail: {}",
                    link.reason
                ))),
                Some(link) => Err(CommandError::Refused(format!(
                    "the audit trail is broken at row {}: {}",
                    link.seq, link.reason
                ))),
            }
        }
        AuditCommand::Head => {
            let head = store.audit_head().await?;
            println!("row {}", head.seq);
            println!("link {}", head.hash);
            println!("key {}", head.key_id);
            Ok(())
        }
    }
}
