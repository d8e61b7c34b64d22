//! Imported reports are stored once per source and request id, on both databases.

use app::store::reports::{NewReport, insert_batch};

use crate::both_backends;
use crate::helpers::{Backend, TestApp};

fn report(id: &str) -> NewReport {
    NewReport {
        external_id: id.into(),
        text: format!("Pothole number {id}"),
        category: Some("Streets".into()),
        requested_at: None,
        district: Some("3".into()),
        zip: Some("95122".into()),
    }
}

both_backends!(re_importing_adds_nothing_twice, |app: TestApp| async move {
    let first = insert_batch(&app.db, "sj311", vec![report("1"), report("2")])
        .await
        .expect("insert");
    assert_eq!(first, 2);
    let again = insert_batch(&app.db, "sj311", vec![report("2"), report("3")])
        .await
        .expect("insert");
    assert_eq!(again, 1, "only the new request id is stored");
    let other_source = insert_batch(&app.db, "open311", vec![report("1")])
        .await
        .expect("insert");
    assert_eq!(other_source, 1, "ids are unique per source");
    assert_eq!(app.count("SELECT COUNT(*) FROM report").await, 4);
});

/// Uploads `body` as `filename` to the browser import with `fields`; returns the page after.
async fn import_in_browser(
    app: &TestApp,
    client: &reqwest::Client,
    filename: &str,
    body: &str,
    fields: &[(&str, &str)],
) -> String {
    let csrf = crate::staff::helpers::token(app, client, "/staff/reports").await;
    let mut form = reqwest::multipart::Form::new().text("_csrf", csrf);
    for (k, v) in fields {
        form = form.text((*k).to_owned(), (*v).to_owned());
    }
    form = form.part(
        "file",
        reqwest::multipart::Part::bytes(body.as_bytes().to_vec()).file_name(filename.to_owned()),
    );
    let response = client
        .post(app.url("/staff/reports"))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
    crate::staff::helpers::get(app, client, "/staff/reports")
        .await
        .1
}

both_backends!(
    staff_import_reports_in_the_browser,
    |app: TestApp| async move {
        use app::models::staff::Role;
        let (analyst, _) = crate::staff::helpers::signed_in(&app, Role::Analyst).await;
        let csv = "request_id,description,opened\n\
                   A1,Pothole on Story Road,2026-03-01\n\
                   A2,,2026-03-02\n\
                   A3,Streetlight out on King Road,not a date\n\
                   A4,Graffiti on the wall,2026-03-04\n";
        let columns = [
            ("source", "sj311"),
            ("id_column", "request_id"),
            ("text_column", "description"),
            ("date_column", "opened"),
        ];
        let page = import_in_browser(&app, &analyst, "requests.csv", csv, &columns).await;
        assert!(
            page.contains("4 rows read, 2 imported, 0 already there, 2 refused"),
            "{page}"
        );
        assert!(
            page.contains("line 3") && page.contains("line 4"),
            "refused rows with their lines: {page}"
        );
        assert!(page.contains("<td>sj311</td><td>2</td>"), "{page}");
        // Again: nothing twice.
        let page = import_in_browser(&app, &analyst, "requests.csv", csv, &columns).await;
        assert!(page.contains("0 imported, 2 already there"), "{page}");
        // A wrong column is named the way the page names it, and what was typed stays.
        let wrong = [
            ("source", "sj311"),
            ("id_column", "id"),
            ("text_column", "description"),
        ];
        let page = import_in_browser(&app, &analyst, "requests.csv", csv, &wrong).await;
        assert!(
            page.contains("The request id column \"id\": no such column"),
            "{page}"
        );
        assert!(
            page.contains("request_id, description, opened"),
            "the file's columns are listed"
        );
        assert!(page.contains("value=\"description\""), "{page}");
        // Open311 JSON needs no columns.
        let json = r#"[{"service_request_id":"B1","description":"Illegal dumping behind the market","requested_datetime":"2026-03-05T10:00:00Z"}]"#;
        let page = import_in_browser(
            &app,
            &analyst,
            "requests.json",
            json,
            &[("source", "open311")],
        )
        .await;
        assert!(page.contains("1 rows read, 1 imported"), "{page}");
        assert_eq!(app.count("SELECT COUNT(*) FROM report").await, 3);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'reports_imported'")
                .await,
            3
        );
    }
);
