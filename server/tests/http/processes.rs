//! Two server processes on one PostgreSQL database, as behind a load balancer: the rate limits
//! are one allowance, not one per process; a staff session and a curation made through one
//! process are seen through the other at the next request. (SQLite is served by one process.)

use app::models::dashboard::DashboardFilter;
use app::models::staff::Role;
use app::store::curation::{self, Change};

use crate::helpers::{
    Backend, TestApp, form_fields, hidden_fields, resident_survey, valid_answers,
};
use crate::runs::{seed_responses, store_weighting};
use crate::staff::helpers::{PASSWORD, account, get, sign_in, signed_in};

/// A server on a fresh PostgreSQL database and another beside it, both with `tweak`; `None` when
/// PostgreSQL is skipped on purpose.
async fn two(tweak: fn(&mut server::config::Settings)) -> Option<(TestApp, TestApp)> {
    let one = TestApp::spawn_with(Backend::Postgres, tweak).await?;
    let other = one.spawn_beside(tweak).await;
    Some((one, other))
}

/// Posts a valid answer to the resident survey through `app`; the status.
async fn submit(app: &TestApp) -> u16 {
    let slug = resident_survey().slug;
    let (status, html) = app.get(&format!("/surveys/{slug}")).await;
    assert_eq!(status, 200);
    let fields = form_fields(&hidden_fields(&html), &valid_answers(&resident_survey()));
    app.post_form(&format!("/surveys/{slug}"), &fields)
        .await
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_submission_limit_is_one_allowance_across_processes() {
    let Some((one, other)) = two(|s| s.submissions_per_minute = 2).await else {
        return;
    };
    assert_eq!(submit(&one).await, 303);
    assert_eq!(submit(&other).await, 303);
    // Each process has let one through: the client's two a minute are spent on both.
    assert_eq!(submit(&one).await, 429);
    assert_eq!(submit(&other).await, 429);
    assert_eq!(one.count("SELECT COUNT(*) FROM response").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_limit_is_one_allowance_across_processes() {
    let Some((one, other)) = two(|s| s.login_attempts_per_minute = 1).await else {
        return;
    };
    let email = account(&one, Role::Analyst).await;
    let guesser = one.new_client();
    assert_eq!(
        sign_in(&one, &guesser, &email, "wrong password!!").await,
        "/login"
    );
    let (_, html) = get(&one, &guesser, "/login").await;
    assert!(
        !html.contains("Too many sign-in attempts"),
        "the first guess is counted, not refused"
    );
    // The next guess, through the other process, finds the allowance spent.
    assert_eq!(sign_in(&other, &guesser, &email, PASSWORD).await, "/login");
    let (_, html) = get(&other, &guesser, "/login").await;
    assert!(html.contains("Too many sign-in attempts"), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_and_a_curation_made_through_one_process_show_through_the_other() {
    let Some((one, other)) = two(|_| {}).await else {
        return;
    };
    seed_responses(&one).await;
    store_weighting(&one).await;
    let run = server::runs::new_run(&one.db, None, Some(5), 42)
        .await
        .expect("run");
    // Signed in through one process: the session is in the database, so the other knows it.
    let (analyst, email) = signed_in(&one, Role::Analyst).await;
    let page = format!("/staff/dashboard?run={run}");
    let (status, before) = get(&other, &analyst, &page).await;
    assert_eq!(status, 200, "the session is known to the other process");

    // A theme renamed through the first process (the other process is not told)...
    let row = app::store::runs::get(&one.db, run)
        .await
        .expect("read")
        .expect("the run");
    let filter = DashboardFilter {
        run: Some(run),
        ..DashboardFilter::default()
    };
    let themes = server::dashboard::build(&one.db, row, filter)
        .await
        .expect("dashboard")
        .themes;
    let user = one
        .count(&format!(
            "SELECT CAST(id AS BIGINT) FROM staff_user WHERE email = '{email}'"
        ))
        .await;
    let change = Change {
        run,
        user: i32::try_from(user).expect("an id"),
    };
    let name = "Renamed through the first process";
    assert!(!before.contains(name));
    curation::describe(&one.db, &themes[0].id, Some(name.into()), None, change)
        .await
        .expect("rename");
    // ...is on the other process's dashboard at its next request.
    let (status, after) = get(&other, &analyst, &page).await;
    assert_eq!(status, 200);
    assert!(after.contains(name), "the other process shows the new name");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_shared_rate_limits_off_each_process_keeps_its_own() {
    let Some((one, other)) = two(|s| {
        s.submissions_per_minute = 1;
        s.shared_rate_limits = false;
    })
    .await
    else {
        return;
    };
    assert_eq!(submit(&one).await, 303);
    assert_eq!(submit(&other).await, 303, "its own allowance");
    assert_eq!(submit(&one).await, 429);
    assert_eq!(
        one.count("SELECT COUNT(*) FROM rate_limit").await,
        0,
        "nothing kept in the database"
    );
}
