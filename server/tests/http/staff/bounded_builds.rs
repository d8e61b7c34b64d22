//! Dashboards and breakdown exports are built once per run and filter however many requests
//! arrive together: the rest wait for a turn and are served from the cache, so a script cannot
//! make the server read every response many times over. A run is read, curated and named once
//! for every filter, and its views show what a build from scratch shows.

use std::sync::Arc;

use app::models::dashboard::{DashboardData, DashboardFilter};
use app::models::staff::Role;
use app::store::curation::{self, Change};
use app::store::dashboards::DashboardSource;
use server::dashboard::Dashboards;
use tokio::task::JoinSet;

use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};
use crate::staff::helpers::account;

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

/// Run `run`'s dashboard under `filter` built from scratch, as every cold view was built before
/// runs were prepared once.
async fn from_scratch(app: &TestApp, filter: DashboardFilter) -> DashboardData {
    let run = filter.run.expect("a run");
    let row = app::store::runs::get(&app.db, run)
        .await
        .expect("read")
        .expect("the run");
    server::dashboard::build(&app.db, row, filter)
        .await
        .expect("dashboard")
}

both_backends!(
    every_filter_counts_one_prepared_run_as_a_fresh_build_would,
    |app: TestApp| async move {
        seed_responses(&app).await;
        store_weighting(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let dashboards = Dashboards::default();
        dashboards
            .warm(app.db.clone())
            .await
            .expect("prepared ahead");
        assert_eq!(dashboards.preparations(), 1, "the latest run, ahead");
        let filters: Vec<fn(&mut DashboardFilter)> = vec![
            |_| {},
            |f| f.district = Some("1".into()),
            |f| f.district = Some("2".into()),
            |f| f.survey = Some("community-organizations".into()),
            |f| f.stream = Some("resident".into()),
            |f| f.language = Some("es".into()),
            |f| {
                f.from = Some("2020-01-01".into());
                f.to = Some("2999-12-31".into());
            },
            |f| f.from = Some("2999-01-01".into()),
            |f| f.from = Some("March".into()),
            |f| f.by = Some("tenure".into()),
            |f| {
                f.district = Some("2".into());
                f.stream = Some("resident".into());
                f.by = Some("tenure".into());
            },
        ];
        let of = |f: &fn(&mut DashboardFilter)| {
            let mut filter = DashboardFilter {
                run: Some(run),
                ..DashboardFilter::default()
            };
            f(&mut filter);
            filter
        };
        let check = async |dashboards: &Dashboards| {
            for f in &filters {
                let filter = of(f);
                let mut viewed = dashboards
                    .dashboard(app.db.clone(), filter.clone())
                    .await
                    .expect("view")
                    .expect("the run");
                viewed.runs.clear();
                let fresh = from_scratch(&app, filter.clone()).await;
                assert_eq!(viewed, fresh, "{filter:?}");
            }
        };
        check(&dashboards).await;
        let all = from_scratch(&app, of(&filters[0])).await;
        let one = from_scratch(&app, of(&filters[1])).await;
        assert!(
            one.themes.iter().map(|t| t.respondents).sum::<usize>()
                < all.themes.iter().map(|t| t.respondents).sum::<usize>(),
            "the filters narrow"
        );
        assert_eq!(
            dashboards.preparations(),
            1,
            "every filter from one reading"
        );
        assert_eq!(dashboards.builds(), filters.len(), "one view per filter");

        // Staff merge two themes and rename one, as if through another server process (this
        // cache is not told): the next views change with the fresh builds.
        let email = account(&app, Role::Analyst).await;
        let user = app
            .count(&format!(
                "SELECT CAST(id AS BIGINT) FROM staff_user WHERE email = '{email}'"
            ))
            .await;
        let change = Change {
            run,
            user: i32::try_from(user).expect("an id"),
        };
        let (first, second) = (&all.themes[0].id, &all.themes[1].id);
        curation::merge(&app.db, second, Some(first.clone()), change)
            .await
            .expect("merge");
        curation::describe(&app.db, first, Some("Merged need".into()), None, change)
            .await
            .expect("name");
        check(&dashboards).await;
        let merged = from_scratch(&app, of(&filters[0])).await;
        assert!(merged.regrouped && merged.themes.iter().any(|t| t.name == "Merged need"));
        assert_eq!(
            dashboards.preparations(),
            2,
            "read again once after the curation changed"
        );
    }
);
