//! The analysis job table: analysts enqueue, the server's worker claims, reports progress and
//! finishes; a restart puts interrupted jobs back in the queue (or fails them after two tries).

use std::collections::BTreeMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
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

/// Claims the oldest queued job for this worker, marking it running.
pub async fn claim_next(db: &DatabaseConnection) -> Result<Option<analysis_job::Model>, DbErr> {
    loop {
        let Some(next) = analysis_job::Entity::find()
            .filter(analysis_job::Column::Status.eq(JobStatus::Queued.as_str()))
            .order_by_asc(analysis_job::Column::Id)
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let claimed = analysis_job::Entity::update_many()
            .col_expr(
                analysis_job::Column::Status,
                Expr::value(JobStatus::Running.as_str()),
            )
            .col_expr(
                analysis_job::Column::Attempts,
                Expr::value(next.attempts + 1),
            )
            .col_expr(
                analysis_job::Column::StartedAt,
                Expr::value(OffsetDateTime::now_utc()),
            )
            .filter(analysis_job::Column::Id.eq(next.id))
            .filter(analysis_job::Column::Status.eq(JobStatus::Queued.as_str()))
            .exec(db)
            .await?;
        if claimed.rows_affected == 1 {
            return get(db, next.id).await;
        }
    }
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

/// Ends a job.
pub async fn finish(
    db: &DatabaseConnection,
    id: i32,
    status: JobStatus,
    error: Option<String>,
    run_id: Option<i32>,
) -> Result<(), DbErr> {
    analysis_job::Entity::update_many()
        .col_expr(analysis_job::Column::Status, Expr::value(status.as_str()))
        .col_expr(analysis_job::Column::Error, Expr::value(error))
        .col_expr(analysis_job::Column::RunId, Expr::value(run_id))
        .col_expr(
            analysis_job::Column::FinishedAt,
            Expr::value(OffsetDateTime::now_utc()),
        )
        .filter(analysis_job::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// At start-up: jobs left running by a stopped server go back to the queue, or fail after
/// [`MAX_ATTEMPTS`]. Returns (requeued, failed).
pub async fn recover(db: &DatabaseConnection) -> Result<(u64, u64), DbErr> {
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
        .filter(analysis_job::Column::Attempts.gte(MAX_ATTEMPTS))
        .exec(db)
        .await?;
    analysis_job::Entity::update_many()
        .col_expr(
            analysis_job::Column::Status,
            Expr::value(JobStatus::Cancelled.as_str()),
        )
        .filter(analysis_job::Column::Status.eq(JobStatus::Running.as_str()))
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
        .exec(db)
        .await?;
    Ok((requeued.rows_affected, failed.rows_affected))
}
