//! The survey editor: an administrator makes a survey, adds, changes and moves questions,
//! translates it, opens it; once residents answer, a change is a new version and their responses
//! stay with theirs. Refused changes name the field and keep what was typed.

use app::models::staff::Role;
use reqwest::{Client, StatusCode};

use super::helpers::{get, post, signed_in};
use crate::both_backends;
use crate::helpers::{Backend, TestApp, form_fields, hidden_fields, hidden_value};

const EDITOR: &str = "/staff/admin/surveys/parks-2027";

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

/// POSTs `fields` to `action` with the token of the editor page; returns where it redirected.
async fn change(app: &TestApp, admin: &Client, action: &str, fields: &[(&str, &str)]) -> String {
    let response = post(app, admin, EDITOR, action, fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{action}");
    location(&response)
}

async fn versions(app: &TestApp) -> i64 {
    app.count(
        "SELECT COUNT(*) FROM survey_version v JOIN survey s ON s.id = v.survey_id WHERE s.slug = 'parks-2027'",
    )
    .await
}

async fn make_survey(app: &TestApp, admin: &Client) {
    let new = [
        ("slug", "parks-2027"),
        ("audience", "resident"),
        ("title", "Parks 2027"),
        (
            "intro",
            "Tell us what would make San José's parks better for you.",
        ),
        ("copy", ""),
    ];
    let response = post(
        app,
        admin,
        "/staff/admin/surveys",
        "/staff/admin/surveys",
        &new,
    )
    .await;
    assert_eq!(location(&response), EDITOR);
}

both_backends!(
    an_administrator_builds_translates_and_opens_a_survey,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        // A bad address is refused, naming it, with what was typed kept.
        let response = post(
            &app,
            &admin,
            "/staff/admin/surveys",
            "/staff/admin/surveys",
            &[
                ("slug", "Parks 2027"),
                ("audience", "resident"),
                ("title", "Parks 2027"),
                ("intro", "About parks"),
            ],
        )
        .await;
        assert_eq!(location(&response), "/staff/admin/surveys");
        let (_, html) = get(&app, &admin, "/staff/admin/surveys").await;
        assert!(
            html.contains("The address must be 1 to 80 characters"),
            "{html}"
        );
        assert!(html.contains("value=\"Parks 2027\""), "typed kept: {html}");
        assert!(html.contains("id=\"survey-slug\"") && html.contains("aria-invalid=\"true\""));
        // A taken address too.
        post(
            &app,
            &admin,
            "/staff/admin/surveys",
            "/staff/admin/surveys",
            &[
                ("slug", "resident-digital-services"),
                ("audience", "resident"),
                ("title", "Again"),
                ("intro", "Again"),
            ],
        )
        .await;
        let (_, html) = get(&app, &admin, "/staff/admin/surveys").await;
        assert!(
            html.contains("There is already a survey at /surveys/resident-digital-services"),
            "{html}"
        );

        make_survey(&app, &admin).await;
        let (status, html) = get(&app, &admin, EDITOR).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("Survey made, as a draft") && html.contains("No questions yet"),
            "{html}"
        );
        // An empty survey cannot be opened.
        post(
            &app,
            &admin,
            "/staff/admin/surveys",
            "/staff/admin/surveys/parks-2027",
            &[("status", "open")],
        )
        .await;
        let (_, html) = get(&app, &admin, "/staff/admin/surveys").await;
        assert!(html.contains("parks-2027 has no questions yet"), "{html}");

        // Questions: a long text, then a choice put first.
        let to = change(
            &app,
            &admin,
            &format!("{EDITOR}/questions"),
            &[
                ("key", "park_need"),
                ("kind", "long_text"),
                ("prompt", "What would make parks better for you?"),
                ("after", ""),
                ("max_chars", ""),
            ],
        )
        .await;
        assert_eq!(to, format!("{EDITOR}#q-park_need"));
        // One option is not enough: refused on the question page, with the prompt kept.
        let to = change(
            &app,
            &admin,
            &format!("{EDITOR}/questions"),
            &[
                ("key", "visits"),
                ("kind", "single_choice"),
                ("prompt", "How often do you visit a park?"),
                ("options", "weekly | Every week"),
                ("required", "on"),
            ],
        )
        .await;
        assert_eq!(to, format!("{EDITOR}/add-question"));
        let (_, form) = get(&app, &admin, &to).await;
        assert!(form.contains("Give at least two options"), "{form}");
        assert!(
            form.contains("How often do you visit a park?"),
            "prompt kept"
        );
        assert!(form.contains("weekly | Every week"), "options kept");
        change(
            &app,
            &admin,
            &format!("{EDITOR}/questions"),
            &[
                ("key", "visits"),
                ("kind", "single_choice"),
                ("prompt", "How often do you visit a park?"),
                ("options", "weekly | Every week\nRarely"),
                ("required", "on"),
                ("after", "park_need"),
            ],
        )
        .await;
        change(
            &app,
            &admin,
            &format!("{EDITOR}/questions/visits/move"),
            &[("direction", "up")],
        )
        .await;
        let (_, html) = get(&app, &admin, EDITOR).await;
        let (visits, need) = (
            html.find("id=\"q-visits\"").expect("visits listed"),
            html.find("id=\"q-park_need\"").expect("park_need listed"),
        );
        assert!(visits < need, "moved up");
        // The question page shows the options as they are edited.
        let (_, form) = get(&app, &admin, &format!("{EDITOR}/questions/visits")).await;
        assert!(
            form.contains("weekly | Every week\nrarely | Rarely"),
            "{form}"
        );

        // Spanish for two texts; the rest falls back to English.
        let to = change(
            &app,
            &admin,
            &format!("{EDITOR}/translations/es"),
            &[
                ("title", "Parques 2027"),
                ("park_need.prompt", "¿Qué mejoraría los parques para usted?"),
            ],
        )
        .await;
        assert_eq!(to, format!("{EDITOR}/translations/es"));
        let (_, page) = get(&app, &admin, &to).await;
        assert!(
            page.contains("4 of 6 texts have no translation yet"),
            "{page}"
        );
        // A draft is a preview for administrators and does not exist for anyone else.
        let (_, preview) = get(&app, &admin, "/surveys/parks-2027?lang=en").await;
        assert!(preview.contains("Preview for administrators"), "{preview}");
        let (status, _) = app.get("/surveys/parks-2027").await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "residents cannot see a draft"
        );
        assert_eq!(
            versions(&app).await,
            1,
            "a draft nobody answered is edited in place"
        );

        // Opened, residents see it in Spanish with English where it is not translated.
        post(
            &app,
            &admin,
            "/staff/admin/surveys",
            "/staff/admin/surveys/parks-2027",
            &[("status", "open")],
        )
        .await;
        let (status, public) = app.get("/surveys/parks-2027?lang=es").await;
        assert_eq!(status, StatusCode::OK);
        assert!(public.contains("Parques 2027"), "{public}");
        assert!(public.contains("¿Qué mejoraría los parques para usted?"));
        assert!(
            public.contains("How often do you visit a park?"),
            "English fallback"
        );

        // A resident answers version 1.
        let hidden = hidden_fields(&public);
        let answers = [
            ("visits".to_owned(), vec!["weekly".to_owned()]),
            (
                "park_need".to_owned(),
                vec!["More shade and water fountains near the playground.".to_owned()],
            ),
        ]
        .into_iter()
        .collect();
        let sent = app
            .post_form("/surveys/parks-2027", &form_fields(&hidden, &answers))
            .await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.count("SELECT COUNT(*) FROM response").await, 1);

        // Now a change is version 2; the response stays with version 1.
        let to = change(
            &app,
            &admin,
            &format!("{EDITOR}/questions/park_need"),
            &[
                ("kind", "long_text"),
                ("prompt", "What one change would make parks better for you?"),
                ("max_chars", "1500"),
            ],
        )
        .await;
        let (_, html) = get(&app, &admin, &to).await;
        assert!(html.contains("Saved as version 2"), "{html}");
        assert_eq!(versions(&app).await, 2);
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.version = 1"
            )
            .await,
            1,
            "the response keeps its version"
        );
        let (_, public) = app.get("/surveys/parks-2027?lang=en").await;
        assert!(public.contains("What one change would make parks better for you?"));
        let (_, public_es) = app.get("/surveys/parks-2027?lang=es").await;
        assert!(
            public_es.contains("¿Qué mejoraría los parques para usted?"),
            "the translation survives an English rewording"
        );
        assert!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'survey_created'")
                .await
                == 1
                && app
                    .count("SELECT COUNT(*) FROM audit_event WHERE action = 'survey_edited'")
                    .await
                    >= 5
        );
    }
);

both_backends!(
    the_json_definition_is_checked_and_kept_when_wrong,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        make_survey(&app, &admin).await;
        change(
            &app,
            &admin,
            &format!("{EDITOR}/questions"),
            &[
                ("key", "visits"),
                ("kind", "single_choice"),
                ("prompt", "How often do you visit a park?"),
                ("options", "weekly | Every week\nrarely | Rarely"),
            ],
        )
        .await;
        let broken = "{\n  \"slug\": \"parks-2027\",\n  oops\n}";
        let to = change(
            &app,
            &admin,
            &format!("{EDITOR}/definition"),
            &[("definition", broken)],
        )
        .await;
        assert_eq!(to, format!("{EDITOR}/definition"));
        let (_, page) = get(&app, &admin, &to).await;
        assert!(page.contains("line 3, column 3"), "{page}");
        assert!(page.contains("oops"), "what was typed is kept");

        // Branching on a value the question does not offer breaks a rule.
        let (_, page) = get(&app, &admin, &format!("{EDITOR}/definition")).await;
        let json = shown_definition(&page);
        let mut def: serde_json::Value = serde_json::from_str(&json).expect("the page shows JSON");
        def["questions"]
            .as_array_mut()
            .expect("questions")
            .push(serde_json::json!({
                "key": "why_rarely", "prompt": { "en": "What keeps you away?" },
                "show_if": { "question": "visits", "any_of": ["never"] },
                "kind": { "type": "long_text", "max_chars": 1000 }
            }));
        change(
            &app,
            &admin,
            &format!("{EDITOR}/definition"),
            &[("definition", &def.to_string())],
        )
        .await;
        let (_, page) = get(&app, &admin, &format!("{EDITOR}/definition")).await;
        assert!(page.contains("which `visits` does not offer"), "{page}");
        def["questions"][1]["show_if"]["any_of"] = serde_json::json!(["rarely"]);
        let to = change(
            &app,
            &admin,
            &format!("{EDITOR}/definition"),
            &[("definition", &def.to_string())],
        )
        .await;
        assert_eq!(to, EDITOR);
        let (_, html) = get(&app, &admin, EDITOR).await;
        assert!(html.contains("Shown when visits is rarely"), "{html}");
        // Removing the question it branches on is refused, naming the reason.
        change(
            &app,
            &admin,
            &format!("{EDITOR}/questions/visits/remove"),
            &[],
        )
        .await;
        let (_, html) = get(&app, &admin, EDITOR).await;
        assert!(
            html.contains("That change would break the survey"),
            "{html}"
        );
        assert!(html.contains("id=\"q-visits\""), "still there");
    }
);

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).expect("start") + start.len();
    let from = from + html[from..].find('>').expect("tag end") + 1;
    let to = from + html[from..].find(end).expect("end");
    &html[from..to]
}

/// The survey JSON a definition page shows in its text box.
fn shown_definition(html: &str) -> String {
    html_unescape(between(html, "name=\"definition\"", "</textarea>"))
}

fn html_unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

both_backends!(
    a_save_from_a_page_someone_changed_since_is_refused_and_kept,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        make_survey(&app, &admin).await;
        // Two administrators open the same survey; the first saves a change.
        let (_, stale) = get(&app, &admin, &format!("{EDITOR}/definition")).await;
        let revision = hidden_value(&stale, "revision");
        let (_, page) = get(&app, &admin, EDITOR).await;
        change(
            &app,
            &admin,
            &format!("{EDITOR}/texts"),
            &[
                ("revision", &hidden_value(&page, "revision")),
                ("title", "Parks and pools 2027"),
                ("intro", "Tell us about parks and pools."),
            ],
        )
        .await;
        // The second saves from the page they opened before: refused, their text kept.
        let json = shown_definition(&stale).replace("Parks 2027", "Parks 2027 (second admin)");
        let to = change(
            &app,
            &admin,
            &format!("{EDITOR}/definition"),
            &[("revision", &revision), ("definition", &json)],
        )
        .await;
        assert_eq!(to, format!("{EDITOR}/definition"));
        let (_, page) = get(&app, &admin, &to).await;
        assert!(page.contains("Someone else changed this survey"), "{page}");
        assert!(
            page.contains("Parks 2027 (second admin)"),
            "their text is kept"
        );
        let (_, editor) = get(&app, &admin, EDITOR).await;
        assert!(
            editor.contains("Parks and pools 2027") && !editor.contains("second admin"),
            "the first change stands"
        );
        // With the page's current revision, the save goes through.
        let current = hidden_value(&page, "revision");
        assert_ne!(current, revision);
        let (_, fresh) = get(&app, &admin, &format!("{EDITOR}/definition")).await;
        let json = shown_definition(&fresh)
            .replace("Parks and pools 2027", "Parks, pools and trails 2027");
        let to = change(
            &app,
            &admin,
            &format!("{EDITOR}/definition"),
            &[("revision", &current), ("definition", &json)],
        )
        .await;
        assert_eq!(to, EDITOR);
        let (_, editor) = get(&app, &admin, EDITOR).await;
        assert!(editor.contains("Parks, pools and trails 2027"));
    }
);
