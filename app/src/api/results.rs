//! Server function of the results page.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::results::{Planning, ResultsView};
use crate::AppError;

/// Every results table and figure of a study, in `locale`, with the OR `covariance` method and
/// the coordinator's `planning` of a follow-up study (validated here).
#[server(endpoint = "results/study", input = Json)]
pub async fn study_results(
    study_id: i64,
    locale: vocab::Locale,
    covariance: vocab::Covariance,
    #[server(default)] planning: Planning,
) -> Result<ResultsView, AppError> {
    let user = crate::ssr::auth::require_user()?;
    planning.validate().map_err(AppError::Invalid)?;
    let store = crate::ssr::state::store()?;
    let data_dir = crate::ssr::state::data_dir()?;
    let options = crate::ssr::results::view::options(covariance, planning);
    crate::ssr::results::results_page(&store, &user, study_id, locale, options, &data_dir).await
}
