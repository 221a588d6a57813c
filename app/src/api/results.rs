//! Server function of the results page.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::results::ResultsView;
use crate::AppError;

/// Every results table and figure of a study, in `locale`, with the OR `covariance` method.
#[server(endpoint = "results/study", input = Json)]
pub async fn study_results(
    study_id: i64,
    locale: vocab::Locale,
    covariance: vocab::Covariance,
) -> Result<ResultsView, AppError> {
    let user = crate::ssr::auth::require_user()?;
    let store = crate::ssr::state::store()?;
    let data_dir = crate::ssr::state::data_dir()?;
    crate::ssr::results::results_page(&store, &user, study_id, locale, covariance, &data_dir).await
}
