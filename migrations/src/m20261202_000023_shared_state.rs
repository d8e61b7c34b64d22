//! State that several server processes on one database share:
//!
//! * `cache_generation`: one counter per in-memory cache. The database moves it itself, by a
//!   trigger, in the same transaction as any change to what the cache holds, so every process
//!   sees a change at its next request, whether it came through another process, the command
//!   line or plain SQL. `dashboards` moves with staff curation, goals and departments, and
//!   interview notes (dashboards quote their passages).
//! * `rate_limit`: sign-in and submission allowances on PostgreSQL, one row per key (a hash),
//!   holding the key's "theoretical arrival time" in microseconds (GCRA, the algorithm the
//!   in-memory limits use). Unlogged on PostgreSQL: nothing waits for the disk, and a crash
//!   empties it, which only gives everyone a fresh allowance.
//! * `report_feed.lease_owner` and `lease_until`: the process pulling an Open311 feed, so that
//!   one process pulls it at a time.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// The tables whose changes move the `dashboards` generation.
const DASHBOARD_TABLES: [&str; 9] = [
    "theme_curation",
    "theme_goal",
    "theme_split",
    "theme_split_member",
    "approved_quote",
    "strategy_goal",
    "department",
    "note_document",
    "note_passage",
];

const BUMP: &str =
    "UPDATE cache_generation SET generation = generation + 1 WHERE name = 'dashboards'";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CacheGeneration::Table)
                    .col(
                        ColumnDef::new(CacheGeneration::Name)
                            .string_len(40)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CacheGeneration::Generation)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(CacheGeneration::Table)
                    .columns([CacheGeneration::Name, CacheGeneration::Generation])
                    .values_panic(["dashboards".into(), 0i64.into()])
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RateLimit::Table)
                    .col(
                        ColumnDef::new(RateLimit::Key)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RateLimit::Tat).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ReportFeed::Table)
                    .add_column(
                        ColumnDef::new(ReportFeed::LeaseOwner)
                            .string_len(120)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ReportFeed::Table)
                    .add_column(
                        ColumnDef::new(ReportFeed::LeaseUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                // Allowances are worth nothing after a crash: no write-ahead log, so taking one
                // does not wait for a disk flush (PostgreSQL empties the table after a crash).
                db.execute_unprepared("ALTER TABLE rate_limit SET UNLOGGED")
                    .await?;
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION needscope_dashboards_changed() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
                ))
                .await?;
                for table in DASHBOARD_TABLES {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_dashboards AFTER INSERT OR UPDATE OR DELETE \
                         ON {table} FOR EACH STATEMENT EXECUTE FUNCTION needscope_dashboards_changed()"
                    ))
                    .await?;
                }
            }
            _ => {
                for table in DASHBOARD_TABLES {
                    for event in ["INSERT", "UPDATE", "DELETE"] {
                        let name = format!("{table}_dashboards_{}", event.to_lowercase());
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {BUMP}; END"
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                for table in DASHBOARD_TABLES {
                    db.execute_unprepared(&format!("DROP TRIGGER {table}_dashboards ON {table}"))
                        .await?;
                }
                db.execute_unprepared("DROP FUNCTION needscope_dashboards_changed()")
                    .await?;
            }
            _ => {
                for table in DASHBOARD_TABLES {
                    for event in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!("DROP TRIGGER {table}_dashboards_{event}"))
                            .await?;
                    }
                }
            }
        }
        for column in [ReportFeed::LeaseUntil, ReportFeed::LeaseOwner] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ReportFeed::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(RateLimit::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CacheGeneration::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CacheGeneration {
    Table,
    Name,
    Generation,
}

#[derive(DeriveIden)]
enum RateLimit {
    Table,
    Key,
    Tat,
}

#[derive(DeriveIden)]
enum ReportFeed {
    Table,
    LeaseOwner,
    LeaseUntil,
}
