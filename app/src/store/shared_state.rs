//! State that several server processes on one database share (migration
//! `m20261202_000023_shared_state`): cache generations, moved by the database itself whenever
//! what a cache holds changes, and rate-limit allowances on PostgreSQL.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};

/// The generation of the dashboards cache: it moves with every change to curation, goals,
/// departments and interview notes, made by any process or by hand.
pub async fn dashboards_generation(db: &DatabaseConnection) -> Result<i64, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT generation FROM cache_generation WHERE name = 'dashboards'",
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the dashboards cache generation".into()))?;
    row.try_get_by_index(0)
}

/// Takes one of the allowance `key` (a hash, at most 64 characters) gives on PostgreSQL, where
/// an allowance of `burst` per `period_us` microseconds refills one every `interval_us` =
/// `period_us / burst` (GCRA, as in memory). `true` if there was one; a refused attempt takes
/// nothing. The database's clock is used, so the processes' clocks need not agree.
pub async fn take_allowance(
    db: &DatabaseConnection,
    key: &str,
    interval_us: i64,
    period_us: i64,
) -> Result<bool, DbErr> {
    // `EXCLUDED.tat` is now + one interval: the row's next time is the later of its own plus
    // one interval and that, and it may be at most one period ahead of now.
    let taken = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO rate_limit AS r (key, tat) \
             VALUES ($1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT + $2) \
             ON CONFLICT (key) DO UPDATE SET tat = GREATEST(r.tat + $2, EXCLUDED.tat) \
             WHERE GREATEST(r.tat + $2, EXCLUDED.tat) <= EXCLUDED.tat - $2 + $3 \
             RETURNING tat",
            [key.into(), interval_us.into(), period_us.into()],
        ))
        .await?;
    Ok(taken.is_some())
}

/// Forgets allowances that have refilled completely; returns how many.
pub async fn forget_full_allowances(db: &DatabaseConnection) -> Result<u64, DbErr> {
    let done = db
        .execute_raw(Statement::from_string(
            DbBackend::Postgres,
            "DELETE FROM rate_limit \
             WHERE tat < (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT",
        ))
        .await?;
    Ok(done.rows_affected())
}
