//! The background worker that executes analysis runs started from the browser. One job at a time
//! per process (the machine's cores go to the analysis); progress is written to the job row twice a
//! second; cancellation is an in-memory flag (set by the cancel form, or read from the row for
//! requests made through another server process); sentence embeddings are cached between runs.
//! Jobs are claimed under a lease (see [`app::store::jobs`]), so on PostgreSQL any number of
//! processes can share the queue and a job whose process died resumes on another.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use analysis::{EmbeddingCache, FitError};
use app::models::jobs::{JobOptions, JobStatus, Representation};
use app::store::entities::analysis_job;
use app::store::jobs::{Abandoned, Lease};
use app::store::{audit, jobs};
use sea_orm::{DatabaseConnection, DbBackend};
use serde_json::json;
use tokio::sync::Notify;

use crate::embedding_store;
use crate::runs::{self, Hooks, RunRequest, Scope};

/// What to do after a job logged a run.
type AfterRun = Arc<dyn Fn() + Send + Sync>;

/// Wakes the worker and carries cancellation to running jobs.
#[derive(Clone, Default)]
pub struct JobQueue {
    notify: Arc<Notify>,
    running: Arc<Mutex<HashMap<i32, Arc<AtomicBool>>>>,
    after_run: Arc<Mutex<Option<AfterRun>>>,
}

impl JobQueue {
    /// Calls `then` each time a job has logged a run (the dashboards prepare it ahead).
    pub fn after_each_run(&self, then: impl Fn() + Send + Sync + 'static) {
        *self
            .after_run
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(then));
    }

    /// Tells the worker a job is waiting.
    pub fn wake(&self) {
        self.notify.notify_one();
    }

    /// Stops job `id` at its next checkpoint, if this process runs it.
    pub fn cancel(&self, id: i32) {
        if let Some(flag) = self
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&id)
        {
            flag.store(true, Ordering::Relaxed);
        }
    }

    fn register(&self, id: i32) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        self.running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, flag.clone());
        flag
    }

    fn unregister(&self, id: i32) {
        self.running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&id);
    }
}

/// The worker's lease on the jobs it claims: this process's owner id, and how long a claim
/// holds without renewal (`job_lease_seconds`).
pub fn lease(seconds: u64) -> Lease {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into());
    let random = uuid::Uuid::new_v4().simple().to_string();
    Lease {
        owner: format!("{host}:{}:{}", std::process::id(), &random[..8]),
        seconds: i64::try_from(seconds).unwrap_or(i64::MAX),
    }
}

/// Takes back jobs whose process stopped (all running jobs at start on a single-process
/// SQLite installation; on PostgreSQL only those whose lease ran out), logging what it did.
async fn take_back(db: &DatabaseConnection, which: Abandoned) {
    match jobs::recover(db, which).await {
        Ok((0, 0)) => {}
        Ok((requeued, failed)) => {
            tracing::warn!(requeued, failed, "analysis jobs whose process stopped")
        }
        Err(err) => tracing::error!(error = %err, "taking back abandoned analysis jobs"),
    }
}

/// The worker: takes back interrupted jobs, then runs queued jobs one by one until the task is
/// aborted. On PostgreSQL several processes may run workers on one queue: each claims under
/// `lease` and takes back jobs whose lease ran out.
pub async fn work(
    db: DatabaseConnection,
    model_dir: Option<PathBuf>,
    queue: JobQueue,
    cache_file: PathBuf,
    lease: Lease,
) {
    let shared_queue = db.get_database_backend() == DbBackend::Postgres;
    let expired = Abandoned::LeaseExpired;
    take_back(
        &db,
        if shared_queue {
            expired
        } else {
            Abandoned::All
        },
    )
    .await;
    let loaded = {
        let file = cache_file.clone();
        tokio::task::spawn_blocking(move || embedding_store::load(&file))
            .await
            .unwrap_or_default()
    };
    let cache = Arc::new(Mutex::new(loaded));
    loop {
        if shared_queue {
            take_back(&db, expired).await;
        }
        match jobs::claim_next(&db, &lease).await {
            Ok(Some(job)) => {
                let store = (cache.clone(), cache_file.clone());
                execute(&db, model_dir.clone(), &queue, store, &lease, job).await
            }
            Ok(None) => {
                let _ = tokio::time::timeout(Duration::from_secs(5), queue.notify.notified()).await;
            }
            Err(err) => {
                tracing::error!(error = %err, "claiming an analysis job");
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
        }
    }
}

fn lock(cache: &Mutex<EmbeddingCache>) -> std::sync::MutexGuard<'_, EmbeddingCache> {
    cache.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Saves the embedding cache on a blocking thread; a failure is logged (the cache stays in memory).
async fn save_cache(cache: Arc<Mutex<EmbeddingCache>>, file: PathBuf) {
    let saved = tokio::task::spawn_blocking(move || {
        let cache = lock(&cache);
        embedding_store::save(&file, &cache).map(|()| cache.len())
    })
    .await;
    match saved {
        Ok(Ok(vectors)) => tracing::info!(vectors, "embedding cache saved"),
        Ok(Err(err)) => tracing::error!(error = %err, "saving the embedding cache"),
        Err(err) => tracing::error!(error = %err, "the embedding cache writer stopped"),
    }
}

/// Progress shared between the analysis thread and the writer.
type Shared = Arc<Mutex<Option<(String, i64, i64)>>>;

async fn execute(
    db: &DatabaseConnection,
    model_dir: Option<PathBuf>,
    queue: &JobQueue,
    (cache, cache_file): (Arc<Mutex<EmbeddingCache>>, PathBuf),
    lease: &Lease,
    job: analysis_job::Model,
) {
    let id = job.id;
    let cached_before = lock(&cache).len();
    tracing::info!(job = id, "analysis job started");
    let cancel = queue.register(id);
    let shared: Shared = Arc::new(Mutex::new(None));
    let lost = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn(write_progress(
        db.clone(),
        (job.clone(), lease.clone()),
        shared.clone(),
        cancel.clone(),
        lost.clone(),
    ));
    let result = run(
        db,
        model_dir,
        &job,
        shared.clone(),
        cancel.clone(),
        cache.clone(),
    )
    .await;
    writer.abort();
    // New vectors reach the disk before the job is reported finished.
    if lock(&cache).len() != cached_before {
        save_cache(cache, cache_file).await;
    }
    // The last progress report, however fast the run was.
    let last = shared
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    if let Some((stage, done, total)) = last {
        let _ = jobs::progress(db, id, &stage, done, total).await;
    }
    queue.unregister(id);
    let (status, error, run_id) = match result {
        Ok(run_id) => (JobStatus::Succeeded, None, Some(run_id)),
        Err(err) if cancel.load(Ordering::Relaxed) || is_cancelled(&err) => {
            (JobStatus::Cancelled, None, None)
        }
        Err(err) => (JobStatus::Failed, Some(format!("{err:#}")), None),
    };
    tracing::info!(job = id, status = status.as_str(), "analysis job ended");
    match jobs::finish(db, &job, lease, status, error.clone(), run_id).await {
        Ok(true) => {}
        Ok(false) => {
            // Another process took the job over when this one's lease ran out: its result
            // stands (a run this process logged stays in the log as any other run).
            tracing::warn!(
                job = id,
                lost = lost.load(Ordering::Relaxed),
                "this process no longer held the analysis job"
            );
            queue.unregister(id);
            return;
        }
        Err(err) => {
            tracing::error!(job = id, error = %err, "recording the end of an analysis job");
        }
    }
    let after_run = queue
        .after_run
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    if let (Some(then), Some(_)) = (after_run, run_id) {
        then();
    }
    audit::note(
        db,
        None,
        "analysis_run",
        json!({ "job": id, "requested_by": job.requested_by, "status": status.as_str(), "run": run_id, "error": error }),
    )
    .await;
}

fn is_cancelled(err: &anyhow::Error) -> bool {
    matches!(err.downcast_ref::<FitError>(), Some(FitError::Cancelled))
}

async fn run(
    db: &DatabaseConnection,
    model_dir: Option<PathBuf>,
    job: &analysis_job::Model,
    shared: Shared,
    cancel: Arc<AtomicBool>,
    cache: Arc<Mutex<EmbeddingCache>>,
) -> anyhow::Result<i32> {
    let options: JobOptions = serde_json::from_value(job.options.clone())
        .map_err(|e| anyhow::anyhow!("the job's options are unreadable: {e}"))?;
    let model_dir = match options.representation {
        Representation::Semantic => Some(model_dir.ok_or_else(|| {
            anyhow::anyhow!("the semantic representation needs model_dir, which is not set")
        })?),
        Representation::Classical => None,
    };
    let progress: runs::Progress = Arc::new(move |stage, done, total| {
        *shared.lock().unwrap_or_else(PoisonError::into_inner) = Some((
            stage.name().to_owned(),
            i64::try_from(done).unwrap_or(i64::MAX),
            i64::try_from(total).unwrap_or(i64::MAX),
        ));
    });
    let request = RunRequest {
        model_dir,
        k: options.k,
        seed: options.seed,
        scope: Scope::from(&options),
    };
    let hooks = Hooks {
        progress: Some(progress),
        cancel: Some(cancel),
        cache: Some(cache),
    };
    runs::new_run_with(db, request, hooks).await
}

/// Writes the latest progress to the job row twice a second, picks up cancellation requested
/// through the database (from any process), and renews the lease a third of the way through
/// it; a renewal refused means another process has the job, so this one stops (`lost`).
async fn write_progress(
    db: DatabaseConnection,
    (job, lease): (analysis_job::Model, Lease),
    shared: Shared,
    cancel: Arc<AtomicBool>,
    lost: Arc<AtomicBool>,
) {
    let id = job.id;
    let mut last = None;
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    let renew_every = Duration::from_secs(u64::try_from(lease.seconds / 3).unwrap_or(1).max(1));
    let mut renewed = tokio::time::Instant::now();
    loop {
        tick.tick().await;
        if renewed.elapsed() >= renew_every {
            match jobs::renew(&db, &job, &lease).await {
                Ok(true) => renewed = tokio::time::Instant::now(),
                Ok(false) => {
                    tracing::warn!(
                        job = id,
                        "the analysis job's lease was lost; stopping it here"
                    );
                    lost.store(true, Ordering::Relaxed);
                    cancel.store(true, Ordering::Relaxed);
                    return;
                }
                Err(err) => {
                    tracing::warn!(job = id, error = %err, "renewing an analysis job's lease")
                }
            }
        }
        let now = shared
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if now != last
            && let Some((stage, done, total)) = &now
            && let Err(err) = jobs::progress(&db, id, stage, *done, *total).await
        {
            tracing::warn!(job = id, error = %err, "recording progress");
        }
        last = now;
        if jobs::cancel_requested(&db, id).await.unwrap_or(false) {
            cancel.store(true, Ordering::Relaxed);
        }
    }
}
