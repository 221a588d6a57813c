//! Building the HTTP application: database, router, listener; and running it until a
//! shutdown signal, finishing in-flight requests first.

use std::future::Future;
use std::net::SocketAddr;

use app::ssr::auth::csrf::csrf_middleware;
use app::ssr::auth::https::{https_middleware, HttpsPolicy};
use app::ssr::auth::session::session_middleware;
use app::ssr::auth::AuthSettings;
use app::ssr::dicomweb::ConfiguredPacs;
use app::ssr::state::{AppState, DataDir};
use app::ssr::upload::UploadLimit;
use app::{shell, App};
use axum::extract::State;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use store::{Backend, Store};
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

use crate::body_limit::{body_limit, default_limit};
use crate::config::Config;
use crate::security_headers::{provide_request_nonce, security_headers};

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("could not listen on {addr}; is another program using that port? choose another with --addr or LECTOR_ADDR")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the server stopped unexpectedly")]
    Serve(#[source] std::io::Error),
}

/// A built application, bound to its port but not yet serving.
pub struct Application {
    listener: TcpListener,
    router: Router,
    store: Store,
}

impl Application {
    /// Connects and migrates the database, builds the router and binds the listener.
    ///
    /// # Errors
    /// [`StartupError::Store`] when the database cannot be opened or migrated,
    /// [`StartupError::Bind`] when the address is taken or not allowed.
    pub async fn build(config: &Config) -> Result<Self, StartupError> {
        let store = config.open_store().await?;
        let interrupted = store.fail_interrupted_ai_jobs().await?;
        if interrupted > 0 {
            tracing::warn!(
                interrupted,
                "AI runs stopped by the last shutdown were marked failed"
            );
        }
        let listener =
            TcpListener::bind(config.addr)
                .await
                .map_err(|source| StartupError::Bind {
                    addr: config.addr,
                    source,
                })?;
        let addr = listener.local_addr().map_err(|source| StartupError::Bind {
            addr: config.addr,
            source,
        })?;
        let bundle_name = crate::static_files::bundle_name(&config.site_root);
        let bundle = config
            .site_root
            .join("pkg")
            .join(format!("{bundle_name}.wasm"));
        if !bundle.is_file() {
            tracing::warn!(
                path = %bundle.display(),
                "no browser bundle found: pages will render but not become interactive; build it with scripts/build.sh or pass --site-root"
            );
        }
        let leptos_options = LeptosOptions::builder()
            .output_name(bundle_name)
            .site_root(config.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .build();
        let auth = AuthSettings {
            secure_cookies: config.secure_cookies,
            ..AuthSettings::default()
        };
        let https = HttpsPolicy {
            always: config.secure_cookies,
            trusted_proxies: config.trusted_proxies.clone().into(),
        };
        let router = router(
            AppState {
                leptos_options,
                store: store.clone(),
                data_dir: DataDir(config.data_dir.clone()),
            },
            auth,
            https,
            UploadLimit(config.max_upload_bytes),
            ConfiguredPacs(config.dicomweb.clone()),
        );
        Ok(Application {
            listener,
            router,
            store,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` resolves, then lets in-flight requests finish and closes the
    /// database pool.
    ///
    /// # Errors
    /// [`StartupError::Serve`] when accepting connections fails.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        // The peer address is kept for the per-address login throttle.
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(StartupError::Serve)?;
        self.store.close().await;
        Ok(())
    }
}

/// Every request is judged http or https (trusting only the listed proxies), gets the
/// security headers on its response, has its body size capped, and passes the CSRF check
/// (state-changing requests must come from this site's pages) and the session lookup (who is
/// signed in) before it reaches a page or server fn. The layers listed last run first.
fn router(
    state: AppState,
    auth: AuthSettings,
    https: HttpsPolicy,
    upload_limit: UploadLimit,
    pacs: ConfiguredPacs,
) -> Router {
    let routes = generate_route_list(App);
    let store = state.store.clone();
    let data_dir = state.data_dir.clone();
    let context = move || {
        provide_context(store.clone());
        provide_context(data_dir.clone());
        provide_context(auth);
        provide_context(upload_limit);
        provide_context(pacs.clone());
        provide_request_nonce();
    };
    let options = state.leptos_options.clone();
    let pkg = crate::static_files::pkg_files(std::path::Path::new(
        state.leptos_options.site_root.as_ref(),
    ));
    Router::new()
        .nest_service("/pkg", pkg)
        .route("/healthz", get(healthz))
        .route(
            "/images/cases/{case_ref}/{kind}",
            get(app::ssr::images::case_image),
        )
        .route(
            "/studies/{id}/orders.csv",
            get(app::ssr::exports::orders_download),
        )
        .route(
            "/studies/{id}/export/{file}",
            get(app::ssr::results::download::export_download),
        )
        .route(
            "/studies/{id}/figures/{file}",
            get(app::ssr::results::download::figure_download),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(from_fn_with_state(state.store.clone(), session_middleware))
        .layer(from_fn(csrf_middleware))
        .layer(default_limit())
        .layer(from_fn(body_limit))
        .layer(from_fn(security_headers))
        .layer(from_fn(crate::static_files::cache_headers))
        .layer(crate::static_files::compression())
        .layer(from_fn_with_state(https, https_middleware))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Liveness and readiness in one: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let database = match state.store.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    match state.store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(serde_json::json!({"status": "ok", "database": database})),
        ),
        Err(err) => {
            tracing::error!(error = %err, "health check: the database did not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "unavailable", "database": database})),
            )
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM, so `lector serve` under a service manager stops cleanly.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM; stop the server with Ctrl-C");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
