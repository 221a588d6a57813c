//! The reader's worklist: every study they read in, with each session's card.

use store::Store;

use crate::domain::reading::WorklistStudy;
use crate::domain::user::CurrentUser;
use crate::ssr::access::store_error;
use crate::ssr::sessions::{cards, facts, today};
use crate::AppError;

/// The reader's studies and sessions.
///
/// # Errors
/// [`AppError::Internal`] when the database fails.
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn worklist(store: &Store, user: &CurrentUser) -> Result<Vec<WorklistStudy>, AppError> {
    let failed = |e| store_error("load your worklist", e);
    let mut out = Vec::new();
    for reader in store.readers_of_user(user.id).await.map_err(failed)? {
        let Some(study) = store.study(reader.study_id).await.map_err(failed)? else {
            continue;
        };
        let facts = facts(store, &reader).await.map_err(failed)?;
        out.push(WorklistStudy {
            study_id: study.id,
            name: study.name.clone(),
            design: study.design,
            sessions: cards(&study, &reader, &facts, &today()),
        });
    }
    Ok(out)
}
