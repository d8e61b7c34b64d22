//! Sign-in limits that do not hand an attacker a lockout: a stranger who uses up their attempts
//! for an account uses up their own, and the account holder still signs in from their address;
//! all addresses together meet a slower per-account limit. Behind a trusted proxy, as deployed.

use app::models::staff::Role;
use reqwest::Client;
use reqwest::header::{HeaderMap, HeaderValue};

use super::helpers::{PASSWORD, account, get, sign_in};
use crate::both_backends_with;
use crate::helpers::{Backend, TestApp};

/// A browser whose requests the proxy at 127.0.0.1 forwards for `forwarded_for`.
fn browser_at(forwarded_for: &str) -> Client {
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-forwarded-for",
        HeaderValue::from_str(forwarded_for).expect("header"),
    );
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .default_headers(headers)
        .build()
        .expect("client")
}

/// Audit rows of sign-ins refused by `limit` (PostgreSQL prints JSON with spaces: they are
/// taken out).
async fn limited(app: &TestApp, limit: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM audit_event WHERE action = 'sign_in_limited' \
         AND REPLACE(CAST(detail AS TEXT), ' ', '') LIKE '%\"limit\":\"{limit}\"%'"
    ))
    .await
}

both_backends_with!(
    a_stranger_cannot_lock_the_account_holder_out,
    |s: &mut server::config::Settings| {
        s.trusted_proxies = vec!["127.0.0.1".parse().expect("range")];
        // One a minute: no attempt comes back during the test.
        s.login_attempts_per_minute = 1;
    },
    |app: TestApp| async move {
        let email = account(&app, Role::Analyst).await;
        // The stranger tries 6 passwords from one address, each time with another made-up
        // address in front of it.
        let mut refused = 0;
        for i in 0..6 {
            let stranger = browser_at(&format!("10.66.0.{i}, 203.0.113.66"));
            assert_eq!(
                sign_in(&app, &stranger, &email, "wrong password!!").await,
                "/login"
            );
            let (_, html) = get(&app, &stranger, "/login").await;
            refused += usize::from(html.contains("Too many sign-in attempts"));
        }
        assert_eq!(refused, 5, "1 attempt, then refused");
        assert!(limited(&app, "client").await >= 1);
        // The account holder, from their own address, signs in at once.
        let holder = browser_at("198.51.100.7");
        assert_eq!(sign_in(&app, &holder, &email, PASSWORD).await, "/staff");
        // The stranger's own address stays limited, even with the right password.
        let stranger = browser_at("203.0.113.66");
        assert_eq!(sign_in(&app, &stranger, &email, PASSWORD).await, "/login");
    }
);

both_backends_with!(
    many_addresses_together_meet_the_per_account_limit,
    |s: &mut server::config::Settings| {
        s.trusted_proxies = vec!["127.0.0.1".parse().expect("range")];
        s.login_attempts_per_account_per_hour = 6;
    },
    |app: TestApp| async move {
        let email = account(&app, Role::Analyst).await;
        for i in 0..6 {
            let guesser = browser_at(&format!("203.0.113.{i}"));
            assert_eq!(
                sign_in(&app, &guesser, &email, "wrong password!!").await,
                "/login"
            );
        }
        assert_eq!(limited(&app, "account").await, 0);
        let holder = browser_at("198.51.100.7");
        assert_eq!(sign_in(&app, &holder, &email, PASSWORD).await, "/login");
        let (_, html) = get(&app, &holder, "/login").await;
        assert!(html.contains("Too many sign-in attempts"), "{html}");
        assert_eq!(limited(&app, "account").await, 1);
        // Other accounts are not affected.
        let other = account(&app, Role::Analyst).await;
        assert_eq!(sign_in(&app, &holder, &other, PASSWORD).await, "/staff");
    }
);
