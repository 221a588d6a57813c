//! Dealing case orders: the practice set and each reading session's permutation, for every
//! reader who has none yet.

use store::{Store, StoreError, Study};
use vocab::order::{case_order, practice_set};
use vocab::Split;

pub use vocab::PRACTICE_SESSION;

/// Deals orders to every reader of `study` who has none; readers already dealt keep theirs.
///
/// Read cases are those in the study's read splits; practice cases come from the `practice`
/// split when it has any, else from `train` (never from a read split, so practice never
/// overlaps the analysis).
///
/// # Errors
/// [`StoreError`] when the database fails.
pub async fn deal_orders(store: &Store, study: &Study) -> Result<usize, StoreError> {
    let cases = store.list_cases(study.id).await?;
    let in_split = |split: Split| -> Vec<i64> {
        cases
            .iter()
            .filter(|c| c.case.split == split)
            .map(|c| c.id)
            .collect()
    };
    let read: Vec<i64> = cases
        .iter()
        .filter(|c| study.config.read_splits.contains(&c.case.split))
        .map(|c| c.id)
        .collect();
    let mut candidates = in_split(Split::Practice);
    if candidates.is_empty() && !study.config.read_splits.contains(&Split::Train) {
        candidates = in_split(Split::Train);
    }
    let practice = practice_set(
        &candidates,
        study.config.practice_cases.max(0) as usize,
        study.config.seed,
    );
    let mut dealt = 0;
    for reader in store.list_readers(study.id).await? {
        let sessions = study.design.sessions();
        if !store.order_of(reader.id, sessions[0]).await?.is_empty() {
            continue;
        }
        let seed = study.config.seed;
        let practice_order = case_order(&practice, seed, reader.id, PRACTICE_SESSION);
        store
            .store_order(reader.id, PRACTICE_SESSION, &practice_order)
            .await?;
        for &session in sessions {
            let order = case_order(&read, seed, reader.id, session);
            store.store_order(reader.id, session, &order).await?;
        }
        dealt += 1;
    }
    Ok(dealt)
}
