//! The "What we heard" report of a run: the themes in the dashboard's rank order with weighted
//! shares and intervals, quotes, the method (raking variables, equity index, design effect,
//! suppression), print rules in the stylesheet, and partners refused.

use app::models::staff::Role;
use reqwest::StatusCode;

use super::helpers::{get, post, signed_in, themes_json};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};

/// The stylesheet every page links.
fn stylesheet() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../style/main.css"))
        .expect("style/main.css")
}

both_backends!(
    the_report_lists_ranked_themes_and_prints_cleanly,
    |app: TestApp| async move {
        seed_responses(&app).await;
        store_weighting(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let data = themes_json(&app, &analyst, run).await;
        assert!(data.themes.len() >= 2);
        // Only quotes staff approved are printed: approve one of the first theme's.
        let first = &data.themes[0];
        let approved = first.quotes[0].unit.clone();
        let response = post(
            &app,
            &analyst,
            &format!("/staff/themes/{}?run={run}", first.id),
            &format!("/staff/themes/{}/quotes", first.id),
            &[
                ("run", &run.to_string()),
                ("unit", &approved),
                ("approved", "1"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);

        let (status, html) = get(&app, &analyst, &format!("/staff/runs/{run}/report")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<h1>What we heard</h1>"), "{html}");
        assert!(html.contains("class=\"report\""));
        // Every theme, in the dashboard's order.
        let positions: Vec<usize> = data
            .themes
            .iter()
            .map(|t| {
                html.find(&format!("id=\"theme-{}\"", t.id))
                    .unwrap_or_else(|| panic!("{} in the report", t.id))
            })
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert_eq!(first.rank, Some(1));
        assert!(html.contains(&format!("<h3 id=\"theme-{}\">1. ", first.id)));
        assert!(
            html.contains("90% interval"),
            "weighted shares with intervals"
        );
        assert!(
            html.contains("<svg") && html.contains("<desc"),
            "a static chart"
        );
        assert!(html.contains("<th scope=\"row\">"), "and a table");
        assert_eq!(
            html.matches("<blockquote lang=\"en\"").count(),
            1,
            "the approved quote, in its language, and no other"
        );
        assert!(html.contains("No quote approved for this theme yet"));
        // The method and how to read it.
        for said in [
            "How we did this",
            "council district and tenure",
            "design effect",
            "withheld when fewer than",
            "Staff fixed the number of themes at 5",
            "How to read this",
            "Who is counted, by source",
            "Resident survey",
        ] {
            assert!(html.contains(said), "{said}");
        }
        // Navigation and forms are marked to drop out of the printout, and the stylesheet does so.
        assert!(html.contains("class=\"no-print\""));
        let css = stylesheet();
        let print = &css[css.find("@media print").expect("print rules")..];
        for rule in [
            ".staff-nav",
            "form",
            ".no-print",
            "break-before: page",
            "attr(href)",
        ] {
            assert!(print.contains(rule), "print rules: {rule}");
        }
        assert!(css.contains("@page { margin:"));

        // No such run, or not a run number: said plainly.
        let (status, missing) = get(&app, &analyst, "/staff/runs/999/report").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            missing.contains("There is no analysis run 999"),
            "{missing}"
        );
        let (_, bad) = get(&app, &analyst, "/staff/runs/latest/report").await;
        assert!(bad.contains("“latest” is not a run number"), "{bad}");

        let (partner, _) = signed_in(&app, Role::Partner).await;
        let (status, _) = get(&app, &partner, &format!("/staff/runs/{run}/report")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);
