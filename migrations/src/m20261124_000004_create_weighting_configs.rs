//! Equity-weighting configurations, append-only: each accepted upload is a new numbered version
//! (population margins, equity table, ZIP crosswalk and settings as one JSON document, with its
//! SHA-256). The highest version is in force; older ones stay so any past run can be reproduced.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WeightingConfig::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(WeightingConfig::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(WeightingConfig::Version)
                            .integer()
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(WeightingConfig::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(WeightingConfig::Source).text().not_null())
                    .col(ColumnDef::new(WeightingConfig::Config).json().not_null())
                    .col(
                        ColumnDef::new(WeightingConfig::ConfigSha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WeightingConfig::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum WeightingConfig {
    Table,
    Id,
    Version,
    CreatedAt,
    Source,
    Config,
    ConfigSha256,
}
