//! The OpenAPI document of `/api/v1` against what the application routes: every `/api/v1` path the
//! router holds, with every method it answers there, is in the document served at
//! `/api/v1/openapi.json`, and the document describes nothing else. So an endpoint added without
//! its documentation fails here, wherever in the router it is added. Then what every operation
//! shares: the two ways in, the refusals with the `Error` body, the CSV content types.

use std::collections::BTreeSet;

use app::models::staff::Role;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use server::config::Settings;
use server::startup::Application;

use super::helpers::{get, signed_in};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};

/// The methods tried on every path (axum answers HEAD wherever GET is routed).
const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
];

/// The `/api/v1` paths `router` holds, as registered (`/api/v1/runs/{id}/themes.csv`). axum has
/// no API that lists routes, but its `Debug` output names every registered path; the comparison
/// with the document fails loudly if that ever changes (no path found).
fn api_paths(router: &axum::Router) -> BTreeSet<String> {
    format!("{router:?}")
        .split('"')
        .filter(|s| *s == "/api/v1" || s.starts_with("/api/v1/"))
        .map(str::to_owned)
        .collect()
}

/// `path` with every `{parameter}` filled in (a run that does not exist).
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                "999999"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The paths of the application's router: another application built like the test's.
async fn routed_paths() -> BTreeSet<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = Settings {
        listen: Some("127.0.0.1:0".parse().expect("addr")),
        data_dir: dir.path().join("data"),
        secure_cookies: false,
        ..Settings::default()
    };
    let application = Application::build(settings)
        .await
        .expect("build the application");
    api_paths(application.router())
}

/// The served document, read by strategy staff.
async fn served_document(app: &TestApp, client: &reqwest::Client) -> Value {
    let (status, body) = get(app, client, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("the document is JSON")
}

/// Every `(path, method)` the document describes.
fn documented(document: &Value) -> BTreeSet<(String, String)> {
    let paths = document["paths"].as_object().expect("paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS.iter().filter_map(move |method| {
                let method = method.as_str().to_lowercase();
                item.get(&method).map(|_| (path.clone(), method))
            })
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_route_is_in_the_document_and_nothing_else() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let (analyst, _) = signed_in(&app, Role::Analyst).await;
    let paths = routed_paths().await;
    // Which methods each path answers: anything but 405 (the analyst passes the route table, so
    // the request reaches the router).
    let mut served = BTreeSet::new();
    for path in &paths {
        for method in METHODS {
            let response = analyst
                .request(method.clone(), app.url(&concrete(path)))
                .send()
                .await
                .expect("request");
            if response.status() != StatusCode::METHOD_NOT_ALLOWED {
                served.insert((path.clone(), method.as_str().to_lowercase()));
            }
        }
    }
    assert!(
        served.contains(&("/api/v1/runs".to_owned(), "get".to_owned())),
        "routes found: {served:?}"
    );
    let document = served_document(&app, &analyst).await;
    assert_eq!(
        served,
        documented(&document),
        "the routes served under /api/v1 (left) and the operations the document describes (right) differ"
    );
}

both_backends!(
    the_document_describes_access_refusals_and_content_types,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let document = served_document(&app, &analyst).await;
        assert_eq!(document["openapi"], "3.1.0");
        let schemes = &document["components"]["securitySchemes"];
        assert_eq!(schemes["session"]["type"], "apiKey");
        assert_eq!(schemes["session"]["in"], "cookie");
        assert_eq!(schemes["session"]["name"], "needscope_session");
        assert_eq!(schemes["bearer"]["scheme"], "bearer");
        assert_eq!(
            document["security"],
            serde_json::json!([{ "session": [] }, { "bearer": [] }])
        );
        let error = "#/components/schemas/Error";
        assert_eq!(
            document["components"]["schemas"]["Error"]["required"],
            serde_json::json!(["error"])
        );
        for name in ["Unauthorized", "Forbidden"] {
            let response = &document["components"]["responses"][name];
            assert_eq!(
                response["content"]["application/json"]["schema"]["$ref"], error,
                "{name}"
            );
        }
        for (path, method) in documented(&document) {
            let operation = &document["paths"][&path][&method];
            let responses = &operation["responses"];
            assert_eq!(
                responses["401"]["$ref"], "#/components/responses/Unauthorized",
                "{path}"
            );
            assert_eq!(
                responses["403"]["$ref"], "#/components/responses/Forbidden",
                "{path}"
            );
            assert!(
                operation["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{path} has a summary"
            );
            if path.contains("{id}") {
                assert_eq!(
                    responses["404"]["content"]["application/json"]["schema"]["$ref"], error,
                    "{path}"
                );
            }
            let content = &responses["200"]["content"];
            if path.ends_with(".csv") {
                assert!(content.get("text/csv").is_some(), "{path}: {content}");
            } else {
                assert!(
                    content.get("application/json").is_some(),
                    "{path}: {content}"
                );
            }
        }
        let themes = &document["paths"]["/api/v1/runs/{id}/themes.json"]["get"];
        assert_eq!(
            themes["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/DashboardData"
        );
        let run_fields = &document["components"]["schemas"]["RunSummary"]["properties"];
        for field in ["run", "created_at", "input_hash", "result_sha256"] {
            assert!(run_fields.get(field).is_some(), "{field}");
        }
    }
);
