//! The live Open311 feed against a local Open311 server the test starts (axum on 127.0.0.1:0,
//! serving paged JSON from memory): a first pull over several pages, a second pull where a
//! request was closed (updated, not duplicated), a third that changes nothing, malformed requests
//! named while the good ones land, refusing and unreachable endpoints as clear errors, the API key
//! sent but never shown; response times per category, department, district and equity area on a
//! small known set; administrators only.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::models::response_times::{HIGH_NEED, NO_ZIP, OTHER_AREAS, ResponseTime, ResponseTimes};
use app::models::staff::Role;
use app::store::report_status::{self, ReportState, TrackedReport};
use app::store::reports::NewReport;
use app::store::{report_feeds, strategy};
use axum::extract::{Query, State};
use axum::http::StatusCode as AxumStatus;
use axum::response::{IntoResponse, Response};
use reqwest::StatusCode;
use serde_json::{Value, json};
use server::open311_feed::{PullError, pull};

use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::staff::helpers::{get, post, signed_in};

const FEED: &str = "/staff/reports/feed";
const KEY: &str = "s3cret-key-123";
/// Good requests served: three pages of 200.
const GOOD: usize = 450;

/// What the local Open311 server serves and saw.
#[derive(Default)]
struct Mock {
    requests: Mutex<Vec<Value>>,
    /// The query of every call.
    calls: Mutex<Vec<HashMap<String, String>>>,
    /// Answer every call with this status instead (and a GeoReport error naming the key).
    refuse: Mutex<Option<u16>>,
}

/// `GET /v2/requests.json`: `updated_after` (inclusive), `page`, `page_size`, ordered by
/// `updated_datetime` (requests without a usable one first).
async fn requests_json(
    State(mock): State<Arc<Mock>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    mock.calls.lock().unwrap().push(query.clone());
    if let Some(code) = *mock.refuse.lock().unwrap() {
        let status = AxumStatus::from_u16(code).unwrap();
        let body = json!([{ "code": code, "description": format!("Invalid api_key {KEY}") }]);
        return (status, axum::Json(body)).into_response();
    }
    let updated = |v: &Value| {
        v.get("updated_datetime")
            .and_then(Value::as_str)
            .and_then(|s| {
                time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
            })
    };
    let after = query.get("updated_after").map(|s| {
        time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap()
    });
    let mut all: Vec<Value> = mock
        .requests
        .lock()
        .unwrap()
        .iter()
        .filter(|v| match (after, updated(v)) {
            (Some(a), Some(u)) => u >= a,
            _ => true,
        })
        .cloned()
        .collect();
    all.sort_by_key(|v| updated(v));
    let page: usize = query.get("page").map_or(1, |p| p.parse().unwrap());
    let size: usize = query.get("page_size").map_or(50, |p| p.parse().unwrap());
    let items: Vec<Value> = all.into_iter().skip((page - 1) * size).take(size).collect();
    axum::Json(Value::Array(items)).into_response()
}

/// Starts the local Open311 server; returns its base URL.
async fn open311_server(mock: Arc<Mock>) -> String {
    let router = axum::Router::new()
        .route("/v2/requests.json", axum::routing::get(requests_json))
        .with_state(mock);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{addr}/v2")
}

fn request(i: usize, status: &str, updated: &str) -> Value {
    json!({
        "service_request_id": format!("SR{i}"),
        "service_name": if i.is_multiple_of(2) { "Pothole" } else { "Graffiti" },
        "description": format!("Report number {i}"),
        "status": status,
        "requested_datetime": "2026-01-01T08:00:00Z",
        "updated_datetime": updated,
        "zipcode": "95122",
    })
}

/// 450 good requests updated on successive minutes, then two malformed ones.
fn requests() -> Vec<Value> {
    let mut all: Vec<Value> = (0..GOOD)
        .map(|i| {
            let t =
                time::macros::datetime!(2026-01-02 00:00 UTC) + time::Duration::minutes(i as i64);
            let t = t
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap();
            request(i, "open", &t)
        })
        .collect();
    all.push(
        json!({ "service_request_id": "BAD1", "description": "Broken date",
                     "updated_datetime": "not a date" }),
    );
    all.push(json!({ "description": "No id at all" }));
    all
}

async fn follow(app: &TestApp, client: &reqwest::Client, response: reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let to = response.headers()["location"].to_str().unwrap().to_owned();
    get(app, client, &to).await.1
}

async fn source_count(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM report WHERE source = 'sj-open311'")
        .await
}

both_backends!(
    a_feed_pulls_pages_keeps_status_and_is_idempotent,
    |app: TestApp| async move {
        let mock = Arc::new(Mock::default());
        *mock.requests.lock().unwrap() = requests();
        let base = open311_server(mock.clone()).await;
        let (admin, _) = signed_in(&app, Role::Administrator).await;

        // A bad base URL is refused on its field, and nothing typed but the key is kept.
        let response = post(
            &app,
            &admin,
            FEED,
            FEED,
            &[
                ("base_url", "ftp://nowhere"),
                ("interval_minutes", "30"),
                ("source", "sj-open311"),
                ("api_key", KEY),
            ],
        )
        .await;
        let page = follow(&app, &admin, response).await;
        assert!(page.contains("is not an http(s) address"), "{page}");
        assert!(page.contains("value=\"sj-open311\""), "{page}");
        assert!(!page.contains(KEY), "the key is never sent back");

        let response = post(
            &app,
            &admin,
            FEED,
            FEED,
            &[
                ("base_url", &base),
                ("jurisdiction_id", "sanjoseca.gov"),
                ("api_key", KEY),
                ("interval_minutes", "30"),
                ("enabled", "on"),
                ("source", "sj-open311"),
            ],
        )
        .await;
        let page = follow(&app, &admin, response).await;
        assert!(page.contains("pulled every 30 minutes"), "{page}");
        assert!(page.contains("ending …-123"), "a hint of the key: {page}");
        assert!(!page.contains(KEY), "the key is never shown in full");

        let response = post(&app, &admin, FEED, "/staff/reports/feed/pull", &[]).await;
        let page = follow(&app, &admin, response).await;
        assert!(
            page.contains("3 pages read: 450 new, 0 updated, 0 unchanged, 2 refused."),
            "{page}"
        );
        assert!(
            page.contains("page 1, request #1: request BAD1: updated_datetime &quot;not a date&quot; is not a date")
                || page.contains("page 1, request #1: request BAD1: updated_datetime \"not a date\" is not a date"),
            "the malformed request is named with its page, position and id: {page}"
        );
        assert!(
            page.contains("page 1, request #2: no service_request_id"),
            "{page}"
        );
        assert_eq!(source_count(&app).await, GOOD as i64);
        {
            let calls = mock.calls.lock().unwrap();
            assert_eq!(calls.len(), 3, "three pages: {calls:?}");
            assert!(
                calls
                    .iter()
                    .all(|c| c.get("api_key").map(String::as_str) == Some(KEY))
            );
            assert!(
                calls
                    .iter()
                    .all(|c| c["jurisdiction_id"] == "sanjoseca.gov")
            );
            assert!(
                !calls[0].contains_key("updated_after"),
                "the first pull has no cursor"
            );
            assert_eq!(calls[2]["page"], "3");
        }
        let feed = report_feeds::first(&app.db).await.unwrap().unwrap();
        assert_eq!(
            feed.cursor.unwrap(),
            time::macros::datetime!(2026-01-02 00:00 UTC) + time::Duration::minutes(449)
        );
        assert_eq!(
            (feed.last_new, feed.last_refused, feed.last_ok),
            (450, 2, Some(true))
        );

        // Request SR7 is closed at the source: the next pull updates it, never duplicates it.
        {
            let mut served = mock.requests.lock().unwrap();
            served[7] = request(7, "closed", "2026-01-05T12:00:00Z");
        }
        mock.calls.lock().unwrap().clear();
        let outcome = pull(&app.db, feed.id).await.expect("second pull");
        assert_eq!(
            (
                outcome.counts.new,
                outcome.counts.updated,
                outcome.counts.unchanged
            ),
            (0, 1, 1),
            "SR7 updated; SR449, at the cursor, unchanged: {outcome:?}"
        );
        assert_eq!(
            mock.calls.lock().unwrap()[0]["updated_after"],
            "2026-01-02T07:29:00Z",
            "the pull asks from the cursor"
        );
        assert_eq!(source_count(&app).await, GOOD as i64);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM report WHERE external_id = 'SR7' AND status = 'closed' AND closed_at IS NOT NULL").await,
            1
        );
        // Pulled again: nothing changes, and the first closed time is kept.
        let again = pull(&app.db, feed.id).await.expect("third pull");
        assert_eq!((again.counts.new, again.counts.updated), (0, 0));
        {
            let mut served = mock.requests.lock().unwrap();
            let mut later = request(7, "closed", "2026-01-06T12:00:00Z");
            later["status_notes"] = json!("Filled and sealed");
            served[7] = later;
        }
        let noted = pull(&app.db, feed.id).await.expect("fourth pull");
        assert_eq!(noted.counts.updated, 1);
        let (_, api) = get(&app, &admin, "/api/v1/reports?limit=1000").await;
        let api: Value = serde_json::from_str(&api).unwrap();
        let sr7 = api["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["external_id"] == "SR7")
            .expect("SR7 in the API")
            .clone();
        assert_eq!(sr7["status"], "closed");
        assert_eq!(
            sr7["closed_at"], "2026-01-05T12:00:00Z",
            "the first closed time is kept"
        );
        assert_eq!(sr7["updated_at"], "2026-01-06T12:00:00Z");

        // The key is in no audit entry and no stored outcome.
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_event WHERE CAST(detail AS TEXT) LIKE '%{KEY}%'"
            ))
            .await,
            0
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action IN ('report_feed_saved', 'report_feed_pulled')").await,
            2
        );
    }
);

both_backends!(
    refusing_and_unreachable_endpoints_are_clear_errors,
    |app: TestApp| async move {
        let mock = Arc::new(Mock::default());
        *mock.requests.lock().unwrap() = requests();
        *mock.refuse.lock().unwrap() = Some(403);
        let base = open311_server(mock.clone()).await;
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let response = post(
            &app,
            &admin,
            FEED,
            FEED,
            &[
                ("base_url", &base),
                ("api_key", KEY),
                ("interval_minutes", "60"),
                ("source", "sj-open311"),
            ],
        )
        .await;
        follow(&app, &admin, response).await;
        let response = post(&app, &admin, FEED, "/staff/reports/feed/pull", &[]).await;
        let page = follow(&app, &admin, response).await;
        assert!(
            page.contains(
                "The pull failed: page 1: the endpoint answered 403 Forbidden: Invalid api_key …"
            ),
            "{page}"
        );
        assert!(!page.contains(KEY), "the key the endpoint echoed is hidden");
        let feed = report_feeds::first(&app.db).await.unwrap().unwrap();
        assert_eq!(feed.last_ok, Some(false));
        assert!(!feed.last_outcome.unwrap().contains(KEY));
        assert_eq!(source_count(&app).await, 0);

        // Nothing listens on port 9 of this machine.
        let unreachable = report_feeds::FeedSettings {
            source: "sj-open311".into(),
            base_url: "http://127.0.0.1:9/v2".into(),
            jurisdiction_id: None,
            api_key: None,
            interval_minutes: 60,
            enabled: false,
        };
        report_feeds::save(&app.db, Some(feed.id), unreachable, None)
            .await
            .unwrap();
        match pull(&app.db, feed.id).await {
            Err(PullError::Endpoint { message, .. }) => {
                assert!(
                    message.starts_with("page 1: the endpoint could not be reached"),
                    "{message}"
                );
                assert!(!message.contains(KEY), "{message}");
            }
            other => panic!("expected an endpoint error, got {other:?}"),
        }
    }
);

both_backends!(
    only_administrators_set_and_pull_the_feed,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let (_, page) = get(&app, &analyst, FEED).await;
        assert!(page.contains("role=\"alert\""), "refused: {page}");
        assert!(
            !page.contains("name=\"base_url\""),
            "no settings form: {page}"
        );
        for action in [FEED, "/staff/reports/feed/pull"] {
            let response = post(
                &app,
                &analyst,
                "/staff/reports",
                action,
                &[
                    ("base_url", "http://example.org"),
                    ("interval_minutes", "60"),
                ],
            )
            .await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM report_feed").await, 0);
        // Analysts read response times, page and API.
        let (status, _) = get(&app, &analyst, "/staff/reports/response-times").await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = get(&app, &analyst, "/api/v1/reports/response-times").await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = app.get("/api/v1/reports/response-times").await;
        assert_ne!(status, StatusCode::OK, "not without signing in");
    }
);

fn tracked(
    id: &str,
    category: &str,
    district: Option<&str>,
    zip: Option<&str>,
    closed_after_hours: Option<i64>,
) -> TrackedReport {
    let requested = time::macros::datetime!(2026-02-01 00:00 UTC);
    let closed = closed_after_hours.map(|h| requested + time::Duration::hours(h));
    TrackedReport {
        report: NewReport {
            external_id: id.into(),
            text: format!("report {id}"),
            category: Some(category.into()),
            requested_at: Some(requested),
            district: district.map(str::to_owned),
            zip: zip.map(str::to_owned),
        },
        state: ReportState {
            status: Some(if closed.is_some() { "closed" } else { "open" }.into()),
            updated_at: Some(closed.unwrap_or(requested)),
            ..ReportState::default()
        },
    }
}

fn group<'a>(rows: &'a [ResponseTime], name: &str) -> &'a ResponseTime {
    rows.iter()
        .find(|r| r.group == name)
        .unwrap_or_else(|| panic!("{name} in {rows:?}"))
}

both_backends!(
    response_times_per_category_department_district_and_equity_area,
    |app: TestApp| async move {
        // ZIP 95122 is in area 1 (score 9: high need), 95110 in area 2 (score 3).
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let request = server::weighting::SetRequest {
            margins: write(
                "margins.csv",
                "variable,category,share\ncouncil_district,1,0.5\ncouncil_district,2,0.5\n",
            ),
            equity: Some(write("equity.csv", "area,score\n1,9\n2,3\n")),
            crosswalk: Some(write("zips.csv", "zip,area\n95122,1\n95110,2\n")),
            settings: server::weighting::Settings {
                index_name: "Test index".into(),
                ..Default::default()
            },
        };
        server::weighting::set(&app.db, &request)
            .await
            .expect("weighting stored");

        // Pothole: 2, 4 and 6 days (and one open) → median 4; Graffiti: 1 day, one open.
        let batch = vec![
            tracked("P1", "Pothole", Some("1"), Some("95122"), Some(48)),
            tracked("P2", "Pothole", Some("1"), Some("95122"), Some(96)),
            tracked("P3", "Pothole", Some("2"), Some("95110"), Some(144)),
            tracked("P4", "Pothole", Some("2"), Some("95110"), None),
            tracked("G1", "Graffiti", Some("2"), None, Some(24)),
            tracked("G2", "Graffiti", None, Some("99999"), None),
        ];
        let stored = report_status::upsert_batch(&app.db, "sj311", batch)
            .await
            .unwrap();
        assert_eq!(stored.new, 6);
        let department = strategy::add_department(&app.db, "Transportation")
            .await
            .unwrap();
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let response = post(
            &app,
            &admin,
            "/staff/categories",
            "/staff/categories/route",
            &[
                ("category", "Pothole"),
                ("department", &department.id.to_string()),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);

        let (status, body) = get(&app, &admin, "/api/v1/reports/response-times").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let t: ResponseTimes = serde_json::from_str(&body).unwrap();
        let all = t.overall.as_ref().unwrap();
        assert_eq!((all.closed, all.open, all.timed), (4, 2, 4));
        assert_eq!(all.median_days, Some(3.0), "1, 2, 4, 6 days");
        let pothole = group(&t.by_category, "Pothole");
        assert_eq!((pothole.closed, pothole.open), (3, 1));
        assert_eq!(pothole.median_days, Some(4.0));
        // Type 7: 4 + 0.8 × (6 − 4).
        assert!((pothole.p90_days.unwrap() - 5.6).abs() < 1e-9);
        assert_eq!(group(&t.by_category, "Graffiti").median_days, Some(1.0));
        assert_eq!(
            group(&t.by_department, "Transportation").median_days,
            Some(4.0)
        );
        assert_eq!(group(&t.by_department, "(none)").closed, 1);
        assert_eq!(group(&t.by_district, "1").median_days, Some(3.0));
        let d2 = group(&t.by_district, "2");
        assert_eq!((d2.closed, d2.open, d2.median_days), (2, 1, Some(3.5)));
        let high = group(&t.by_equity_area, HIGH_NEED);
        assert_eq!((high.closed, high.median_days), (2, Some(3.0)));
        let other = group(&t.by_equity_area, OTHER_AREAS);
        assert_eq!(
            (other.closed, other.open, other.median_days),
            (1, 1, Some(6.0))
        );
        assert_eq!(group(&t.by_equity_area, NO_ZIP).closed, 1);
        assert_eq!(group(&t.by_equity_area, "unmatched").open, 1);
        assert_eq!(group(&t.by_equity_band, "8–10").closed, 2);
        assert_eq!(t.high_need_threshold, Some(8.0));
        assert!(t.equity_index.as_deref().unwrap().starts_with("Test index"));

        let (status, html) = get(&app, &admin, "/staff/reports/response-times").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("id=\"response-by-equity\""), "{html}");
        assert!(html.contains("High-need areas"), "{html}");
        assert!(html.contains("<td>4.0</td>"), "Pothole's median: {html}");
    }
);

both_backends!(
    a_feed_another_process_is_pulling_is_left_to_it_until_its_lease_runs_out,
    |app: TestApp| async move {
        let settings = report_feeds::FeedSettings {
            source: "sj-open311".into(),
            base_url: "http://127.0.0.1:9/v2".into(),
            jurisdiction_id: None,
            api_key: None,
            interval_minutes: 60,
            enabled: true,
        };
        let id = report_feeds::save(&app.db, None, settings, None)
            .await
            .unwrap();
        let now = time::OffsetDateTime::now_utc();
        let elsewhere = "other-host:4242:abcdef01";
        assert!(
            report_feeds::take_lease(&app.db, id, elsewhere, now + time::Duration::minutes(5))
                .await
                .unwrap()
        );
        assert!(
            matches!(pull(&app.db, id).await, Err(PullError::Busy)),
            "held by another process"
        );
        let held = report_feeds::get(&app.db, id).await.unwrap().unwrap();
        assert_eq!(held.lease_owner.as_deref(), Some(elsewhere), "left alone");
        assert!(held.last_pull_at.is_none(), "nothing pulled");

        // That process died: once its lease has run out, this one pulls (and gives it back).
        assert!(
            report_feeds::take_lease(&app.db, id, elsewhere, now - time::Duration::seconds(1))
                .await
                .unwrap(),
            "its owner renews"
        );
        assert!(matches!(
            pull(&app.db, id).await,
            Err(PullError::Endpoint { .. })
        ));
        let pulled = report_feeds::get(&app.db, id).await.unwrap().unwrap();
        assert!(pulled.last_pull_at.is_some());
        assert_eq!(pulled.lease_owner, None, "given back");
        assert!(
            report_feeds::take_lease(&app.db, id, elsewhere, now + time::Duration::minutes(5))
                .await
                .unwrap(),
            "free again"
        );
    }
);
