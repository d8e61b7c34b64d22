//! Leases on running analysis jobs, so several server processes can share one queue:
//!
//! * `analysis_job.lease_owner`: the process running the job (host, process id and a random part);
//! * `analysis_job.lease_until`: until when that process holds it. The owner renews the lease
//!   while it works; a job whose lease ran out (its process died) goes back to the queue and
//!   another process resumes it.
//!
//! Jobs running before this migration have no lease and count as expired.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(AnalysisJob::Table)
                    .add_column(
                        ColumnDef::new(AnalysisJob::LeaseOwner)
                            .string_len(120)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AnalysisJob::Table)
                    .add_column(
                        ColumnDef::new(AnalysisJob::LeaseUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [AnalysisJob::LeaseUntil, AnalysisJob::LeaseOwner] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AnalysisJob::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AnalysisJob {
    Table,
    LeaseOwner,
    LeaseUntil,
}
