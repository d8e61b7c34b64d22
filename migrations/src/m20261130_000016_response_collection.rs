//! How each response was collected, for paper forms and assisted entry:
//!
//! * `response.collection_mode`: `web` (a resident's own submission; every existing row),
//!   `paper`, `phone` or `in_person` (entered by staff or a partner).
//! * `response.entered_by`: the staff account that entered it (`NULL` for web submissions).
//! * `response.paper_code`: the respondent code written on a paper form, unique per survey so the
//!   same form cannot be entered twice (`NULL` when there is none; any number of those).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const PAPER_CODE_INDEX: &str = "ux_response_survey_paper_code";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Response::Table)
                    .add_column(
                        ColumnDef::new(Response::CollectionMode)
                            .string_len(20)
                            .not_null()
                            .default("web"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Response::Table)
                    .add_column(ColumnDef::new(Response::EnteredBy).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Response::Table)
                    .add_column(ColumnDef::new(Response::PaperCode).string_len(40).null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(PAPER_CODE_INDEX)
                    .table(Response::Table)
                    .col(Response::SurveyId)
                    .col(Response::PaperCode)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(PAPER_CODE_INDEX)
                    .table(Response::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            Response::PaperCode,
            Response::EnteredBy,
            Response::CollectionMode,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Response::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Response {
    Table,
    SurveyId,
    CollectionMode,
    EnteredBy,
    PaperCode,
}
