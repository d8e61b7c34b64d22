//! Several processes on one queue: claims are exclusive (PostgreSQL skips rows another process has
//! locked), a lease that runs out hands the job to another process, the old holder can neither renew
//! nor finish it, and a worker resumes a job whose process died once its lease ends.

use app::models::jobs::{JobOptions, JobStatus};
use app::store::entities::analysis_job;
use app::store::jobs::{self, Abandoned, Lease};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;
use time::OffsetDateTime;

use super::jobs::{settled, without_worker};
use crate::both_backends_with;
use crate::helpers::{Backend, TestApp};
use crate::runs::seed_responses;

fn lease(owner: &str, seconds: i64) -> Lease {
    Lease {
        owner: owner.to_owned(),
        seconds,
    }
}

both_backends_with!(
    concurrent_claims_take_each_job_once,
    without_worker,
    |app: TestApp| async move {
        let mut queued = Vec::new();
        for _ in 0..12 {
            queued.push(
                jobs::enqueue(&app.db, &JobOptions::default(), None)
                    .await
                    .expect("enqueue"),
            );
        }
        let claimers: Vec<_> = (0..3)
            .map(|p| {
                let db = app.db.clone();
                tokio::spawn(async move {
                    let lease = lease(&format!("process-{p}"), 60);
                    let mut mine = Vec::new();
                    while let Some(job) = jobs::claim_next(&db, &lease).await.expect("claim") {
                        assert_eq!(job.lease_owner.as_deref(), Some(lease.owner.as_str()));
                        mine.push(job.id);
                    }
                    mine
                })
            })
            .collect();
        let mut claimed: BTreeMap<i32, usize> = BTreeMap::new();
        for claimer in claimers {
            for id in claimer.await.expect("claimer") {
                *claimed.entry(id).or_default() += 1;
            }
        }
        assert!(
            claimed.values().all(|&n| n == 1),
            "a job was claimed twice: {claimed:?}"
        );
        assert_eq!(claimed.keys().copied().collect::<Vec<_>>(), queued);
    }
);

both_backends_with!(
    a_lease_that_runs_out_hands_the_job_over,
    without_worker,
    |app: TestApp| async move {
        let id = jobs::enqueue(&app.db, &JobOptions::default(), None)
            .await
            .expect("enqueue");
        let (a, b) = (lease("host-a:1:aaaa", 60), lease("host-b:2:bbbb", 60));
        let first = jobs::claim_next(&app.db, &a)
            .await
            .expect("claim")
            .expect("a job");
        assert_eq!((first.id, first.attempts), (id, 1));
        // While A's lease runs, B takes nothing back and finds nothing to claim.
        assert_eq!(
            jobs::recover(&app.db, Abandoned::LeaseExpired)
                .await
                .expect("recover"),
            (0, 0)
        );
        assert!(
            jobs::claim_next(&app.db, &b)
                .await
                .expect("claim")
                .is_none()
        );
        assert!(jobs::renew(&app.db, &first, &a).await.expect("renew"));

        // A stops renewing (its process died): its lease runs out.
        analysis_job::Entity::update_many()
            .col_expr(
                analysis_job::Column::LeaseUntil,
                Expr::value(OffsetDateTime::now_utc() - time::Duration::minutes(1)),
            )
            .filter(analysis_job::Column::Id.eq(id))
            .exec(&app.db)
            .await
            .expect("expire the lease");
        assert_eq!(
            jobs::recover(&app.db, Abandoned::LeaseExpired)
                .await
                .expect("recover"),
            (1, 0)
        );
        let second = jobs::claim_next(&app.db, &b)
            .await
            .expect("claim")
            .expect("the job again");
        assert_eq!((second.id, second.attempts), (id, 2));
        assert_eq!(second.lease_owner.as_deref(), Some(b.owner.as_str()));

        // A, back from a pause, can neither renew nor finish it; B can.
        assert!(!jobs::renew(&app.db, &first, &a).await.expect("renew"));
        assert!(
            !jobs::finish(&app.db, &first, &a, JobStatus::Failed, None, None)
                .await
                .expect("finish")
        );
        assert!(jobs::renew(&app.db, &second, &b).await.expect("renew"));
        // Cancellation asked through any process reaches the holder through the row.
        assert!(jobs::request_cancel(&app.db, id).await.expect("cancel"));
        assert!(jobs::cancel_requested(&app.db, id).await.expect("read"));
        assert!(
            jobs::finish(&app.db, &second, &b, JobStatus::Cancelled, None, None)
                .await
                .expect("finish")
        );
        let job = jobs::get(&app.db, id).await.expect("read").expect("job");
        assert_eq!(job.status, "cancelled");
    }
);

both_backends_with!(
    a_worker_resumes_a_job_whose_process_died,
    without_worker,
    |app: TestApp| async move {
        seed_responses(&app).await;
        let id = jobs::enqueue(&app.db, &JobOptions::default(), None)
            .await
            .expect("enqueue");
        // A process claimed it with a two-second lease, then died.
        let dead = lease("gone:999:dead", 2);
        jobs::claim_next(&app.db, &dead)
            .await
            .expect("claim")
            .expect("a job");
        let cache = tempfile::tempdir().expect("temp dir");
        let worker = tokio::spawn(server::jobs::work(
            app.db.clone(),
            None,
            server::jobs::JobQueue::default(),
            cache.path().join("embeddings.cache"),
            server::jobs::lease(60),
        ));
        let job = settled(&app, id).await;
        worker.abort();
        assert_eq!(job.status, "succeeded", "{:?}", job.error);
        assert_eq!(job.attempts, 2);
        assert_ne!(job.lease_owner.as_deref(), Some(dead.owner.as_str()));
    }
);
