//! Invitation links to the department and community-organization instruments: each tied to one
//! survey and one organization, single- or multi-use, expiring, revocable. Only the SHA-256 of a
//! link's token is stored. A response through a link records the organization and the link.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SurveyLink::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(SurveyLink::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(SurveyLink::SurveyId).integer().not_null())
                    .col(
                        ColumnDef::new(SurveyLink::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(SurveyLink::Organization)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(SurveyLink::MaxUses).integer().null())
                    .col(
                        ColumnDef::new(SurveyLink::Uses)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(SurveyLink::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SurveyLink::RevokedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(SurveyLink::CreatedBy).integer().null())
                    .col(
                        ColumnDef::new(SurveyLink::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_link_survey")
                            .from(SurveyLink::Table, SurveyLink::SurveyId)
                            .to(Survey::Table, Survey::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Response::Table)
                    .add_column(
                        ColumnDef::new(Response::Organization)
                            .string_len(200)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Response::Table)
                    .add_column(ColumnDef::new(Response::LinkId).integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Response::LinkId, Response::Organization] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Response::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(SurveyLink::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum SurveyLink {
    Table,
    Id,
    SurveyId,
    TokenHash,
    Organization,
    /// `NULL`: any number of responses.
    MaxUses,
    Uses,
    ExpiresAt,
    RevokedAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Organization,
    LinkId,
}
