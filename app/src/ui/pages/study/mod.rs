//! The coordinator's pages of one study: overview, settings, cases, readers, progress, results,
//! audit;
//! and the page that creates a study.

pub mod audit;
pub mod cases;
pub mod new;
pub mod overview;
pub mod progress;
pub mod readers;
pub mod results;
pub mod settings;

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;

use crate::domain::user::Role;
use crate::ui::auth::RequireRole;

/// The frame of every study page: shown to coordinators (and admins) only.
#[component]
pub fn CoordinatorsOnly() -> impl IntoView {
    view! {
        <RequireRole role=Role::Coordinator>
            <Outlet/>
        </RequireRole>
    }
}

/// The `:id` of the current route as a study id (0 when it is not a number, which every server
/// function answers with "not found").
pub fn study_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()))
            .unwrap_or(0)
    })
}
