//! The dashboard and its exports: ranked themes with intervals, quotes in their language, an
//! accessible SVG chart with a data table, filters, CSV / JSON exports, and the audit of exports.

use app::models::dashboard::{DashboardData, DashboardFilter};
use app::models::staff::Role;
use reqwest::StatusCode;

use super::helpers::{get, signed_in};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};

both_backends!(
    the_dashboard_ranks_themes_and_exports_them,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let (_, empty) = get(&app, &analyst, "/staff/dashboard").await;
        assert!(empty.contains("No analysis run yet"), "{empty}");

        seed_responses(&app).await;
        store_weighting(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");

        let (status, html) = get(&app, &analyst, "/staff/dashboard").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("class=\"overview-table\"") && html.contains("90% interval"),
            "one ranked table, weighted shares with their intervals"
        );
        let first = html
            .split("href=\"/staff/themes/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a link to the first theme's page");
        let (status, page) = get(&app, &analyst, &format!("/staff/themes/{first}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("<blockquote lang=\"en\""),
            "quotes keep their language: {page}"
        );
        assert!(
            page.contains("90% interval"),
            "weighted shares carry intervals"
        );
        assert!(
            html.contains("By council district"),
            "the suppressed district breakdown"
        );
        let (_, by_tenure) = get(
            &app,
            &analyst,
            &format!("/staff/dashboard?run={run}&by=tenure"),
        )
        .await;
        assert!(
            by_tenure.contains("By tenure (raked"),
            "a breakdown by any raking variable"
        );
        assert!(
            html.contains("How weighting changes the order"),
            "the sensitivity panel"
        );
        assert!(html.contains(&format!("/api/v1/runs/{run}/themes.csv")));

        // JSON export: themes in priority order, ranks 1.. for those not suppressed.
        let response = analyst
            .get(app.url(&format!("/api/v1/runs/{run}/themes.json")))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::OK);
        let data: DashboardData =
            serde_json::from_str(&response.text().await.expect("body")).expect("json");
        assert_eq!(data.run_id, run);
        assert!(data.themes.len() >= 2);
        let ranks: Vec<usize> = data.themes.iter().filter_map(|t| t.rank).collect();
        assert!(
            !ranks.is_empty() && ranks.windows(2).all(|w| w[0] < w[1]),
            "{ranks:?}"
        );
        for t in &data.themes {
            assert!(!t.quotes.is_empty(), "every theme has quotes");
            if let Some(w) = t.weighted_share {
                assert!(w.lower.expect("lower") <= w.value && w.value <= w.upper.expect("upper"));
            }
        }

        // CSV export: a header and a row per theme.
        let response = analyst
            .get(app.url(&format!("/api/v1/runs/{run}/themes.csv")))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .expect("header")
                .contains("attachment")
        );
        let body = response.text().await.expect("csv");
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        assert_eq!(&reader.headers().expect("header")[1], "theme_id");
        assert_eq!(reader.records().count(), data.themes.len());

        let response = analyst
            .get(app.url(&format!(
                "/api/v1/runs/{run}/breakdown.csv?by=council_district"
            )))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::OK);
        let response = analyst
            .get(app.url(&format!("/api/v1/runs/{run}/breakdown.csv")))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("?by=council_district")
        );
        let audit = analyst
            .get(app.url(&format!("/api/v1/runs/{run}/audit.json")))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("body");
        let audit: serde_json::Value = serde_json::from_str(&audit).expect("json");
        assert_eq!(audit["run"], run);
        assert_eq!(audit["verify_with"], format!("needscope runs verify {run}"));
        let missing = analyst
            .get(app.url("/api/v1/runs/999/themes.csv"))
            .send()
            .await
            .expect("GET");
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'export'")
                .await,
            4
        );

        // Filters: only the community organizations' answers.
        let (_, filtered) = get(
            &app,
            &analyst,
            &format!("/staff/dashboard?run={run}&stream=community_org"),
        )
        .await;
        assert!(filtered.contains("Filtered:"), "{filtered}");

        // Partners see none of it.
        let (partner, _) = signed_in(&app, Role::Partner).await;
        assert_eq!(
            get(&app, &partner, "/staff/dashboard").await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            partner
                .get(app.url(&format!("/api/v1/runs/{run}/themes.csv")))
                .send()
                .await
                .expect("GET")
                .status(),
            StatusCode::FORBIDDEN
        );
    }
);

/// 311 reports over six months: potholes steady, streetlights rising.
async fn seed_monthly_reports(app: &TestApp) {
    use app::store::reports::{NewReport, insert_batch};
    let mut batch = Vec::new();
    let texts = [
        (
            "pothole",
            [
                "Pothole in the road damaged my tire",
                "Please repave the road, the potholes are deep",
                "Large pothole in the asphalt, my tire blew",
            ],
        ),
        (
            "light",
            [
                "Streetlight out, the street is dark at night",
                "The lamp post bulb is broken and it is dark",
                "No working streetlight at night, too dark to walk",
            ],
        ),
    ];
    for (month, lights) in [(1u8, 1), (2, 1), (3, 2), (4, 6), (5, 7), (6, 8)] {
        for (need, text) in texts {
            let n = if need == "light" { lights } else { 5 };
            for i in 0..n {
                batch.push(NewReport {
                    external_id: format!("{need}-{month}-{i}"),
                    text: text[(i + usize::from(month)) % 3].to_owned(),
                    category: None,
                    requested_at: Some(
                        time::Date::from_calendar_date(
                            2026,
                            time::Month::try_from(month).expect("month"),
                            10,
                        )
                        .expect("date")
                        .midnight()
                        .assume_utc(),
                    ),
                    district: None,
                    zip: None,
                });
            }
        }
    }
    insert_batch(&app.db, "sj311", batch)
        .await
        .expect("reports");
}

both_backends!(
    the_dashboard_shows_which_needs_are_rising,
    |app: TestApp| async move {
        seed_monthly_reports(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(2), 42)
            .await
            .expect("run");
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let (status, html) = get(
            &app,
            &analyst,
            &format!("/staff/dashboard?run={run}&stream=reports"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let rising = html
            .split("<ul class=\"rising\">")
            .nth(1)
            .and_then(|rest| rest.split("</ul>").next())
            .unwrap_or_else(|| panic!("a list of rising needs: {html}"));
        let lower = rising.to_lowercase();
        assert!(
            lower.contains("light") || lower.contains("dark"),
            "{rising}"
        );
        assert!(!lower.contains("pothole"), "potholes are steady: {rising}");
        assert!(rising.contains(": 21 against 4"), "{rising}");
        assert!(
            html.contains("class=\"sparkline\"") && html.contains("sources per month</title>"),
            "a small trend per theme"
        );
        let theme = rising
            .split("href=\"/staff/themes/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a link to the rising theme");
        let (_, page) = get(&app, &analyst, &format!("/staff/themes/{theme}")).await;
        assert!(
            page.contains("rising: 21 sources in the last three months, 4 in the three before"),
            "{page}"
        );
        assert!(page.contains("class=\"trend-chart\""), "the month chart");
    }
);

both_backends!(
    filters_by_survey_district_and_dates_count_the_same_people_everywhere,
    |app: TestApp| async move {
        seed_responses(&app).await;
        store_weighting(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let build = |filter: DashboardFilter| {
            let db = app.db.clone();
            async move {
                let row = app::store::runs::get(&db, run)
                    .await
                    .expect("read")
                    .expect("run");
                server::dashboard::build(&db, row, filter)
                    .await
                    .expect("dashboard")
            }
        };
        let of = |f: fn(&mut DashboardFilter)| {
            let mut filter = DashboardFilter {
                run: Some(run),
                ..DashboardFilter::default()
            };
            f(&mut filter);
            filter
        };
        let sources = |d: &DashboardData| d.themes.iter().map(|t| t.respondents).sum::<usize>();
        let all = build(of(|_| {})).await;
        assert_eq!(all.districts, ["1", "2"]);
        assert_eq!(
            all.surveys
                .iter()
                .map(|(s, _)| s.as_str())
                .collect::<Vec<_>>(),
            ["resident-digital-services", "community-organizations"]
        );
        let one = build(of(|f| f.district = Some("1".into()))).await;
        let two = build(of(|f| f.district = Some("2".into()))).await;
        let cbo = build(of(|f| f.survey = Some("community-organizations".into()))).await;
        assert!(
            sources(&two) > 0 && sources(&one) > sources(&two),
            "a third live in 2"
        );
        assert_eq!(
            sources(&one) + sources(&two) + sources(&cbo),
            sources(&all),
            "every source is in exactly one district or is an organization without one"
        );
        assert!(
            cbo.themes
                .iter()
                .flat_map(|t| &t.by_stream)
                .all(|(stream, _)| stream == "community_org")
        );
        let tomorrow = (time::OffsetDateTime::now_utc() + time::Duration::days(1)).date();
        let later = build(DashboardFilter {
            run: Some(run),
            from: Some(tomorrow.to_string()),
            ..DashboardFilter::default()
        })
        .await;
        assert_eq!(sources(&later), 0, "nothing was said after today");
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let until_today = build(DashboardFilter {
            run: Some(run),
            to: Some(today),
            ..DashboardFilter::default()
        })
        .await;
        assert_eq!(sources(&until_today), sources(&all));
        let bad = build(of(|f| f.from = Some("March".into()))).await;
        assert!(
            bad.filter_problem
                .as_deref()
                .is_some_and(|p| p.contains("“March”"))
        );
        assert_eq!(sources(&bad), sources(&all), "a bad date is set aside");

        // The page offers the filters and says when they apply.
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let (_, html) = get(
            &app,
            &analyst,
            &format!("/staff/dashboard?run={run}&district=2&from=2020-01-01"),
        )
        .await;
        for control in [
            "id=\"survey\"",
            "id=\"district\"",
            "id=\"from\"",
            "id=\"to\"",
        ] {
            assert!(html.contains(control), "{control}");
        }
        assert!(
            html.contains("<option value=\"2\" selected"),
            "district kept: {html}"
        );
        assert!(html.contains("value=\"2020-01-01\""));
        assert!(html.contains("Filtered:"));
    }
);
