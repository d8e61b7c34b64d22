//! Builds the application (database, migrations, router) and runs it until SIGTERM / Ctrl-C, letting
//! in-flight requests finish and closing the database. Tests bind port 0 and read the port back.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use app::server::AppState;
use app::{App, shell};

use crate::config::Settings;
use crate::database;
use crate::routes::{health, language, submit};

pub struct Application {
    listener: TcpListener,
    router: Router,
    db: DatabaseConnection,
    guard: submit::SubmitGuard,
    grace: Duration,
}

impl Application {
    /// Connects, migrates and binds. `settings.listen` may use port 0.
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let mut leptos_options = leptos::config::get_configuration(None)
            .context("reading the Leptos configuration")?
            .leptos_options;
        if let Some(listen) = settings.listen {
            leptos_options.site_addr = listen;
        }
        if let Some(root) = &settings.site_root {
            leptos_options.site_root = Arc::from(root.to_string_lossy().as_ref());
        }
        let db = database::connect(&settings).await?;
        database::migrate(&db).await?;
        tracing::info!(database = %settings.database_url_redacted(), "database ready");

        let listener = TcpListener::bind(leptos_options.site_addr)
            .await
            .with_context(|| format!("listening on {}", leptos_options.site_addr))?;
        let guard = submit::SubmitGuard::new(
            settings.submissions_per_minute,
            settings.trust_forwarded_for,
        );
        let state = AppState {
            db: db.clone(),
            leptos_options,
        };
        let router = router(state, guard.clone(), settings.max_body_bytes);
        Ok(Application {
            listener,
            router,
            db,
            guard,
            grace: Duration::from_secs(settings.shutdown_grace_seconds),
        })
    }

    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `shutdown` resolves, then drains in-flight requests and closes the database.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let Application {
            listener,
            router,
            db,
            guard,
            grace,
        } = self;
        tracing::info!(address = %listener.local_addr()?, "Needscope is listening");
        let janitor = tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                guard.forget_idle_clients();
            }
        });
        let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
        let server = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown.await;
            tracing::info!("shutting down: finishing in-flight requests");
            let _ = stopping_tx.send(());
        });
        let drain_limit = async move {
            if stopping_rx.await.is_ok() {
                tokio::time::sleep(grace).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            result = server => result.context("serving HTTP")?,
            () = drain_limit => tracing::warn!("requests still running after the grace period; stopping anyway"),
        }
        janitor.abort();
        db.close().await.context("closing the database")?;
        tracing::info!("stopped");
        Ok(())
    }

    /// Serves until SIGTERM or Ctrl-C.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }
}

fn router(state: AppState, guard: submit::SubmitGuard, max_body_bytes: usize) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let fallback_state = state.clone();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/surveys/{slug}", post(submit::submit))
        .route("/healthz", get(health::health))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            move || provide_context(fallback_state.clone()), shell
        ))
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(axum::Extension(guard))
        .layer(axum::middleware::from_fn(language::remember_language))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
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
}
