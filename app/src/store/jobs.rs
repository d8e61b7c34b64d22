//! The analysis job table: analysts enqueue; a server process claims a job under a lease, renews
//! the lease while it reports progress, and finishes it; a job whose process stopped goes back to
//! the queue when its lease runs out (or at once on a single-process SQLite installation), and
//! fails after two tries. Cancellation is a flag on the row, so any process can ask for it.

use std::collections::BTreeMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Statement,
};
use time::OffsetDateTime;

use super::entities::{analysis_job, staff_user};
use crate::models::jobs::{JobOptions, JobStatus, JobView};
use crate::models::staff::Viewer;

/// A job interrupted this many times is failed instead of resumed.
pub const MAX_ATTEMPTS: i32 = 2;

/// Queues a run; returns the job id.
pub async fn enqueue(
    db: &DatabaseConnection,
    options: &JobOptions,
    by: Option<&Viewer>,
) -> Result<i32, DbErr> {
    let row = analysis_job::ActiveModel {
        created_at: Set(OffsetDateTime::now_utc()),
        requested_by: Set(by.map(|v| v.id)),
        status: Set(JobStatus::Queued.as_str().to_owned()),
        options: Set(serde_json::to_value(options).unwrap_or_default()),
        stage: Set(None),
        done: Set(0),
        total: Set(0),
        attempts: Set(0),
        cancel_requested: Set(false),
        error: Set(None),
        run_id: Set(None),
        started_at: Set(None),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub async fn get(db: &DatabaseConnection, id: i32) -> Result<Option<analysis_job::Model>, DbErr> {
    analysis_job::Entity::find_by_id(id).one(db).await
}

/// The latest `limit` jobs as pages show them, newest first.
pub async fn list(db: &DatabaseConnection, limit: u64) -> Result<Vec<JobView>, DbErr> {
    let rows = analysis_job::Entity::find()
        .order_by_desc(analysis_job::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let names: BTreeMap<i32, String> = staff_user::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows.into_iter().map(|row| view(row, &names)).collect())
}

fn view(row: analysis_job::Model, names: &BTreeMap<i32, String>) -> JobView {
    JobView {
        id: row.id,
        created_at: super::runs::minute(row.created_at),
        requested_by: row.requested_by.and_then(|id| names.get(&id).cloned()),
        status: JobStatus::parse(&row.status).unwrap_or(JobStatus::Failed),
        options: serde_json::from_value(row.options).unwrap_or_default(),
        stage: row.stage,
        done: row.done,
        total: row.total,
        cancel_requested: row.cancel_requested,
        error: row.error,
        run_id: row.run_id,
    }
}

/// Asks a job to stop: a queued job is cancelled at once, a running one at its next checkpoint.
/// Returns false when the job had already finished.
pub async fn request_cancel(db: &DatabaseConnection, id: i32) -> Result<bool, DbErr> {
    let queued = analysis_job::Entity::update_many()
        .col_expr(
            analysis_job::Column::Status,
            Expr::value(JobStatus::Cancelled.as_str()),
        )
        .col_expr(
            analysis_job::Column::FinishedAt,
            Expr::value(OffsetDateTime::now_utc()),
        )
        .filter(analysis_job::Column::Id.eq(id))
        .filter(analysis_job::Column::Status.eq(JobStatus::Queued.as_str()))
        .exec(db)
        .await?;
    if queued.rows_affected > 0 {
        return Ok(true);
    }
    let running = analysis_job::Entity::update_many()
        .col_expr(analysis_job::Column::CancelRequested, Expr::value(true))
        .filter(analysis_job::Column::Id.eq(id))
        .filter(analysis_job::Column::Status.eq(JobStatus::Running.as_str()))
        .exec(db)
        .await?;
    Ok(running.rows_affected > 0)
}

/// Who holds a running job, and for how long at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lease {
    /// This process: `host:pid:random`, unique across restarts.
    pub owner: String,
    /// A claim or renewal holds the job this long; a process that stops renewing loses it.
    pub seconds: i64,
}

impl Lease {
    fn until(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + time::Duration::seconds(self.seconds)
    }
}

/// Claims the oldest queued job for the process holding `lease`, marking it running. On
/// PostgreSQL the candidate row is locked with `FOR UPDATE SKIP LOCKED`, so processes claiming at
/// the same moment take different jobs instead of queueing on one; on SQLite writes are serial.
pub async fn claim_next(
    db: &DatabaseConnection,
    lease: &Lease,
) -> Result<Option<analysis_job::Model>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE analysis_job SET status = 'running', attempts = attempts + 1, \
             started_at = $1, lease_owner = $2, lease_until = $3 \
             WHERE id = (SELECT id FROM analysis_job WHERE status = 'queued' \
             ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) \
             RETURNING CAST(id AS BIGINT) AS id"
        }
        _ => {
            "UPDATE analysis_job SET status = 'running', attempts = attempts + 1, \
             started_at = ?, lease_owner = ?, lease_until = ? \
             WHERE id = (SELECT id FROM analysis_job WHERE status = 'queued' \
             ORDER BY id LIMIT 1) \
             RETURNING CAST(id AS BIGINT) AS id"
        }
    };
    let claimed = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [
                OffsetDateTime::now_utc().into(),
                lease.owner.clone().into(),
                lease.until().into(),
            ],
        ))
        .await?;
    match claimed {
        Some(row) => {
            let id: i64 = row.try_get("", "id")?;
            get(db, id as i32).await
        }
        None => Ok(None),
    }
}

/// Extends the lease on `job` (as claimed). False when this process no longer holds it (the
/// lease ran out and the job went back to the queue or to another process, or it ended): the
/// caller must stop working on it.
pub async fn renew(
    db: &DatabaseConnection,
    job: &analysis_job::Model,
    lease: &Lease,
) -> Result<bool, DbErr> {
    let renewed = analysis_job::Entity::update_many()
        .col_expr(analysis_job::Column::LeaseUntil, Expr::value(lease.until()))
        .filter(analysis_job::Column::Id.eq(job.id))
        .filter(analysis_job::Column::Attempts.eq(job.attempts))
        .filter(analysis_job::Column::Status.eq(JobStatus::Running.as_str()))
        .filter(analysis_job::Column::LeaseOwner.eq(lease.owner.as_str()))
        .exec(db)
        .await?;
    Ok(renewed.rows_affected == 1)
}

/// Records progress: `stage` (a human name), `done` of `total` within it.
pub async fn progress(
    db: &DatabaseConnection,
    id: i32,
    stage: &str,
    done: i64,
    total: i64,
) -> Result<(), DbErr> {
    analysis_job::Entity::update_many()
        .col_expr(analysis_job::Column::Stage, Expr::value(stage))
        .col_expr(analysis_job::Column::Done, Expr::value(done))
        .col_expr(analysis_job::Column::Total, Expr::value(total))
        .filter(analysis_job::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether someone asked job `id` to stop.
pub async fn cancel_requested(db: &DatabaseConnection, id: i32) -> Result<bool, DbErr> {
    Ok(get(db, id).await?.is_some_and(|j| j.cancel_requested))
}

/// Ends `job` (as claimed), if this process still holds it. False when it no longer did (the
/// lease ran out and another process took it over), in which case nothing changes.
pub async fn finish(
    db: &DatabaseConnection,
    job: &analysis_job::Model,
    lease: &Lease,
    status: JobStatus,
    error: Option<String>,
    run_id: Option<i32>,
) -> Result<bool, DbErr> {
    let ended = analysis_job::Entity::update_many()
        .col_expr(analysis_job::Column::Status, Expr::value(status.as_str()))
        .col_expr(analysis_job::Column::Error, Expr::value(error))
        .col_expr(analysis_job::Column::RunId, Expr::value(run_id))
        .col_expr(
            analysis_job::Column::FinishedAt,
            Expr::value(OffsetDateTime::now_utc()),
        )
        .col_expr(
            analysis_job::Column::LeaseUntil,
            Expr::value(Option::<OffsetDateTime>::None),
        )
        .filter(analysis_job::Column::Id.eq(job.id))
        .filter(analysis_job::Column::Attempts.eq(job.attempts))
        .filter(analysis_job::Column::LeaseOwner.eq(lease.owner.as_str()))
        .filter(analysis_job::Column::Status.eq(JobStatus::Running.as_str()))
        .exec(db)
        .await?;
    Ok(ended.rows_affected == 1)
}

/// Which running jobs [`recover`] takes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abandoned {
    /// Every running job: the only process that runs jobs has just started (SQLite).
    All,
    /// Jobs whose lease ran out: their process stopped renewing it (several processes).
    LeaseExpired,
}

/// Jobs left running by a stopped process go back to the queue, or fail after
/// [`MAX_ATTEMPTS`]; those whose cancellation was asked are cancelled. Returns (requeued, failed).
pub async fn recover(db: &DatabaseConnection, which: Abandoned) -> Result<(u64, u64), DbErr> {
    let abandoned = match which {
        Abandoned::All => Condition::all(),
        Abandoned::LeaseExpired => Condition::any()
            .add(analysis_job::Column::LeaseUntil.is_null())
            .add(analysis_job::Column::LeaseUntil.lt(OffsetDateTime::now_utc())),
    };
    let failed = analysis_job::Entity::update_many()
        .col_expr(
            analysis_job::Column::Status,
            Expr::value(JobStatus::Failed.as_str()),
        )
        .col_expr(
            analysis_job::Column::Error,
            Expr::value(format!(
                "the server stopped during this run {MAX_ATTEMPTS} times; start it again"
            )),
        )
        .col_expr(
            analysis_job::Column::FinishedAt,
            Expr::value(OffsetDateTime::now_utc()),
        )
        .filter(analysis_job::Column::Status.eq(JobStatus::Running.as_str()))
        .filter(abandoned.clone())
        .filter(analysis_job::Column::Attempts.gte(MAX_ATTEMPTS))
        .exec(db)
        .await?;
    analysis_job::Entity::update_many()
        .col_expr(
            analysis_job::Column::Status,
            Expr::value(JobStatus::Cancelled.as_str()),
        )
        .filter(analysis_job::Column::Status.eq(JobStatus::Running.as_str()))
        .filter(abandoned.clone())
        .filter(analysis_job::Column::CancelRequested.eq(true))
        .exec(db)
        .await?;
    let requeued = analysis_job::Entity::update_many()
        .col_expr(
            analysis_job::Column::Status,
            Expr::value(JobStatus::Queued.as_str()),
        )
        .col_expr(
            analysis_job::Column::Stage,
            Expr::value(Option::<String>::None),
        )
        .col_expr(analysis_job::Column::Done, Expr::value(0i64))
        .col_expr(analysis_job::Column::Total, Expr::value(0i64))
        .filter(analysis_job::Column::Status.eq(JobStatus::Running.as_str()))
        .filter(abandoned.clone())
        .exec(db)
        .await?;
    Ok((requeued.rows_affected, failed.rows_affected))
}
