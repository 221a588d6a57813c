//! The error page for an unknown address (HTTP 404).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;
use crate::ids;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    let i18n = use_i18n();
    view! {
        <Title text=i18n.tr("not-found-title")/>
        <section class="page narrow" data-testid=ids::NOT_FOUND>
            <h1>{i18n.tr("not-found-title")}</h1>
            <p>{i18n.tr("not-found-body")}</p>
            <p><a class="button" href="/">{i18n.tr("not-found-back")}</a></p>
        </section>
    }
}
