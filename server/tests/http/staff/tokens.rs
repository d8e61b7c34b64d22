//! Personal API tokens: made on the account page (shown once), used as `Authorization: Bearer` on
//! `/api/v1` only, refused once revoked, expired or the account disabled, revoked by signing out
//! everywhere; partners cannot make them and the forms need the session's CSRF token.

use app::models::staff::Role;
use app::store::entities::api_token;
use app::store::{staff, tokens};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use time::{Duration, OffsetDateTime};

use super::helpers::{PASSWORD, account, get, post, sign_in, signed_in};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};

/// Makes a token through the account page's form; returns it as the page shows it, once.
async fn make_token(app: &TestApp, client: &reqwest::Client, name: &str, expires: &str) -> String {
    let response = post(
        app,
        client,
        "/account",
        "/account/tokens",
        &[("name", name), ("expires", expires)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/account");
    let (status, html) = get(app, client, "/account").await;
    assert_eq!(status, StatusCode::OK);
    let marker = "it is not shown again: ";
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no new token on the page:\n{html}"))
        + marker.len();
    let token: String = html[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "{html}");
    token
}

/// GETs `path` with only a bearer token (a script: no cookies): status and JSON body.
async fn api(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    let response = app
        .new_client()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .expect("GET");
    let status = response.status();
    let body = response.text().await.expect("body");
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// The `error` a refused API call names.
async fn refusal(app: &TestApp, token: &str) -> String {
    let response = app
        .new_client()
        .get(app.url("/api/v1/runs"))
        .bearer_auth(token)
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(
        response.headers()["www-authenticate"]
            .to_str()
            .expect("header")
            .starts_with("Bearer"),
        "RFC 6750 challenge"
    );
    let body: Value = serde_json::from_str(&response.text().await.expect("body")).expect("JSON");
    body["error"].as_str().expect("error").to_owned()
}

async fn user_id(app: &TestApp, email: &str) -> i32 {
    staff::find_by_email(&app.db, email)
        .await
        .expect("read")
        .expect("account")
        .id
}

both_backends!(
    a_token_is_shown_once_and_opens_the_api_only,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let token = make_token(&app, &analyst, "R export script", "90").await;
        // Shown once: the next visit lists the token by name, never the token itself.
        let (_, html) = get(&app, &analyst, "/account").await;
        assert!(!html.contains(&token));
        assert!(html.contains("R export script"), "{html}");
        assert!(html.contains("Revoke the token R export script"), "{html}");
        // Only its SHA-256 is stored.
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM api_token WHERE token_hash = '{}' AND expires_at IS NOT NULL AND last_used_at IS NULL",
                staff::token_digest(&token)
            ))
            .await,
            1
        );
        // A script with the token reads the API, and its use is noted.
        let (status, runs) = api(&app, &token, "/api/v1/runs").await;
        assert_eq!(status, StatusCode::OK);
        assert!(runs.is_array(), "{runs}");
        let (status, doc) = api(&app, &token, "/api/v1/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM api_token WHERE last_used_at IS NOT NULL")
                .await,
            1
        );
        // Pages, server functions and forms ignore the header.
        let script = app.new_client();
        for path in ["/staff", "/staff/runs", "/account"] {
            let response = script
                .get(app.url(path))
                .bearer_auth(&token)
                .send()
                .await
                .expect("GET");
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
            let to = response.headers()["location"].to_str().expect("location");
            assert!(to.starts_with("/login?next="), "{path} → {to}");
        }
        let response = script
            .post(app.url("/api/staff/runs"))
            .bearer_auth(&token)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .expect("server fn");
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("SignInRequired"),
            "server functions need a session"
        );
        for (action, fields) in [
            ("/staff/runs", vec![("streams", "resident")]),
            (
                "/account/tokens",
                vec![("name", "sneaky"), ("expires", "30")],
            ),
        ] {
            let response = script
                .post(app.url(action))
                .bearer_auth(&token)
                .form(&fields)
                .send()
                .await
                .expect("POST");
            assert!(
                matches!(
                    response.status(),
                    StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED
                ),
                "{action}: {}",
                response.status()
            );
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM analysis_job").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM api_token").await, 1);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'api_token_created'")
                .await,
            1
        );
        // Without a token or session the API says how to authenticate.
        let response = script
            .get(app.url("/api/v1/runs"))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(response.headers().contains_key("www-authenticate"));
    }
);

both_backends!(
    revoked_expired_and_unknown_tokens_are_refused,
    |app: TestApp| async move {
        let (analyst, email) = signed_in(&app, Role::Analyst).await;
        let revoked = make_token(&app, &analyst, "old laptop", "never").await;
        let expiring = make_token(&app, &analyst, "short lived", "30").await;
        assert_eq!(api(&app, &revoked, "/api/v1/runs").await.0, StatusCode::OK);
        assert_eq!(api(&app, &expiring, "/api/v1/runs").await.0, StatusCode::OK);
        let owner = user_id(&app, &email).await;
        let rows = tokens::list(&app.db, owner).await.expect("list");
        let id_of = |name: &str| {
            rows.iter()
                .find(|t| t.name == name)
                .map(|t| t.id)
                .expect("token row")
        };
        // Someone else cannot revoke it.
        let (other, _) = signed_in(&app, Role::Analyst).await;
        let action = format!("/account/tokens/{}/revoke", id_of("old laptop"));
        post(&app, &other, "/account", &action, &[]).await;
        let (_, html) = get(&app, &other, "/account").await;
        assert!(html.contains("is not one of yours"), "{html}");
        assert_eq!(api(&app, &revoked, "/api/v1/runs").await.0, StatusCode::OK);
        // Its owner can.
        let response = post(&app, &analyst, "/account", &action, &[]).await;
        assert_eq!(response.headers()["location"], "/account");
        let (_, html) = get(&app, &analyst, "/account").await;
        assert!(html.contains("Token “old laptop” revoked"), "{html}");
        assert_eq!(refusal(&app, &revoked).await, "token revoked");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'api_token_revoked'")
                .await,
            1
        );
        // A token past its expiry.
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::ExpiresAt,
                Expr::value(Some(OffsetDateTime::now_utc() - Duration::minutes(1))),
            )
            .filter(api_token::Column::Id.eq(id_of("short lived")))
            .exec(&app.db)
            .await
            .expect("expire");
        assert_eq!(refusal(&app, &expiring).await, "token expired");
        let (_, html) = get(&app, &analyst, "/account").await;
        assert!(html.contains("<td>expired</td>"), "{html}");
        assert!(html.contains("<td>revoked</td>"), "{html}");
        // Made up.
        assert_eq!(refusal(&app, &staff::new_token()).await, "unknown token");
        assert_eq!(refusal(&app, "").await, "unknown token");
    }
);

both_backends!(
    a_disabled_account_s_tokens_are_refused,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let (analyst, email) = signed_in(&app, Role::Analyst).await;
        let token = make_token(&app, &analyst, "nightly export", "365").await;
        let id = user_id(&app, &email).await;
        // However the account came to be disabled, its tokens stop working.
        let user = staff::get(&app.db, id).await.expect("read").expect("user");
        staff::update(&app.db, user, Role::Analyst, true)
            .await
            .expect("disable");
        assert_eq!(refusal(&app, &token).await, "account disabled");
        let user = staff::get(&app.db, id).await.expect("read").expect("user");
        staff::update(&app.db, user, Role::Analyst, false)
            .await
            .expect("enable");
        assert_eq!(api(&app, &token, "/api/v1/runs").await.0, StatusCode::OK);
        // An administrator disabling the account revokes them for good.
        post(
            &app,
            &admin,
            "/staff/admin/users",
            &format!("/staff/admin/users/{id}"),
            &[("role", "analyst"), ("disabled", "on")],
        )
        .await;
        assert_eq!(refusal(&app, &token).await, "token revoked");
        post(
            &app,
            &admin,
            "/staff/admin/users",
            &format!("/staff/admin/users/{id}"),
            &[("role", "analyst")],
        )
        .await;
        assert_eq!(
            refusal(&app, &token).await,
            "token revoked",
            "enabling the account again does not bring tokens back"
        );
        let revoked: Vec<_> = app::store::audit::latest(&app.db, 10)
            .await
            .expect("audit log")
            .into_iter()
            .filter(|e| e.action == "user_updated")
            .map(|e| e.detail["tokens_revoked"].clone())
            .collect();
        assert_eq!(revoked, [0, 1], "newest first: disabled, then enabled");
    }
);

both_backends!(
    signing_out_everywhere_revokes_the_account_s_tokens,
    |app: TestApp| async move {
        let (analyst, email) = signed_in(&app, Role::Analyst).await;
        let first = make_token(&app, &analyst, "first", "30").await;
        let second = make_token(&app, &analyst, "second", "never").await;
        let (_, html) = get(&app, &analyst, "/account").await;
        assert!(html.contains("and revokes all your API tokens"), "{html}");
        post(&app, &analyst, "/account", "/logout/everywhere", &[]).await;
        let (_, html) = get(&app, &analyst, "/login").await;
        assert!(html.contains("2 API tokens revoked"), "{html}");
        assert_eq!(refusal(&app, &first).await, "token revoked");
        assert_eq!(refusal(&app, &second).await, "token revoked");
        // Signed in again, the tokens are listed as revoked and can be replaced.
        let client = app.new_client();
        sign_in(&app, &client, &email, PASSWORD).await;
        let third = make_token(&app, &client, "third", "90").await;
        assert_eq!(api(&app, &third, "/api/v1/runs").await.0, StatusCode::OK);
    }
);

both_backends!(
    partners_cannot_make_or_use_tokens,
    |app: TestApp| async move {
        let (partner, email) = signed_in(&app, Role::Partner).await;
        let (_, html) = get(&app, &partner, "/account").await;
        assert!(!html.contains("API tokens"), "{html}");
        assert!(!html.contains("revokes all your API tokens"), "{html}");
        let response = post(
            &app,
            &partner,
            "/account",
            "/account/tokens",
            &[("name", "mine"), ("expires", "30")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.count("SELECT COUNT(*) FROM api_token").await, 0);
        // A token kept from an earlier role acts with the role the account has now.
        let (_, token) = tokens::create(&app.db, user_id(&app, &email).await, "kept", None)
            .await
            .expect("token");
        let (status, body) = api(&app, &token, "/api/v1/runs").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body["error"], "strategy staff only");
    }
);

both_backends!(
    token_forms_need_the_session_token_and_a_good_name,
    |app: TestApp| async move {
        let email = account(&app, Role::Analyst).await;
        let client = app.new_client();
        sign_in(&app, &client, &email, PASSWORD).await;
        for token in [None, Some("wrong-token")] {
            let mut form = vec![("name", "script"), ("expires", "30")];
            if let Some(t) = token {
                form.push(("_csrf", t));
            }
            for action in ["/account/tokens", "/account/tokens/1/revoke"] {
                let response = client
                    .post(app.url(action))
                    .form(&form)
                    .send()
                    .await
                    .expect("POST");
                assert_eq!(
                    response.status(),
                    StatusCode::FORBIDDEN,
                    "{action} {token:?}"
                );
            }
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM api_token").await, 0);
        // Problems name the field and keep what was typed.
        post(
            &app,
            &client,
            "/account",
            "/account/tokens",
            &[("name", "   "), ("expires", "365")],
        )
        .await;
        let (_, html) = get(&app, &client, "/account").await;
        assert!(html.contains("Name the token"), "{html}");
        assert!(
            html.contains("id=\"token-name\"") && html.contains("aria-invalid=\"true\""),
            "{html}"
        );
        assert!(
            html.contains("<option value=\"365\" selected"),
            "the expiry is kept: {html}"
        );
        post(
            &app,
            &client,
            "/account",
            "/account/tokens",
            &[("name", "weekly pull"), ("expires", "3650")],
        )
        .await;
        let (_, html) = get(&app, &client, "/account").await;
        assert!(html.contains("Choose when the token expires"), "{html}");
        assert!(html.contains("value=\"weekly pull\""), "{html}");
        assert_eq!(app.count("SELECT COUNT(*) FROM api_token").await, 0);
    }
);
