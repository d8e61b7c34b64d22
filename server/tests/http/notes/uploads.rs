//! Each format uploads, previews with redactions marked and confirms; bad files and bad metadata
//! are refused naming the problem, keep what was typed, and store nothing.

use app::models::staff::Role;
use reqwest::StatusCode;

use super::fixtures::{METADATA, docx, encrypted_pdf, location, pdf, upload};
use crate::helpers::{Backend, TestApp};
use crate::staff::helpers::{get, post, signed_in};
use crate::{both_backends, both_backends_with};

const PHONE_LINE: &str = "Call her daughter at 408-555-0199 about the food pantry hours.";

both_backends!(
    every_format_uploads_previews_and_confirms,
    |app: TestApp| async move {
        let (partner, _) = signed_in(&app, Role::Partner).await;
        let long = "The clinic on Story Road closes at five, so parents who work cannot bring their children after school.";
        let files: Vec<(&str, Vec<u8>)> = vec![
            (
                "notes.txt",
                format!("{long}\n\n{PHONE_LINE}\n").into_bytes(),
            ),
            (
                "notes.md",
                format!("# Interview 4\n\n{long}\n\n* {PHONE_LINE}\n").into_bytes(),
            ),
            ("Interview.DOCX", docx(&[long, PHONE_LINE])),
            // Lines as a PDF lays them out: a paragraph ends on a short line.
            (
                "scan.pdf",
                pdf(&[
                    "The clinic on Story Road closes at five, so parents who work",
                    "cannot bring their children after school.",
                    PHONE_LINE,
                ]),
            ),
        ];
        for (i, (name, bytes)) in files.into_iter().enumerate() {
            let response = upload(&app, &partner, name, bytes, &METADATA).await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name}");
            let page = location(&response);
            assert!(page.starts_with("/notes/"), "{name} → {page}");
            let (status, html) = get(&app, &partner, &page).await;
            assert_eq!(status, StatusCode::OK);
            assert!(
                html.contains("Check before it is analysed"),
                "{name}: {html}"
            );
            assert!(
                html.contains("Story Road closes at five"),
                "{name}: the text"
            );
            assert!(
                html.contains("class=\"redaction\"") && html.contains("[phone]"),
                "{name}: the phone number is marked as removed"
            );
            assert!(
                !html.contains("555-0199"),
                "{name}: the number itself is gone"
            );
            assert!(html.contains("1 phone number"), "{name}: counts shown");
            // Nothing is analysable before confirmation.
            assert_eq!(
                app.count("SELECT COUNT(*) FROM note_passage").await,
                2 * i as i64
            );
            let response = post(&app, &partner, &page, &format!("{page}/confirm"), &[]).await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
            let (_, html) = get(&app, &partner, &page).await;
            assert!(
                html.contains("will be in the next analysis run"),
                "{name}: {html}"
            );
            assert!(html.contains("Delete this document"));
            assert_eq!(
                app.count("SELECT COUNT(*) FROM note_passage").await,
                2 * (i as i64 + 1),
                "{name}: two passages stored"
            );
        }
        let stored: Vec<String> = {
            use sea_orm::EntityTrait;
            app::store::entities::note_passage::Entity::find()
                .all(&app.db)
                .await
                .expect("passages")
                .into_iter()
                .map(|p| p.text)
                .collect()
        };
        assert!(
            stored.iter().all(|t| !t.contains("555-0199")),
            "only redacted text is stored"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM note_document WHERE status = 'confirmed' AND organization = 'Casa Esperanza'").await,
            4,
            "a partner's uploads are tied to their organization"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action IN ('note_uploaded', 'note_confirmed')").await,
            8
        );
    }
);

both_backends_with!(
    bad_files_are_refused_with_the_reason_and_nothing_is_stored,
    |s: &mut server::config::Settings| {
        s.notes_max_megabytes = 1;
        s.notes_max_documents = 2;
    },
    |app: TestApp| async move {
        let (partner, _) = signed_in(&app, Role::Partner).await;
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("big.txt", vec![b'a'; 1_100_000], "larger than 1 MB"),
            // Over the request limit too: refused while it streams in, the fields still kept.
            ("huge.txt", vec![b'a'; 3_000_000], "larger than 1 MB"),
            (
                "notes.doc",
                b"old word".to_vec(),
                "is not a .txt, .md, .docx or .pdf file",
            ),
            (
                "broken.docx",
                b"PK\x03\x04 not really".to_vec(),
                "is not a valid .docx document",
            ),
            ("locked.pdf", encrypted_pdf(), "password-protected"),
            (
                "torn.pdf",
                b"%PDF-1.7\n1 0 obj <<".to_vec(),
                "is not a readable PDF",
            ),
            ("empty.txt", Vec::new(), "the file is empty"),
            (
                "latin1.txt",
                b"caf\xe9 con leche".to_vec(),
                "not UTF-8 text (byte 4",
            ),
            ("blank.pdf", pdf(&[]), "no text could be found"),
        ];
        for (name, bytes, reason) in cases {
            let response = upload(&app, &partner, name, bytes, &METADATA).await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name}");
            assert_eq!(location(&response), "/notes", "{name}");
            let (_, html) = get(&app, &partner, "/notes").await;
            assert!(
                html.contains(reason),
                "{name}: expected “{reason}” in {html}"
            );
            assert!(html.contains("Choose the file again"), "{name}");
            assert!(
                html.contains("value=\"Vietnamese-speaking seniors, District 7\""),
                "{name}: what was typed is kept"
            );
            assert!(
                html.contains("aria-invalid=\"true\""),
                "{name}: the file field is marked"
            );
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM note_document").await, 0);

        // Metadata problems name the field and keep the rest.
        let mut no_community = METADATA.to_vec();
        no_community[0].1 = " ";
        let mut future = METADATA.to_vec();
        future[1].1 = "2999-01-01";
        let mut bad_date = METADATA.to_vec();
        bad_date[1].1 = "14/03/2026";
        let mut no_language = METADATA.to_vec();
        no_language[3].1 = "fr";
        for (fields, reason, field) in [
            (
                no_community,
                "Fill in the community served.",
                "note-community",
            ),
            (future, "The interview date is in the future.", "note-date"),
            (bad_date, "“14/03/2026” is not a date", "note-date"),
            (no_language, "Choose the language", "note-language"),
        ] {
            let response = upload(&app, &partner, "ok.txt", PHONE_LINE.into(), &fields).await;
            assert_eq!(location(&response), "/notes");
            let (_, html) = get(&app, &partner, "/notes").await;
            assert!(html.contains(reason), "expected “{reason}” in {html}");
            assert!(
                html.contains(&format!("id=\"{field}\"")) && html.contains("aria-invalid=\"true\""),
                "{field} is marked"
            );
            assert!(
                html.contains("value=\"resident\""),
                "the role typed is kept"
            );
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM note_document").await, 0);

        // At most two documents per account.
        for _ in 0..2 {
            let response = upload(&app, &partner, "ok.txt", PHONE_LINE.into(), &METADATA).await;
            assert!(location(&response).starts_with("/notes/"));
        }
        let response = upload(&app, &partner, "third.txt", PHONE_LINE.into(), &METADATA).await;
        assert_eq!(location(&response), "/notes");
        let (_, html) = get(&app, &partner, "/notes").await;
        assert!(html.contains("You already have 2 documents"), "{html}");
        assert_eq!(app.count("SELECT COUNT(*) FROM note_document").await, 2);
    }
);
