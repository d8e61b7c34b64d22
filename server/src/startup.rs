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

use app::models::notes::NoteLimits;
use app::store::AppState;
use app::{App, shell};

use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::allowance::{self, Keeping};
use crate::auth::store::DbSessionStore;
use crate::auth::{self, LoginLimiter, handlers as sign_in};
use crate::config::Settings;
use crate::dashboard::Dashboards;
use crate::database;
use crate::jobs::{self, JobQueue};
use crate::routes::public_results::PublicSite;
use crate::routes::same_origin::OwnOrigin;
use crate::routes::{
    admin, health, language, links, notes, openapi, reports, runs, submit, surveys,
};
use crate::security_headers::{self, SecurityHeaders};

/// The name of the staff session cookie.
pub const SESSION_COOKIE: &str = "needscope_session";

pub struct Application {
    listener: TcpListener,
    router: Router,
    db: DatabaseConnection,
    guard: submit::SubmitGuard,
    limiter: LoginLimiter,
    /// Where the rate limits are kept (their refilled rows are forgotten every minute).
    limits: Keeping,
    sessions: DbSessionStore,
    queue: JobQueue,
    model_dir: Option<std::path::PathBuf>,
    /// Where the sentence-embedding cache is kept between runs and restarts.
    embeddings: std::path::PathBuf,
    run_jobs: bool,
    /// The lease this process claims analysis jobs under.
    job_lease: app::store::jobs::Lease,
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
        // Rate limits: in memory on SQLite, shared by every process on PostgreSQL.
        let keeping = Keeping::for_database(&db, settings.shared_rate_limits);
        let guard = submit::SubmitGuard::new(
            settings.submissions_per_minute,
            settings.client_keys(),
            db.clone(),
            &keeping,
        )
        .with_own_origin(OwnOrigin::new(settings.public_url.as_deref())?);
        // Dashboards and breakdown exports share one cache and one limit on builds.
        let dashboards = Arc::new(Dashboards::default());
        // The latest run is prepared now, so its first view under any filter only counts.
        dashboards.warm(db.clone());
        let state = AppState {
            db: db.clone(),
            leptos_options,
            dashboards: dashboards.clone(),
            semantic_available: settings.model_dir.is_some(),
            note_limits: NoteLimits {
                max_megabytes: settings.notes_max_megabytes,
                max_documents: settings.notes_max_documents,
            },
            sentence_model: settings.sentence_model(),
        };
        let limiter = LoginLimiter::new(
            settings.login_attempts_per_minute,
            settings.login_attempts_per_account_per_hour,
            settings.client_keys(),
            &keeping,
        );
        // The dummy password hash, made now rather than in the first sign-in it would slow down.
        tokio::task::spawn_blocking(auth::password::warm_up);
        let sessions = DbSessionStore::new(db.clone());
        let queue = JobQueue::default();
        {
            let (dashboards, db) = (dashboards.clone(), db.clone());
            queue.after_each_run(move || {
                dashboards.warm(db.clone());
            });
        }
        let layers = Layers {
            guard: guard.clone(),
            limiter: limiter.clone(),
            queue: queue.clone(),
            dashboards,
            sessions: SessionManagerLayer::new(sessions.clone())
                .with_name(SESSION_COOKIE)
                .with_secure(settings.secure_cookies)
                .with_http_only(true)
                .with_same_site(SameSite::Lax)
                .with_expiry(Expiry::OnInactivity(time::Duration::hours(
                    settings.session_hours.max(1),
                ))),
            max_body_bytes: settings.max_body_bytes,
            notes: settings.note_reader(),
            headers: SecurityHeaders::new(settings.secure_cookies),
            public: PublicSite::new(&settings)?,
        };
        let upload_limit = state.note_limits.max_bytes();
        let router = router(state, layers, upload_limit);
        Ok(Application {
            listener,
            router,
            db,
            guard,
            limiter,
            limits: keeping,
            sessions,
            queue,
            model_dir: settings.model_dir.clone(),
            embeddings: crate::embedding_store::path(&settings.data_dir),
            run_jobs: settings.run_jobs,
            job_lease: jobs::lease(settings.job_lease_seconds),
            grace: Duration::from_secs(settings.shutdown_grace_seconds),
        })
    }

    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// The router it serves, for tests that check what it routes.
    pub fn router(&self) -> &Router {
        &self.router
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
            limiter,
            limits,
            sessions,
            queue,
            model_dir,
            embeddings,
            run_jobs,
            job_lease,
            grace,
        } = self;
        tracing::info!(address = %listener.local_addr()?, "Needscope is listening");
        let janitor_db = db.clone();
        let janitor = tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                guard.forget_idle_clients();
                limiter.forget_idle();
                allowance::forget_full(&limits).await;
                if let Err(err) = sessions.delete_expired().await {
                    tracing::warn!(error = %err, "deleting expired sessions");
                }
                let day_ago = time::OffsetDateTime::now_utc() - time::Duration::days(1);
                if let Err(err) =
                    app::store::notes::delete_stale_pending(&janitor_db, day_ago).await
                {
                    tracing::warn!(error = %err, "deleting unconfirmed note uploads");
                }
            }
        });
        // An interrupted job goes back to the queue at the next start (SQLite) or when its lease
        // runs out (PostgreSQL: any process may resume it).
        let worker = run_jobs.then(|| {
            tokio::spawn(jobs::work(
                db.clone(),
                model_dir,
                queue,
                embeddings,
                job_lease,
            ))
        });
        // Open311 feeds are pulled on their schedule (one process: see `open311_feed`).
        let feeds = run_jobs.then(|| tokio::spawn(crate::open311_feed::schedule::run(db.clone())));
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
        if let Some(worker) = worker {
            worker.abort();
        }
        if let Some(feeds) = feeds {
            feeds.abort();
        }
        db.close().await.context("closing the database")?;
        tracing::info!("stopped");
        Ok(())
    }

    /// Serves until SIGTERM or Ctrl-C.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }
}

/// Everything the router's layers carry.
struct Layers {
    guard: submit::SubmitGuard,
    limiter: LoginLimiter,
    queue: JobQueue,
    dashboards: Arc<Dashboards>,
    sessions: SessionManagerLayer<DbSessionStore>,
    max_body_bytes: usize,
    notes: crate::notes::NoteReader,
    headers: SecurityHeaders,
    /// The public results' licence and address.
    public: PublicSite,
}

fn router(state: AppState, layers: Layers, upload_limit: u64) -> Router {
    // The handler drains a file over the limit so the browser gets its message; past four times
    // the limit the connection is cut.
    let upload_body = usize::try_from(upload_limit.saturating_mul(4))
        .unwrap_or(usize::MAX)
        .saturating_add(256 * 1024);
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let fallback_state = state.clone();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/surveys/{slug}", post(submit::submit))
        .route("/healthz", get(health::health))
        .route("/login", post(sign_in::login))
        .route("/logout", post(sign_in::logout))
        .route("/logout/everywhere", post(sign_in::logout_everywhere))
        .route("/invitations/{token}", post(sign_in::accept_invitation))
        .route("/staff/admin/invitations", post(admin::invite))
        .route("/staff/admin/invitations/{id}/revoke", post(admin::revoke))
        .route("/staff/admin/users/{id}", post(admin::update_user))
        .route("/staff/admin/surveys", post(surveys::create))
        .route(
            "/staff/admin/surveys/{slug}",
            post(admin::set_survey_status),
        )
        .route("/staff/admin/surveys/{slug}/texts", post(surveys::texts))
        .route(
            "/staff/admin/surveys/{slug}/questions",
            post(surveys::add_question),
        )
        .route(
            "/staff/admin/surveys/{slug}/questions/{key}",
            post(surveys::edit_question),
        )
        .route(
            "/staff/admin/surveys/{slug}/questions/{key}/move",
            post(surveys::move_question),
        )
        .route(
            "/staff/admin/surveys/{slug}/questions/{key}/remove",
            post(surveys::remove_question),
        )
        .route(
            "/staff/admin/surveys/{slug}/translations/{locale}",
            post(surveys::translate),
        )
        .route(
            "/staff/admin/surveys/{slug}/definition",
            post(surveys::replace_definition),
        )
        .route(
            "/notes",
            post(notes::upload).layer(DefaultBodyLimit::max(upload_body)),
        )
        .route("/notes/{id}/confirm", post(notes::confirm))
        .route("/notes/{id}/delete", post(notes::delete))
        .route(
            "/staff/reports",
            post(reports::import).layer(DefaultBodyLimit::max(reports::MAX_BYTES)),
        )
        .route("/staff/links", post(links::create))
        .route("/staff/links/{id}/revoke", post(links::revoke))
        .route("/account/tokens", post(crate::routes::tokens::create))
        .route(
            "/account/tokens/{id}/revoke",
            post(crate::routes::tokens::revoke),
        )
        .route(
            "/staff/admin/weighting",
            post(crate::routes::weighting::upload).layer(DefaultBodyLimit::max(
                crate::routes::weighting::MAX_BODY_BYTES,
            )),
        )
        .route(
            "/staff/admin/weighting/drafts/{id}/activate",
            post(crate::routes::weighting::activate_draft),
        )
        .route(
            "/staff/admin/weighting/drafts/{id}/discard",
            post(crate::routes::weighting::discard_draft),
        )
        .route(
            "/staff/admin/weighting/versions/{version}/activate",
            post(crate::routes::weighting::activate_version),
        )
        .route(
            "/staff/admin/weighting/versions/{version}/config.json",
            get(crate::routes::weighting::config_json),
        )
        .route("/staff/runs", post(runs::start))
        .route("/staff/runs/jobs/{id}/cancel", post(runs::cancel))
        .merge(crate::routes::strategy::router())
        .merge(crate::routes::actions::router())
        .merge(crate::routes::curation::router())
        .merge(crate::routes::publications::router())
        .merge(crate::routes::categories::router())
        .merge(crate::routes::report_feed::router())
        .merge(crate::routes::translation_files::router())
        .merge(openapi::router())
        .merge(crate::routes::public_results::router(layers.public))
        .merge(crate::routes::paper::router())
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
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::attach,
        ))
        .layer(layers.sessions)
        .layer(DefaultBodyLimit::max(layers.max_body_bytes))
        .layer(axum::Extension(layers.guard))
        .layer(axum::Extension(layers.limiter))
        .layer(axum::Extension(layers.queue))
        .layer(axum::Extension(layers.dashboards))
        .layer(axum::Extension(crate::runs::run_views::views()))
        .layer(axum::Extension(layers.notes))
        .layer(axum::middleware::from_fn(language::remember_language))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            layers.headers,
            security_headers::add,
        ))
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
