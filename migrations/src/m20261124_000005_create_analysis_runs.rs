//! The audit log of analysis runs, append-only: what went in (the last response and imported report included, a hash of
//! the input), how (theme parameters and seed, encoder model, weighting configuration version),
//! and what came out (themes, per-respondent weight components, priorities), plus the fitted
//! theme model so the next run keeps theme IDs. Rows are never updated or deleted.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AnalysisRun::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(AnalysisRun::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AnalysisRun::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AnalysisRun::LastResponseId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AnalysisRun::LastReportId)
                            .big_integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(AnalysisRun::InputHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(AnalysisRun::PreviousRunId).integer().null())
                    .col(ColumnDef::new(AnalysisRun::Encoder).text().null())
                    .col(
                        ColumnDef::new(AnalysisRun::WeightingVersion)
                            .integer()
                            .null(),
                    )
                    .col(ColumnDef::new(AnalysisRun::Themes).json().not_null())
                    .col(ColumnDef::new(AnalysisRun::Weighting).json().null())
                    .col(ColumnDef::new(AnalysisRun::WeightingProblem).text().null())
                    .col(ColumnDef::new(AnalysisRun::Model).json().not_null())
                    .col(
                        ColumnDef::new(AnalysisRun::ResultSha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AnalysisRun::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum AnalysisRun {
    Table,
    Id,
    CreatedAt,
    LastResponseId,
    LastReportId,
    InputHash,
    PreviousRunId,
    Encoder,
    WeightingVersion,
    Themes,
    Weighting,
    WeightingProblem,
    Model,
    ResultSha256,
}
