//! Partners see, confirm and delete only their own uploads; someone else's document answers as if
//! it did not exist. Staff see confirmed documents, never pending ones; partners never see the
//! staff list.

use app::models::staff::Role;
use reqwest::StatusCode;

use super::fixtures::{METADATA, location, upload};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::staff::helpers::{get, post, signed_in};

const SECRET: &str =
    "Our tenants' association meets in the church basement because the library closed.";

both_backends!(
    partners_reach_only_their_own_uploads,
    |app: TestApp| async move {
        let (alice, _) = signed_in(&app, Role::Partner).await;
        let (bob, _) = signed_in(&app, Role::Partner).await;
        // An upload without the session's form token is refused, and nothing is stored.
        let form = reqwest::multipart::Form::new()
            .text("_csrf", "forged")
            .text("community", "x")
            .part(
                "file",
                reqwest::multipart::Part::bytes(SECRET.as_bytes().to_vec()).file_name("a.txt"),
            );
        let response = alice
            .post(app.url("/notes"))
            .multipart(form)
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.count("SELECT COUNT(*) FROM note_document").await, 0);
        let response = upload(&app, &alice, "alice.txt", SECRET.into(), &METADATA).await;
        let page = location(&response);
        let id: i32 = page.trim_start_matches("/notes/").parse().expect("id");

        // Pending: the analyst does not see it yet.
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let (_, list) = get(&app, &analyst, "/staff/notes").await;
        assert!(
            !list.contains("alice.txt"),
            "pending uploads are the uploader's alone"
        );
        let (_, one) = get(&app, &analyst, &format!("/staff/notes/{id}")).await;
        assert!(!one.contains("church basement"));

        post(&app, &alice, &page, &format!("{page}/confirm"), &[]).await;

        // Bob: not in his list, not on the page, not through the server function.
        let (_, list) = get(&app, &bob, "/notes").await;
        assert!(!list.contains("alice.txt"));
        let (_, html) = get(&app, &bob, &page).await;
        assert!(
            !html.contains("church basement") && html.contains("There is nothing here"),
            "{html}"
        );
        let body = bob
            .post(app.url("/api/notes/one"))
            .form(&[("id", id.to_string())])
            .send()
            .await
            .expect("server fn")
            .text()
            .await
            .expect("body");
        assert!(
            body.contains("NotFound") && !body.contains("church"),
            "{body}"
        );
        // …nor can he delete it.
        let response = post(&app, &bob, "/notes", &format!("{page}/delete"), &[]).await;
        assert_eq!(location(&response), "/notes");
        let (_, html) = get(&app, &bob, "/notes").await;
        assert!(
            html.contains("There is no such document among your uploads"),
            "{html}"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM note_document").await, 1);
        // Partners never see the staff list.
        assert_eq!(
            get(&app, &bob, "/staff/notes").await.0,
            StatusCode::FORBIDDEN
        );

        // Staff see the confirmed document and who uploaded it.
        let (_, list) = get(&app, &analyst, "/staff/notes").await;
        assert!(
            list.contains("alice.txt") && list.contains("Test partner"),
            "{list}"
        );
        let (_, one) = get(&app, &analyst, &format!("/staff/notes/{id}")).await;
        assert!(one.contains("church basement"));

        // Alice deletes it: gone, and the deletion is in the audit log.
        let response = post(&app, &alice, &page, &format!("{page}/delete"), &[]).await;
        assert_eq!(location(&response), "/notes");
        let (_, html) = get(&app, &alice, "/notes").await;
        assert!(
            html.contains("will not be in future analysis runs"),
            "{html}"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM note_document").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM note_passage").await, 0);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'note_deleted'")
                .await,
            1
        );
    }
);
