//! The strategy frame administrators keep (`/staff/admin/strategy`): the seeded goals are listed;
//! names are unique whatever their case (a duplicate goes back with the field named and what was
//! typed kept); goals move up and down; something in use is archived, not deleted; analysts and
//! partners cannot change any of it. Every change is in the audit log.

use app::models::staff::Role;
use app::store::strategy;
use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::staff::helpers::{get, post, signed_in, token};

const PAGE: &str = "/staff/admin/strategy";

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

both_backends!(
    the_seeded_goals_are_listed_in_order,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let (status, html) = get(&app, &admin, PAGE).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        let at = |name: &str| {
            html.find(name)
                .unwrap_or_else(|| panic!("{name} missing from {html}"))
        };
        let order = [
            at("at the centre"),
            at("Inclusion and equity"),
            at("Digital first"),
            at("Empowered employees"),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert!(html.contains("<h1>Strategy goals and departments</h1>"));
        assert!(
            html.contains("href=\"/staff/admin/strategy\""),
            "nav link for admins"
        );
    }
);

both_backends!(
    a_duplicate_department_name_is_refused_on_its_field_and_kept,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let add = |name: &'static str| {
            let (app, admin) = (&app, &admin);
            async move {
                post(
                    app,
                    admin,
                    PAGE,
                    "/staff/admin/strategy/departments",
                    &[("form", "department-new"), ("name", name)],
                )
                .await
            }
        };
        let first = add("Parks, Recreation and Neighborhood Services").await;
        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&first), PAGE);
        let (_, html) = get(&app, &admin, PAGE).await;
        assert!(
            html.contains("Department “Parks, Recreation and Neighborhood Services” added."),
            "{html}"
        );

        let again = add("PARKS, recreation and neighborhood services").await;
        assert_eq!(again.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &admin, PAGE).await;
        assert!(
            html.contains("Name: there is already a department named “Parks, Recreation and Neighborhood Services”"),
            "{html}"
        );
        assert!(
            html.contains("value=\"PARKS, recreation and neighborhood services\""),
            "what was typed is kept: {html}"
        );
        assert!(
            html.contains("id=\"department-new-name\"") && html.contains("aria-invalid=\"true\""),
            "the field is marked: {html}"
        );
        assert!(html.contains("id=\"department-new-name-problem\""));
        assert_eq!(app.count("SELECT COUNT(*) FROM department").await, 1);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'department_added'")
                .await,
            1
        );

        // Goals too, and renaming onto another goal's name.
        let goals = strategy::goals(&app.db, true).await.expect("goals");
        let second = goals[1].id;
        let response = post(
            &app,
            &admin,
            PAGE,
            &format!("/staff/admin/strategy/goals/{second}"),
            &[
                ("form", &format!("goal-{second}")),
                ("name", "digital FIRST"),
                ("description", "Typed and kept"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &admin, PAGE).await;
        assert!(
            html.contains("there is already a goal named “Digital first”"),
            "{html}"
        );
        assert!(html.contains("value=\"digital FIRST\""), "{html}");
        assert!(html.contains(">Typed and kept</textarea>"), "{html}");
        assert_eq!(
            strategy::goals(&app.db, true).await.expect("goals")[1].name,
            goals[1].name,
            "unchanged"
        );
    }
);

both_backends!(
    goals_move_up_and_down_and_are_renamed,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let goals = strategy::goals(&app.db, true).await.expect("goals");
        let third = &goals[2];
        let response = post(
            &app,
            &admin,
            PAGE,
            &format!("/staff/admin/strategy/goals/{}/move", third.id),
            &[("direction", "up")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let now: Vec<i32> = strategy::goals(&app.db, true)
            .await
            .expect("goals")
            .iter()
            .map(|g| g.id)
            .collect();
        assert_eq!(now, [goals[0].id, goals[2].id, goals[1].id, goals[3].id]);
        let (_, html) = get(&app, &admin, PAGE).await;
        assert!(
            html.contains(&format!("Goal “{}” is now number 2.", third.name)),
            "{html}"
        );

        let response = post(
            &app,
            &admin,
            PAGE,
            &format!("/staff/admin/strategy/goals/{}", third.id),
            &[
                ("form", &format!("goal-{}", third.id)),
                ("name", "Digital by default"),
                (
                    "description",
                    "Services online first, with help for those who need it.",
                ),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &admin, PAGE).await;
        assert!(html.contains("Goal “Digital by default” saved."), "{html}");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action IN ('strategy_goal_moved', 'strategy_goal_edited')")
                .await,
            2
        );
    }
);

both_backends!(
    what_is_in_use_is_archived_not_deleted,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let used = strategy::add_department(&app.db, "Transportation")
            .await
            .expect("department");
        let unused = strategy::add_department(&app.db, "Library")
            .await
            .expect("department");
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let made = post(
            &app,
            &analyst,
            "/staff/actions",
            "/staff/actions",
            &[
                ("form", "new"),
                ("theme_id", "T-001"),
                ("title", "Safer crossings"),
                ("department", &used.id.to_string()),
            ],
        )
        .await;
        assert_eq!(made.status(), StatusCode::SEE_OTHER);

        // The page offers delete only for the unused one.
        let (_, html) = get(&app, &admin, PAGE).await;
        assert!(html.contains("aria-label=\"Delete “Library”\""), "{html}");
        assert!(
            !html.contains("aria-label=\"Delete “Transportation”\""),
            "{html}"
        );

        let refused = post(
            &app,
            &admin,
            PAGE,
            &format!("/staff/admin/strategy/departments/{}/delete", used.id),
            &[],
        )
        .await;
        assert_eq!(refused.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &admin, PAGE).await;
        assert!(
            html.contains(
                "This department is used by 1 theme or action: archive it instead of deleting it."
            ),
            "{html}"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM department").await, 2);

        let archived = post(
            &app,
            &admin,
            PAGE,
            &format!("/staff/admin/strategy/departments/{}/archive", used.id),
            &[("archived", "1")],
        )
        .await;
        assert_eq!(archived.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &admin, PAGE).await;
        assert!(
            html.contains("Department “Transportation” archived"),
            "{html}"
        );
        assert!(
            html.contains("aria-label=\"Bring back “Transportation”\""),
            "{html}"
        );
        assert!(
            strategy::departments(&app.db, false)
                .await
                .expect("departments")
                .iter()
                .all(|d| d.id != used.id),
            "archived departments are not offered"
        );
        // A new action cannot be given an archived department.
        let refused = post(
            &app,
            &analyst,
            "/staff/actions",
            "/staff/actions",
            &[
                ("form", "new"),
                ("theme_id", "T-002"),
                ("title", "Bus shelters"),
                ("department", &used.id.to_string()),
            ],
        )
        .await;
        assert_eq!(refused.status(), StatusCode::SEE_OTHER);
        let (_, html) = get(&app, &analyst, "/staff/actions").await;
        assert!(html.contains("“Transportation” is archived"), "{html}");

        let deleted = post(
            &app,
            &admin,
            PAGE,
            &format!("/staff/admin/strategy/departments/{}/delete", unused.id),
            &[],
        )
        .await;
        assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.count("SELECT COUNT(*) FROM department").await, 1);

        let goal = strategy::goals(&app.db, false).await.expect("goals")[0].clone();
        let archived = post(
            &app,
            &admin,
            PAGE,
            &format!("/staff/admin/strategy/goals/{}/archive", goal.id),
            &[("archived", "1")],
        )
        .await;
        assert_eq!(archived.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            strategy::goals(&app.db, false).await.expect("goals").len(),
            3
        );
        assert_eq!(
            strategy::goals(&app.db, true).await.expect("goals").len(),
            4
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action IN ('department_archived', 'department_deleted', 'strategy_goal_archived')")
                .await,
            3
        );
    }
);

both_backends!(
    only_administrators_keep_the_strategy_frame,
    |app: TestApp| async move {
        for role in [Role::Analyst, Role::Partner] {
            let (client, _) = signed_in(&app, role).await;
            let (status, _) = get(&app, &client, PAGE).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} page");
            let csrf = token(&app, &client, "/account").await;
            let response = client
                .post(app.url("/staff/admin/strategy/departments"))
                .form(&[("_csrf", csrf.as_str()), ("name", "Sneaky")])
                .send()
                .await
                .expect("POST");
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?} form");
            let (_, account) = get(&app, &client, "/account").await;
            assert!(
                !account.contains("href=\"/staff/admin/strategy\""),
                "{role:?} has no Strategy link"
            );
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM department").await, 0);
    }
);
