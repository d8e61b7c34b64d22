//! Sign-in, sign-in limits, sign-out everywhere, invitations and account administration.

use app::models::staff::Role;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;

use super::helpers::{PASSWORD, account, get, post, sign_in, signed_in};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};

both_backends!(
    a_wrong_password_keeps_the_email_and_says_why,
    |app: TestApp| async move {
        let email = account(&app, Role::Analyst).await;
        let client = app.new_client();
        let to = sign_in(&app, &client, &email, "not the password at all").await;
        assert_eq!(to, "/login");
        let (_, html) = get(&app, &client, "/login").await;
        assert!(
            html.contains("The e-mail address or password is not right"),
            "{html}"
        );
        assert!(
            html.contains(&format!("value=\"{email}\"")),
            "the e-mail address is kept"
        );
        assert!(
            !html.contains("not the password at all"),
            "the password is never echoed"
        );
        // The message is shown once.
        let (_, again) = get(&app, &client, "/login").await;
        assert!(!again.contains("is not right"));
        // The right password goes to the page asked for.
        let response = post(
            &app,
            &client,
            "/login",
            "/login",
            &[
                ("email", &email),
                ("password", PASSWORD),
                ("next", "/staff/runs"),
            ],
        )
        .await;
        assert_eq!(response.headers()["location"], "/staff/runs");
        assert_eq!(get(&app, &client, "/staff/runs").await.0, StatusCode::OK);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'sign_in_failed'")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'sign_in'")
                .await,
            1
        );
    }
);

both_backends!(
    sign_in_attempts_are_limited_per_account,
    |app: TestApp| async move {
        let email = account(&app, Role::Analyst).await;
        let client = app.new_client();
        // The test settings allow 5 attempts per minute.
        for _ in 0..5 {
            assert_eq!(
                sign_in(&app, &client, &email, "wrong password!!").await,
                "/login"
            );
        }
        assert_eq!(
            sign_in(&app, &client, &email, PASSWORD).await,
            "/login",
            "even the right password waits"
        );
        let (_, html) = get(&app, &client, "/login").await;
        assert!(html.contains("Too many sign-in attempts"), "{html}");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'sign_in_limited'")
                .await,
            1
        );
        // Another account from elsewhere is not affected.
        let other = account(&app, Role::Analyst).await;
        assert_eq!(
            sign_in(&app, &app.new_client(), &other, PASSWORD).await,
            "/staff"
        );
    }
);

both_backends!(
    signing_out_everywhere_ends_every_session,
    |app: TestApp| async move {
        let email = account(&app, Role::Analyst).await;
        let laptop = app.new_client();
        let phone = app.new_client();
        assert_eq!(sign_in(&app, &laptop, &email, PASSWORD).await, "/staff");
        assert_eq!(sign_in(&app, &phone, &email, PASSWORD).await, "/staff");
        let response = post(&app, &laptop, "/account", "/logout/everywhere", &[]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        for client in [&laptop, &phone] {
            let response = client.get(app.url("/staff")).send().await.expect("GET");
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "signed out");
        }
        let (_, html) = get(&app, &laptop, "/login").await;
        assert!(
            html.contains("signed out everywhere (2 sessions ended)"),
            "{html}"
        );
    }
);

both_backends!(
    an_invitation_creates_one_account_once,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let response = post(
            &app,
            &admin,
            "/staff/admin/users",
            "/staff/admin/invitations",
            &[
                ("email", "Maria@Example.org"),
                ("role", "partner"),
                ("organization", ""),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &admin, "/staff/admin/users").await;
        assert!(
            html.contains("Name the partner&#x27;s organization")
                || html.contains("Name the partner's organization"),
            "{html}"
        );
        assert!(
            html.contains("value=\"Maria@Example.org\""),
            "what was typed is kept"
        );
        post(
            &app,
            &admin,
            "/staff/admin/users",
            "/staff/admin/invitations",
            &[
                ("email", "Maria@Example.org"),
                ("role", "partner"),
                ("organization", "Casa Esperanza"),
            ],
        )
        .await;
        let (_, html) = get(&app, &admin, "/staff/admin/users").await;
        let start = html.find("/invitations/").expect("the link is shown once");
        let link: String = html[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        assert_eq!(link.len(), "/invitations/".len() + 64, "{link}");

        let guest = app.new_client();
        let (status, page) = get(&app, &guest, &link).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("maria@example.org"), "{page}");
        let response = post(
            &app,
            &guest,
            &link,
            &link,
            &[
                ("name", "María Pérez"),
                ("password", "a long enough one"),
                ("confirm", "a different one!!"),
            ],
        )
        .await;
        assert_eq!(response.headers()["location"], link.as_str());
        let (_, page) = get(&app, &guest, &link).await;
        assert!(
            page.contains("The two passwords are not the same"),
            "{page}"
        );
        assert!(page.contains("value=\"María Pérez\""), "the name is kept");
        let response = post(
            &app,
            &guest,
            &link,
            &link,
            &[
                ("name", "María Pérez"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
        assert_eq!(
            response.headers()["location"],
            "/notes",
            "a partner starts at their notes"
        );
        let (status, page) = get(&app, &guest, "/account").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Casa Esperanza") && page.contains("partner"),
            "{page}"
        );
        // Used once; a partner never sees staff pages.
        let (_, again) = get(&app, &app.new_client(), &link).await;
        assert!(again.contains("already been used"), "{again}");
        assert_eq!(
            get(&app, &guest, "/staff/dashboard").await.0,
            StatusCode::FORBIDDEN
        );
        // An expired link says so.
        post(
            &app,
            &admin,
            "/staff/admin/users",
            "/staff/admin/invitations",
            &[("email", "late@example.org"), ("role", "analyst")],
        )
        .await;
        app.db
        .execute_unprepared("UPDATE staff_invitation SET expires_at = created_at WHERE email = 'late@example.org'")
        .await
        .expect("expire");
        let (_, html) = get(&app, &admin, "/staff/admin/users").await;
        let start = html.find("/invitations/").expect("second link");
        let late: String = html[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        let (status, page) = get(&app, &app.new_client(), &late).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("has expired"), "{page}");
    }
);

both_backends!(
    administrators_change_roles_but_never_remove_the_last_one,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let analyst_email = account(&app, Role::Analyst).await;
        let analyst = app.new_client();
        assert_eq!(
            sign_in(&app, &analyst, &analyst_email, PASSWORD).await,
            "/staff"
        );
        let id = app
            .count(&format!(
                "SELECT CAST(id AS BIGINT) FROM staff_user WHERE email = '{analyst_email}'"
            ))
            .await
            .to_string();
        // Disabling ends the analyst's session and blocks sign-in.
        post(
            &app,
            &admin,
            "/staff/admin/users",
            &format!("/staff/admin/users/{id}"),
            &[("role", "analyst"), ("disabled", "on")],
        )
        .await;
        assert_eq!(
            analyst
                .get(app.url("/staff"))
                .send()
                .await
                .expect("GET")
                .status(),
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            sign_in(&app, &app.new_client(), &analyst_email, PASSWORD).await,
            "/login"
        );
        // The only administrator cannot demote themself.
        let admin_id = app
            .count("SELECT CAST(MIN(id) AS BIGINT) FROM staff_user")
            .await
            .to_string();
        post(
            &app,
            &admin,
            "/staff/admin/users",
            &format!("/staff/admin/users/{admin_id}"),
            &[("role", "analyst")],
        )
        .await;
        let (_, html) = get(&app, &admin, "/staff/admin/users").await;
        assert!(html.contains("last enabled administrator"), "{html}");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM staff_user WHERE role = 'administrator'")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'user_updated'")
                .await,
            1
        );
    }
);

both_backends!(
    administrators_open_and_close_surveys,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let (status, html) = get(&app, &admin, "/staff/admin/surveys").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("resident-digital-services"), "{html}");
        post(
            &app,
            &admin,
            "/staff/admin/surveys",
            "/staff/admin/surveys/resident-digital-services",
            &[("status", "closed")],
        )
        .await;
        let (_, html) = get(&app, &admin, "/staff/admin/surveys").await;
        assert!(
            html.contains("resident-digital-services is now closed"),
            "{html}"
        );
        let (_, page) = get(
            &app,
            &app.new_client(),
            "/surveys/resident-digital-services",
        )
        .await;
        assert!(
            page.contains("class=\"notice\""),
            "a closed survey says so: {page}"
        );
        post(
            &app,
            &admin,
            "/staff/admin/surveys",
            "/staff/admin/surveys/resident-digital-services",
            &[("status", "reopened")],
        )
        .await;
        let (_, html) = get(&app, &admin, "/staff/admin/surveys").await;
        assert!(html.contains("Choose a status"), "{html}");
        post(
            &app,
            &admin,
            "/staff/admin/surveys",
            "/staff/admin/surveys/resident-digital-services",
            &[("status", "open")],
        )
        .await;
        assert_eq!(app.count("SELECT COUNT(*) FROM survey WHERE status = 'open' AND slug = 'resident-digital-services'").await, 1);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'survey_status_changed'")
                .await,
            2
        );
    }
);
