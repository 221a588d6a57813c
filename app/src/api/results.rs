//! Server function of the results page.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::results::ResultsView;
use crate::AppError;

/// Every results table and figure of a study, in `locale` (`en` or `zh-CN`), with the OR
/// `covariance` method (`jackknife`, `delong` or `unbiased`).
#[server(endpoint = "results/study", input = Json)]
pub async fn study_results(
    study_id: i64,
    locale: String,
    covariance: String,
) -> Result<ResultsView, AppError> {
    let user = crate::ssr::auth::require_user()?;
    let locale = crate::i18n::Locale::from_tag(&locale).unwrap_or_default();
    let covariance = covariance
        .parse::<analysis::Covariance>()
        .map_err(|err| AppError::Invalid(err.to_string()))?;
    let store = crate::ssr::state::store()?;
    crate::ssr::results::results_page(&store, &user, study_id, locale, covariance).await
}
