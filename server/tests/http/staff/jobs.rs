//! The analysis job lifecycle: start from the form, progress by stage, the run on the dashboard;
//! cancellation while queued or running; a restart during a run resumes it, or fails it after
//! two interruptions.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use app::models::jobs::{JobOptions, JobStatus};
use app::models::staff::Role;
use app::store::jobs;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;

use super::helpers::{get, post, signed_in};
use crate::helpers::{Backend, TestApp};
use crate::runs::{seed_responses, store_weighting};
use crate::{both_backends, both_backends_with};

/// Waits (up to a minute) until job `id` is no longer queued or running.
pub(super) async fn settled(app: &TestApp, id: i32) -> app::store::entities::analysis_job::Model {
    for _ in 0..600 {
        let job = jobs::get(&app.db, id).await.expect("read").expect("job");
        if !JobStatus::parse(&job.status).expect("status").is_active() {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("job {id} did not finish within a minute");
}

both_backends!(
    a_run_started_in_the_browser_completes_with_progress,
    |app: TestApp| async move {
        seed_responses(&app).await;
        store_weighting(&app).await;
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        // A bad choice comes back with the field named and the others kept.
        post(
            &app,
            &analyst,
            "/staff/runs",
            "/staff/runs",
            &[("streams", "resident"), ("k", "1"), ("from", "2026-01-01")],
        )
        .await;
        let (_, html) = get(&app, &analyst, "/staff/runs").await;
        assert!(html.contains("from 2 to 60"), "{html}");
        assert!(html.contains("value=\"2026-01-01\""), "{html}");
        assert_eq!(app.count("SELECT COUNT(*) FROM analysis_job").await, 0);

        let response = post(
            &app,
            &analyst,
            "/staff/runs",
            "/staff/runs",
            &[
                ("streams", "resident"),
                ("streams", "community_org"),
                ("representation", "classical"),
                ("k", "5"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let job = settled(&app, 1).await;
        assert_eq!(job.status, "succeeded", "{:?}", job.error);
        assert_eq!(
            job.stage.as_deref(),
            Some("labelling"),
            "the last stage is recorded"
        );
        assert_eq!(job.done, job.total);
        let run = job.run_id.expect("a run");
        let (status, html) = get(&app, &analyst, "/staff/runs").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains(&format!("/staff/dashboard?run={run}")),
            "{html}"
        );
        assert!(html.contains("succeeded"));
        let scope: String = app
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                format!("SELECT CAST(scope AS TEXT) FROM analysis_run WHERE id = {run}"),
            ))
            .await
            .expect("query")
            .expect("row")
            .try_get_by_index(0)
            .expect("scope");
        assert!(
            scope.contains("community_org") && !scope.contains("reports"),
            "{scope}"
        );
        // The logged run reproduces from its recorded scope.
        let (same, _) = server::runs::verify(&app.db, None, run)
            .await
            .expect("verify");
        assert!(same, "a browser run verifies like any other");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'analysis_requested'")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_event WHERE action = 'analysis_run'")
                .await,
            1
        );
    }
);

/// No worker in the server: these tests decide when jobs run.
pub(super) fn without_worker(settings: &mut server::config::Settings) {
    settings.run_jobs = false;
}

both_backends_with!(
    queued_and_running_jobs_can_be_cancelled,
    without_worker,
    |app: TestApp| async move {
        seed_responses(&app).await;
        let (analyst, _) = signed_in(&app, Role::Analyst).await;
        // Queued, then cancelled from the page: it never runs.
        let id = jobs::enqueue(&app.db, &JobOptions::default(), None)
            .await
            .expect("enqueue");
        let response = post(
            &app,
            &analyst,
            "/staff/runs",
            &format!("/staff/runs/jobs/{id}/cancel"),
            &[],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let job = settled(&app, id).await;
        assert_eq!(job.status, "cancelled");
        assert_eq!(job.run_id, None);
        // A running analysis stops at its next checkpoint when its flag is set.
        let cancel = Arc::new(AtomicBool::new(true));
        let err = server::runs::new_run_with(
            &app.db,
            server::runs::RunRequest {
                seed: 42,
                ..Default::default()
            },
            server::runs::Hooks {
                cancel: Some(cancel),
                ..Default::default()
            },
        )
        .await
        .expect_err("cancelled");
        assert!(
            matches!(
                err.downcast_ref::<analysis::FitError>(),
                Some(analysis::FitError::Cancelled)
            ),
            "{err:#}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM analysis_run").await,
            0,
            "a cancelled run logs nothing"
        );
        // Cancelling a finished job says so.
        post(
            &app,
            &analyst,
            "/staff/runs",
            &format!("/staff/runs/jobs/{id}/cancel"),
            &[],
        )
        .await;
        let (_, html) = get(&app, &analyst, "/staff/runs").await;
        assert!(html.contains("had already finished"), "{html}");
    }
);

both_backends_with!(
    a_restart_resumes_interrupted_jobs_and_fails_repeat_offenders,
    without_worker,
    |app: TestApp| async move {
        seed_responses(&app).await;
        // Two jobs a stopped server left "running": one interrupted once, one twice.
        let once = jobs::enqueue(&app.db, &JobOptions::default(), None)
            .await
            .expect("enqueue");
        let twice = jobs::enqueue(&app.db, &JobOptions::default(), None)
            .await
            .expect("enqueue");
        app.db
            .execute_unprepared(&format!(
                "UPDATE analysis_job SET status = 'running', attempts = 1 WHERE id = {once}"
            ))
            .await
            .expect("interrupt");
        app.db
            .execute_unprepared(&format!(
                "UPDATE analysis_job SET status = 'running', attempts = 2 WHERE id = {twice}"
            ))
            .await
            .expect("interrupt");
        // A worker starting (as after a restart) requeues the first and fails the second.
        let cache = tempfile::tempdir().expect("temp dir");
        let worker = tokio::spawn(server::jobs::work(
            app.db.clone(),
            None,
            server::jobs::JobQueue::default(),
            cache.path().join("embeddings.cache"),
            server::jobs::lease(60),
        ));
        let job = settled(&app, once).await;
        let failed = jobs::get(&app.db, twice).await.expect("read").expect("job");
        assert_eq!(failed.status, "failed");
        assert!(
            failed
                .error
                .as_deref()
                .unwrap_or_default()
                .contains("stopped during this run 2 times")
        );
        worker.abort();
        assert_eq!(job.status, "succeeded", "{:?}", job.error);
        assert_eq!(job.attempts, 2);
    }
);

both_backends_with!(
    sentence_embeddings_are_kept_across_a_restart,
    without_worker,
    |app: TestApp| async move {
        let model = analysis::semantic::encoder::default_model_dir();
        assert!(
            model.join("config.json").exists(),
            "the sentence model is needed at {} (scripts/fetch-model.sh)",
            model.display()
        );
        seed_responses(&app).await;
        let dir = tempfile::tempdir().expect("temp dir");
        let file = server::embedding_store::path(dir.path());
        let semantic = JobOptions {
            representation: app::models::jobs::Representation::Semantic,
            ..JobOptions::default()
        };
        let start = || {
            let (db, model, file) = (app.db.clone(), model.clone(), file.clone());
            tokio::spawn(server::jobs::work(
                db,
                Some(model),
                server::jobs::JobQueue::default(),
                file,
                server::jobs::lease(60),
            ))
        };
        let first = jobs::enqueue(&app.db, &semantic, None)
            .await
            .expect("enqueue");
        let worker = start();
        let job = settled(&app, first).await;
        worker.abort();
        assert_eq!(job.status, "succeeded", "{:?}", job.error);
        let saved = server::embedding_store::load(&file);
        assert!(
            saved.len() > 10,
            "the run's vectors are on disk: {}",
            saved.len()
        );
        let modified = std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("mtime");

        // After a restart, the same input needs no new embedding: the file is not rewritten.
        let second = jobs::enqueue(&app.db, &semantic, None)
            .await
            .expect("enqueue");
        let worker = start();
        let job = settled(&app, second).await;
        worker.abort();
        assert_eq!(job.status, "succeeded", "{:?}", job.error);
        assert_eq!(server::embedding_store::load(&file).len(), saved.len());
        assert_eq!(
            std::fs::metadata(&file)
                .and_then(|m| m.modified())
                .expect("mtime"),
            modified,
            "nothing new to save"
        );
    }
);
