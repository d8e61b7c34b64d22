//! Server function behind the compare page, and the hook through which the server crate (which
//! owns the analysis engine and so can read logged runs) compares runs and builds reports.

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::compare::{ComparePage, CompareQuery};
use crate::models::staff::PageContext;

#[cfg(feature = "ssr")]
pub use hook::{RunViews, run_choices, run_views, show_names};

#[cfg(feature = "ssr")]
mod hook {
    use std::sync::Arc;

    use http::request::Parts;
    use leptos::prelude::use_context;
    use sea_orm::DatabaseConnection;

    use crate::models::AppError;
    use crate::models::compare::{ComparePage, RunPair};
    use crate::models::dashboard::RunChoice;
    use crate::models::report::ReportData;
    use crate::store::dashboards::{BoxFuture, DashboardSource};
    use crate::store::runs;

    /// What the server crate computes from logged runs for these pages. It is put in every
    /// request's extensions as an `Arc<dyn RunViews>` (like the viewer), so server functions
    /// reach it with [`run_views`].
    pub trait RunViews: Send + Sync {
        /// Runs `pair.a` against `pair.b` (defaults: the run before B, the latest run), with
        /// the run list for the pickers; a missing run or fewer than two runs is a `problem`.
        fn compare(
            &self,
            db: DatabaseConnection,
            pair: RunPair,
        ) -> BoxFuture<Result<ComparePage, AppError>>;

        /// The "What we heard" report of run `id`, from the dashboard `dashboards` builds;
        /// `Ok(None)` when there is no such run.
        fn report(
            &self,
            db: DatabaseConnection,
            dashboards: Arc<dyn DashboardSource>,
            id: i32,
        ) -> BoxFuture<Result<Option<ReportData>, AppError>>;
    }

    /// Every run for a picker, newest first (`Run 3 · 2026-11-23 14:05 UTC`).
    pub async fn run_choices(db: &DatabaseConnection) -> Result<Vec<RunChoice>, AppError> {
        Ok(runs::list(db)
            .await?
            .into_iter()
            .map(|(id, at, ..)| RunChoice {
                id,
                label: format!("Run {id} · {}", runs::minute(at)),
            })
            .collect())
    }

    /// Names the compared themes as the dashboard does (staff's names, else names made from the
    /// answers), from the dashboards of runs A and B (B's name wins); a theme of neither keeps
    /// its logged label.
    pub async fn show_names(
        db: &DatabaseConnection,
        dashboards: &dyn DashboardSource,
        page: &mut ComparePage,
    ) -> Result<(), AppError> {
        let Some(comparison) = page.comparison.as_mut() else {
            return Ok(());
        };
        let mut names = std::collections::BTreeMap::new();
        for run in [comparison.a.id, comparison.b.id] {
            let filter = crate::models::dashboard::DashboardFilter {
                run: Some(run),
                ..Default::default()
            };
            if let Some(data) = dashboards.dashboard(db.clone(), filter).await? {
                names.extend(data.themes.into_iter().map(|t| (t.id, t.name)));
            }
        }
        comparison.rename(&names);
        Ok(())
    }

    /// The server's [`RunViews`] for this request.
    pub fn run_views() -> Result<Arc<dyn RunViews>, AppError> {
        use_context::<Parts>()
            .and_then(|p| p.extensions.get::<Arc<dyn RunViews>>().cloned())
            .ok_or_else(|| {
                tracing::error!("RunViews missing from the request's extensions");
                AppError::Unavailable
            })
    }
}

/// Two runs compared, and every run for the pickers (strategy staff). A run number that does not
/// read is reported on the page, not as an error.
#[server(prefix = "/api", endpoint = "staff/compare")]
pub async fn compare_runs(
    #[server(default)] query: CompareQuery,
) -> Result<(PageContext, ComparePage), AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{auth, db, state};
    use hook::run_choices;

    auth::require(STAFF)?;
    let views = run_views()?;
    let page = match query.parse() {
        Ok(pair) => {
            let mut page = views.compare(db()?, pair).await?;
            let state = state()?;
            show_names(&state.db, state.dashboards.as_ref(), &mut page).await?;
            page
        }
        // Still list the runs, so the pickers can put it right.
        Err(problem) => ComparePage {
            runs: run_choices(&db()?).await?,
            a: None,
            b: None,
            comparison: None,
            problem: Some(problem),
        },
    };
    Ok((auth::page_context(), page))
}
