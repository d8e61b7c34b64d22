//! The role × route matrix: every protected page, API endpoint, form and server function refuses
//! the wrong role (and anonymous visitors), and every form refuses a missing or wrong CSRF token.

use app::models::staff::Role;
use reqwest::StatusCode;

use super::helpers::{PASSWORD, account, get, sign_in, signed_in, token};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};

/// Protected GET paths and the roles that may open them.
const PAGES: &[(&str, &[Role])] = &[
    ("/staff", &[Role::Administrator, Role::Analyst]),
    ("/staff/dashboard", &[Role::Administrator, Role::Analyst]),
    ("/staff/runs", &[Role::Administrator, Role::Analyst]),
    ("/staff/admin/users", &[Role::Administrator]),
    ("/staff/admin/audit", &[Role::Administrator]),
    ("/staff/admin/surveys", &[Role::Administrator]),
    (
        "/staff/admin/surveys/resident-digital-services",
        &[Role::Administrator],
    ),
    (
        "/staff/admin/surveys/resident-digital-services/translations/es",
        &[Role::Administrator],
    ),
    ("/staff/notes", &[Role::Administrator, Role::Analyst]),
    ("/staff/links", &[Role::Administrator, Role::Analyst]),
    ("/staff/reports", &[Role::Administrator, Role::Analyst]),
    ("/staff/themes/T-001", &[Role::Administrator, Role::Analyst]),
    ("/staff/compare", &[Role::Administrator, Role::Analyst]),
    ("/staff/actions", &[Role::Administrator, Role::Analyst]),
    ("/staff/publications", &[Role::Administrator, Role::Analyst]),
    ("/staff/admin/strategy", &[Role::Administrator]),
    ("/staff/admin/weighting", &[Role::Administrator]),
    (
        "/notes",
        &[Role::Administrator, Role::Analyst, Role::Partner],
    ),
    (
        "/account",
        &[Role::Administrator, Role::Analyst, Role::Partner],
    ),
    ("/api/v1/runs", &[Role::Administrator, Role::Analyst]),
    (
        "/api/v1/openapi.json",
        &[Role::Administrator, Role::Analyst],
    ),
];

/// Protected form actions, with the page whose token they carry.
const FORMS: &[(&str, &str, &[Role])] = &[
    (
        "/staff/themes/T-001/describe",
        "/account",
        &[Role::Administrator, Role::Analyst],
    ),
    (
        "/staff/actions",
        "/account",
        &[Role::Administrator, Role::Analyst],
    ),
    (
        "/staff/publications",
        "/account",
        &[Role::Administrator, Role::Analyst],
    ),
    (
        "/staff/publications/1/withdraw",
        "/account",
        &[Role::Administrator, Role::Analyst],
    ),
    (
        "/staff/admin/strategy/departments",
        "/account",
        &[Role::Administrator],
    ),
    (
        "/staff/runs",
        "/account",
        &[Role::Administrator, Role::Analyst],
    ),
    (
        "/staff/links/1/revoke",
        "/account",
        &[Role::Administrator, Role::Analyst],
    ),
    (
        "/staff/runs/jobs/1/cancel",
        "/account",
        &[Role::Administrator, Role::Analyst],
    ),
    (
        "/account/tokens",
        "/account",
        &[Role::Administrator, Role::Analyst],
    ),
    (
        "/account/tokens/1/revoke",
        "/account",
        &[Role::Administrator, Role::Analyst],
    ),
    (
        "/staff/admin/invitations",
        "/account",
        &[Role::Administrator],
    ),
    ("/staff/admin/users/1", "/account", &[Role::Administrator]),
    ("/staff/admin/surveys", "/account", &[Role::Administrator]),
    (
        "/staff/admin/surveys/resident-digital-services/questions/zip",
        "/account",
        &[Role::Administrator],
    ),
    (
        "/staff/admin/surveys/resident-digital-services/definition",
        "/account",
        &[Role::Administrator],
    ),
    (
        "/staff/admin/invitations/1/revoke",
        "/account",
        &[Role::Administrator],
    ),
];

/// Server functions that read staff data, and who may call them.
const SERVER_FNS: &[(&str, &[Role])] = &[
    ("/api/staff/users", &[Role::Administrator]),
    ("/api/staff/audit", &[Role::Administrator]),
    ("/api/staff/surveys", &[Role::Administrator]),
    ("/api/staff/runs", &[Role::Administrator, Role::Analyst]),
    (
        "/api/publications/list",
        &[Role::Administrator, Role::Analyst],
    ),
    ("/api/staff/home", &[Role::Administrator, Role::Analyst]),
    (
        "/api/notes/staff-list",
        &[Role::Administrator, Role::Analyst],
    ),
];

both_backends!(
    every_protected_route_refuses_the_wrong_role,
    |app: TestApp| async move {
        let anonymous = app.new_client();
        for (path, _) in PAGES {
            let response = anonymous.get(app.url(path)).send().await.expect("GET");
            if path.starts_with("/api/") {
                assert_eq!(
                    response.status(),
                    StatusCode::UNAUTHORIZED,
                    "anonymous {path}"
                );
            } else {
                assert_eq!(response.status(), StatusCode::SEE_OTHER, "anonymous {path}");
                let to = response.headers()["location"].to_str().expect("location");
                assert!(to.starts_with("/login?next="), "anonymous {path} → {to}");
            }
        }
        for role in Role::ALL {
            let (client, _) = signed_in(&app, role).await;
            for (path, allowed) in PAGES {
                let (status, body) = get(&app, &client, path).await;
                let expected = if allowed.contains(&role) {
                    StatusCode::OK
                } else {
                    StatusCode::FORBIDDEN
                };
                assert_eq!(status, expected, "{role:?} GET {path}: {body}");
            }
            for (action, page, allowed) in FORMS {
                let csrf = token(&app, &client, page).await;
                let response = client
                    .post(app.url(action))
                    .form(&[
                        ("_csrf", csrf.as_str()),
                        ("streams", "resident"),
                        ("role", "analyst"),
                        ("email", "x@example.org"),
                    ])
                    .send()
                    .await
                    .expect("POST");
                if allowed.contains(&role) {
                    assert_ne!(
                        response.status(),
                        StatusCode::FORBIDDEN,
                        "{role:?} POST {action}"
                    );
                } else {
                    assert_eq!(
                        response.status(),
                        StatusCode::FORBIDDEN,
                        "{role:?} POST {action}"
                    );
                }
            }
            for (path, allowed) in SERVER_FNS {
                let response = client
                    .post(app.url(path))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("")
                    .send()
                    .await
                    .expect("server fn");
                let body = response.text().await.expect("body");
                let refused = body.contains("Forbidden");
                assert_eq!(
                    refused,
                    !allowed.contains(&role),
                    "{role:?} server fn {path}: {body}"
                );
            }
        }
        // Nothing a refused form asked for happened.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM staff_invitation").await,
            1,
            "only the administrator's invitation"
        );
    }
);

both_backends!(
    forms_without_the_session_token_are_refused,
    |app: TestApp| async move {
        let email = account(&app, Role::Administrator).await;
        let client = app.new_client();
        // Sign-in itself needs the token of the sign-in page.
        let response = client
            .post(app.url("/login"))
            .form(&[("email", email.as_str()), ("password", PASSWORD)])
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("This form has expired")
        );
        assert_eq!(sign_in(&app, &client, &email, PASSWORD).await, "/staff");
        for (action, fields) in [
            (
                "/staff/admin/invitations",
                vec![("email", "new@example.org"), ("role", "analyst")],
            ),
            ("/staff/runs", vec![("streams", "resident")]),
            ("/notes/1/delete", vec![]),
            ("/logout/everywhere", vec![]),
        ] {
            for token in [None, Some("wrong-token")] {
                let mut form: Vec<(&str, &str)> = fields.clone();
                if let Some(t) = token {
                    form.push(("_csrf", t));
                }
                let response = client
                    .post(app.url(action))
                    .form(&form)
                    .send()
                    .await
                    .expect("POST");
                assert_eq!(
                    response.status(),
                    StatusCode::FORBIDDEN,
                    "{action} with {token:?}"
                );
            }
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM staff_invitation").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM analysis_job").await, 0);
        // Still signed in: the refused sign-out-everywhere did nothing.
        assert_eq!(
            get(&app, &client, "/staff/admin/users").await.0,
            StatusCode::OK
        );
    }
);
