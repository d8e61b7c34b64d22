//! Where each report stands, and the Open311 feeds that keep it current.
//!
//! * `report` gains the source's `status` (`open` / `closed` as given), `status_notes`,
//!   `agency_responsible`, `updated_at` (the source's `updated_datetime`) and `closed_at`: GeoReport
//!   v2 has no closed date, so it is the `updated_datetime` of the first record seen closed (kept
//!   while the report stays closed; cleared if it is reopened). `expected_datetime` is a promise,
//!   not an outcome, and is not used.
//! * `report_feed`: one row per Open311 endpoint pulled on a schedule: its settings (base URL,
//!   jurisdiction, API key, interval, enabled), its cursor (the latest `updated_datetime` seen) and
//!   the outcome and counts of its last pull.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        let columns = [
            ColumnDef::new(Report::Status)
                .string_len(40)
                .null()
                .to_owned(),
            ColumnDef::new(Report::StatusNotes).text().null().to_owned(),
            ColumnDef::new(Report::AgencyResponsible)
                .string_len(200)
                .null()
                .to_owned(),
            ColumnDef::new(Report::UpdatedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Report::ClosedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Report::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ReportFeed::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(ReportFeed::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(ReportFeed::Source).string_len(80).not_null())
                    .col(ColumnDef::new(ReportFeed::BaseUrl).text().not_null())
                    .col(
                        ColumnDef::new(ReportFeed::JurisdictionId)
                            .string_len(200)
                            .null(),
                    )
                    .col(ColumnDef::new(ReportFeed::ApiKey).text().null())
                    .col(
                        ColumnDef::new(ReportFeed::IntervalMinutes)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ReportFeed::Enabled).boolean().not_null())
                    .col(
                        ColumnDef::new(ReportFeed::Cursor)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ReportFeed::LastPullAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(ReportFeed::LastOk).boolean().null())
                    .col(ColumnDef::new(ReportFeed::LastOutcome).text().null())
                    .col(ColumnDef::new(ReportFeed::LastNew).big_integer().not_null())
                    .col(
                        ColumnDef::new(ReportFeed::LastUpdated)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReportFeed::LastUnchanged)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReportFeed::LastRefused)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReportFeed::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ReportFeed::UpdatedBy).integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReportFeed::Table).to_owned())
            .await?;
        for column in [
            Report::ClosedAt,
            Report::UpdatedAt,
            Report::AgencyResponsible,
            Report::StatusNotes,
            Report::Status,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Report::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Report {
    Table,
    /// As the source gives it (Open311: `open` or `closed`).
    Status,
    StatusNotes,
    AgencyResponsible,
    /// The source's `updated_datetime`.
    UpdatedAt,
    /// When the report was first seen closed (see the module docs).
    ClosedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ReportFeed {
    Table,
    Id,
    /// The `report.source` its reports are stored under.
    Source,
    /// The endpoint's base URL (`{base}/requests.json`).
    BaseUrl,
    JurisdictionId,
    /// Sent as `api_key`; never shown back in full nor logged.
    ApiKey,
    IntervalMinutes,
    Enabled,
    /// The latest `updated_datetime` seen: the next pull asks for records updated since.
    Cursor,
    LastPullAt,
    /// Whether the last pull reached the endpoint and read its pages.
    LastOk,
    /// What the last pull did, or why it failed, with the records it refused.
    LastOutcome,
    LastNew,
    LastUpdated,
    LastUnchanged,
    LastRefused,
    UpdatedAt,
    UpdatedBy,
}
