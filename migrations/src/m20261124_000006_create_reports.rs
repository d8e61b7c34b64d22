//! Imported resident reports (311 service requests and the like): one row per report, unique by
//! source and the source's own request id, so re-importing a file adds nothing twice.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Report::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Report::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Report::Source).string_len(80).not_null())
                    .col(
                        ColumnDef::new(Report::ExternalId)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Report::Text).text().not_null())
                    .col(ColumnDef::new(Report::Category).text().null())
                    .col(
                        ColumnDef::new(Report::RequestedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Report::District).string_len(40).null())
                    .col(ColumnDef::new(Report::Zip).string_len(10).null())
                    .col(
                        ColumnDef::new(Report::ImportedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    // In the table itself, so the constraint exists the moment the table does.
                    .index(
                        Index::create()
                            .name("ux_report_source_external_id")
                            .col(Report::Source)
                            .col(Report::ExternalId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Report::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Report {
    Table,
    Id,
    Source,
    ExternalId,
    Text,
    Category,
    RequestedAt,
    District,
    Zip,
    ImportedAt,
}
