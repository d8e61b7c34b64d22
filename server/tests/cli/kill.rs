//! A resident who saw the thank-you page is stored: the server is SIGKILLed in the middle of
//! concurrent submissions, started again, and every acknowledged submission is there in a sound
//! database.

use std::time::Duration;

use crate::load::{Load, Server, stored_tokens};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_submission_survives_a_sigkill_mid_load() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = Server::start(&data);
    let load = Load::start(&server.base, 8).await;
    load.wait_for(100).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    // SIGKILL with requests in flight: some were committed but not yet answered, none of those
    // answered may be missing.
    server.kill();
    let acknowledged = load.finish().await;

    let again = Server::start(&data);
    let health = reqwest::get(format!("{}/healthz", again.base))
        .await
        .unwrap();
    assert!(health.status().is_success(), "the server serves again");
    again.stop();

    let (integrity, stored) = stored_tokens(&data.join("needscope.db")).await;
    assert_eq!(integrity, "ok");
    let missing = acknowledged
        .iter()
        .filter(|token| !stored.contains(token))
        .count();
    eprintln!(
        "SIGKILL mid-load: {} acknowledged, {} stored, {missing} acknowledged but missing",
        acknowledged.len(),
        stored.len()
    );
    assert_eq!(missing, 0, "every acknowledged submission is stored");
    assert!(stored.len() >= acknowledged.len());
}
