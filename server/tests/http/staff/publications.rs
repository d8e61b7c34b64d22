//! Publishing results: staff publish and withdraw (audited); the stored snapshot is frozen against
//! later curation; hidden themes, themes set aside and unapproved quotes never reach it; action
//! status changes are recorded for the feed; and an attacker holding every published figure
//! cannot recover a suppressed district cell, by subtraction or with the share equation.

use app::models::dashboard::Estimate;
use app::models::publication::{PublicResults, Publication};
use app::models::staff::Role;
use app::models::strategy::{ActionInput, ActionStatus};
use app::store::{actions, publications};
use reqwest::{Client, StatusCode};

use super::helpers::{get, post, signed_in, themes_json};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};

const PAGE: &str = "/staff/publications";

/// A weighted run of the test responses.
async fn weighted_run(app: &TestApp) -> i32 {
    seed_responses(app).await;
    store_weighting(app).await;
    server::runs::new_run(&app.db, None, Some(5), 42)
        .await
        .expect("run")
}

/// POSTs `fields` to `action` with the token of `page`; the page it redirects to.
async fn submit(
    app: &TestApp,
    client: &Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> String {
    let response = post(app, client, page, action, fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "forms redirect");
    let to = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let (status, body) = get(app, client, &to).await;
    assert_eq!(status, StatusCode::OK);
    body
}

/// Curates theme `id` of `run` through its form.
async fn curate(
    app: &TestApp,
    client: &Client,
    run: i32,
    id: &str,
    what: &str,
    fields: &[(&str, &str)],
) {
    let run = run.to_string();
    let mut all = vec![("run", run.as_str())];
    all.extend_from_slice(fields);
    let page = format!("/staff/themes/{id}?run={run}");
    submit(
        app,
        client,
        &page,
        &format!("/staff/themes/{id}/{what}"),
        &all,
    )
    .await;
}

/// Publishes `run` (all of it) through the form; the new publication's id.
async fn publish(app: &TestApp, client: &Client, run: i32) -> i32 {
    let page = submit(app, client, PAGE, PAGE, &[("run", &run.to_string())]).await;
    assert!(page.contains("is published as publication"), "{page}");
    let list = publications::list(&app.db).await.expect("list");
    list.first().expect("a publication").id
}

/// The stored snapshot of publication `id` as the public gets it.
async fn live(app: &TestApp, id: i32) -> Option<Publication> {
    publications::get_live(&app.db, id).await.expect("read")
}

both_backends!(
    publishing_and_withdrawing_are_audited,
    |app: TestApp| async move {
        let run = weighted_run(&app).await;
        let (analyst, _) = signed_in(&app, Role::Analyst).await;

        let page = submit(&app, &analyst, PAGE, PAGE, &[("run", "9999")]).await;
        assert!(page.contains("There is no analysis run 9999."), "{page}");
        let page = submit(
            &app,
            &analyst,
            PAGE,
            PAGE,
            &[("run", &run.to_string()), ("survey", "no-such-survey")],
        )
        .await;
        assert!(
            page.contains("no answers to a survey “no-such-survey”"),
            "{page}"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM publication").await, 0);

        let id = publish(&app, &analyst, run).await;
        let publication = live(&app, id).await.expect("live");
        assert_eq!(publication.results.run_id, run);
        assert!(publication.results.weighted);
        assert!(!publication.results.needs.is_empty());
        assert_eq!(
            publication.summary.published_by, None,
            "no staff names in public"
        );
        let (_, page) = get(&app, &analyst, PAGE).await;
        assert!(page.contains(&format!("/results/{id}")), "{page}");
        assert!(page.contains("Live"), "{page}");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'results_published'")
                .await,
            1
        );

        // Limited to one survey.
        let page = submit(
            &app,
            &analyst,
            PAGE,
            PAGE,
            &[
                ("run", &run.to_string()),
                ("survey", "resident-digital-services"),
            ],
        )
        .await;
        assert!(page.contains("is published as publication"), "{page}");
        let resident = publications::latest_live(&app.db, Some("resident-digital-services"))
            .await
            .expect("read")
            .expect("the survey's publication");
        assert!(resident.results.survey.is_some());
        let whole = publications::latest_live(&app.db, None)
            .await
            .expect("read")
            .expect("the whole run's publication");
        assert_eq!(whole.summary.id, id);

        let withdraw = format!("{PAGE}/{id}/withdraw");
        let page = submit(&app, &analyst, PAGE, &withdraw, &[]).await;
        assert!(
            page.contains(&format!("Publication {id} withdrawn")),
            "{page}"
        );
        assert!(live(&app, id).await.is_none(), "withdrawn: not public");
        assert!(
            publications::live_list(&app.db)
                .await
                .expect("list")
                .iter()
                .all(|p| p.id != id)
        );
        let page = submit(&app, &analyst, PAGE, &withdraw, &[]).await;
        assert!(page.contains("already withdrawn"), "{page}");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'results_withdrawn'")
                .await,
            1
        );
        let staff = publications::list(&app.db).await.expect("list");
        let gone = staff.iter().find(|p| p.id == id).expect("listed for staff");
        assert!(gone.withdrawn_at.is_some());
        assert!(gone.published_by.is_some(), "staff see who published");
    }
);

both_backends!(
    the_snapshot_is_frozen_and_holds_only_approved_needs,
    |app: TestApp| async move {
        let run = weighted_run(&app).await;
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let before = themes_json(&app, &analyst, run).await;
        assert!(before.themes.len() >= 4);
        let ids: Vec<String> = before.themes.iter().map(|t| t.id.clone()).collect();
        let (hidden, aside, quoted) = (&ids[0], &ids[1], &ids[2]);
        curate(
            &app,
            &analyst,
            run,
            hidden,
            "status",
            &[("status", "hidden")],
        )
        .await;
        curate(
            &app,
            &analyst,
            run,
            aside,
            "status",
            &[("status", "not_a_need")],
        )
        .await;
        let card = before
            .themes
            .iter()
            .find(|t| &t.id == quoted)
            .expect("card");
        assert!(card.quotes.len() >= 2, "two quotes to tell apart");
        let (approved, unapproved) = (&card.quotes[0], &card.quotes[1]);
        curate(
            &app,
            &analyst,
            run,
            quoted,
            "quotes",
            &[("unit", &approved.unit), ("approved", "1")],
        )
        .await;

        let id = publish(&app, &analyst, run).await;
        let first = live(&app, id).await.expect("live");
        let json = app
            .count(&format!("SELECT COUNT(*) FROM publication WHERE id = {id}"))
            .await;
        assert_eq!(json, 1);
        let text = serde_json::to_string(&first.results).expect("json");
        for id in [hidden, aside] {
            assert!(
                !text.contains(&format!("\"{id}\"")),
                "{id} is not published"
            );
        }
        let need = first
            .results
            .needs
            .iter()
            .find(|n| &n.theme_id == quoted)
            .expect("the quoted need");
        let (scrubbed, _) = analysis::text::pii::scrub(approved.text.trim());
        assert!(
            need.quotes.iter().any(|q| q.text == scrubbed),
            "{:?}",
            need.quotes
        );
        assert!(
            !text.contains(unapproved.text.trim()),
            "an unapproved quote is not published"
        );
        for n in &first.results.needs {
            assert!(n.quotes.len() <= 5);
        }

        // Later curation changes nothing published.
        curate(
            &app,
            &analyst,
            run,
            quoted,
            "describe",
            &[("name", "A new name"), ("description", "Said later.")],
        )
        .await;
        let other = &ids[3];
        curate(
            &app,
            &analyst,
            run,
            other,
            "status",
            &[("status", "hidden")],
        )
        .await;
        let again = live(&app, id).await.expect("still live");
        assert_eq!(again.results, first.results, "the snapshot is frozen");
        // Until published again.
        let second = publish(&app, &analyst, run).await;
        let now = live(&app, second).await.expect("live");
        let renamed = now
            .results
            .needs
            .iter()
            .find(|n| &n.theme_id == quoted)
            .expect("need");
        assert_eq!(renamed.name, "A new name");
        assert_eq!(renamed.description.as_deref(), Some("Said later."));
        assert!(now.results.needs.iter().all(|n| &n.theme_id != other));
    }
);

both_backends!(
    action_status_changes_are_recorded_for_the_feed,
    |app: TestApp| async move {
        let run = weighted_run(&app).await;
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let data = themes_json(&app, &analyst, run).await;
        let theme = data.themes[0].id.clone();
        let user: i32 = app
            .count("SELECT CAST(MAX(id) AS BIGINT) FROM staff_user")
            .await as i32;
        let input = |status| ActionInput {
            theme_id: theme.clone(),
            title: "Add evening buses".into(),
            department_id: None,
            status,
            starts_on: None,
            due_on: None,
            public_summary: "More buses after 7 pm.".into(),
        };
        let planned = actions::create(&app.db, &input(ActionStatus::Planned), user)
            .await
            .expect("create");
        let proposed = actions::create(&app.db, &input(ActionStatus::Proposed), user)
            .await
            .expect("create");
        let id = publish(&app, &analyst, run).await;
        let published = live(&app, id).await.expect("live");
        let need = published
            .results
            .needs
            .iter()
            .find(|n| n.theme_id == theme)
            .expect("need");
        assert_eq!(need.actions.len(), 1, "a proposed action is not published");
        assert_eq!(need.actions[0].id, planned.id);
        assert!(need.actions.iter().all(|a| a.id != proposed.id));

        // The same status again is no change.
        actions::move_status(&app.db, planned.id, ActionStatus::Planned, user)
            .await
            .expect("move");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM action_status_change").await,
            0
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        actions::move_status(&app.db, planned.id, ActionStatus::InProgress, user)
            .await
            .expect("move");
        actions::update(&app.db, planned.id, &input(ActionStatus::Done), user)
            .await
            .expect("update");
        actions::update(&app.db, planned.id, &input(ActionStatus::Done), user)
            .await
            .expect("update, same status");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM action_status_change").await,
            2
        );
        let updates = publications::action_updates(&app.db, 10)
            .await
            .expect("updates");
        assert_eq!(updates.len(), 2, "{updates:?}");
        assert_eq!(
            (updates[0].from, updates[0].to),
            (ActionStatus::InProgress, ActionStatus::Done),
            "newest first"
        );
        assert_eq!(updates[1].to, ActionStatus::InProgress);
        assert_eq!(updates[0].publication_id, id);
        assert_eq!(updates[0].title, "Add evening buses");
        assert_eq!(
            publications::action_updates(&app.db, 1)
                .await
                .expect("updates")
                .len(),
            1
        );
        let now = live(&app, id).await.expect("live");
        assert_eq!(now.status_of(&need.actions[0]), ActionStatus::Done);
        // A proposed action moved on is no update: no live publication lists it.
        actions::move_status(&app.db, proposed.id, ActionStatus::Planned, user)
            .await
            .expect("move");
        assert_eq!(
            publications::action_updates(&app.db, 10)
                .await
                .expect("updates")
                .len(),
            2
        );
        // Withdrawn: nothing in the feed.
        publications::withdraw(&app.db, id, user)
            .await
            .expect("withdraw");
        assert!(
            publications::action_updates(&app.db, 10)
                .await
                .expect("updates")
                .is_empty()
        );
    }
);

/// What an attacker recovers of a need's hidden district cells from the published figures alone:
/// `(district index, count)` for each hidden cell whose count the figures leave one value for.
///
/// The attacker knows the need's respondents `r` (row total), each shown district share, each
/// district's respondents, the need's rounded overall share and the district weights `weights`
/// (the strongest case: the true weighted parts of the districts). A shown cell's count is its
/// share × the district's respondents. Then:
/// 1. subtraction: one hidden cell is the row total less the shown cells;
/// 2. count and share equations together: among the whole-number completions of the hidden cells
///    that sum to what the total leaves, those whose share `Σ w_j c_j / n_j` is closest to the
///    published overall share (the best fit and any within one rounding step of it); a cell with
///    one value across all of them is recovered.
fn attack(results: &PublicResults, need: usize, weights: &[f64]) -> Vec<(usize, u64)> {
    let n = &results.needs[need];
    let step = 0.001;
    let sizes: Vec<Option<u64>> = results.districts.iter().map(|d| d.respondents).collect();
    let hidden: Vec<usize> = (0..sizes.len())
        .filter(|&j| n.by_district[j].is_none())
        .collect();
    if hidden.is_empty() {
        return Vec::new();
    }
    let shown_count: Option<u64> = (0..sizes.len())
        .filter(|j| !hidden.contains(j))
        .map(|j| Some((n.by_district[j]? * sizes[j]? as f64).round() as u64))
        .sum();
    let left = n
        .respondents
        .zip(shown_count)
        .map(|(r, s)| r.saturating_sub(s));
    let mut found = Vec::new();
    if let (Some(left), [j]) = (left, hidden.as_slice()) {
        found.push((*j, left));
        return found;
    }
    let Some(share) = n.weighted_share.map(|e| e.value) else {
        return found;
    };
    // The hidden cells' part of the overall share, and how far rounding lets it move.
    let shown_share: f64 = (0..sizes.len())
        .filter(|j| !hidden.contains(j))
        .filter_map(|j| Some(weights[j] * n.by_district[j]?))
        .sum();
    let target = share - shown_share;
    let bound = |j: usize| sizes[j].unwrap_or(9).min(left.unwrap_or(u64::MAX));
    // Every completion the counts allow, with how far its share is from the published one.
    let mut completions: Vec<(f64, Vec<u64>)> = Vec::new();
    let mut current = vec![0u64; hidden.len()];
    fn walk(
        k: usize,
        hidden: &[usize],
        current: &mut Vec<u64>,
        out: &mut Vec<(f64, Vec<u64>)>,
        miss: &dyn Fn(&[u64]) -> Option<f64>,
        bound: &dyn Fn(usize) -> u64,
    ) {
        if k == hidden.len() {
            if let Some(m) = miss(current) {
                out.push((m, current.clone()));
            }
            return;
        }
        for v in 0..=bound(hidden[k]) {
            current[k] = v;
            walk(k + 1, hidden, current, out, miss, bound);
        }
    }
    let miss = |c: &[u64]| {
        if let Some(left) = left
            && c.iter().sum::<u64>() != left
        {
            return None;
        }
        let s: f64 = hidden
            .iter()
            .zip(c)
            .map(|(&j, &c)| weights[j] * c as f64 / sizes[j].unwrap_or(9).max(1) as f64)
            .sum();
        Some((s - target).abs())
    };
    walk(0, &hidden, &mut current, &mut completions, &miss, &bound);
    // The attacker's model is off by the weights' spread inside districts, so the best fit is
    // taken, with every completion within one rounding step of it.
    let best = completions
        .iter()
        .map(|(m, _)| *m)
        .fold(f64::INFINITY, f64::min);
    let mut values: Vec<std::collections::BTreeSet<u64>> = vec![Default::default(); hidden.len()];
    for (_, c) in completions.iter().filter(|(m, _)| *m <= best + step) {
        for (i, v) in c.iter().enumerate() {
            values[i].insert(*v);
        }
    }
    for (i, set) in values.iter().enumerate() {
        if set.len() == 1 {
            found.push((hidden[i], *set.iter().next().expect("one")));
        }
    }
    found
}

both_backends!(
    no_suppressed_cell_can_be_recovered_from_the_published_figures,
    |app: TestApp| async move {
        let run = weighted_run(&app).await;
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        let id = publish(&app, &analyst, run).await;
        let results = live(&app, id).await.expect("live").results;
        let (breakdown, truth) = server::publish::snapshot::districts_of(&app.db, run)
            .await
            .expect("districts")
            .expect("a weighted run");
        let weights: Vec<f64> = truth.columns.iter().map(|c| c.weight).collect();
        assert_eq!(results.districts.len(), weights.len());

        // The data really has small cells: some need's district cell is under the minimum, and
        // the run's own suppression hid it.
        let small = results
            .needs
            .iter()
            .filter(|n| {
                truth
                    .counts
                    .get(&n.theme_id)
                    .is_some_and(|c| c.iter().any(|&c| c > 0 && c < 10))
            })
            .count();
        assert!(small > 0, "the fixture has a small district cell");
        let hidden_cells: usize = results
            .needs
            .iter()
            .map(|n| n.by_district.iter().filter(|c| c.is_none()).count())
            .sum();
        assert!(hidden_cells > 0, "some district cell is suppressed");
        assert!(
            breakdown.suppression.primary > 0,
            "the run's suppression hid a small cell"
        );

        // Without the audit, two equations would have given a cell away: the same attacker on
        // the figures the breakdown alone would publish.
        let mut raw = results.clone();
        let dashboard = themes_json(&app, &analyst, run).await;
        let mut solvable = 0;
        for i in 0..raw.needs.len() {
            let need = &mut raw.needs[i];
            let Some(row) = breakdown.themes.iter().position(|t| *t == need.theme_id) else {
                continue;
            };
            let counts = truth.counts[&need.theme_id].clone();
            need.by_district = breakdown.cells[row]
                .iter()
                .map(|c| c.share.map(server::publish::snapshot::round))
                .collect();
            need.respondents = breakdown.suppression.row_totals[row]
                .is_published()
                .then(|| counts.iter().sum());
            need.weighted_share = dashboard
                .themes
                .iter()
                .find(|t| t.id == need.theme_id && t.suppressed.is_none())
                .and_then(|t| t.weighted_share)
                .map(|e| Estimate {
                    value: server::publish::snapshot::round(e.value),
                    lower: None,
                    upper: None,
                });
            solvable += attack(&raw, i, &weights)
                .into_iter()
                .filter(|(j, v)| counts[*j] == *v)
                .count();
        }
        assert!(
            solvable > 0,
            "the share equation recovers a hidden cell of the unaudited figures"
        );

        // From what is published, no hidden cell is recovered.
        for (i, need) in results.needs.iter().enumerate() {
            let counts = &truth.counts[&need.theme_id];
            let recovered: Vec<(usize, u64)> = attack(&results, i, &weights)
                .into_iter()
                .filter(|(j, v)| counts[*j] == *v)
                .collect();
            assert!(
                recovered.is_empty(),
                "{}: hidden cells {recovered:?} recovered from {:?} (respondents {:?}, share {:?})",
                need.theme_id,
                need.by_district,
                need.respondents,
                need.weighted_share
            );
        }
    }
);
