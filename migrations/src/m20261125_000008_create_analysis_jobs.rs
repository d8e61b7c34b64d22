//! Analysis runs started from the browser execute as background jobs. A job row records what was
//! asked (scope, representation, k, seed), who asked, and how far it got (stage, done / total), so a
//! restart can pick queued and interrupted jobs up again instead of losing them. A run records the
//! scope it analysed, so `runs verify` repeats exactly that.

use sea_orm_migration::prelude::*;

use crate::m20261124_000005_create_analysis_runs::AnalysisRun;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AnalysisJob::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(AnalysisJob::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AnalysisJob::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(AnalysisJob::RequestedBy).integer().null())
                    .col(
                        ColumnDef::new(AnalysisJob::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(AnalysisJob::Options).json().not_null())
                    .col(ColumnDef::new(AnalysisJob::Stage).string_len(40).null())
                    .col(
                        ColumnDef::new(AnalysisJob::Done)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(AnalysisJob::Total)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(AnalysisJob::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(AnalysisJob::CancelRequested)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(AnalysisJob::Error).text().null())
                    .col(ColumnDef::new(AnalysisJob::RunId).integer().null())
                    .col(
                        ColumnDef::new(AnalysisJob::StartedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(AnalysisJob::FinishedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AnalysisRun::Table)
                    .add_column(ColumnDef::new(AnalysisJob::Scope).json().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AnalysisRun::Table)
                    .drop_column(AnalysisJob::Scope)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(AnalysisJob::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum AnalysisJob {
    Table,
    Id,
    CreatedAt,
    RequestedBy,
    Status,
    Options,
    Stage,
    Done,
    Total,
    Attempts,
    CancelRequested,
    Error,
    RunId,
    StartedAt,
    FinishedAt,
    /// A column of `analysis_run`: the scope a run analysed.
    Scope,
}
