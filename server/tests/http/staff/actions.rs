//! Actions on themes: staff add one on the board, move it proposed → in progress → done and see
//! it in the right section of the board, of its department's board and of its goal's board; a
//! due date before the start is refused on its field with what was typed kept; partners cannot
//! add actions; the board's CSV export makes formulas text; forms go back only to pages of this
//! site. Every change is in the audit log.

use app::models::staff::Role;
use app::store::entities::theme_goal;
use app::store::strategy;
use reqwest::{Client, StatusCode};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::staff::helpers::{get, post, signed_in, token};

const BOARD: &str = "/staff/actions";

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The part of a board page holding the section of `status` (up to the next section).
fn section<'a>(html: &'a str, status: &str) -> &'a str {
    let marker = format!("id=\"status-{status}\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {status} section in {html}"));
    let rest = &html[start..];
    let end = rest.find("<section").unwrap_or(rest.len());
    &rest[..end]
}

/// Adds an action from the board page at `page`; returns the response.
async fn add(
    app: &TestApp,
    client: &Client,
    page: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut all = vec![("form", "new"), ("next", page)];
    all.extend_from_slice(fields);
    post(app, client, page, BOARD, &all).await
}

/// The id of the only action titled `title`.
async fn action_id(app: &TestApp, title: &str) -> i32 {
    let id = app
        .count(&format!(
            "SELECT CAST(id AS BIGINT) FROM theme_action WHERE title = '{title}'"
        ))
        .await;
    i32::try_from(id).expect("an id")
}

both_backends!(
    an_action_moves_across_the_boards_sections,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let transport = strategy::add_department(&app.db, "Transportation")
            .await
            .expect("department");
        let library = strategy::add_department(&app.db, "Library")
            .await
            .expect("department");
        let goals = strategy::goals(&app.db, false).await.expect("goals");
        let (inclusion, digital) = (goals[1].id, goals[2].id);
        theme_goal::ActiveModel {
            theme_id: Set("T-004".into()),
            goal_id: Set(inclusion),
        }
        .insert(&app.db)
        .await
        .expect("tie the theme to a goal");

        let (status, html) = get(&app, &analyst, BOARD).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(
            html.contains("href=\"/staff/actions\""),
            "nav link for staff"
        );
        assert!(html.contains("0 actions"), "{html}");

        let made = add(
            &app,
            &analyst,
            BOARD,
            &[
                ("theme_id", "t-004"),
                ("title", "Permit pages in plain language"),
                ("department", &transport.id.to_string()),
                ("starts_on", "2020-01-06"),
                ("due_on", "2020-03-31"),
                (
                    "public_summary",
                    "We will rewrite the permit pages with residents.",
                ),
            ],
        )
        .await;
        assert_eq!(made.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&made), BOARD);
        let id = action_id(&app, "Permit pages in plain language").await;

        let (_, html) = get(&app, &analyst, BOARD).await;
        assert!(
            html.contains(
                "Action “Permit pages in plain language” added to theme T-004 (Proposed)."
            ),
            "{html}"
        );
        let proposed = section(&html, "proposed");
        assert!(
            proposed.contains("Permit pages in plain language"),
            "{proposed}"
        );
        assert!(
            proposed.contains("href=\"/staff/themes/T-004\""),
            "{proposed}"
        );
        assert!(proposed.contains("Transportation"), "{proposed}");
        assert!(proposed.contains("2020-03-31"), "{proposed}");
        assert!(
            proposed.contains("Overdue"),
            "past due and open: said in words"
        );
        assert!(proposed.contains("We will rewrite the permit pages with residents."));

        for (status, heading) in [("in_progress", "In progress"), ("done", "Done")] {
            let page = format!("{BOARD}?department={}", transport.id);
            let moved = post(
                &app,
                &analyst,
                &page,
                &format!("/staff/actions/{id}/status"),
                &[("status", status), ("next", &page)],
            )
            .await;
            assert_eq!(moved.status(), StatusCode::SEE_OTHER);
            assert_eq!(location(&moved), page, "back to the board it came from");
            let (_, html) = get(&app, &analyst, &page).await;
            assert!(html.contains(&format!("to {heading}.")), "{html}");
            assert!(
                section(&html, status).contains("Permit pages in plain language"),
                "{status}: {html}"
            );
            assert!(!section(&html, "proposed").contains("Permit pages in plain language"));
        }
        let (_, html) = get(&app, &analyst, BOARD).await;
        let done = section(&html, "done");
        assert!(done.contains("Permit pages in plain language"), "{done}");
        assert!(!done.contains("Overdue"), "done actions are not overdue");

        // The department's board and the goal's board list it; others do not.
        let (_, html) = get(
            &app,
            &analyst,
            &format!("{BOARD}?department={}", transport.id),
        )
        .await;
        assert!(section(&html, "done").contains("Permit pages in plain language"));
        assert!(
            html.contains("Actions of department Transportation"),
            "{html}"
        );
        let (_, html) = get(
            &app,
            &analyst,
            &format!("{BOARD}?department={}", library.id),
        )
        .await;
        assert!(!html.contains("Permit pages in plain language"), "{html}");
        let (_, html) = get(&app, &analyst, &format!("{BOARD}?goal={inclusion}")).await;
        assert!(
            section(&html, "done").contains("Permit pages in plain language"),
            "{html}"
        );
        let (_, html) = get(&app, &analyst, &format!("{BOARD}?goal={digital}")).await;
        assert!(!html.contains("Permit pages in plain language"), "{html}");
        let (_, html) = get(
            &app,
            &analyst,
            &format!("{BOARD}?department={}&goal={inclusion}", transport.id),
        )
        .await;
        assert!(
            html.contains("Permit pages in plain language"),
            "both filters"
        );

        // Edited: the theme stays, the rest is rewritten.
        let edited = post(
            &app,
            &analyst,
            BOARD,
            &format!("/staff/actions/{id}"),
            &[
                ("form", &id.to_string()),
                ("next", BOARD),
                ("title", "Permit pages, rewritten"),
                ("department", ""),
                ("status", "done"),
                ("starts_on", "2020-01-06"),
                ("due_on", ""),
                ("public_summary", "Done with residents' help."),
            ],
        )
        .await;
        assert_eq!(edited.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &analyst, BOARD).await;
        assert!(
            html.contains("Action “Permit pages, rewritten” saved."),
            "{html}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM theme_action WHERE theme_id = 'T-004' AND department_id IS NULL AND due_on IS NULL")
                .await,
            1
        );

        for (action, n) in [
            ("action_created", 1),
            ("action_status_moved", 2),
            ("action_updated", 1),
        ] {
            assert_eq!(
                app.count(&format!(
                    "SELECT COUNT(*) FROM audit_event WHERE action = '{action}'"
                ))
                .await,
                n,
                "{action}"
            );
        }
    }
);

both_backends!(
    a_due_date_before_the_start_is_refused_and_what_was_typed_kept,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let response = add(
            &app,
            &analyst,
            BOARD,
            &[
                ("theme_id", "T-002"),
                ("title", "Library hours online"),
                ("starts_on", "2027-03-01"),
                ("due_on", "2027-02-01"),
                ("public_summary", "Typed <b>with care</b>"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), BOARD);
        let (_, html) = get(&app, &analyst, BOARD).await;
        assert!(
            html.contains("The due date 2027-02-01 is before the start date 2027-03-01"),
            "{html}"
        );
        assert!(html.contains("id=\"action-new-due-problem\""), "{html}");
        assert!(
            html.contains("value=\"Library hours online\""),
            "kept: {html}"
        );
        assert!(html.contains("value=\"2027-02-01\""), "kept: {html}");
        assert!(
            html.contains("Typed &lt;b&gt;with care&lt;/b&gt;</textarea>"),
            "kept, and escaped: {html}"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM theme_action").await, 0);

        // An unknown status and a theme id that is not one are named too.
        let response = add(
            &app,
            &analyst,
            BOARD,
            &[("theme_id", "housing"), ("title", "x")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &analyst, BOARD).await;
        assert!(html.contains("“housing” is not a theme id"), "{html}");
        let response = add(
            &app,
            &analyst,
            BOARD,
            &[
                ("theme_id", "T-002"),
                ("title", "x"),
                ("status", "finished"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &analyst, BOARD).await;
        assert!(html.contains("“finished” is not a status"), "{html}");
        assert_eq!(app.count("SELECT COUNT(*) FROM theme_action").await, 0);
    }
);

both_backends!(
    partners_cannot_add_or_move_actions,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let made = add(
            &app,
            &analyst,
            BOARD,
            &[("theme_id", "T-001"), ("title", "Kept")],
        )
        .await;
        assert_eq!(made.status(), StatusCode::SEE_OTHER);
        let id = action_id(&app, "Kept").await;

        let (partner, _) = signed_in(&app, Role::Partner).await;
        let (status, _) = get(&app, &partner, BOARD).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let csrf = token(&app, &partner, "/notes").await;
        for (path, fields) in [
            (
                BOARD.to_owned(),
                vec![("theme_id", "T-001"), ("title", "Sneaky")],
            ),
            (format!("{BOARD}/{id}/status"), vec![("status", "done")]),
        ] {
            let mut form = vec![("_csrf", csrf.as_str())];
            form.extend(fields);
            let response = partner
                .post(app.url(&path))
                .form(&form)
                .send()
                .await
                .expect("POST");
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
        }
        assert_eq!(
            app.count("SELECT COUNT(*) FROM theme_action WHERE status = 'proposed'")
                .await,
            1
        );
        let (status, _) = get(&app, &partner, "/api/v1/actions.csv").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);

both_backends!(
    the_board_exports_make_formulas_text,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let made = add(
            &app,
            &analyst,
            BOARD,
            &[
                ("theme_id", "T-003"),
                ("title", "=HYPERLINK(\"http://evil.example\",\"click\")"),
                ("public_summary", "+1+1 residents"),
            ],
        )
        .await;
        assert_eq!(made.status(), StatusCode::SEE_OTHER);
        let response = analyst
            .get(app.url("/api/v1/actions.csv"))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("text/csv"))
        );
        let csv = response.text().await.expect("body");
        assert!(csv.starts_with("id,theme_id,theme_name,title,"), "{csv}");
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\""),
            "{csv}"
        );
        assert!(csv.contains("'+1+1 residents"), "{csv}");
        assert!(csv.contains(",proposed,"), "{csv}");

        let (status, json) = get(&app, &analyst, "/api/v1/actions?goal=").await;
        assert_eq!(status, StatusCode::OK, "{json}");
        let rows: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(rows[0]["theme_id"], "T-003");
        assert_eq!(rows[0]["status"], "proposed");
        let (status, json) = get(&app, &analyst, "/api/v1/actions?department=parks").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            json.contains("`department` must be a department id"),
            "{json}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'export'")
                .await,
            2
        );
        let (_, doc) = get(&app, &analyst, "/api/v1/openapi.json").await;
        assert!(doc.contains("/api/v1/actions.csv") && doc.contains("ActionView"));
    }
);

both_backends!(
    forms_go_back_only_to_pages_of_this_site,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        for hostile in [
            "//evil.example/",
            "https://evil.example/",
            "/\t/evil.example",
        ] {
            let response = post(
                &app,
                &analyst,
                BOARD,
                BOARD,
                &[
                    ("form", "new"),
                    ("next", hostile),
                    ("theme_id", "T-001"),
                    ("title", "Safe"),
                ],
            )
            .await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
            assert_eq!(location(&response), BOARD, "{hostile:?}");
        }
        let theme_page = "/staff/themes/T-001?run=2";
        let response = post(
            &app,
            &analyst,
            BOARD,
            BOARD,
            &[
                ("form", "new"),
                ("next", theme_page),
                ("theme_id", "T-001"),
                ("title", "From the theme page"),
            ],
        )
        .await;
        assert_eq!(location(&response), theme_page);
    }
);
