//! Curating themes: a staff name and description, a merge, a hidden theme and an approved quote
//! carry to the next run through the stable ids; answers split off into a theme of their own;
//! every change is audited, bad input is refused with its field named and what was typed kept,
//! partners cannot curate, and the logged run still verifies.

use app::models::curation::{NameSource, ThemeStatus};
use app::models::dashboard::DashboardData;
use app::models::staff::Role;
use reqwest::{Client, StatusCode};

use super::helpers::{get, post, signed_in, themes_json};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};

/// POSTs a curation form of theme `id` in `run` with the token of its page; the status and body
/// of the page it redirects to.
async fn curate(
    app: &TestApp,
    client: &Client,
    run: i32,
    id: &str,
    what: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let page = format!("/staff/themes/{id}?run={run}");
    let run = run.to_string();
    let mut all = vec![("run", run.as_str())];
    all.extend_from_slice(fields);
    let action = format!("/staff/themes/{id}/{what}");
    let response = post(app, client, &page, &action, &all).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "forms redirect");
    let to = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    get(app, client, &to).await
}

both_backends!(
    curation_is_audited_and_carried_to_the_next_run,
    |app: TestApp| async move {
        seed_responses(&app).await;
        store_weighting(&app).await;
        let first = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let before = themes_json(&app, &analyst, first).await;
        assert!(before.themes.len() >= 4, "{:?}", before.themes.len());
        assert!(
            before
                .themes
                .iter()
                .all(|t| t.named_by == NameSource::Generated)
        );
        let ids: Vec<String> = before.themes.iter().map(|t| t.id.clone()).collect();
        let (renamed, merged, into, hidden) = (&ids[0], &ids[1], &ids[2], &ids[3]);

        // A name that is too long is refused, named, and kept on the page.
        let long = "x".repeat(81);
        let (status, page) = curate(
            &app,
            &analyst,
            first,
            renamed,
            "describe",
            &[("name", &long)],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("keep it to 80 characters (this one has 81)"),
            "{page}"
        );
        assert!(page.contains(&long), "what was typed is kept");
        assert!(
            page.contains("aria-invalid=\"true\""),
            "the field is marked"
        );

        let (_, page) = curate(
            &app,
            &analyst,
            first,
            renamed,
            "describe",
            &[
                ("name", "Buses that never come"),
                ("description", "Late and missing buses."),
            ],
        )
        .await;
        assert!(page.contains("is now called"), "{page}");
        let (status, _) = curate(&app, &analyst, first, merged, "merge", &[("into", into)]).await;
        assert_eq!(status, StatusCode::OK);
        curate(
            &app,
            &analyst,
            first,
            hidden,
            "status",
            &[("status", "hidden")],
        )
        .await;
        let quote = before.themes[2].quotes[0].unit.clone();
        curate(
            &app,
            &analyst,
            first,
            into,
            "quotes",
            &[("unit", &quote), ("approved", "1")],
        )
        .await;

        let after = themes_json(&app, &analyst, first).await;
        assert!(after.regrouped, "a merge regroups and re-weights");
        let theme =
            |data: &DashboardData, id: &str| data.themes.iter().find(|t| t.id == id).cloned();
        let named = theme(&after, renamed).expect("renamed");
        assert_eq!(named.name, "Buses that never come");
        assert_eq!(
            named.description.as_deref(),
            Some("Late and missing buses.")
        );
        assert!(
            theme(&after, merged).is_none(),
            "a merged theme is shown inside the other"
        );
        let (was, pooled) = (
            theme(&before, into).expect("into"),
            theme(&after, into).expect("into"),
        );
        assert_eq!(
            pooled.merged.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            [merged]
        );
        assert!(
            pooled.respondents > was.respondents,
            "{} > {}",
            pooled.respondents,
            was.respondents
        );
        if let Some(w) = pooled.weighted_share {
            assert!(
                w.lower.is_some() && w.upper.is_some(),
                "merged themes get intervals too"
            );
        }
        assert!(pooled.quotes.iter().any(|q| q.unit == quote && q.approved));
        assert_eq!(
            theme(&after, hidden).expect("hidden").status,
            ThemeStatus::Hidden
        );
        assert_eq!(
            theme(&after, hidden).expect("hidden").rank,
            None,
            "hidden themes are not ranked"
        );
        let ranks: Vec<usize> = after.themes.iter().filter_map(|t| t.rank).collect();
        assert_eq!(
            ranks,
            (1..=ranks.len()).collect::<Vec<_>>(),
            "ranks count the shown needs"
        );
        let (_, overview) = get(&app, &analyst, &format!("/staff/dashboard?run={first}")).await;
        assert!(
            overview.contains("Buses that never come") && overview.contains("Set aside by staff")
        );
        let csv = analyst
            .get(app.url(&format!("/api/v1/runs/{first}/themes.csv")))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("csv");
        assert!(
            csv.contains("Buses that never come") && csv.contains(",hidden,"),
            "{csv}"
        );
        assert!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action IN ('theme_described', 'theme_merged', 'theme_status_set', 'quote_approved')").await >= 4,
            "every change is audited"
        );

        // The next run finds the same themes again: the decisions carry.
        let second = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let next = themes_json(&app, &analyst, second).await;
        let named = theme(&next, renamed).expect("kept id");
        assert_eq!(named.name, "Buses that never come");
        assert!(matches!(named.named_by, NameSource::Staff { run: Some(r), .. } if r == first));
        assert!(theme(&next, merged).is_none());
        assert_eq!(
            theme(&next, hidden).expect("hidden").status,
            ThemeStatus::Hidden
        );
        let (_, page) = get(
            &app,
            &analyst,
            &format!("/staff/themes/{renamed}?run={second}"),
        )
        .await;
        assert!(
            page.contains(&format!("Named by staff in run {first}")),
            "{page}"
        );

        // The logged runs are untouched.
        for run in [first, second] {
            let (same, _) = server::runs::verify(&app.db, None, run)
                .await
                .expect("verify");
            assert!(same, "run {run} still reproduces");
        }

        // Partners cannot curate.
        let (partner, _) = signed_in(&app, Role::Partner).await;
        let response = partner
            .post(app.url(&format!("/staff/themes/{renamed}/describe")))
            .form(&[("run", first.to_string()), ("name", "Mine".to_owned())])
            .send()
            .await
            .expect("POST");
        assert!(
            !response
                .text()
                .await
                .expect("body")
                .contains("is now called")
        );
        assert_eq!(
            theme(&themes_json(&app, &analyst, first).await, renamed)
                .expect("t")
                .name,
            "Buses that never come"
        );
    }
);

both_backends!(
    answers_are_split_off_into_a_theme_of_their_own,
    |app: TestApp| async move {
        seed_responses(&app).await;
        let run = server::runs::new_run(&app.db, None, Some(5), 42)
            .await
            .expect("run");
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let before = themes_json(&app, &analyst, run).await;
        let parent = before.themes[0].clone();
        let (_, page) = get(
            &app,
            &analyst,
            &format!("/staff/themes/{}?run={run}", parent.id),
        )
        .await;
        let units: Vec<String> = page
            .split("name=\"unit\" value=\"")
            .skip(1)
            .take(3)
            .filter_map(|rest| rest.split('"').next().map(str::to_owned))
            .collect();
        assert_eq!(units.len(), 3, "the sources can be ticked");

        let (_, page) = curate(
            &app,
            &analyst,
            run,
            &parent.id,
            "split",
            &[("split-name", "Bus shelters")],
        )
        .await;
        assert!(page.contains("Tick the answers to split off"), "{page}");

        let mut fields: Vec<(&str, &str)> = units.iter().map(|u| ("unit", u.as_str())).collect();
        fields.push(("split-name", "Bus shelters"));
        let (_, page) = curate(&app, &analyst, run, &parent.id, "split", &fields).await;
        assert!(page.contains("split off theme"), "{page}");
        let after = themes_json(&app, &analyst, run).await;
        let split = after
            .themes
            .iter()
            .find(|t| t.id == "S-001")
            .expect("the split theme");
        assert_eq!(split.name, "Bus shelters");
        assert_eq!(split.split_from.as_deref(), Some(parent.id.as_str()));
        assert!(split.respondents >= 1 && split.respondents <= 3);
        let rest = after
            .themes
            .iter()
            .find(|t| t.id == parent.id)
            .expect("parent");
        assert!(
            rest.respondents < parent.respondents
                || rest.respondents == parent.respondents && split.respondents <= 3
        );
        let (_, page) = get(&app, &analyst, &format!("/staff/themes/S-001?run={run}")).await;
        assert!(
            page.contains("Split off theme") && page.contains("Sources (3)"),
            "{page}"
        );
    }
);

both_backends!(
    pages_fetched_in_the_browser_take_no_filter_at_all,
    |app: TestApp| async move {
        // Once hydrated, a link to a page calls its server function with only the fields set:
        // with no filter at all the body is empty, which must mean "no filter".
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        for endpoint in [
            "/api/staff/dashboard",
            "/api/actions/board",
            "/api/staff/compare",
        ] {
            let response = analyst
                .post(app.url(endpoint))
                .header("content-type", "application/x-www-form-urlencoded")
                .body("")
                .send()
                .await
                .expect("POST");
            assert_eq!(response.status(), StatusCode::OK, "{endpoint}");
        }
    }
);
