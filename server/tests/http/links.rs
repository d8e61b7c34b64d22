//! Invitation links to the instruments: staff make single- and multi-use links for an
//! organization; a response through one records the organization; a used-up, expired, withdrawn
//! or unknown link gets a clear page, and a link that stops working while someone answers keeps
//! every answer on screen.

use app::models::SurveyDefinition;
use app::models::staff::Role;
use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, form_fields, hidden_fields, valid_answers};
use crate::staff::helpers::{get, post, signed_in};

const CBO: &str = "community-organizations";

fn cbo_survey() -> SurveyDefinition {
    migrations::SEED_INSTRUMENTS
        .iter()
        .map(|json| SurveyDefinition::from_json(json).expect("seed parses"))
        .find(|d| d.slug == CBO)
        .expect("the community-organization instrument is seeded")
}

/// Makes a link as `client` (staff); returns its path with the token.
async fn make_link(app: &TestApp, client: &reqwest::Client, fields: &[(&str, &str)]) -> String {
    let response = post(app, client, "/staff/links", "/staff/links", fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(app, client, "/staff/links").await;
    let start = html
        .find("/surveys/")
        .unwrap_or_else(|| panic!("no link in {html}"));
    let end = start + html[start..].find(' ').expect("end of link");
    html[start..end].to_owned()
}

/// Answers the instrument opened at `path`; returns the response.
async fn answer(app: &TestApp, path: &str) -> reqwest::Response {
    let client = app.new_client();
    let (status, html) = get(app, &client, path).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let mut fields = form_fields(&hidden_fields(&html), &valid_answers(&cbo_survey()));
    if let Some(i) = html.find("name=\"_invite\" value=\"") {
        let start = i + "name=\"_invite\" value=\"".len();
        let end = start + html[start..].find('"').expect("quote");
        fields.push(("_invite".into(), html[start..end].to_owned()));
    }
    client
        .post(app.url(&format!("/surveys/{CBO}")))
        .form(&fields)
        .send()
        .await
        .expect("POST")
}

both_backends!(
    responses_through_a_link_record_its_organization,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let single = make_link(
            &app,
            &analyst,
            &[
                ("survey", CBO),
                ("organization", "Casa Esperanza"),
                ("uses", "single"),
                ("expires_days", "14"),
            ],
        )
        .await;
        assert!(
            single.starts_with(&format!("/surveys/{CBO}?invite=")),
            "{single}"
        );

        let (_, page) = get(&app, &app.new_client(), &single).await;
        assert!(
            page.contains("You are answering on behalf of Casa Esperanza"),
            "{page}"
        );
        let response = answer(&app, &single).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "stored");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM response WHERE organization = 'Casa Esperanza' AND link_id IS NOT NULL").await,
            1
        );
        // Used once: the next visitor gets a clear page, not the form.
        let (status, page) = get(&app, &app.new_client(), &single).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("already been used as many times as it allows"),
            "{page}"
        );
        assert!(!page.contains("name=\"_invite\""));

        // A shared link takes two responses; the third visitor is told.
        let shared = make_link(
            &app,
            &analyst,
            &[
                ("survey", CBO),
                ("organization", "Sacred Heart"),
                ("uses", "multi"),
                ("max_uses", "2"),
                ("expires_days", "7"),
            ],
        )
        .await;
        for _ in 0..2 {
            assert_eq!(answer(&app, &shared).await.status(), StatusCode::SEE_OTHER);
        }
        let (_, page) = get(&app, &app.new_client(), &shared).await;
        assert!(page.contains("already been used"), "{page}");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM response WHERE organization = 'Sacred Heart'")
                .await,
            2
        );
        let (_, list) = get(&app, &analyst, "/staff/links").await;
        assert!(
            list.contains("2 of 2") && list.contains("used up"),
            "{list}"
        );

        // Withdrawn and expired links, and tokens that were never made.
        let withdrawn = make_link(
            &app,
            &analyst,
            &[
                ("survey", CBO),
                ("organization", "Withdrawn Org"),
                ("uses", "multi"),
                ("expires_days", "7"),
            ],
        )
        .await;
        let id = app
            .count("SELECT CAST(MAX(id) AS BIGINT) FROM survey_link")
            .await;
        post(
            &app,
            &analyst,
            "/staff/links",
            &format!("/staff/links/{id}/revoke"),
            &[],
        )
        .await;
        let (_, page) = get(&app, &app.new_client(), &withdrawn).await;
        assert!(page.contains("was withdrawn by the City"), "{page}");
        let expired = make_link(
            &app,
            &analyst,
            &[
                ("survey", CBO),
                ("organization", "Late Org"),
                ("uses", "multi"),
                ("expires_days", "7"),
            ],
        )
        .await;
        {
            use sea_orm::ConnectionTrait;
            app.db
                .execute_unprepared("UPDATE survey_link SET expires_at = '2020-01-01 00:00:00+00:00' WHERE organization = 'Late Org'")
                .await
                .expect("expire");
        }
        let (_, page) = get(&app, &app.new_client(), &expired).await;
        assert!(page.contains("has expired"), "{page}");
        let (_, page) = get(
            &app,
            &app.new_client(),
            &format!("/surveys/{CBO}?invite=0000"),
        )
        .await;
        assert!(page.contains("may be mistyped"), "{page}");
        let (_, page) = get(
            &app,
            &app.new_client(),
            "/surveys/department-leaders?invite=0000",
        )
        .await;
        assert!(
            page.contains("may be mistyped"),
            "a link opens only its own instrument"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action IN ('survey_link_created', 'survey_link_revoked')").await,
            5
        );
    }
);

both_backends!(
    a_link_that_stops_working_mid_answer_keeps_the_answers,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let link = make_link(
            &app,
            &analyst,
            &[
                ("survey", CBO),
                ("organization", "Casa Esperanza"),
                ("uses", "single"),
                ("expires_days", "14"),
            ],
        )
        .await;
        // Two people open the single-use link; the first sends, then the second.
        let first = app.new_client();
        let (_, page) = get(&app, &first, &link).await;
        assert!(page.contains("name=\"_invite\""));
        assert_eq!(answer(&app, &link).await.status(), StatusCode::SEE_OTHER);
        let token = link.split("invite=").nth(1).expect("token");
        let mut fields = form_fields(&hidden_fields(&page), &valid_answers(&cbo_survey()));
        fields.push(("_invite".into(), token.to_owned()));
        fields.retain(|(k, _)| k != "community_story");
        fields.push((
            "community_story".into(),
            "Our families need rent help.".into(),
        ));
        let response = first
            .post(app.url(&format!("/surveys/{CBO}")))
            .form(&fields)
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let html = response.text().await.expect("body");
        assert!(html.contains("stopped working"), "{html}");
        assert!(
            html.contains("Our families need rent help."),
            "the answers stay"
        );
        assert!(
            !html.contains("name=\"_invite\""),
            "the form now sends without the link"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 1);

        // Partners cannot make links.
        let (partner, _) = signed_in(&app, Role::Partner).await;
        let response = post(
            &app,
            &partner,
            "/notes",
            "/staff/links",
            &[
                ("survey", CBO),
                ("organization", "X"),
                ("uses", "single"),
                ("expires_days", "1"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.count("SELECT COUNT(*) FROM survey_link").await, 1);
    }
);

both_backends!(
    bad_link_requests_name_the_field,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        for (fields, message) in [
            (
                vec![
                    ("survey", CBO),
                    ("organization", " "),
                    ("uses", "single"),
                    ("expires_days", "14"),
                ],
                "Name the organization",
            ),
            (
                vec![
                    ("survey", CBO),
                    ("organization", "A"),
                    ("uses", "multi"),
                    ("max_uses", "zero"),
                    ("expires_days", "14"),
                ],
                "“zero” is not a number of responses",
            ),
            (
                vec![
                    ("survey", CBO),
                    ("organization", "A"),
                    ("uses", "single"),
                    ("expires_days", "900"),
                ],
                "from 1 to 365",
            ),
            (
                vec![
                    ("survey", "resident-digital-services"),
                    ("organization", "A"),
                    ("uses", "single"),
                    ("expires_days", "14"),
                ],
                "Choose the department or community-organization instrument",
            ),
        ] {
            post(&app, &analyst, "/staff/links", "/staff/links", &fields).await;
            let (_, html) = get(&app, &analyst, "/staff/links").await;
            assert!(html.contains(message), "expected “{message}” in {html}");
            assert!(html.contains("aria-invalid=\"true\""));
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM survey_link").await, 0);
    }
);
