//! Responses and their answers. A response records the survey version it answered, when, and in which
//! language; nothing that identifies the device or the person (no IP address, no user agent).

use sea_orm_migration::prelude::*;

use crate::m20261123_000001_create_surveys::{Survey, SurveyVersion};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Response::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Response::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Response::SurveyId).integer().not_null())
                    .col(
                        ColumnDef::new(Response::SurveyVersionId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Response::Stream).string_len(20).not_null())
                    .col(ColumnDef::new(Response::Language).string_len(8).not_null())
                    .col(
                        ColumnDef::new(Response::SubmittedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Response::IdempotencyKey)
                            .uuid()
                            .not_null()
                            .unique_key(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Response::Table, Response::SurveyId)
                            .to(Survey::Table, Survey::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Response::Table, Response::SurveyVersionId)
                            .to(SurveyVersion::Table, SurveyVersion::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_response_survey_submitted")
                    .table(Response::Table)
                    .col(Response::SurveyId)
                    .col(Response::SubmittedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Answer::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Answer::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Answer::ResponseId).big_integer().not_null())
                    .col(
                        ColumnDef::new(Answer::QuestionKey)
                            .string_len(80)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Answer::Value).json().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Answer::Table, Answer::ResponseId)
                            .to(Response::Table, Response::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_answer_response_question")
                    .table(Answer::Table)
                    .col(Answer::ResponseId)
                    .col(Answer::QuestionKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Answer::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Response::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
    SurveyId,
    SurveyVersionId,
    Stream,
    Language,
    SubmittedAt,
    IdempotencyKey,
}

#[derive(DeriveIden)]
enum Answer {
    Table,
    Id,
    ResponseId,
    QuestionKey,
    Value,
}
