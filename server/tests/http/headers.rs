//! Security headers: every kind of response carries them (pages, the API, exports, files, errors),
//! the Content-Security-Policy's script nonce is the one on every `<script>` of the page and new
//! for each request, and HSTS is sent only when cookies are secure. Headers do not depend on the
//! database, so these run on SQLite only.

use app::models::staff::Role;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::helpers::{Backend, TestApp, form_fields, hidden_fields, resident_survey};
use crate::runs::{seed_responses, store_weighting};
use crate::staff::helpers::signed_in;

/// Asserts the headers every response must carry.
fn assert_security_headers(what: &str, headers: &HeaderMap) {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_else(|| panic!("{what}: no {name} header in {headers:?}"))
            .to_owned()
    };
    let policy = get("content-security-policy");
    for directive in [
        "default-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(
            policy.contains(directive),
            "{what}: {directive} in {policy}"
        );
    }
    assert!(!policy.contains("unsafe-inline"), "{what}: {policy}");
    assert!(!csp_nonce(headers).is_empty(), "{what}: a script nonce");
    assert_eq!(get("x-frame-options"), "DENY", "{what}");
    assert_eq!(get("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(get("referrer-policy"), "same-origin", "{what}");
}

/// The nonce the Content-Security-Policy allows scripts with.
fn csp_nonce(headers: &HeaderMap) -> String {
    let policy = headers
        .get("content-security-policy")
        .and_then(|value| value.to_str().ok())
        .expect("a Content-Security-Policy");
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find(|directive| directive.starts_with("script-src "))
        .expect("a script-src directive");
    assert!(script_src.contains("'wasm-unsafe-eval'"), "{script_src}");
    let start = script_src.find("'nonce-").expect("a nonce source") + "'nonce-".len();
    let end = start + script_src[start..].find('\'').expect("closing quote");
    script_src[start..end].to_owned()
}

/// The `nonce` attribute of every `<script>` tag of `html` (`None` for a script without one).
fn script_nonces(html: &str) -> Vec<Option<String>> {
    html.match_indices("<script")
        .map(|(at, _)| {
            let tag = &html[at..at + html[at..].find('>').expect("tag end")];
            tag.find(" nonce=\"").map(|start| {
                let value = &tag[start + " nonce=\"".len()..];
                value[..value.find('"').expect("closing quote")].to_owned()
            })
        })
        .collect()
}

/// Asserts that every script of the page carries the nonce its policy names; returns the nonce.
fn assert_scripts_carry_the_nonce(what: &str, headers: &HeaderMap, html: &str) -> String {
    let nonce = csp_nonce(headers);
    let scripts = script_nonces(html);
    assert!(
        !scripts.is_empty(),
        "{what}: the page has its hydration script"
    );
    for script in scripts {
        assert_eq!(script.as_deref(), Some(nonce.as_str()), "{what}: {html}");
    }
    nonce
}

async fn get(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
) -> (StatusCode, HeaderMap, String) {
    let response = client.get(app.url(path)).send().await.expect("GET");
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.text().await.expect("body"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_response_carries_the_security_headers() {
    let site = tempfile::tempdir().expect("site root");
    std::fs::create_dir_all(site.path().join("pkg")).expect("pkg dir");
    std::fs::write(site.path().join("pkg/needscope.css"), "main { margin: 0 }").expect("css");
    let root = site.path().to_path_buf();
    let app = TestApp::spawn_with(Backend::Sqlite, |s| s.site_root = Some(root))
        .await
        .expect("SQLite");
    let survey = format!("/surveys/{}", resident_survey().slug);
    let anonymous = app.new_client();
    for (what, path, status) in [
        ("survey page", survey.as_str(), StatusCode::OK),
        ("sign-in page", "/login", StatusCode::OK),
        ("static asset", "/pkg/needscope.css", StatusCode::OK),
        ("missing page", "/nowhere", StatusCode::NOT_FOUND),
        (
            "missing survey",
            "/surveys/no-such-survey",
            StatusCode::NOT_FOUND,
        ),
        ("health check", "/healthz", StatusCode::OK),
    ] {
        let (got, headers, _) = get(&anonymous, &app, path).await;
        assert_eq!(got, status, "{what}");
        assert_security_headers(what, &headers);
    }

    let (analyst, _) = signed_in(&app, Role::Analyst).await;
    seed_responses(&app).await;
    store_weighting(&app).await;
    let run = server::runs::new_run(&app.db, None, Some(5), 42)
        .await
        .expect("run");
    for (what, path, content_type) in [
        ("staff page", "/staff/dashboard".to_owned(), "text/html"),
        ("API JSON", "/api/v1/runs".to_owned(), "application/json"),
        (
            "CSV export",
            format!("/api/v1/runs/{run}/themes.csv"),
            "text/csv",
        ),
    ] {
        let (status, headers, _) = get(&analyst, &app, &path).await;
        assert_eq!(status, StatusCode::OK, "{what}");
        assert!(
            headers["content-type"]
                .to_str()
                .expect("type")
                .starts_with(content_type),
            "{what}"
        );
        assert_security_headers(what, &headers);
    }
    // A form post's redirect too.
    let (_, html) = app.get(&survey).await;
    let fields = form_fields(
        &hidden_fields(&html),
        &crate::helpers::valid_answers(&resident_survey()),
    );
    let response = app.post_form(&survey, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_security_headers("submission redirect", response.headers());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_policy_nonce_is_on_every_script_and_new_for_each_request() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite");
    let survey = format!("/surveys/{}", resident_survey().slug);
    let (analyst, _) = signed_in(&app, Role::Analyst).await;
    let mut seen = std::collections::HashSet::new();
    for (what, client, path) in [
        ("home", &app.client, "/"),
        ("survey page", &app.client, survey.as_str()),
        ("survey page again", &app.client, survey.as_str()),
        ("sign-in page (lazy)", &app.client, "/login"),
        ("missing page", &app.client, "/nowhere"),
        ("staff page (lazy)", &analyst, "/staff/dashboard"),
    ] {
        let (_, headers, html) = get(client, &app, path).await;
        let nonce = assert_scripts_carry_the_nonce(what, &headers, &html);
        assert!(seen.insert(nonce), "{what}: a nonce of its own");
    }

    // The survey page rendered again after a refused submission (the POST handler renders it).
    let (_, html) = app.get(&survey).await;
    let response = app.post_form(&survey, &hidden_fields(&html)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let headers = response.headers().clone();
    let html = response.text().await.expect("body");
    let nonce = assert_scripts_carry_the_nonce("refused submission", &headers, &html);
    assert!(seen.insert(nonce), "refused submission: a nonce of its own");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hsts_is_sent_only_with_secure_cookies() {
    let plain = TestApp::spawn(Backend::Sqlite).await.expect("SQLite");
    let (_, headers, _) = get(&plain.client, &plain, "/").await;
    assert!(
        headers.get("strict-transport-security").is_none(),
        "no HSTS over plain HTTP"
    );

    let secure = TestApp::spawn_with(Backend::Sqlite, |s| s.secure_cookies = true)
        .await
        .expect("SQLite");
    for path in ["/", "/healthz", "/nowhere"] {
        let (_, headers, _) = get(&secure.client, &secure, path).await;
        assert_eq!(
            headers
                .get("strict-transport-security")
                .and_then(|v| v.to_str().ok()),
            Some("max-age=31536000"),
            "{path}"
        );
    }
}
