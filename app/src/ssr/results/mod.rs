//! The results page and the exports: a study's stored reads turned into the analysis crate's
//! tables and figures, in the requested language.

pub mod clinical;
pub mod download;
pub mod export;
pub mod figure_file;
pub mod figures;
pub mod localization;
pub mod methods;
pub mod reads_csv;
mod scored;
pub mod snapshot;
pub mod view;

use store::Store;

use crate::domain::results::ResultsView;
use crate::domain::user::CurrentUser;
use crate::i18n::Locale;
use crate::ssr::access::coordinated_study;
use crate::AppError;

/// The results page of a study its coordinator asks for.
///
/// # Errors
/// [`AppError::Forbidden`] unless `user` coordinates the study; [`AppError::Internal`] when the
/// store fails.
#[tracing::instrument(skip_all, fields(user = user.id, study = study_id))]
pub async fn results_page(
    store: &Store,
    user: &CurrentUser,
    study_id: i64,
    locale: Locale,
    options: analysis::study::ResultsOptions,
    data_dir: &std::path::Path,
) -> Result<ResultsView, AppError> {
    let study = coordinated_study(store, user, study_id).await?;
    let snapshot = snapshot::load(store, study).await?;
    let data_dir = data_dir.to_path_buf();
    // The statistics are CPU-bound (milliseconds, but t-SNE and the MRMC jackknife add up):
    // keep them off the async workers.
    tokio::task::spawn_blocking(move || view::results_view(&snapshot, locale, options, &data_dir))
        .await
        .map_err(|e| crate::ssr::internal("compute the results", &e))
}
