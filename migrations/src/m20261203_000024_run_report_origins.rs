//! Where the reports an analysis run read came from (external id, day, district), written once
//! when the run is logged, so a run's dashboard reads one row instead of every report:
//!
//! * `run_report_origins.run_id`: the run (one row per run that read reports);
//! * `run_report_origins.origins`: the reports' ids, external ids, dates and districts, column by
//!   column, as JSON text (`app::store::run_origins::ReportOrigins`).
//!
//! Runs logged before this migration have no row; their dashboards read the reports themselves.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RunReportOrigins::Table)
                    .col(
                        ColumnDef::new(RunReportOrigins::RunId)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RunReportOrigins::Origins).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(RunReportOrigins::Table, RunReportOrigins::RunId)
                            .to(AnalysisRun::Table, AnalysisRun::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RunReportOrigins::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum RunReportOrigins {
    Table,
    RunId,
    Origins,
}

#[derive(DeriveIden)]
enum AnalysisRun {
    Table,
    Id,
}
