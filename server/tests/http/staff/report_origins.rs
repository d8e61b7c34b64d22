//! A run keeps where its reports came from when it is logged, and its dashboard counts from
//! that: a district filled in later does not move an earlier run's counts, and a run logged
//! before origins were kept still reads the reports themselves.

use app::models::dashboard::{DashboardData, DashboardFilter};
use app::store::reports::{NewReport, insert_batch};
use sea_orm::ConnectionTrait;

use crate::both_backends;
use crate::helpers::{Backend, TestApp};

/// Sixty reports about two needs, forty of them in district 4 and twenty in district 9.
async fn seed_reports(app: &TestApp) {
    let texts = [
        "Pothole in the road damaged my tire",
        "Streetlight out, the street is dark at night",
        "Please repave the road, the potholes are deep",
        "The lamp post bulb is broken and it is dark",
    ];
    let batch = (0..60)
        .map(|i| NewReport {
            external_id: format!("SR-{i}"),
            text: texts[i % texts.len()].to_owned(),
            category: None,
            requested_at: Some(time::macros::datetime!(2026-05-10 09:00 UTC)),
            district: Some(if i < 40 { "4" } else { "9" }.to_owned()),
            zip: None,
        })
        .collect();
    insert_batch(&app.db, "sj311", batch)
        .await
        .expect("reports");
}

/// Sources counted in run `run`'s themes in districts 4 and 9.
async fn by_district(app: &TestApp, run: i32) -> (usize, usize) {
    (
        sources_in(app, run, "4").await,
        sources_in(app, run, "9").await,
    )
}

async fn sources_in(app: &TestApp, run: i32, district: &str) -> usize {
    let row = app::store::runs::get(&app.db, run)
        .await
        .expect("read")
        .expect("run");
    let filter = DashboardFilter {
        run: Some(run),
        district: Some(district.to_owned()),
        ..DashboardFilter::default()
    };
    let data: DashboardData = server::dashboard::build(&app.db, row, filter)
        .await
        .expect("dashboard");
    data.themes.iter().map(|t| t.respondents).sum()
}

both_backends!(
    a_runs_dashboard_counts_its_reports_as_they_were_when_it_was_logged,
    |app: TestApp| async move {
        seed_reports(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(2), 42)
            .await
            .expect("run");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM run_report_origins").await,
            1,
            "the run kept its reports' origins"
        );
        assert_eq!(by_district(&app, run).await, (40, 20));

        // An update fills in a different district afterwards: the run still counts what it read.
        app.db
            .execute_unprepared(
                "UPDATE report SET district = '9' WHERE external_id IN \
                 ('SR-0', 'SR-1', 'SR-2', 'SR-3', 'SR-4', 'SR-5', 'SR-6', 'SR-7', 'SR-8', 'SR-9')",
            )
            .await
            .expect("update");
        assert_eq!(by_district(&app, run).await, (40, 20));

        // A run logged before origins were kept reads the reports as they are now.
        app.db
            .execute_unprepared("DELETE FROM run_report_origins")
            .await
            .expect("delete");
        assert_eq!(by_district(&app, run).await, (30, 30));
    }
);
