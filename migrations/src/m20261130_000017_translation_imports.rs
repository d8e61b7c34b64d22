//! Translation files brought back by the City's translators, between the check and the
//! administrator's confirmation. An uploaded XLIFF file is checked at once; what it would change
//! is kept here (one row per upload, `units` as JSON: each text's new translation and XLIFF state)
//! so that the preview and the confirmation can be answered by any server process. A refused file
//! keeps only its `problems` (each with its line and unit), for the page that lists them. A row
//! is deleted when it is confirmed or discarded, and rows older than a week when anyone uploads.

use sea_orm_migration::prelude::*;

use crate::m20261123_000001_create_surveys::Survey;
use crate::m20261125_000007_create_staff_accounts::StaffUser;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TranslationImport::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(TranslationImport::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(TranslationImport::SurveyId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TranslationImport::Locale)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TranslationImport::Revision)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TranslationImport::Version)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TranslationImport::Filename)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(ColumnDef::new(TranslationImport::Units).json().not_null())
                    .col(
                        ColumnDef::new(TranslationImport::Problems)
                            .json()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TranslationImport::CreatedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TranslationImport::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TranslationImport::Table, TranslationImport::SurveyId)
                            .to(Survey::Table, Survey::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TranslationImport::Table, TranslationImport::CreatedBy)
                            .to(StaffUser::Table, StaffUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TranslationImport::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum TranslationImport {
    Table,
    Id,
    SurveyId,
    Locale,
    Revision,
    Version,
    Filename,
    Units,
    Problems,
    CreatedBy,
    CreatedAt,
}
