//! Trends in resident reports: reports spread over twenty weeks, three council districts, three
//! ZIP codes and three categories, with one planted spike (district 3, Graffiti, in the last
//! complete week) and one category rising (Streetlight in district 2 over the last four weeks).
//! The page and `GET /api/v1/reports/trends` find the spike in the right district, ZIP and
//! category and nowhere else, say Streetlight is rising, and follow their filters; the dashboard's
//! rising panel names the category; anonymous visitors and partners are refused.

use app::models::report_trends::{AreaKind, TrendsReport, WeekFlag};
use app::models::staff::Role;
use app::store::reports::{self, NewReport};
use reqwest::StatusCode;
use time::macros::date;
use time::{Date, Duration};

use super::helpers::{get, signed_in};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};

const PAGE: &str = "/staff/reports/trends";
const API: &str = "/api/v1/reports/trends";
/// The Monday of the first week; the last of the twenty weeks starts on 2026-11-16 and ends on
/// Sunday 2026-11-22, the last day with reports.
const FIRST: Date = date!(2026 - 06 - 29);
const WEEKS: i64 = 21;
const DISTRICTS: [(&str, &str); 3] = [("1", "95112"), ("2", "95116"), ("3", "95122")];
const CATEGORIES: [&str; 3] = ["Pothole", "Graffiti", "Streetlight"];

/// A resident's words for a report in `category` (varied, so an analysis run finds themes).
fn text_of(category: Option<&str>, n: usize) -> String {
    let phrases: [&str; 4] = match category {
        Some("Pothole") => [
            "deep pothole in the road",
            "broken asphalt damaged my tire",
            "cracked pavement hole",
            "pothole keeps getting bigger",
        ],
        Some("Graffiti") => [
            "graffiti sprayed on the wall",
            "spray paint tags on the fence",
            "vandalism painted on the building",
            "new graffiti tagging again",
        ],
        Some(_) => [
            "streetlight out all night",
            "street lamp is dark",
            "light pole not working",
            "broken street light flickering",
        ],
        None => [
            "shopping cart left on the sidewalk",
            "loud music from the neighbours",
            "question about my water bill",
            "tree branch hanging low",
        ],
    };
    let places = [
        "near the school",
        "on Story Road",
        "by the park",
        "downtown",
        "on my block",
    ];
    format!("{} {}", phrases[n % 4], places[(n / 4) % 5])
}

fn report(
    n: &mut usize,
    day: Date,
    district: &str,
    zip: &str,
    category: Option<&str>,
) -> NewReport {
    *n += 1;
    NewReport {
        external_id: format!("R{n}"),
        text: text_of(category, *n),
        category: category.map(str::to_owned),
        requested_at: Some(day.with_hms(12, 0, 0).expect("noon").assume_utc()),
        district: Some(district.to_owned()),
        zip: Some(zip.to_owned()),
    }
}

/// Three to five reports a week per district and category, the spike and the rise, a few
/// reports in no category and two without a date.
async fn seed(app: &TestApp) {
    let mut n = 0;
    let mut batch = Vec::new();
    for week in 0..WEEKS {
        let monday = FIRST + Duration::weeks(week);
        for (d, (district, zip)) in DISTRICTS.iter().enumerate() {
            for (c, category) in CATEGORIES.iter().enumerate() {
                let mut count = 3 + (week as usize + d + c) % 3;
                if *category == "Streetlight" && *district == "2" && week >= WEEKS - 4 {
                    count = 16;
                }
                if *category == "Graffiti" && *district == "3" && week == WEEKS - 1 {
                    count = 30;
                }
                for i in 0..count {
                    let day = monday + Duration::days((i % 7) as i64);
                    batch.push(report(&mut n, day, district, zip, Some(category)));
                }
            }
            batch.push(report(
                &mut n,
                monday + Duration::days(2),
                district,
                zip,
                None,
            ));
        }
    }
    for id in ["U1", "U2"] {
        batch.push(NewReport {
            external_id: id.to_owned(),
            text: "no date".to_owned(),
            category: Some("Pothole".to_owned()),
            requested_at: None,
            district: Some("1".to_owned()),
            zip: Some("95112".to_owned()),
        });
    }
    reports::insert_batch(&app.db, "sj311", batch)
        .await
        .expect("reports stored");
}

async fn trends(app: &TestApp, client: &reqwest::Client, query: &str) -> TrendsReport {
    let (status, body) = get(app, client, &format!("{API}{query}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("trends json")
}

fn flag_of(report: &TrendsReport, category: &str) -> Option<WeekFlag> {
    report
        .categories
        .iter()
        .find(|s| s.name == category)
        .and_then(|s| s.check.as_ref().map(|c| c.flag))
}

/// The part of `html` from `marker` to the end of its table.
fn table_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {html}"));
    let rest = &html[start..];
    &rest[..rest.find("</table>").unwrap_or(rest.len())]
}

both_backends!(
    the_planted_spike_is_found_in_its_district_and_category,
    |app: TestApp| async move {
        seed(&app).await;
        let (client, _) = signed_in(&app, Role::Analyst).await;
        let all = trends(&app, &client, "").await;
        assert_eq!(all.checked_week.as_deref(), Some("2026-11-16"));
        assert!(!all.partial_last, "the data end on a Sunday");
        assert_eq!(all.weeks.len(), WEEKS as usize);
        assert_eq!(all.counted.undated, 2);
        assert_eq!(all.counted.uncategorised, 3 * WEEKS as u64);
        assert_eq!(flag_of(&all, "Graffiti"), Some(WeekFlag::High));
        assert_eq!(flag_of(&all, "Pothole"), Some(WeekFlag::Usual));
        let spots: Vec<(AreaKind, &str, &str)> = all
            .hotspots
            .iter()
            .map(|h| (h.kind, h.area.as_str(), h.category.as_str()))
            .collect();
        assert!(
            spots.contains(&(AreaKind::District, "3", "Graffiti")),
            "{spots:?}"
        );
        assert!(
            spots.contains(&(AreaKind::Zip, "95122", "Graffiti")),
            "{spots:?}"
        );
        assert_eq!(spots.len(), 2, "nothing else is unusual: {spots:?}");
        let graffiti_3 = &all.hotspots[0].check;
        assert_eq!(graffiti_3.count, 30);
        assert!(graffiti_3.expected < 6.0 && graffiti_3.upper < 30.0);
        let rising: Vec<&str> = app::models::report_trends::rising(&all.categories)
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(rising, ["Streetlight"]);
        let district_3 = all
            .districts
            .iter()
            .find(|s| s.name == "3")
            .expect("district 3");
        assert_eq!(
            district_3.check.as_ref().map(|c| c.flag),
            Some(WeekFlag::High)
        );

        // Filters: another district has no spike; one category; one ZIP; a date range.
        let one = trends(&app, &client, "?district=1").await;
        assert!(one.hotspots.is_empty());
        assert_eq!(flag_of(&one, "Graffiti"), Some(WeekFlag::Usual));
        assert!(one.districts.iter().all(|s| s.name == "1"));
        let graffiti = trends(&app, &client, "?category=Graffiti").await;
        assert_eq!(graffiti.categories.len(), 1);
        assert!(graffiti.hotspots.iter().all(|h| h.category == "Graffiti"));
        assert_eq!(graffiti.hotspots.len(), 2);
        let zip = trends(&app, &client, "?zip=95122").await;
        assert_eq!(
            zip.districts
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>(),
            ["3"]
        );
        let range = trends(&app, &client, "?from=2026-08-03&to=2026-11-15").await;
        assert_eq!(range.weeks.first().map(String::as_str), Some("2026-08-03"));
        assert_eq!(range.checked_week.as_deref(), Some("2026-11-09"));
        assert!(range.hotspots.is_empty(), "the spike is after the range");
        let mid_week = trends(&app, &client, "?to=2026-11-18").await;
        assert_eq!(mid_week.checked_week.as_deref(), Some("2026-11-09"));
        assert!(mid_week.partial_last);
        let (status, body) = get(&app, &client, &format!("{API}?from=11/2/2026")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            body.contains("`from` must be a day written YYYY-MM-DD"),
            "{body}"
        );

        // The page shows the same: the spike in the hotspot table, the rising category.
        let (status, html) = get(&app, &client, PAGE).await;
        assert_eq!(status, StatusCode::OK);
        let hotspots = table_after(&html, "class=\"hotspots\"");
        assert!(hotspots.contains("District 3"), "{hotspots}");
        assert!(hotspots.contains("ZIP 95122"), "{hotspots}");
        assert!(hotspots.contains("Graffiti"));
        assert!(!hotspots.contains("District 1") && !hotspots.contains("Pothole"));
        assert!(html.contains("Unusually high"));
        assert!(
            html.contains("class=\"bar bar-high\""),
            "the spike's bar is marked"
        );
        assert!(!html.contains(" style="), "no inline styles (CSP)");
        let rising = &html[html.find("rising-categories-heading").expect("panel")..];
        assert!(rising[..rising.find("</section>").expect("end")].contains("Streetlight"));
        assert!(html.contains("How a week is checked"));
        let (_, html) = get(&app, &client, &format!("{PAGE}?district=1")).await;
        assert!(
            html.contains("No district or ZIP code had a category unusually high"),
            "{html}"
        );
        assert!(
            html.contains("<option value=\"1\" selected"),
            "the filter is kept"
        );
        let (_, html) = get(&app, &client, &format!("{PAGE}?from=nope")).await;
        assert!(
            html.contains("The from filter “nope” was not used"),
            "{html}"
        );
        let (_, html) = get(&app, &client, &format!("{PAGE}?lang=es")).await;
        assert!(html.contains("Inusualmente alto") && html.contains("Focos de esta semana"));
        let (_, html) = get(&app, &client, "/staff/reports").await;
        assert!(html.contains("href=\"/staff/reports/trends\""));
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'export'")
                .await,
            6,
            "every API read is audited"
        );
    }
);

both_backends!(
    the_dashboard_names_rising_categories,
    |app: TestApp| async move {
        seed(&app).await;
        server::runs::new_run(&app.db, None, Some(3), 42)
            .await
            .expect("run");
        let (client, _) = signed_in(&app, Role::Analyst).await;
        let (status, html) = get(&app, &client, "/staff/dashboard").await;
        assert_eq!(status, StatusCode::OK);
        let panel = &html[html.find("rising-categories-heading").expect("the panel")..];
        let panel = &panel[..panel.find("</section>").expect("end")];
        assert!(panel.contains("Streetlight"), "{panel}");
        assert!(!panel.contains("Pothole"));
        assert!(panel.contains("href=\"/staff/reports/trends\""));
    }
);

both_backends!(
    trends_are_for_strategy_staff_only,
    |app: TestApp| async move {
        seed(&app).await;
        let anonymous = app.new_client();
        let response = anonymous.get(app.url(API)).send().await.expect("GET");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let response = anonymous.get(app.url(PAGE)).send().await.expect("GET");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (partner, _) = signed_in(&app, Role::Partner).await;
        let (status, body) = get(&app, &partner, API).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        let (status, _) = get(&app, &partner, PAGE).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let response = partner
            .post(app.url("/api/reports/trends"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .expect("server fn");
        assert!(response.text().await.expect("body").contains("Forbidden"));
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        assert_eq!(get(&app, &admin, PAGE).await.0, StatusCode::OK);
    }
);

/// The trends of 100,000 reports (two years, 10 districts, 30 ZIP codes, 25 categories) are read
/// and counted in a few seconds in the unoptimised test build (2.7 s on SQLite when measured, the
/// dashboard's rising categories 0.3 s). Ignored in the suite (seeding takes a while); run with
/// `--run-ignored only trends_of_100k --no-capture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "timing, run by hand"]
async fn trends_of_100k_reports_take_seconds_at_most() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(app) = TestApp::spawn(backend).await else {
            continue;
        };
        let start = FIRST - Duration::weeks(83);
        let mut batch = Vec::with_capacity(2_000);
        for i in 0..100_000usize {
            let day = start + Duration::days((i * 7919 % 728) as i64);
            let district = (i % 10 + 1).to_string();
            let zip = format!("951{:02}", i % 30);
            let category = format!("Category {}", i * 31 % 25);
            batch.push(NewReport {
                external_id: format!("B{i}"),
                text: format!("report {i}"),
                category: Some(category),
                requested_at: Some(day.with_hms(9, 0, 0).expect("time").assume_utc()),
                district: Some(district),
                zip: Some(zip),
            });
            if batch.len() == 2_000 {
                reports::insert_batch(&app.db, "bench", std::mem::take(&mut batch))
                    .await
                    .expect("stored");
            }
        }
        let began = std::time::Instant::now();
        let all = app::store::report_trends::trends(&app.db, Default::default())
            .await
            .expect("trends");
        let elapsed = began.elapsed();
        assert_eq!(all.counted.reports, 100_000);
        let began = std::time::Instant::now();
        app::store::report_trends::rising_categories(&app.db)
            .await
            .expect("rising");
        let rising = began.elapsed();
        println!(
            "{backend:?}: trends of 100,000 reports in {elapsed:?}; dashboard's rising categories in {rising:?}"
        );
        assert!(elapsed.as_secs_f64() < 10.0, "{elapsed:?}");
    }
}
