//! Submissions stored in groups by one writer, checked against survey versions kept in memory:
//! concurrent submissions each land once, one bad submission fails alone, and a survey changed by
//! staff is what the next submission is checked against.

use app::i18n::Locale;
use app::models::AppError;
use app::models::staff::Role;
use app::models::survey::KindDef;
use app::store::responses::{Grouped, Stored, Submission, store_group};
use app::store::surveys;
use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::{
    Backend, TestApp, form_fields, hidden_fields, resident_survey, valid_answers,
};
use crate::staff::helpers::{get, post, signed_in};

const RESIDENT: &str = "/surveys/resident-digital-services";
const EDITOR: &str = "/staff/admin/surveys/parks-2027";

/// 40 residents at once (the rate limit lifted, as if behind one address), three of them sending
/// twice (a double click), and one with a wrong ZIP code among them.
async fn concurrent(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, |s| s.submissions_per_minute = 100_000).await
    else {
        return;
    };
    let survey = resident_survey();
    let (_, page) = app.get(RESIDENT).await;
    let hidden: Vec<(String, String)> = hidden_fields(&page)
        .into_iter()
        .filter(|(name, _)| name != "_token")
        .collect();
    let answers = valid_answers(&survey);
    let zip = survey
        .questions
        .iter()
        .find(|q| q.show_if.is_none() && matches!(q.kind, KindDef::Zip))
        .map(|q| q.key.clone())
        .expect("a ZIP question");
    let mut bad = answers.clone();
    bad.insert(zip.clone(), vec!["9511".into()]);
    let tokens: Vec<String> = (0..40).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    let mut sends = Vec::new();
    for (i, token) in tokens.iter().chain(&tokens[..3]).enumerate() {
        let mut fields = hidden.clone();
        fields.push(("_token".into(), token.clone()));
        sends.push((i, form_fields(&fields, &answers)));
    }
    let mut fields = hidden.clone();
    fields.push(("_token".into(), uuid::Uuid::new_v4().to_string()));
    sends.push((usize::MAX, form_fields(&fields, &bad)));
    let app = std::sync::Arc::new(app);
    let tasks: Vec<_> = sends
        .into_iter()
        .map(|(i, fields)| {
            let app = app.clone();
            tokio::spawn(async move {
                let response = app.post_form(RESIDENT, &fields).await;
                let status = response.status();
                (i, status, response.text().await.expect("body"))
            })
        })
        .collect();
    for task in tasks {
        let (i, status, body) = task.await.expect("a submission");
        if i == usize::MAX {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(body.contains("Enter a 5-digit ZIP code, like 95112."));
            assert!(
                body.contains(&format!("id=\"q-{zip}-error\"")),
                "the field named"
            );
            assert!(body.contains("value=\"9511\""), "the answer kept");
        } else {
            assert_eq!(status, StatusCode::SEE_OTHER, "submission {i} acknowledged");
        }
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 40);
    assert_eq!(
        app.count("SELECT COUNT(DISTINCT idempotency_key) FROM response")
            .await,
        40
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM answer").await,
        40 * answers.len() as i64
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_submissions_each_land_once_and_a_bad_one_is_refused_alone_sqlite() {
    concurrent(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_submissions_each_land_once_and_a_bad_one_is_refused_alone_postgres() {
    concurrent(Backend::Postgres).await;
}

both_backends!(
    in_a_group_a_failing_submission_fails_alone_and_a_changed_survey_takes_nothing,
    |app: TestApp| async move {
        let survey = surveys::current(&app.db, "resident-digital-services")
            .await
            .expect("the seeded survey");
        let answers = std::collections::BTreeMap::new();
        let submission = || {
            Submission::new(
                &survey,
                Locale::En,
                uuid::Uuid::new_v4(),
                answers.clone(),
                None,
            )
        };
        let first = submission();
        let mut broken = submission();
        broken.version_id = 999_999;
        let mut stale = submission();
        stale.checked_against -= time::Duration::seconds(1);
        let twice = submission();
        let batch = vec![first, broken, stale, twice.clone(), twice, submission()];
        let outcomes = store_group(&app.db, &batch).await;
        assert_eq!(outcomes.len(), 6);
        assert!(
            matches!(outcomes[0], Ok(Grouped::Done(Stored::New(_)))),
            "{outcomes:?}"
        );
        assert!(
            matches!(outcomes[1], Err(AppError::Unavailable)),
            "{outcomes:?}"
        );
        assert!(matches!(outcomes[2], Ok(Grouped::Changed)), "{outcomes:?}");
        assert!(
            matches!(outcomes[3], Ok(Grouped::Done(Stored::New(_)))),
            "{outcomes:?}"
        );
        assert!(
            matches!(outcomes[4], Ok(Grouped::Done(Stored::Duplicate))),
            "{outcomes:?}"
        );
        assert!(
            matches!(outcomes[5], Ok(Grouped::Done(Stored::New(_)))),
            "{outcomes:?}"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 3);

        sea_orm::ConnectionTrait::execute_unprepared(
            &app.db,
            "UPDATE survey SET status = 'closed'",
        )
        .await
        .expect("close");
        let outcomes = store_group(&app.db, &[submission()]).await;
        assert!(
            matches!(outcomes[..], [Ok(Grouped::Closed)]),
            "{outcomes:?}"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 3);
    }
);

/// An administrator changes something on the staff pages.
async fn staff_change(
    app: &TestApp,
    admin: &reqwest::Client,
    action: &str,
    fields: &[(&str, &str)],
) {
    let response = post(app, admin, EDITOR, action, fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{action}");
}

async fn set_status(app: &TestApp, admin: &reqwest::Client, status: &str) {
    let response = post(
        app,
        admin,
        "/staff/admin/surveys",
        "/staff/admin/surveys/parks-2027",
        &[("status", status)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM survey WHERE slug = 'parks-2027' AND status = '{status}'"
        ))
        .await,
        1
    );
}

both_backends!(
    a_survey_edited_on_the_staff_pages_is_what_the_next_submission_is_checked_against,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let response = post(
            &app,
            &admin,
            "/staff/admin/surveys",
            "/staff/admin/surveys",
            &[
                ("slug", "parks-2027"),
                ("audience", "resident"),
                ("title", "Parks 2027"),
                ("intro", "Tell us what would make parks better for you."),
                ("copy", ""),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        staff_change(
            &app,
            &admin,
            &format!("{EDITOR}/questions"),
            &[
                ("key", "visits"),
                ("kind", "single_choice"),
                ("prompt", "How often do you visit a park?"),
                ("options", "weekly | Every week\nrarely | Rarely"),
                ("required", "on"),
            ],
        )
        .await;
        set_status(&app, &admin, "open").await;

        // A resident's first try is refused (nothing stored, the version now in memory).
        let (_, page) = app.get("/surveys/parks-2027?lang=en").await;
        let hidden = hidden_fields(&page);
        let answer = |v: &str| {
            form_fields(
                &hidden,
                &[("visits".to_owned(), vec![v.to_owned()])]
                    .into_iter()
                    .collect(),
            )
        };
        let sent = app.post_form("/surveys/parks-2027", &answer("daily")).await;
        assert_eq!(sent.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // Closed, changed in place (nobody has answered this version: still version 1, same
        // id), and opened again: "rarely" is no longer an option.
        set_status(&app, &admin, "closed").await;
        staff_change(
            &app,
            &admin,
            &format!("{EDITOR}/questions/visits"),
            &[
                ("kind", "single_choice"),
                ("prompt", "How often do you visit a park?"),
                ("options", "weekly | Every week\nmonthly | Every month"),
                ("required", "on"),
            ],
        )
        .await;
        let (_, form) = get(&app, &admin, &format!("{EDITOR}/questions/visits")).await;
        assert!(
            form.contains("weekly | Every week\nmonthly | Every month"),
            "{form}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM survey_version v JOIN survey s ON s.id = v.survey_id WHERE s.slug = 'parks-2027'")
                .await,
            1,
            "changed in place"
        );
        set_status(&app, &admin, "open").await;

        // The same page sends an answer the survey no longer has: refused, naming the question.
        let sent = app
            .post_form("/surveys/parks-2027", &answer("rarely"))
            .await;
        assert_eq!(sent.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = sent.text().await.expect("body");
        assert!(html.contains("id=\"q-visits-error\""), "{html}");
        assert!(
            html.contains("Every month"),
            "the survey as it is now: {html}"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 0);
        // An answer the survey has now is stored.
        let sent = app
            .post_form("/surveys/parks-2027", &answer("monthly"))
            .await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 1);

        // Closed again on the staff pages: the next submission is refused as closed.
        set_status(&app, &admin, "closed").await;
        let again = form_fields(
            &hidden
                .iter()
                .map(|(k, v)| {
                    if k == "_token" {
                        (k.clone(), uuid::Uuid::new_v4().to_string())
                    } else {
                        (k.clone(), v.clone())
                    }
                })
                .collect::<Vec<_>>(),
            &[("visits".to_owned(), vec!["weekly".to_owned()])]
                .into_iter()
                .collect(),
        );
        let sent = app.post_form("/surveys/parks-2027", &again).await;
        assert_eq!(sent.status(), StatusCode::CONFLICT);
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 1);
    }
);
