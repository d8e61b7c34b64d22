//! Rate limits behind a reverse proxy: the client is the address the trusted proxy saw, whatever
//! the client wrote into `X-Forwarded-For`; IPv6 clients count per /64. Requests go out as raw
//! bytes, so header values (repeated lines, bytes that are not UTF-8) reach the server as written.

use server::config::Settings;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{
    Backend, TestApp, form_fields, hidden_fields, resident_survey, valid_answers,
};

/// POSTs `body` (a urlencoded form) to `path` over a fresh connection with `headers` as written;
/// returns the status code.
pub async fn raw_post(app: &TestApp, path: &str, headers: &[(&str, &[u8])], body: &str) -> u16 {
    let host = app.base.trim_start_matches("http://");
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
        body.len()
    )
    .into_bytes();
    for (name, value) in headers {
        request.extend_from_slice(name.as_bytes());
        request.extend_from_slice(b": ");
        request.extend_from_slice(value);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"\r\n");
    request.extend_from_slice(body.as_bytes());
    let mut stream = TcpStream::connect(host).await.expect("connect");
    stream.write_all(&request).await.expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("read");
    let status_line = response.split(|b| *b == b'\r').next().unwrap_or_default();
    std::str::from_utf8(status_line)
        .ok()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status in {}", String::from_utf8_lossy(&response)))
}

/// `application/x-www-form-urlencoded`, every byte but letters and digits escaped.
fn urlencode(fields: &[(String, String)]) -> String {
    let escape = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => char::from(b).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A survey app with `per_minute` submissions per client, behind a proxy as `proxy` configures.
async fn spawn(
    backend: Backend,
    per_minute: u32,
    proxy: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    TestApp::spawn_with(backend, |s| {
        s.submissions_per_minute = per_minute;
        proxy(s);
    })
    .await
}

/// A complete, valid submission with a token of its own (each one is a new response).
async fn submission(app: &TestApp) -> impl Fn() -> String {
    let survey = resident_survey();
    let (status, html) = app.get(&format!("/surveys/{}", survey.slug)).await;
    assert_eq!(status, 200);
    let fields = form_fields(&hidden_fields(&html), &valid_answers(&survey));
    move || {
        let mut fields = fields.clone();
        for (name, value) in &mut fields {
            if name == "_token" {
                *value = uuid::Uuid::new_v4().to_string();
            }
        }
        urlencode(&fields)
    }
}

/// Posts one submission per `X-Forwarded-For` header set; how many were accepted.
async fn accepted(app: &TestApp, forwarded: &[Vec<&[u8]>]) -> usize {
    let path = format!("/surveys/{}", resident_survey().slug);
    let body = submission(app).await;
    let before = app.count("SELECT COUNT(*) FROM response").await;
    let mut accepted = 0;
    for lines in forwarded {
        let headers: Vec<(&str, &[u8])> = lines.iter().map(|l| ("X-Forwarded-For", *l)).collect();
        match raw_post(app, &path, &headers, &body()).await {
            303 => accepted += 1,
            429 => {}
            other => panic!("unexpected status {other}"),
        }
    }
    let stored = app.count("SELECT COUNT(*) FROM response").await - before;
    assert_eq!(
        stored, accepted as i64,
        "every accepted submission is stored"
    );
    accepted
}

/// The attack from the report: one machine, 300 submissions, each with a made-up leftmost
/// address and the address the proxy saw appended. The limit of 10 a minute holds (plus the one
/// submission that comes back every 6 seconds while the test runs).
async fn made_up_addresses_do_not_escape_the_limit(backend: Backend) {
    let configurations: [fn(&mut Settings); 2] = [
        |s| s.trusted_proxies = vec!["127.0.0.1".parse().expect("range")],
        |s| s.trust_forwarded_for = true,
    ];
    for configure in configurations {
        let Some(app) = spawn(backend, 10, configure).await else {
            return;
        };
        let values: Vec<Vec<u8>> = (0..300)
            .map(|i| format!("203.0.{}.{}, 198.51.100.7", i / 256, i % 256).into_bytes())
            .collect();
        let forwarded: Vec<Vec<&[u8]>> = values.iter().map(|v| vec![v.as_slice()]).collect();
        let started = std::time::Instant::now();
        let accepted_of_300 = accepted(&app, &forwarded).await;
        let refilled = (started.elapsed().as_secs_f64() / 6.0).ceil() as usize;
        eprintln!("accepted {accepted_of_300} of 300 ({refilled} refilled meanwhile)");
        assert!(
            (10..=10 + refilled).contains(&accepted_of_300),
            "{accepted_of_300} accepted"
        );
        // Another client behind the same proxy has a limit of its own.
        assert_eq!(accepted(&app, &[vec![&b"198.51.100.8"[..]]]).await, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn made_up_forwarded_addresses_do_not_escape_the_submission_limit_sqlite() {
    made_up_addresses_do_not_escape_the_limit(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn made_up_forwarded_addresses_do_not_escape_the_submission_limit_postgres() {
    made_up_addresses_do_not_escape_the_limit(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_header_counts_only_from_a_trusted_proxy() {
    let trust_elsewhere = |s: &mut Settings| {
        s.trusted_proxies = vec!["10.0.0.0/8".parse().expect("range")];
    };
    let Some(app) = spawn(Backend::Sqlite, 3, trust_elsewhere).await else {
        return;
    };
    let values: Vec<Vec<u8>> = (0..8)
        .map(|i| format!("198.51.100.{i}").into_bytes())
        .collect();
    let forwarded: Vec<Vec<&[u8]>> = values.iter().map(|v| vec![v.as_slice()]).collect();
    assert_eq!(accepted(&app, &forwarded).await, 3, "keyed by the peer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ipv6_clients_are_limited_per_64() {
    let behind_proxy = |s: &mut Settings| s.trust_forwarded_for = true;
    let Some(app) = spawn(Backend::Sqlite, 3, behind_proxy).await else {
        return;
    };
    let values: Vec<Vec<u8>> = (1..=8)
        .map(|i| format!("2001:db8:1:2:{i:x}::{i:x}").into_bytes())
        .collect();
    let forwarded: Vec<Vec<&[u8]>> = values.iter().map(|v| vec![v.as_slice()]).collect();
    assert_eq!(accepted(&app, &forwarded).await, 3, "one /64, one limit");
    let next_door = [vec![&b"2001:db8:1:3::1"[..]]];
    assert_eq!(
        accepted(&app, &next_door).await,
        1,
        "the next /64 is another client"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_header_values_do_not_make_new_clients() {
    let behind_proxy = |s: &mut Settings| {
        s.trusted_proxies = vec!["127.0.0.1".parse().expect("range")];
    };
    let Some(app) = spawn(Backend::Sqlite, 3, behind_proxy).await else {
        return;
    };
    // Values a trusted proxy would never write: each leaves the proxy itself as the client, so
    // they share one limit however they vary.
    let garbage: Vec<Vec<u8>> = (0..4)
        .flat_map(|i| {
            [
                format!("unknown-{i}").into_bytes(),
                format!("198.51.100.{i}, bogus-{i}").into_bytes(),
                [&b"\xff\xfe"[..], format!("{i}").as_bytes()].concat(),
                format!("198.51.100.{i}, ").into_bytes(),
                format!("[2001:db8::{i}").into_bytes(),
            ]
        })
        .collect();
    let forwarded: Vec<Vec<&[u8]>> = garbage.iter().map(|v| vec![v.as_slice()]).collect();
    assert_eq!(
        accepted(&app, &forwarded).await,
        3,
        "all keyed by the proxy"
    );

    // Garbage or made-up lines the client sent, before the line the proxy added: the proxy's
    // line decides.
    let Some(app) = spawn(Backend::Sqlite, 3, behind_proxy).await else {
        return;
    };
    let forged: Vec<Vec<u8>> = (0..6)
        .map(|i| [&b"\xff"[..], format!("10.{i}.0.1").as_bytes()].concat())
        .collect();
    let forwarded: Vec<Vec<&[u8]>> = forged
        .iter()
        .map(|f| vec![f.as_slice(), &b"198.51.100.9"[..]])
        .collect();
    assert_eq!(accepted(&app, &forwarded).await, 3, "keyed by 198.51.100.9");
    assert_eq!(
        accepted(&app, &[vec![&b"198.51.100.10"[..]]]).await,
        1,
        "and not by the proxy"
    );
}
