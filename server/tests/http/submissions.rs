//! Submitting a survey: storage, validation that keeps answers, double submits, abuse protection.

use app::models::survey::KindDef;

use crate::both_backends;
use crate::helpers::{
    Backend, TestApp, form_fields, hidden_fields, resident_survey, valid_answers,
};

async fn survey_page(app: &TestApp, query: &str) -> Vec<(String, String)> {
    let (status, html) = app
        .get(&format!("/surveys/{}{query}", resident_survey().slug))
        .await;
    assert_eq!(status, 200);
    hidden_fields(&html)
}

fn post_path() -> String {
    format!("/surveys/{}", resident_survey().slug)
}

/// The key of the first question of a kind.
fn first_of(pred: impl Fn(&KindDef) -> bool) -> String {
    resident_survey()
        .questions
        .iter()
        .find(|q| q.show_if.is_none() && pred(&q.kind))
        .map(|q| q.key.clone())
        .expect("the resident survey has such a question")
}

both_backends!(
    a_valid_submission_is_stored_with_its_version_and_language,
    |app: TestApp| async move {
        let survey = resident_survey();
        let hidden = survey_page(&app, "?lang=es").await;
        let answers = valid_answers(&survey);
        let response = app
            .post_form(&post_path(), &form_fields(&hidden, &answers))
            .await;
        assert_eq!(response.status(), 303);
        let location = response.headers()["location"]
            .to_str()
            .expect("location")
            .to_string();
        assert_eq!(location, format!("/surveys/{}/thanks?lang=es", survey.slug));
        let (status, html) = app.get(&location).await;
        assert_eq!(status, 200);
        assert!(html.contains("¡Gracias!"));

        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 1);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM answer").await,
            answers.len() as i64
        );
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM response WHERE language = 'es' AND stream = 'resident'"
            )
            .await,
            1
        );
        assert_eq!(
        app.count("SELECT COUNT(*) FROM response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.version = 1").await,
        1
    );
    }
);

both_backends!(
    an_invalid_answer_is_explained_and_every_other_answer_kept,
    |app: TestApp| async move {
        let survey = resident_survey();
        let hidden = survey_page(&app, "").await;
        let mut answers = valid_answers(&survey);
        let zip = first_of(|k| matches!(k, KindDef::Zip));
        let text = first_of(|k| matches!(k, KindDef::LongText { .. }));
        answers.insert(zip.clone(), vec!["9511".into()]);
        answers.insert(
            text.clone(),
            vec!["No shade & no bench </textarea><script>alert(1)</script>".into()],
        );
        let response = app
            .post_form(&post_path(), &form_fields(&hidden, &answers))
            .await;
        assert_eq!(response.status(), 422);
        let html = response.text().await.expect("body");
        assert!(
            html.contains("Enter a 5-digit ZIP code, like 95112."),
            "specific message"
        );
        assert!(html.contains(&format!("id=\"q-{zip}-error\"")));
        let input = &html[html.find(&format!("id=\"q-{zip}\"")).expect("zip input")..];
        let input = &input[..input.find('>').expect("end of tag")];
        let described = input
            .split("aria-describedby=\"")
            .nth(1)
            .expect("aria-describedby")
            .split('"')
            .next();
        assert!(
            described.is_some_and(|ids| ids.split(' ').any(|id| id == format!("q-{zip}-error"))),
            "error linked: {input}"
        );
        assert!(
            html.contains("value=\"9511\""),
            "the wrong answer stays to be corrected"
        );
        let at = html
            .find(&format!("id=\"q-{text}\""))
            .expect("text control");
        let kept = &html[at..at + 300];
        assert!(
            kept.contains("No shade &amp; no bench &lt;/textarea&gt;&lt;script&gt;"),
            "answer kept, escaped: {kept}"
        );
        assert!(!html.contains("<script>alert(1)"), "no markup injection");
        assert!(
            html.contains(&format!("href=\"#q-{zip}\"")),
            "error summary links to the field"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 0);
    }
);

both_backends!(
    a_double_submit_stores_one_response,
    |app: TestApp| async move {
        let hidden = survey_page(&app, "").await;
        let fields = form_fields(&hidden, &valid_answers(&resident_survey()));
        let path = post_path();
        let (a, b) = tokio::join!(app.post_form(&path, &fields), app.post_form(&path, &fields));
        assert_eq!((a.status().as_u16(), b.status().as_u16()), (303, 303));
        let again = app.post_form(&post_path(), &fields).await;
        assert_eq!(
            again.status(),
            303,
            "a reload after success lands on the thank-you page"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 1);
    }
);

both_backends!(
    the_honeypot_refuses_with_a_message,
    |app: TestApp| async move {
        let hidden = survey_page(&app, "").await;
        let mut fields = form_fields(&hidden, &valid_answers(&resident_survey()));
        fields.retain(|(k, _)| k != "_website");
        fields.push(("_website".into(), "http://spam.example".into()));
        let response = app.post_form(&post_path(), &fields).await;
        assert_eq!(response.status(), 422);
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("a hidden field was filled in")
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 0);
    }
);

both_backends!(
    an_oversized_request_gets_a_clear_page,
    |app: TestApp| async move {
        let hidden = survey_page(&app, "").await;
        let mut fields = hidden.clone();
        fields.push((
            first_of(|k| matches!(k, KindDef::LongText { .. })),
            "x".repeat(300 * 1024),
        ));
        let response = app.post_form(&post_path(), &fields).await;
        assert_eq!(response.status(), 413);
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("Your answers are too long to send")
        );
    }
);

both_backends!(
    a_forged_form_without_its_hidden_fields_is_refused,
    |app: TestApp| async move {
        let fields = vec![("anything".to_string(), "x".to_string())];
        let response = app.post_form(&post_path(), &fields).await;
        assert_eq!(response.status(), 400);
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("Part of the form was missing")
        );
    }
);

both_backends!(
    a_closed_survey_refuses_answers_and_says_so,
    |app: TestApp| async move {
        let hidden = survey_page(&app, "").await;
        sea_orm::ConnectionTrait::execute_unprepared(
            &app.db,
            "UPDATE survey SET status = 'closed'",
        )
        .await
        .expect("close");
        let response = app
            .post_form(
                &post_path(),
                &form_fields(&hidden, &valid_answers(&resident_survey())),
            )
            .await;
        assert_eq!(response.status(), 409);
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("This survey closed before your answers arrived")
        );
        let (_, html) = app.get(&post_path()).await;
        assert!(html.contains("This survey is closed"));
        assert!(!html.contains("<form"));
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 0);
    }
);

async fn rate_limit(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, |s| s.submissions_per_minute = 2).await else {
        return;
    };
    let survey = resident_survey();
    let answers = valid_answers(&survey);
    for _ in 0..2 {
        let hidden = survey_page(&app, "").await;
        assert_eq!(
            app.post_form(&post_path(), &form_fields(&hidden, &answers))
                .await
                .status(),
            303
        );
    }
    let hidden = survey_page(&app, "").await;
    let response = app
        .post_form(&post_path(), &form_fields(&hidden, &answers))
        .await;
    assert_eq!(response.status(), 429);
    let html = response.text().await.expect("body");
    assert!(html.contains("Please wait a minute"));
    assert!(
        html.contains("I could not find how to report a broken streetlight"),
        "answers kept"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submissions_are_rate_limited_per_client_sqlite() {
    rate_limit(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submissions_are_rate_limited_per_client_postgres() {
    rate_limit(Backend::Postgres).await;
}

both_backends!(
    a_post_to_an_address_no_survey_could_have_is_not_found,
    |app: TestApp| async move {
        let hidden = survey_page(&app, "").await;
        let fields = form_fields(&hidden, &valid_answers(&resident_survey()));
        for path in ["/surveys/2027-parks", "/surveys/Parks", "/surveys/-parks"] {
            let response = app.post_form(path, &fields).await;
            assert_eq!(response.status(), 404, "{path}");
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 0);
    }
);
