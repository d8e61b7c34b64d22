//! Confirmed notes enter analysis runs as their own stream, each document one source however
//! many passages it has; their quotes link to the document for staff; deleting a document takes
//! its text out of future runs and off the dashboard.

use app::models::dashboard::DashboardData;
use app::models::staff::Role;

use super::fixtures::{METADATA, docx, location, upload};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};
use crate::staff::helpers::{post, signed_in};

/// About parks, which residents in the fixture write about too: one document alone could not make
/// a theme (themes need at least ten sources), so its passages join the residents' park theme.
const PASSAGES: [&str; 8] = [
    "The park playground has no shade trees, so the slides are too hot for the kids in summer.",
    "Parents asked for more shade and benches at the park near the playground.",
    "The park restrooms are broken and locked, so families leave the playground early.",
    "Seniors want benches in the shade at the park because there is nowhere to sit.",
    "Plant trees at the park: the playground is too hot without any shade.",
    "The water fountains at the park are broken and the playground has no shade.",
    "Kids cannot use the park playground in the afternoon because it is too hot.",
    "More shade structures and picnic tables at the park would help families stay.",
];

async fn themes(app: &TestApp, client: &reqwest::Client, run: i32) -> DashboardData {
    let body = client
        .get(app.url(&format!("/api/v1/runs/{run}/themes.json")))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

both_backends!(
    notes_are_one_source_per_document_and_deletion_removes_them,
    |app: TestApp| async move {
        seed_responses(&app).await;
        store_weighting(&app).await;
        let (partner, _) = signed_in(&app, Role::Partner).await;
        let response = upload(&app, &partner, "parks.docx", docx(&PASSAGES), &METADATA).await;
        let page = location(&response);
        let id = page.trim_start_matches("/notes/").to_owned();
        post(&app, &partner, &page, &format!("{page}/confirm"), &[]).await;

        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let data = themes(&app, &analyst, run).await;
        let notes_sources: usize = data
            .themes
            .iter()
            .flat_map(|t| t.by_stream.iter())
            .filter(|(s, _)| s == "notes")
            .map(|(_, n)| *n)
            .sum();
        assert!(
            notes_sources >= 1,
            "the notes are analysed: {:?}",
            data.themes
        );
        for t in &data.themes {
            for (stream, n) in &t.by_stream {
                if stream == "notes" {
                    assert_eq!(*n, 1, "one document counts once in {}", t.label);
                }
            }
        }
        let parks = data
            .themes
            .iter()
            .find(|t| {
                t.by_stream.iter().any(|(s, n)| s == "notes" && *n == 1)
                    && t.quotes.iter().any(|q| q.link.is_some())
            })
            .unwrap_or_else(|| panic!("a theme quotes the notes: {:#?}", data.themes));
        let quote = parks
            .quotes
            .iter()
            .find(|q| q.link.is_some())
            .expect("quote");
        assert_eq!(
            quote.link.as_deref(),
            Some(format!("/staff/notes/{id}").as_str())
        );
        assert!(quote.source.contains("parks.docx") && quote.source.contains("Casa Esperanza"));
        assert!(quote.text.contains("park"));

        let (same, _) = server::runs::verify(&app.db, None, run)
            .await
            .expect("verify");
        assert!(same, "a run over notes repeats exactly");

        // The partner deletes the document: the next run has none of it, the earlier run's
        // dashboard stops quoting it, and verifying the earlier run says why it cannot repeat.
        post(&app, &partner, &page, &format!("{page}/delete"), &[]).await;
        let problem = server::runs::verify(&app.db, None, run)
            .await
            .expect_err("the text is gone");
        assert!(
            problem.to_string().contains("deleted a document since"),
            "{problem}"
        );
        let after = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let data = themes(&app, &analyst, after).await;
        assert!(
            data.themes
                .iter()
                .all(|t| t.by_stream.iter().all(|(s, _)| s != "notes"))
        );
        let model = app
            .count(&format!(
                "SELECT COUNT(*) FROM analysis_run WHERE id = {after} AND last_passage_id IS NULL"
            ))
            .await;
        assert_eq!(model, 1, "the new run read no passages");
        let earlier = themes(&app, &analyst, run).await;
        assert!(
            earlier
                .themes
                .iter()
                .flat_map(|t| &t.quotes)
                .all(|q| q.link.is_none()),
            "a deleted document is not quoted again"
        );
        let row = app::store::runs::get(&app.db, run)
            .await
            .expect("read")
            .expect("run");
        let logged: analysis::ThemeReport =
            serde_json::from_value(row.themes.clone()).expect("themes");
        let quoted = |r: &analysis::ThemeReport| {
            r.themes
                .iter()
                .flat_map(|t| &t.quotes)
                .filter(|q| q.unit_id.starts_with("passage:"))
                .count()
        };
        assert!(quoted(&logged) > 0, "the run logged quotes from the notes");
        let shown = server::runs::shown_themes(&app.db, &row)
            .await
            .expect("shown");
        assert_eq!(quoted(&shown), 0, "`runs show` does not print them again");
    }
);
