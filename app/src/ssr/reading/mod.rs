//! The reader's side: the worklist (`worklist`), the next case in the reader's order
//! (`state`: blinded, no truth, no other reader's read, AI output only when the design shows
//! it), going back to a read case (`review`), saving a read exactly once (`submit`).

mod review;
mod state;
mod submit;
mod worklist;

pub use review::review;
pub use state::{ai_visible, state};
use state::{case_view, state_of};
pub use submit::{submit, validate_submission};
pub use worklist::worklist;

use store::{Reader, Store, Study};

use crate::ssr::access::store_error;
use crate::ssr::sessions::{cards, facts, reading_now, today};
use crate::AppError;

/// Refuses going back to (or correcting) a session other than the one the reader is reading
/// now: after the other modality has been seen, earlier ratings stay as they were.
async fn ensure_reading_now(
    store: &Store,
    study: &Study,
    reader: &Reader,
    session: i64,
) -> Result<(), AppError> {
    let facts = facts(store, reader)
        .await
        .map_err(|e| store_error("load your sessions", e))?;
    let cards = cards(study, reader, &facts, &today());
    if reading_now(&cards).map(|c| c.session) == Some(session) {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "this session is over; its ratings can no longer be changed".into(),
        ))
    }
}
