//! Dashboards and breakdown exports are built once per run and filter however many requests
//! arrive together: the rest wait for a turn and are served from the cache, so a script cannot
//! make the server read every response many times over.

use std::sync::Arc;

use app::models::dashboard::DashboardFilter;
use app::store::dashboards::DashboardSource;
use server::dashboard::Dashboards;
use tokio::task::JoinSet;

use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};

both_backends!(
    simultaneous_requests_build_once,
    |app: TestApp| async move {
        seed_responses(&app).await;
        store_weighting(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let dashboards = Arc::new(Dashboards::default());
        let mut breakdowns = JoinSet::new();
        for _ in 0..8 {
            let (dashboards, db) = (dashboards.clone(), app.db.clone());
            breakdowns.spawn(async move {
                dashboards
                    .breakdown(&db, run, "council_district")
                    .await
                    .map(|b| b.map(|b| b.variable.clone()))
            });
        }
        for b in breakdowns.join_all().await {
            let variable = b.expect("breakdown").expect("the run exists");
            assert_eq!(variable, "council_district");
        }
        assert_eq!(
            dashboards.builds(),
            1,
            "eight breakdown requests, one build"
        );
        let filter = DashboardFilter {
            run: Some(run),
            ..DashboardFilter::default()
        };
        let mut pages = JoinSet::new();
        for _ in 0..8 {
            let (dashboards, db, filter) = (dashboards.clone(), app.db.clone(), filter.clone());
            pages.spawn(async move { dashboards.dashboard(db, filter).await });
        }
        for page in pages.join_all().await {
            assert!(matches!(page, Ok(Some(d)) if d.run_id == run));
        }
        assert_eq!(
            dashboards.builds(),
            2,
            "eight dashboard requests, one more build"
        );
        let missing = dashboards
            .breakdown(&app.db, run + 100, "council_district")
            .await
            .expect("no error");
        assert!(missing.is_none(), "no such run");
    }
);
