//! Public pages: the list of open surveys, a survey page, languages, errors, health.

use app::i18n::Locale;
use app::models::survey::pick;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, resident_survey};

both_backends!(
    home_lists_the_open_resident_survey,
    |app: TestApp| async move {
        let survey = resident_survey();
        let (status, html) = app.get("/").await;
        assert_eq!(status, 200);
        assert!(
            html.contains(&pick(&survey.title, Locale::En)),
            "English title listed"
        );
        assert!(html.contains(&format!("/surveys/{}", survey.slug)));
        assert!(html.contains("<html lang=\"en\""), "html lang is set");
        // Seeded instruments for departments and organizations are not on the residents' list.
        assert_eq!(app.count("SELECT COUNT(*) FROM survey").await, 3);
        assert_eq!(html.matches("class=\"card\"").count(), 1);
    }
);

both_backends!(
    survey_page_is_complete_without_javascript,
    |app: TestApp| async move {
        let survey = resident_survey();
        let (status, html) = app.get(&format!("/surveys/{}", survey.slug)).await;
        assert_eq!(status, 200);
        // Async SSR: the whole form is in the HTML, not in a <template> waiting for a script.
        assert!(!html.contains("<template"), "no streamed fragments");
        for q in &survey.questions {
            let id = format!("id=\"q-{}\"", q.key);
            assert!(html.contains(&id), "control for {}", q.key);
            assert!(
                html.contains(&pick(&q.prompt, Locale::En)),
                "prompt for {}",
                q.key
            );
        }
        assert!(html.contains("method=\"post\""));
        assert!(html.contains("name=\"_token\""));
    }
);

both_backends!(
    spanish_is_chosen_by_parameter_cookie_or_header,
    |app: TestApp| async move {
        let survey = resident_survey();
        let path = format!("/surveys/{}", survey.slug);
        let (_, html) = app.get(&format!("{path}?lang=es")).await;
        assert!(html.contains("<html lang=\"es\""));
        assert!(html.contains(&pick(&survey.title, Locale::Es)));
        assert!(html.contains("Enviar mis respuestas"));
        // The choice is remembered in a cookie for the next page.
        let (_, html) = app.get("/").await;
        assert!(
            html.contains("Díganos qué necesita"),
            "cookie keeps Spanish"
        );
        // A new visitor whose browser prefers Spanish.
        let response = reqwest::Client::new()
            .get(app.url(&path))
            .header("Accept-Language", "es-MX,es;q=0.9,en;q=0.5")
            .send()
            .await
            .expect("GET");
        let html = response.text().await.expect("body");
        assert!(html.contains("<html lang=\"es\""));
    }
);

both_backends!(
    unknown_pages_are_404_with_a_real_page,
    |app: TestApp| async move {
        let (status, html) = app.get("/surveys/no-such-survey").await;
        assert_eq!(status, 404);
        assert!(html.contains("Page not found"));
        let (status, _) = app.get("/nowhere").await;
        assert_eq!(status, 404);
    }
);

both_backends!(health_reports_the_database, |app: TestApp| async move {
    let (status, body) = app.get("/healthz").await;
    assert_eq!((status.as_u16(), body.as_str()), (200, "ok"));
    app.shutdown().await.expect("clean shutdown");
});
