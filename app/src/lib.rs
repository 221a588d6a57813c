//! The isomorphic Lector web app: the HTML shell, the router, pages, and `#[server]` functions.
//! Compiled twice: with `ssr` into the `lector` server, with `hydrate` into the browser bundle.

pub mod api;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod ids;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

pub use error::AppError;

/// The HTML document around the app, rendered on the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The same choice App makes below; the browser reads it back from `lang` when hydrating.
    let lang = i18n::provide_i18n().locale.get_untracked().tag();
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                // In the head rendered once by the server: its name carries the bundle's hash,
                // which only the server knows (the browser never renders the head again).
                <link rel="stylesheet" href=format!("/pkg/{}.css", options.output_name)/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The root component: layout and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    i18n::provide_i18n();
    ui::auth::provide_current_user();
    view! {
        <Title formatter=|page: String| if page.is_empty() { "Lector".to_string() } else { format!("{page} · Lector") }/>
        <Router>
            <ui::layout::Header/>
            <main class="content">
                <Routes fallback=ui::pages::not_found::NotFound>
                    <Route path=path!("/") view=ui::pages::home::HomePage/>
                    <Route path=path!("/read/:study/:session") view=ui::pages::reading::ReadingPage/>
                    // The study pages are the coordinators': a reader or a signed-out visitor
                    // gets an explanation or the sign-in prompt, never the tabs and downloads.
                    <ParentRoute path=path!("/studies") view=ui::pages::study::CoordinatorsOnly>
                        <Route path=path!("new") view=ui::pages::study::new::NewStudyPage/>
                        <Route path=path!(":id") view=ui::pages::study::overview::StudyOverviewPage/>
                        <Route path=path!(":id/settings") view=ui::pages::study::settings::StudySettingsPage/>
                        <Route path=path!(":id/cases") view=ui::pages::study::cases::StudyCasesPage/>
                        <Route path=path!(":id/readers") view=ui::pages::study::readers::StudyReadersPage/>
                        <Route path=path!(":id/progress") view=ui::pages::study::progress::StudyProgressPage/>
                        <Route path=path!(":id/results") view=ui::pages::study::results::StudyResultsPage/>
                        <Route path=path!(":id/audit") view=ui::pages::study::audit::StudyAuditPage/>
                    </ParentRoute>
                    <Route path=path!("/login") view=ui::pages::login::LoginPage/>
                    <Route path=path!("/invite/:token") view=ui::pages::invite::InvitePage/>
                    <Route path=path!("/admin/users") view=ui::pages::admin_users::AdminUsersPage/>
                </Routes>
            </main>
            <ui::layout::Footer/>
        </Router>
    }
}
