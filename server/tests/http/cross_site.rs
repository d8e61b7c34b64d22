//! Survey answers posted from another site's page are refused; posts from our own pages (and posts
//! naming no page at all) are stored. Sent as raw HTTP over a TCP stream, so that exactly the
//! `Host`, `Origin` and `Referer` headers of each case go out. The check does not depend on the
//! database, so these run on SQLite only.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{
    Backend, TestApp, form_fields, hidden_fields, resident_survey, valid_answers,
};

/// What came back: the status code, the header block and the body.
struct Raw {
    status: u16,
    head: String,
    body: String,
}

/// `application/x-www-form-urlencoded`.
fn encode(fields: &[(String, String)]) -> String {
    let escape = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(name, value)| format!("{}={}", escape(name), escape(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// POSTs a filled-in resident survey (in `lang`) with exactly `headers` besides the framing ones
/// (a `Host` naming the server unless `headers` has one).
async fn post_survey(app: &TestApp, lang: &str, headers: &[(&str, &str)]) -> Raw {
    let survey = resident_survey();
    let (_, html) = app
        .get(&format!("/surveys/{}?lang={lang}", survey.slug))
        .await;
    let body = encode(&form_fields(&hidden_fields(&html), &valid_answers(&survey)));
    let address = app.base.trim_start_matches("http://");
    let mut request = format!("POST /surveys/{} HTTP/1.1\r\n", survey.slug);
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        request.push_str(&format!("Host: {address}\r\n"));
    }
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!(
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    ));
    let mut stream = TcpStream::connect(address).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("read");
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").expect("a header block");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    Raw {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

async fn stored(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM response").await
}

/// Asserts a refusal: 403, the page that says why, nothing stored and no answer repeated.
async fn assert_refused(app: &TestApp, raw: &Raw, stored_before: i64) {
    assert_eq!(raw.status, 403, "{}\n{}", raw.head, raw.body);
    assert!(
        raw.body.contains("These answers came from another website"),
        "{}",
        raw.body
    );
    assert!(
        raw.body.contains(&format!(
            "href=\"/surveys/{}?lang=en\"",
            resident_survey().slug
        )),
        "a link to the survey on our own site"
    );
    assert!(
        !raw.body.contains("broken streetlight") && !raw.body.contains("95116"),
        "no answer is repeated"
    );
    assert_eq!(stored(app).await, stored_before, "nothing stored");
}

fn assert_stored(raw: &Raw) {
    assert_eq!(raw.status, 303, "{}\n{}", raw.head, raw.body);
    assert!(
        raw.head
            .to_ascii_lowercase()
            .contains("location: /surveys/"),
        "{}",
        raw.head
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_from_another_site_is_refused_in_the_residents_language() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite");
    let raw = post_survey(&app, "en", &[("Origin", "https://evil.example")]).await;
    assert_refused(&app, &raw, 0).await;
    assert!(
        raw.head
            .to_ascii_lowercase()
            .contains("x-content-type-options: nosniff")
    );

    let raw = post_survey(&app, "es", &[("Origin", "https://evil.example")]).await;
    assert_eq!(raw.status, 403);
    assert!(raw.body.contains("<html lang=\"es\""), "{}", raw.body);
    assert!(
        raw.body
            .contains("Estas respuestas llegaron desde otro sitio web")
    );
    assert_eq!(stored(&app).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_from_our_own_page_is_stored() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite");
    let own = app.base.clone();
    let raw = post_survey(&app, "en", &[("Origin", own.as_str())]).await;
    assert_stored(&raw);
    assert_eq!(stored(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_opaque_null_origin_is_refused() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite");
    let raw = post_survey(&app, "en", &[("Origin", "null")]).await;
    assert_refused(&app, &raw, 0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referer_is_checked_when_origin_is_missing() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite");
    let raw = post_survey(
        &app,
        "en",
        &[("Referer", "https://evil.example/free-prize.html")],
    )
    .await;
    assert_refused(&app, &raw, 0).await;

    let own_page = format!("{}/surveys/{}?lang=en", app.base, resident_survey().slug);
    let raw = post_survey(&app, "en", &[("Referer", own_page.as_str())]).await;
    assert_stored(&raw);
    assert_eq!(stored(&app).await, 1);

    // Origin, when present, is what counts.
    let raw = post_survey(
        &app,
        "en",
        &[
            ("Origin", "https://evil.example"),
            ("Referer", own_page.as_str()),
        ],
    )
    .await;
    assert_refused(&app, &raw, 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_naming_no_page_is_stored() {
    // Browsers name the sending page on every cross-site form post; only privacy tools and
    // non-browser clients send neither header, and neither is a forged post from a visitor.
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite");
    let raw = post_survey(&app, "en", &[]).await;
    assert_stored(&raw);
    assert_eq!(stored(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_public_url_only_that_origin_is_ours() {
    let app = TestApp::spawn_with(Backend::Sqlite, |s| {
        s.public_url = Some("https://survey.city.example".into());
    })
    .await
    .expect("SQLite");
    // The host the request names no longer counts (it may be a rebound attacker's name).
    let own = app.base.clone();
    let raw = post_survey(&app, "en", &[("Origin", own.as_str())]).await;
    assert_refused(&app, &raw, 0).await;

    let raw = post_survey(&app, "en", &[("Origin", "https://survey.city.example")]).await;
    assert_stored(&raw);
    assert_eq!(stored(&app).await, 1);
}
