//! Weighting configurations set up in the browser: a version is no longer in force because it is
//! the highest, but because it was activated last.
//!
//! * `weighting_config.created_by`: who stored the version (`NULL`: the command line).
//! * `weighting_activation`: append-only, one row each time a version is put in force (by the
//!   command line, which stores and activates at once, or by an administrator, who may also go
//!   back to an older version). The version of the newest row is the one the next run uses; runs
//!   keep recording the version they used, so `runs verify` is unaffected.
//! * `weighting_draft`: an uploaded configuration checked and previewed on the current
//!   respondents but not in force; activating it stores it as the next version, discarding it
//!   deletes it (both are in the audit log).
//!
//! Existing databases keep their configuration in force: the highest stored version is recorded
//! as activated when it was stored.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(WeightingConfig::Table)
                    .add_column(ColumnDef::new(WeightingConfig::CreatedBy).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WeightingActivation::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(WeightingActivation::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(WeightingActivation::Version)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(WeightingActivation::ActivatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(WeightingActivation::ActivatedBy)
                            .text()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_weighting_activation_version")
                            .from(WeightingActivation::Table, WeightingActivation::Version)
                            .to(WeightingConfig::Table, WeightingConfig::Version),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WeightingDraft::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(WeightingDraft::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(WeightingDraft::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(WeightingDraft::CreatedBy).text().null())
                    .col(ColumnDef::new(WeightingDraft::Source).text().not_null())
                    .col(ColumnDef::new(WeightingDraft::Config).json().not_null())
                    .col(
                        ColumnDef::new(WeightingDraft::ConfigSha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(WeightingDraft::Preview).json().not_null())
                    .to_owned(),
            )
            .await?;
        // The configuration in force so far (the highest version) stays in force.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO weighting_activation (version, activated_at, activated_by) \
                 SELECT version, created_at, NULL FROM weighting_config \
                 ORDER BY version DESC LIMIT 1",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WeightingDraft::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(WeightingActivation::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(WeightingConfig::Table)
                    .drop_column(WeightingConfig::CreatedBy)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum WeightingConfig {
    Table,
    Version,
    CreatedBy,
}

#[derive(DeriveIden)]
enum WeightingActivation {
    Table,
    Id,
    Version,
    ActivatedAt,
    ActivatedBy,
}

#[derive(DeriveIden)]
enum WeightingDraft {
    Table,
    Id,
    CreatedAt,
    CreatedBy,
    Source,
    Config,
    ConfigSha256,
    Preview,
}
