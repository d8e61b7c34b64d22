//! Surveys (instruments) and their immutable versions. A survey's questions live in its version's
//! JSON definition, so editing an open survey makes a new version and old responses keep theirs.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Survey::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Survey::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Survey::Slug)
                            .string_len(80)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Survey::Audience).string_len(20).not_null())
                    .col(ColumnDef::new(Survey::Status).string_len(10).not_null())
                    .col(ColumnDef::new(Survey::CurrentVersion).integer().not_null())
                    .col(
                        ColumnDef::new(Survey::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Survey::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyVersion::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(SurveyVersion::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(SurveyVersion::SurveyId).integer().not_null())
                    .col(ColumnDef::new(SurveyVersion::Version).integer().not_null())
                    .col(ColumnDef::new(SurveyVersion::Definition).json().not_null())
                    .col(
                        ColumnDef::new(SurveyVersion::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyVersion::Table, SurveyVersion::SurveyId)
                            .to(Survey::Table, Survey::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_survey_version_survey_version")
                    .table(SurveyVersion::Table)
                    .col(SurveyVersion::SurveyId)
                    .col(SurveyVersion::Version)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SurveyVersion::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Survey::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Survey {
    Table,
    Id,
    Slug,
    Audience,
    Status,
    CurrentVersion,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum SurveyVersion {
    Table,
    Id,
    SurveyId,
    Version,
    Definition,
    CreatedAt,
}
