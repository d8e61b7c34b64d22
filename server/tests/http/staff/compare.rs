//! Compare runs: two logged runs where one theme grows, one appears and one goes; the page and
//! `/api/v1/compare` say so, the pickers default to the latest run against the one before it, a
//! run number that does not read is named, and partners are refused.

use analysis::ThemeReport;
use app::models::compare::{Basis, Comparison};
use app::models::staff::Role;
use app::store::runs::{self as log, NewRun};
use reqwest::StatusCode;

use super::helpers::{get, signed_in};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::seed_responses;

/// Logs a copy of run `from` with its themes changed by `change` and no weighting; returns its
/// id.
pub async fn logged_copy(app: &TestApp, from: i32, change: impl FnOnce(&mut ThemeReport)) -> i32 {
    let row = log::get(&app.db, from).await.expect("db").expect("run");
    let mut report: ThemeReport = serde_json::from_value(row.themes.clone()).expect("themes");
    change(&mut report);
    log::append(
        &app.db,
        NewRun {
            last_response_id: row.last_response_id,
            last_report_id: row.last_report_id,
            last_passage_id: row.last_passage_id,
            input_hash: row.input_hash.clone(),
            previous_run_id: Some(from),
            encoder: row.encoder.clone(),
            weighting_version: None,
            themes: serde_json::to_value(&report).expect("json"),
            weighting: None,
            weighting_problem: Some("no weighting configuration yet".into()),
            model: row.model.to_string(),
            result_sha256: row.result_sha256.clone(),
            scope: row.scope.clone(),
            report_origins: Default::default(),
        },
    )
    .await
    .expect("append")
}

/// The part of `html` between the headings `from` and `to`.
fn section<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("{from} in {html}"));
    let end = html[start..].find(to).map_or(html.len(), |i| start + i);
    &html[start..end]
}

both_backends!(
    two_runs_compared_show_growth_new_and_gone_themes,
    |app: TestApp| async move {
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let (status, none) = get(&app, &analyst, "/staff/compare").await;
        assert_eq!(status, StatusCode::OK);
        assert!(none.contains("Comparing needs two analysis runs"), "{none}");

        seed_responses(&app).await;
        let base = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let first: ThemeReport = serde_json::from_value(
            log::get(&app.db, base)
                .await
                .expect("db")
                .expect("run")
                .themes,
        )
        .expect("themes");
        assert!(first.themes.len() >= 3, "{:?}", first.themes.len());
        // Run A: the smallest theme is last; run B: it has grown past every other, the third
        // largest is gone, and a theme nobody raised before appears.
        let grows = first.themes[first.themes.len() - 1].clone();
        let goes = first.themes[1].id.clone();
        let a = logged_copy(&app, base, |_| {}).await;
        let b = logged_copy(&app, a, |r| {
            let most = r.themes[0].respondents;
            let g = r
                .themes
                .iter_mut()
                .find(|t| t.id == grows.id)
                .expect("grows");
            g.respondents = most + 5;
            r.themes.retain(|t| t.id != goes);
            let mut new = r.themes[0].clone();
            new.id = "T-900".into();
            new.label = "brand new need".into();
            new.members = vec!["9001:barriers".into(), "9002:barriers".into()];
            r.themes.push(new);
            r.themes.sort_by_key(|t| std::cmp::Reverse(t.respondents));
        })
        .await;

        // JSON: the latest run against the one before it by default.
        let response = analyst
            .get(app.url("/api/v1/compare"))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::OK);
        let c: Comparison =
            serde_json::from_str(&response.text().await.expect("body")).expect("json");
        assert_eq!((c.a.id, c.b.id), (a, b));
        assert_eq!(c.basis, Basis::Unweighted, "neither copy is weighted");
        let grew = c
            .matched
            .iter()
            .find(|t| t.id == grows.id)
            .expect("matched");
        assert!(grew.change_points().expect("both shown") > 0.0, "{grew:?}");
        assert_eq!(grew.rank_b, Some(1));
        assert!(grew.movement().starts_with('↑'), "{}", grew.movement());
        assert_eq!(
            c.appeared.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
            ["T-900"]
        );
        assert_eq!(
            c.gone.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
            [goes.as_str()]
        );
        assert_eq!(c.history.runs.len(), 3, "every run");
        let line = c.history.lines.iter().find(|l| l.id == goes).expect("line");
        assert!(
            line.shares[0].is_some() && line.shares[2].is_none(),
            "{line:?}"
        );

        // The page: the same, with the runs picked and a line per theme.
        let (status, html) = get(&app, &analyst, &format!("/staff/compare?a={a}&b={b}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("unweighted share of respondents"),
            "says which share"
        );
        let both = section(&html, "Themes in both runs", "New themes");
        // Themes are shown by the dashboard's names, with their ids.
        assert!(both.contains(&grows.id) && both.contains('↑'), "{both}");
        assert!(
            !both.contains(&grows.label),
            "not the logged keyword label: {both}"
        );
        assert!(both.contains("<th scope=\"row\""), "row headers");
        let new = section(&html, "<h2>New themes", "<h2>Gone themes");
        assert!(new.contains("T-900"), "{new}");
        let gone = section(&html, "<h2>Gone themes", "<h2>Merged");
        assert!(gone.contains(&goes), "{gone}");
        assert!(!gone.contains("T-900"));
        let history = section(&html, "Every theme across all runs", "</table>");
        assert!(
            history.contains("<svg") && history.contains("<desc"),
            "sparklines"
        );
        assert!(
            history.contains(&format!("run {base} ")),
            "a text alternative per run"
        );
        assert!(
            html.contains(&format!("<option value=\"{a}\" selected")),
            "{html}"
        );
        assert!(html.contains(&format!("/api/v1/compare?a={a}&amp;b={b}")));

        // A run number that does not read is named, and the pickers stay.
        let (status, bad) = get(&app, &analyst, "/staff/compare?a=first&b=2").await;
        assert_eq!(status, StatusCode::OK);
        assert!(bad.contains("a: “first” is not a run number"), "{bad}");
        assert!(bad.contains("aria-invalid=\"true\""));
        let response = analyst
            .get(app.url("/api/v1/compare?a=first"))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert!(response.text().await.expect("body").contains("a: “first”"));
        let missing = analyst
            .get(app.url(&format!("/api/v1/compare?a=999&b={b}")))
            .send()
            .await
            .expect("GET");
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM audit_event WHERE action = 'export' AND CAST(detail AS TEXT) LIKE '%compare.json%'"
            )
            .await,
            1,
            "the JSON that was sent is audited"
        );

        // Partners see no strategy pages.
        let (partner, _) = signed_in(&app, Role::Partner).await;
        for path in ["/staff/compare", "/api/v1/compare"] {
            let (status, _) = get(&app, &partner, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        }
    }
);
