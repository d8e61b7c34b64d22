//! Translation files for the City's translators: an administrator exports a survey's texts in one
//! language as XLIFF 2.0, a translator fills the targets, and the file comes back through a check
//! (each problem with its line and unit), a preview and a confirmation that saves through the
//! translation page's own path (status and outdated records) and is audited. A refused file
//! saves nothing; only administrators may do any of it. Also: a translation page save that only
//! changes the status is saved, said and audited.

use app::i18n::Locale;
use app::models::staff::Role;
use app::models::survey::pick;
use app::models::survey_edit::text_slots;
use app::store::{survey_translations, surveys};
use reqwest::{Client, StatusCode};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, resident_survey};
use crate::staff::helpers::{get, post, signed_in, token};

fn page(slug: &str, code: &str) -> String {
    format!("/staff/admin/surveys/{slug}/translations/{code}")
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

/// Downloads the `code` file of survey `slug`.
async fn export(app: &TestApp, client: &Client, slug: &str, code: &str) -> String {
    let response = client
        .get(app.url(&format!("{}/export.xlf", page(slug, code))))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "application/xliff+xml; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("disposition")
        .to_owned();
    assert!(
        disposition.starts_with(&format!("attachment; filename=\"{slug}-v1-{code}.xlf\"")),
        "{disposition}"
    );
    response.text().await.expect("body")
}

/// Uploads `xliff` on the `code` translation page (with that page's form token); returns where
/// it went.
async fn import(app: &TestApp, client: &Client, slug: &str, code: &str, xliff: &str) -> String {
    let csrf = token(app, client, &page(slug, code)).await;
    let form = reqwest::multipart::Form::new().text("_csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(xliff.as_bytes().to_vec())
            .file_name(format!("{slug}-{code}.xlf"))
            .mime_str("application/xliff+xml")
            .expect("mime"),
    );
    let response = client
        .post(app.url(&format!("{}/import", page(slug, code))))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    location(&response)
}

/// The `<target>` of unit `id` replaced by `with`; also the line that target is on.
fn replace_target(xliff: &str, id: &str, with: &str) -> (String, u64) {
    let unit = xliff
        .find(&format!("<unit id=\"{id}\">"))
        .unwrap_or_else(|| panic!("unit {id}"));
    let start = unit + xliff[unit..].find("<target>").expect("target") + "<target>".len();
    let end = start + xliff[start..].find("</target>").expect("end of target");
    let line = xliff[..start].matches('\n').count() as u64 + 1;
    (format!("{}{with}{}", &xliff[..start], &xliff[end..]), line)
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM audit_event WHERE action = '{action}'"
    ))
    .await
}

both_backends!(
    an_exported_file_comes_back_through_a_preview_and_is_saved_on_confirmation,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let slug = resident_survey().slug;
        let xliff = export(&app, &admin, &slug, "vi").await;
        assert!(xliff.contains(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"vi\">"
        ));
        let current = surveys::current(&app.db, &slug).await.expect("survey");
        let slots = text_slots(&current.definition, Locale::Vi);
        assert_eq!(xliff.matches("<unit id=").count(), slots.len());
        assert_eq!(
            xliff.matches("<segment state=\"translated\">").count(),
            slots.len(),
            "every seeded draft is exported as translated"
        );
        assert_eq!(audited(&app, "translation_exported").await, 1);

        // The translator reviews every text and rewords the title.
        let new_title = "Khảo sát về dịch vụ trực tuyến của Thành phố San José (đã duyệt)";
        let (translated, _) = replace_target(&xliff, "title", new_title);
        let translated = translated.replace(
            "<segment state=\"translated\">",
            "<segment state=\"reviewed\">",
        );
        let to = import(&app, &admin, &slug, "vi", &translated).await;
        assert!(
            to.starts_with(&format!("{}/imports/", page(&slug, "vi"))),
            "{to}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM translation_import").await,
            1
        );
        assert_eq!(audited(&app, "translation_import_checked").await, 1);

        // The preview: the title's English, current and new translation; nothing saved yet.
        let (status, preview) = get(&app, &admin, &to).await;
        assert_eq!(status, StatusCode::OK, "{preview}");
        assert!(preview.contains("Check the translation file"), "{preview}");
        assert!(preview.contains("passed the checks"), "{preview}");
        assert!(preview.contains("Translation changed"), "{preview}");
        assert!(preview.contains(new_title));
        assert!(preview.contains(&pick(&current.definition.title, Locale::Vi)));
        assert!(preview.contains(&pick(&current.definition.title, Locale::En)));
        assert!(
            preview.contains("<option value=\"reviewed\" selected"),
            "every unit reviewed proposes reviewed: {preview}"
        );
        let unchanged = surveys::current(&app.db, &slug).await.expect("survey");
        assert_eq!(
            unchanged.definition, current.definition,
            "nothing saved yet"
        );

        // Confirmed: saved through the translation page's path, reviewed, audited.
        let response = post(
            &app,
            &admin,
            &to,
            &format!("{to}/confirm"),
            &[("_status", "reviewed")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), page(&slug, "vi"));
        let (_, after) = get(&app, &admin, &page(&slug, "vi")).await;
        assert!(after.contains("Imported “"), "{after}");
        assert!(
            after.contains("The translation's status changed from draft to reviewed."),
            "{after}"
        );
        let saved = surveys::current(&app.db, &slug).await.expect("survey");
        assert_eq!(pick(&saved.definition.title, Locale::Vi), new_title);
        let progress = survey_translations::progress(&app.db, &saved)
            .await
            .expect("progress");
        let vi = progress.iter().find(|p| p.code == "vi").expect("vi");
        assert_eq!(vi.summary(), "vi 100% · reviewed");
        assert_eq!(audited(&app, "translation_imported").await, 1);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM translation_import").await,
            0
        );
        // The same file again confirms nothing new.
        let again = import(&app, &admin, &slug, "vi", &translated).await;
        let (_, preview) = get(&app, &admin, &again).await;
        assert!(!preview.contains("Translation changed"), "{preview}");
    }
);

both_backends!(
    one_bad_unit_is_reported_with_its_line_and_nothing_is_saved,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let slug = resident_survey().slug;
        let before = surveys::current(&app.db, &slug).await.expect("survey");
        let field = text_slots(&before.definition, Locale::Vi)
            .into_iter()
            .find(|s| s.field.ends_with(".option.report_problem_311"))
            .expect("the 311 option")
            .field;
        let xliff = export(&app, &admin, &slug, "vi").await;
        // The number 311 is lost from one option's translation.
        let (broken, line) = replace_target(&xliff, &field, "Báo cáo sự cố, như ổ gà");
        let to = import(&app, &admin, &slug, "vi", &broken).await;
        let (_, html) = get(&app, &admin, &to).await;
        assert!(html.contains("Translation file not imported"), "{html}");
        assert!(html.contains("was not imported: 1 problem"), "{html}");
        let listed = html.matches("<li>Line ").count();
        assert_eq!(listed, 1, "exactly one problem: {html}");
        let expected = format!(
            "<li>Line {line}, unit {field}: the English has the number 311, which the translation does not"
        );
        assert!(html.contains(&expected), "{expected} in {html}");
        assert!(
            !html.contains("Save these translations"),
            "a refused file cannot be confirmed"
        );
        let after = surveys::current(&app.db, &slug).await.expect("survey");
        assert_eq!(after.definition, before.definition, "nothing saved");
        assert_eq!(audited(&app, "translation_import_refused").await, 1);
        assert_eq!(audited(&app, "translation_imported").await, 0);
        // Confirming it anyway is refused too.
        let response = post(&app, &admin, &to, &format!("{to}/confirm"), &[]).await;
        assert_eq!(location(&response), to);
        let after = surveys::current(&app.db, &slug).await.expect("survey");
        assert_eq!(after.definition, before.definition, "still nothing saved");
    }
);

both_backends!(
    a_file_in_another_language_is_refused_clearly,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let slug = resident_survey().slug;
        let before = surveys::current(&app.db, &slug).await.expect("survey");
        let tagalog = export(&app, &admin, &slug, "tl").await;
        let to = import(&app, &admin, &slug, "vi", &tagalog).await;
        let (_, html) = get(&app, &admin, &to).await;
        assert!(
            html.contains(
                "Line 2: This file is a translation into Tagalog (Tagalog, trgLang=&quot;tl&quot;), but this page is for Vietnamese (Tiếng Việt). Import it on the Tagalog page."
            ) || html.contains(
                "Line 2: This file is a translation into Tagalog (Tagalog, trgLang=\"tl\"), but this page is for Vietnamese (Tiếng Việt). Import it on the Tagalog page."
            ),
            "{html}"
        );
        let after = surveys::current(&app.db, &slug).await.expect("survey");
        assert_eq!(after.definition, before.definition);
        // Not an XLIFF file at all.
        let to = import(&app, &admin, &slug, "vi", "<html><body>hi</body></html>").await;
        let (_, html) = get(&app, &admin, &to).await;
        assert!(
            html.contains("This is not an XLIFF file: its first element is &lt;html&gt;"),
            "{html}"
        );
    }
);

both_backends!(
    only_administrators_export_and_import,
    |app: TestApp| async move {
        let slug = resident_survey().slug;
        let export_path = format!("{}/export.xlf", page(&slug, "vi"));
        let (anonymous, _) = (app.new_client(), ());
        let response = anonymous
            .get(app.url(&export_path))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        for role in [Role::Analyst, Role::Partner] {
            let (client, _) = signed_in(&app, role).await;
            let response = client.get(app.url(&export_path)).send().await.expect("GET");
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?}");
            let form = reqwest::multipart::Form::new().text("_csrf", "x").part(
                "file",
                reqwest::multipart::Part::bytes(b"<xliff/>".to_vec()).file_name("a.xlf"),
            );
            let response = client
                .post(app.url(&format!("{}/import", page(&slug, "vi"))))
                .multipart(form)
                .send()
                .await
                .expect("POST");
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?}");
        }
        assert_eq!(
            app.count("SELECT COUNT(*) FROM translation_import").await,
            0
        );
        assert_eq!(audited(&app, "translation_exported").await, 0);
    }
);

both_backends!(
    a_save_that_only_changes_the_status_is_saved_said_and_audited,
    |app: TestApp| async move {
        let (admin, _) = signed_in(&app, Role::Administrator).await;
        let slug = resident_survey().slug;
        let here = page(&slug, "vi");
        let (_, html) = get(&app, &admin, &here).await;
        let revision = crate::helpers::hidden_value(&html, "revision");
        let edits = audited(&app, "survey_edited").await;
        let response = post(
            &app,
            &admin,
            &here,
            &here,
            &[("revision", &revision), ("_status", "reviewed")],
        )
        .await;
        assert_eq!(location(&response), here);
        let (_, html) = get(&app, &admin, &here).await;
        assert!(
            html.contains("The translation's status changed from draft to reviewed."),
            "{html}"
        );
        assert!(!html.contains("Nothing changed."), "{html}");
        assert_eq!(audited(&app, "survey_edited").await, edits + 1);
        let current = surveys::current(&app.db, &slug).await.expect("survey");
        let record = survey_translations::record(&app.db, current.version_id, Locale::Vi)
            .await
            .expect("record")
            .expect("a record");
        assert_eq!(record.status.as_str(), "reviewed");
        // Saving the same again changes nothing and is not audited.
        let (_, html) = get(&app, &admin, &here).await;
        let revision = crate::helpers::hidden_value(&html, "revision");
        post(
            &app,
            &admin,
            &here,
            &here,
            &[("revision", &revision), ("_status", "reviewed")],
        )
        .await;
        let (_, html) = get(&app, &admin, &here).await;
        assert!(html.contains("Nothing changed."), "{html}");
        assert_eq!(audited(&app, "survey_edited").await, edits + 1);
    }
);
