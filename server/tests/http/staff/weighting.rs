//! Weighting set up in the browser (`/staff/admin/weighting`): an upload is checked by the same
//! service as `needscope weighting set`, previewed on the current respondents and kept as a draft
//! until activated; a bad line is named by file, line and column with the options kept; only
//! administrators may; activating (an older version too) changes only what the next run uses.

use app::models::staff::Role;
use reqwest::multipart::{Form, Part};
use reqwest::{Client, StatusCode};

use super::helpers::{get, signed_in, token};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};

const PAGE: &str = "/staff/admin/weighting";

/// Synthetic shares for the test only (not real San José figures).
const MARGINS: &str = "variable,category,share\n\
    council_district,1,0.5\ncouncil_district,2,0.5\n\
    tenure,own,0.4\ntenure,rent,0.6\n";
const EQUITY: &str = "area,score\n1,3\n2,9\n";

/// The options as the page fills them, with `changes` applied.
fn options(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut all = vec![
        ("index_name", "unspecified"),
        ("scale_min", "2"),
        ("scale_max", "10"),
        ("strength", "1"),
        ("trim_floor", "0.2"),
        ("trim_cap", "5"),
        ("replicates", "0"),
        ("seed", "42"),
    ];
    for (name, value) in changes {
        match all.iter_mut().find(|(n, _)| n == name) {
            Some(option) => option.1 = value,
            None => all.push((name, value)),
        }
    }
    all
}

/// Posts the upload form with `files` (`(input name, file name, body)`) and `options`; returns
/// the response (before the redirect).
async fn upload(
    app: &TestApp,
    client: &Client,
    files: &[(&str, &str, &[u8])],
    options: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = token(app, client, PAGE).await;
    let mut form = Form::new().text("_csrf", csrf);
    for (name, filename, body) in files {
        form = form.part(
            (*name).to_owned(),
            Part::bytes(body.to_vec()).file_name((*filename).to_owned()),
        );
    }
    for (k, v) in options {
        form = form.text((*k).to_owned(), (*v).to_owned());
    }
    client
        .post(app.url(PAGE))
        .multipart(form)
        .send()
        .await
        .expect("POST")
}

/// Uploads and returns the page shown after the redirect.
async fn upload_and_look(
    app: &TestApp,
    client: &Client,
    files: &[(&str, &str, &[u8])],
    options: &[(&str, &str)],
) -> String {
    let response = upload(app, client, files, options).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], PAGE);
    let (status, page) = get(app, client, PAGE).await;
    assert_eq!(status, StatusCode::OK);
    page
}

/// Posts a button form of the page (activate, discard).
async fn press(app: &TestApp, client: &Client, action: &str) -> String {
    let response = super::helpers::post(app, client, PAGE, action, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{action}");
    get(app, client, PAGE).await.1
}

async fn newest_draft(app: &TestApp) -> i64 {
    app.count("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM weighting_draft")
        .await
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM audit_event WHERE action = '{action}'"
    ))
    .await
}

both_backends!(
    a_good_upload_is_previewed_as_a_draft_then_activated,
    |app: TestApp| async move {
        seed_responses(&app).await;
        let (admin, email) = signed_in(&app, Role::Administrator).await;
        let (_, page) = get(&app, &admin, PAGE).await;
        assert!(page.contains("No version is in force yet"), "{page}");

        let files: [(&str, &str, &[u8]); 2] = [
            ("margins", "margins.csv", MARGINS.as_bytes()),
            ("equity", "equity.csv", EQUITY.as_bytes()),
        ];
        let page = upload_and_look(
            &app,
            &admin,
            &files,
            &options(&[("index_name", "Test index 2026")]),
        )
        .await;
        assert!(page.contains("kept as a draft, not in force"), "{page}");
        // The preview: design effect, weight range as multiples of the mean, trimmed share, and
        // per raking variable population against weighted shares.
        for shown in [
            "Preview on the 100 resident respondents",
            "Design effect (Kish)",
            "the mean",
            "Trimmed",
            "Fit on council_district",
            "Fit on tenure",
            "Design effect, raked × equity",
            "40.0%",
            "60.0%",
        ] {
            assert!(page.contains(shown), "{shown}: {page}");
        }
        // A draft is not in force.
        assert_eq!(app.count("SELECT COUNT(*) FROM weighting_config").await, 0);
        assert!(
            app::store::weighting::current(&app.db)
                .await
                .expect("db")
                .is_none()
        );
        assert_eq!(audited(&app, "weighting_uploaded").await, 1);

        let draft = newest_draft(&app).await;
        let page = press(
            &app,
            &admin,
            &format!("/staff/admin/weighting/drafts/{draft}/activate"),
        )
        .await;
        assert!(page.contains("Version 1 is in force"), "{page}");
        let current = app::store::weighting::current(&app.db)
            .await
            .expect("db")
            .expect("in force");
        assert_eq!(current.version, 1);
        assert_eq!(current.created_by.as_deref(), Some(email.as_str()));
        assert_eq!(app.count("SELECT COUNT(*) FROM weighting_draft").await, 0);
        assert_eq!(audited(&app, "weighting_activated").await, 1);
        // History: who, the index, in force, and the JSON.
        assert!(page.contains(&format!("by {email}")), "{page}");
        assert!(page.contains("Test index 2026"), "{page}");
        assert!(page.contains("in force since"), "{page}");
        let json = admin
            .get(app.url("/staff/admin/weighting/versions/1/config.json"))
            .send()
            .await
            .expect("GET");
        assert_eq!(json.status(), StatusCode::OK);
        let config: serde_json::Value =
            serde_json::from_str(&json.text().await.expect("body")).expect("json");
        assert_eq!(config["params"]["equity"]["index_name"], "Test index 2026");
        assert_eq!(config["margins"]["variables"][1]["name"], "tenure");

        // The same files again change nothing; other options make a draft that can be discarded.
        let page = upload_and_look(
            &app,
            &admin,
            &files,
            &options(&[("index_name", "Test index 2026")]),
        )
        .await;
        assert!(page.contains("already in force: nothing changed"), "{page}");
        assert_eq!(app.count("SELECT COUNT(*) FROM weighting_draft").await, 0);
        upload_and_look(&app, &admin, &files, &options(&[("trim_cap", "4")])).await;
        let draft = newest_draft(&app).await;
        let page = press(
            &app,
            &admin,
            &format!("/staff/admin/weighting/drafts/{draft}/discard"),
        )
        .await;
        assert!(page.contains("Draft discarded"), "{page}");
        assert_eq!(app.count("SELECT COUNT(*) FROM weighting_draft").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM weighting_config").await, 1);
        assert_eq!(audited(&app, "weighting_draft_discarded").await, 1);
        assert_eq!(audited(&app, "weighting_uploaded").await, 3);
    }
);

both_backends!(
    a_bad_line_is_named_by_file_line_and_column_and_the_options_stay,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let typed = options(&[("index_name", "My index 2025"), ("trim_floor", "0.3")]);
        // Council district 11 does not exist.
        let bad = "variable,category,share\ncouncil_district,1,0.5\ncouncil_district,11,0.5\n";
        let page = upload_and_look(
            &app,
            &admin,
            &[("margins", "districts.csv", bad.as_bytes())],
            &typed,
        )
        .await;
        assert!(
            page.contains(
                "“districts.csv”: margins file, line 3, column 2 (\"category\"): unknown council_district \"11\""
            ),
            "{page}"
        );
        assert!(page.contains("Choose the file again"), "{page}");
        assert!(page.contains("value=\"My index 2025\""), "{page}");
        assert!(page.contains("value=\"0.3\""), "{page}");
        assert!(
            !page.contains("name=\"higher_is_healthier\" value=\"on\" checked"),
            "an unticked box stays unticked: {page}"
        );
        assert!(
            page.contains("id=\"weighting-margins\"") && page.contains("aria-invalid=\"true\""),
            "{page}"
        );
        // A score that is not a number, in the equity index.
        let page = upload_and_look(
            &app,
            &admin,
            &[
                ("margins", "margins.csv", MARGINS.as_bytes()),
                ("equity", "scores.csv", b"area,score\n1,3\n2,high\n"),
            ],
            &typed,
        )
        .await;
        assert!(
            page.contains("“scores.csv”: equity index file, line 3, column 2 (\"score\")"),
            "{page}"
        );
        // A file that is not UTF-8: the line and column of the first bad byte.
        let page = upload_and_look(
            &app,
            &admin,
            &[(
                "margins",
                "latin1.csv",
                b"variable,category,share\nlanguage,espa\xf1ol,1\n",
            )],
            &typed,
        )
        .await;
        assert!(
            page.contains("“latin1.csv”: margins file, line 2, column 14: not valid UTF-8"),
            "{page}"
        );
        // An option out of range is named too.
        let page = upload_and_look(
            &app,
            &admin,
            &[("margins", "margins.csv", MARGINS.as_bytes())],
            &options(&[("trim_floor", "1.5")]),
        )
        .await;
        assert!(page.contains("trim_floor must be in [0, 1)"), "{page}");
        // A file over the limit (4 MB each) is refused with the limit said.
        let mut big = b"variable,category,share\n".to_vec();
        big.resize(5 * 1024 * 1024, b'#');
        let page = upload_and_look(&app, &admin, &[("margins", "huge.csv", &big)], &typed).await;
        assert!(
            page.contains("The margins file “huge.csv” is larger than 4 MB"),
            "{page}"
        );
        assert!(page.contains("value=\"My index 2025\""), "{page}");
        // No margins file at all.
        let page = upload_and_look(&app, &admin, &[], &typed).await;
        assert!(
            page.contains("Choose the population margins file"),
            "{page}"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM weighting_draft").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM weighting_config").await, 0);
        // Refused uploads are in the audit log with their problem (the bad line, the score, the
        // encoding, the option; the oversized and missing files never reach the checks).
        assert_eq!(audited(&app, "weighting_upload_refused").await, 4);
    }
);

both_backends!(
    only_administrators_set_up_weighting,
    |app: TestApp| async move {
        let version = store_weighting(&app).await;
        for role in [Role::Analyst, Role::Partner] {
            let (client, _) = signed_in(&app, role).await;
            assert_eq!(get(&app, &client, PAGE).await.0, StatusCode::FORBIDDEN);
            let json = client
                .get(app.url(&format!(
                    "/staff/admin/weighting/versions/{version}/config.json"
                )))
                .send()
                .await
                .expect("GET");
            assert_eq!(json.status(), StatusCode::FORBIDDEN, "{role:?}");
            let csrf = token(&app, &client, "/account").await;
            let form = Form::new().text("_csrf", csrf.clone()).part(
                "margins",
                Part::bytes(MARGINS.as_bytes().to_vec()).file_name("m.csv"),
            );
            let response = client
                .post(app.url(PAGE))
                .multipart(form)
                .send()
                .await
                .expect("POST");
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?} upload");
            let response = client
                .post(app.url(&format!(
                    "/staff/admin/weighting/versions/{version}/activate"
                )))
                .form(&[("_csrf", csrf.as_str())])
                .send()
                .await
                .expect("POST");
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "{role:?} activate"
            );
        }
        // An administrator without the form token is refused too.
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let form = Form::new().part(
            "margins",
            Part::bytes(MARGINS.as_bytes().to_vec()).file_name("m.csv"),
        );
        let response = admin
            .post(app.url(PAGE))
            .multipart(form)
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "no form token");
        assert_eq!(app.count("SELECT COUNT(*) FROM weighting_draft").await, 0);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM weighting_activation").await,
            1
        );
    }
);

both_backends!(
    activating_an_older_version_changes_only_the_next_run,
    |app: TestApp| async move {
        seed_responses(&app).await;
        let v1 = store_weighting(&app).await;
        let first = server::runs::new_run(&app.db, None, None, 42)
            .await
            .expect("run on v1");
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let even = "variable,category,share\ncouncil_district,1,0.5\ncouncil_district,2,0.5\n";
        upload_and_look(
            &app,
            &admin,
            &[("margins", "even.csv", even.as_bytes())],
            &options(&[]),
        )
        .await;
        let draft = newest_draft(&app).await;
        let page = press(
            &app,
            &admin,
            &format!("/staff/admin/weighting/drafts/{draft}/activate"),
        )
        .await;
        assert!(page.contains("Version 2 is in force"), "{page}");
        let second = server::runs::new_run(&app.db, None, None, 42)
            .await
            .expect("run on v2");
        let page = press(
            &app,
            &admin,
            &format!("/staff/admin/weighting/versions/{v1}/activate"),
        )
        .await;
        assert!(page.contains("Version 1 is in force again"), "{page}");
        assert_eq!(audited(&app, "weighting_activated").await, 2);
        let third = server::runs::new_run(&app.db, None, None, 42)
            .await
            .expect("run on v1 again");
        let used = |id: i32| {
            let db = app.db.clone();
            async move {
                app::store::runs::get(&db, id)
                    .await
                    .expect("db")
                    .expect("run")
                    .weighting_version
            }
        };
        assert_eq!(used(first).await, Some(1));
        assert_eq!(used(second).await, Some(2));
        assert_eq!(used(third).await, Some(1));
        // Runs made before the change still reproduce exactly.
        for run in [first, second] {
            let (same, _) = server::runs::verify(&app.db, None, run)
                .await
                .expect("verify");
            assert!(same, "run {run} reproduces after activations");
        }
    }
);

both_backends!(
    an_unweighted_dashboard_shows_the_way_to_weighting,
    |app: TestApp| async move {
        seed_responses(&app).await;
        server::runs::new_run(&app.db, None, None, 42)
            .await
            .expect("run without weighting");
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let (status, page) = get(&app, &admin, "/staff/dashboard").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Not equity-weighted"), "{page}");
        assert!(
            page.contains("href=\"/staff/admin/weighting\">Set up or change the weighting"),
            "administrators get the link: {page}"
        );
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let (_, page) = get(&app, &analyst, "/staff/dashboard").await;
        assert!(
            page.contains("Ask an administrator to set up the weighting"),
            "{page}"
        );
        assert!(
            !page.contains("Set up or change the weighting"),
            "analysts cannot open the page, so no link: {page}"
        );
    }
);
