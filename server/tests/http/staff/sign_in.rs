//! Sign-in hardening: where a sign-in may send the browser, what anonymous visitors can make the
//! server store, and that an ended session stays ended. Requests whose bytes matter (tabs,
//! newlines and backslashes in a form value, a request body sent in two halves) go over a raw
//! TCP connection, not through reqwest.

use std::collections::BTreeMap;
use std::time::Duration;

use app::models::staff::Role;
use app::store::audit::{ATTEMPT_ACTIONS, ATTEMPT_ADDRESSES};
use app::store::entities::audit_event;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::auth::USER_KEY;
use server::auth::store::DbSessionStore;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::SessionStore;

use super::helpers::{PASSWORD, account, csrf_of, get, post, sign_in as sign_in_form, signed_in};
use crate::helpers::{Backend, TestApp};
use crate::{both_backends, both_backends_with};

/// A response read off the wire.
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A browser's cookies, kept by hand for raw requests.
#[derive(Default)]
struct Jar(BTreeMap<String, String>);

impl Jar {
    fn header(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn take(&mut self, response: &Raw) {
        for (name, value) in &response.headers {
            if !name.eq_ignore_ascii_case("set-cookie") {
                continue;
            }
            let pair = value.split(';').next().unwrap_or_default();
            let Some((k, v)) = pair.split_once('=') else {
                continue;
            };
            if value.contains("Max-Age=0") || v.is_empty() {
                self.0.remove(k.trim());
            } else {
                self.0.insert(k.trim().to_owned(), v.trim().to_owned());
            }
        }
    }
}

/// The request head for `method target` (HTTP/1.0: the answer comes unchunked, then the
/// connection closes).
fn head(app: &TestApp, method: &str, target: &str, jar: &Jar, body_len: Option<usize>) -> Vec<u8> {
    let host = app.base.trim_start_matches("http://");
    let mut head = format!("{method} {target} HTTP/1.0\r\nHost: {host}\r\n");
    if !jar.0.is_empty() {
        head.push_str(&format!("Cookie: {}\r\n", jar.header()));
    }
    if let Some(len) = body_len {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len}\r\n"
        ));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

async fn connect(app: &TestApp) -> TcpStream {
    TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .expect("connect")
}

async fn read_response(mut stream: TcpStream) -> Raw {
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await.expect("read");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Raw {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// Sends one request with exactly these bytes of body; cookies set come back into `jar`.
async fn raw(app: &TestApp, jar: &mut Jar, method: &str, target: &str, body: &[u8]) -> Raw {
    let mut stream = connect(app).await;
    let len = (method == "POST").then_some(body.len());
    let mut request = head(app, method, target, jar, len);
    request.extend_from_slice(body);
    stream.write_all(&request).await.expect("write");
    let response = read_response(stream).await;
    jar.take(&response);
    response
}

/// `s` percent-encoded for a form body, every byte but letters and digits.
fn encoded(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Signs `email` in over raw HTTP with `next` (already form-encoded, or raw bytes) as the last
/// field of the body; returns the answer.
async fn sign_in_raw(app: &TestApp, jar: &mut Jar, email: &str, next: &[u8]) -> Raw {
    let page = raw(app, jar, "GET", "/login", b"").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = csrf_of(&page.body);
    let mut body = format!(
        "_csrf={csrf}&email={}&password={}&next=",
        encoded(email),
        encoded(PASSWORD)
    )
    .into_bytes();
    body.extend_from_slice(next);
    raw(app, jar, "POST", "/login", &body).await
}

/// Asserts that a `Location` can only take a browser to a page of this site.
fn assert_same_origin(app: &TestApp, location: &str, what: &str) {
    assert!(
        !location
            .chars()
            .any(|c| c.is_control() || c == '\\' || c.is_whitespace()),
        "{what}: Location {location:?} has a control character, space or backslash"
    );
    assert!(
        location.starts_with('/') && !location.starts_with("//"),
        "{what}: Location {location:?} is not a local path"
    );
    let base = reqwest::Url::parse(&app.base).expect("base");
    let target = base.join(location).expect("Location parses");
    assert_eq!(
        target.origin(),
        base.origin(),
        "{what}: Location {location:?} leaves the site"
    );
}

both_backends_with!(
    sign_in_never_redirects_off_the_site,
    |s: &mut server::config::Settings| s.login_attempts_per_minute = 1000,
    |app: TestApp| async move {
        let email = account(&app, Role::Analyst).await;
        // The value the form posts, each sent percent-encoded so the server reads exactly it.
        // (The full list is `safe_next`'s unit test; each sign-in here costs an Argon2 run.)
        let hostile = [
            "//evil.example/",
            "/\\evil.example/",
            "/\t/evil.example/",
            "/\n/evil.example/",
            "/%09/evil.example/",
            "/%0a/evil.example/",
            "/%5Cevil.example/",
            "%2F%2Fevil.example/",
            "/%2F/evil.example/",
            "/.//evil.example/",
            "https://evil.example/",
            "javascript:alert(1)",
        ];
        for next in hostile {
            let mut jar = Jar::default();
            let response = sign_in_raw(&app, &mut jar, &email, encoded(next).as_bytes()).await;
            assert_eq!(response.status, 303, "{next:?}: {}", response.body);
            let location = response.header("location").expect("a Location");
            assert_same_origin(&app, location, &format!("{next:?}"));
            assert_eq!(location, "/staff", "{next:?} falls back to the start page");
        }
        // The same, written into the body as raw bytes (a form parser keeps tabs and newlines).
        for next in [
            &b"/\t/evil.example/"[..],
            b"/\n/evil.example/",
            b"/\\/evil.example/",
        ] {
            let what = String::from_utf8_lossy(next).into_owned();
            let mut jar = Jar::default();
            let response = sign_in_raw(&app, &mut jar, &email, next).await;
            assert_eq!(response.status, 303, "{what:?}");
            let location = response.header("location").expect("a Location");
            assert_same_origin(&app, location, &what);
            assert_eq!(location, "/staff", "{what:?}");
        }
        // Through the page: `/login?next=/%09/evil.example/` fills the form's hidden field.
        let mut jar = Jar::default();
        let page = raw(&app, &mut jar, "GET", "/login?next=/%09/evil.example/", b"").await;
        let next = crate::helpers::hidden_value(&page.body, "next");
        let body = format!(
            "_csrf={}&email={}&password={}&next={}",
            csrf_of(&page.body),
            encoded(&email),
            encoded(PASSWORD),
            encoded(&next)
        );
        let response = raw(&app, &mut jar, "POST", "/login", body.as_bytes()).await;
        assert_eq!(response.header("location"), Some("/staff"), "{next:?}");
        // Pages of the site are still followed, as the browser would read them.
        for (next, expected) in [
            ("/staff/runs", "/staff/runs"),
            (
                "/staff/runs?from=2026-01-01&k=4",
                "/staff/runs?from=2026-01-01&k=4",
            ),
            ("/staff/dashboard#themes", "/staff/dashboard#themes"),
        ] {
            let mut jar = Jar::default();
            let response = sign_in_raw(&app, &mut jar, &email, encoded(next).as_bytes()).await;
            assert_eq!(response.header("location"), Some(expected), "{next:?}");
        }
    }
);

both_backends!(
    visitors_store_no_sessions_by_looking,
    |app: TestApp| async move {
        let email = account(&app, Role::Analyst).await;
        for _ in 0..200 {
            let mut jar = Jar::default();
            let page = raw(&app, &mut jar, "GET", "/login", b"").await;
            assert_eq!(page.status, 200);
            assert!(!csrf_of(&page.body).is_empty(), "the form has its token");
        }
        // A browser that keeps its cookies, and the pages that send visitors to sign in.
        let client = app.new_client();
        for path in [
            "/login",
            "/login?next=/staff",
            "/staff",
            "/invitations/nope",
        ] {
            for _ in 0..10 {
                client.get(app.url(path)).send().await.expect("GET");
            }
        }
        assert_eq!(
            app.count("SELECT COUNT(*) FROM staff_session").await,
            0,
            "opening pages stores no session"
        );
        // The form token still works: signing in stores exactly one session.
        let to = sign_in_form(&app, &client, &email, PASSWORD).await;
        assert_eq!(to, "/staff");
        assert_eq!(app.count("SELECT COUNT(*) FROM staff_session").await, 1);
        // Signing out leaves a message for the sign-in page; once shown, nothing is left.
        let response = post(&app, &client, "/account", "/logout", &[]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &client, "/login").await;
        assert!(html.contains("You are signed out"), "{html}");
        assert_eq!(app.count("SELECT COUNT(*) FROM staff_session").await, 0);
        // And the visitor's token still signs in again.
        assert_eq!(
            sign_in_form(&app, &client, &email, PASSWORD).await,
            "/staff"
        );
    }
);

both_backends!(a_huge_email_is_not_kept_whole, |app: TestApp| async move {
    let client = app.new_client();
    let huge = format!("{}@example.org", "a".repeat(200 * 1024));
    let response = post(
        &app,
        &client,
        "/login",
        "/login",
        &[("email", &huge), ("password", "whatever")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let largest = app
        .count("SELECT CAST(COALESCE(MAX(LENGTH(data)), 0) AS BIGINT) FROM staff_session")
        .await;
    assert!(largest < 2_000, "a session row of {largest} bytes");
    let (_, html) = get(&app, &client, "/login").await;
    assert!(html.contains("longer than 254 characters"), "{html}");
    assert!(
        html.contains(&format!("value=\"{}\"", "a".repeat(254))),
        "the start of what was typed is kept"
    );
    assert!(!html.contains(&"a".repeat(255)));
});

both_backends_with!(
    a_flood_of_failed_sign_ins_stays_small_and_out_of_the_way,
    // Few attempts get as far as the (slow) password check: most of the flood is refused by the
    // limits, which is recorded too.
    |s: &mut server::config::Settings| s.login_attempts_per_minute = 1,
    |app: TestApp| async move {
        let (admin, admin_email) = signed_in(&app, Role::Administrator).await;
        let known = account(&app, Role::Analyst).await;
        let before = app.count("SELECT COUNT(*) FROM audit_event").await;
        let attacker = app.new_client();
        let (_, page) = get(&app, &attacker, "/login").await;
        let csrf = csrf_of(&page);
        let attempts = 500;
        for i in 0..attempts {
            // Half against one account, half against addresses made up on the spot.
            let email = if i % 2 == 0 {
                known.clone()
            } else {
                format!("nobody{i}@example.org")
            };
            let response = attacker
                .post(app.url("/login"))
                .form(&[
                    ("_csrf", csrf.as_str()),
                    ("email", &email),
                    ("password", "not the password"),
                ])
                .send()
                .await
                .expect("POST");
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
        }
        let rows = audit_event::Entity::find()
            .filter(audit_event::Column::Action.is_in(ATTEMPT_ACTIONS))
            .all(&app.db)
            .await
            .expect("audit rows");
        let bound = ATTEMPT_ACTIONS.len() * (ATTEMPT_ADDRESSES + 1);
        assert!(
            rows.len() <= bound,
            "{} audit rows for {attempts} attempts (bound {bound})",
            rows.len()
        );
        let counted: u64 = rows
            .iter()
            .map(|r| r.detail["attempts"].as_u64().expect("a count"))
            .sum();
        assert_eq!(counted, attempts, "every attempt is counted");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event").await - before,
            i64::try_from(rows.len()).expect("small"),
            "nothing else was written"
        );
        // The administrator's own sign-in is still on the audit page.
        let (status, html) = get(&app, &admin, "/staff/admin/audit").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<td>sign_in</td>"), "{html}");
        assert!(html.contains(&admin_email), "{html}");
        assert!(html.contains("sign_in_limited"), "{html}");
        assert!(
            app.count("SELECT COUNT(*) FROM staff_session").await <= 2,
            "the attacker's failures share one session"
        );
    }
);

both_backends!(
    a_deleted_session_is_not_saved_back,
    |app: TestApp| async move {
        let store = DbSessionStore::new(app.db.clone());
        let mut record = Record {
            id: Id::default(),
            data: [(USER_KEY.to_owned(), serde_json::json!(7))].into(),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        };
        store.create(&mut record).await.expect("create");
        assert!(store.load(&record.id).await.expect("load").is_some());
        store.delete(&record.id).await.expect("delete");
        // A request that loaded the session before the delete now saves it.
        record
            .data
            .insert("flash".into(), serde_json::json!({"message": "late"}));
        store.save(&record).await.expect("save");
        assert!(store.load(&record.id).await.expect("load").is_none());
        assert_eq!(app.count("SELECT COUNT(*) FROM staff_session").await, 0);
    }
);

both_backends!(
    signing_out_everywhere_survives_a_request_in_flight,
    |app: TestApp| async move {
        let email = account(&app, Role::Analyst).await;
        // The laptop signs in over raw HTTP, so its cookie can be replayed by hand.
        let mut laptop = Jar::default();
        let response = sign_in_raw(&app, &mut laptop, &email, b"").await;
        assert_eq!(response.header("location"), Some("/staff"));
        let page = raw(&app, &mut laptop, "GET", "/staff/runs", b"").await;
        assert_eq!(page.status, 200);
        let body = format!("_csrf={}&k=4", csrf_of(&page.body)).into_bytes();
        // A form post from the laptop, held back before its last byte: the session is loaded,
        // the handler waits for the body, and will save the session (a flash) when it ends.
        let mut stream = connect(&app).await;
        let mut request = head(&app, "POST", "/staff/runs", &laptop, Some(body.len()));
        request.extend_from_slice(&body[..body.len() - 1]);
        stream.write_all(&request).await.expect("write");
        tokio::time::sleep(Duration::from_millis(500)).await;
        // Meanwhile the phone signs out everywhere.
        let phone = app.new_client();
        assert_eq!(sign_in_form(&app, &phone, &email, PASSWORD).await, "/staff");
        let response = post(&app, &phone, "/account", "/logout/everywhere", &[]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let signed_in = "SELECT COUNT(*) FROM staff_session WHERE user_id IS NOT NULL";
        assert_eq!(app.count(signed_in).await, 0);
        // The held request ends and saves.
        stream
            .write_all(&body[body.len() - 1..])
            .await
            .expect("write");
        let late = read_response(stream).await;
        assert_eq!(late.status, 303, "{}", late.body);
        assert_eq!(app.count(signed_in).await, 0, "the session came back");
        let again = raw(&app, &mut laptop, "GET", "/staff", b"").await;
        assert_eq!(again.status, 303, "the laptop is signed out");
    }
);

both_backends!(
    failed_sign_ins_for_many_addresses_are_counted_in_few_rows,
    |app: TestApp| async move {
        let attempts = 500;
        for i in 0..attempts {
            let email = format!("nobody{}@example.org", i % 100);
            app::store::audit::record_attempt(
                &app.db,
                "sign_in_failed",
                &email,
                serde_json::json!({ "email": email }),
            )
            .await
            .expect("audit");
        }
        let rows = audit_event::Entity::find()
            .all(&app.db)
            .await
            .expect("audit rows");
        assert_eq!(
            rows.len(),
            ATTEMPT_ADDRESSES + 1,
            "one row per address, then one for all"
        );
        let counted: u64 = rows
            .iter()
            .map(|r| r.detail["attempts"].as_u64().expect("a count"))
            .sum();
        assert_eq!(counted, attempts);
        let first = rows
            .iter()
            .find(|r| r.detail["email"] == "nobody0@example.org")
            .expect("the first address has its row");
        assert_eq!(first.detail["attempts"], 5);
    }
);
