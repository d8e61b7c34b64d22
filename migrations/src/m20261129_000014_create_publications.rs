//! What we heard, in public. A `publication` is a frozen snapshot of a curated run (all of it, or
//! one survey's part): the JSON of what the public pages, the feed and the open-data files show,
//! every number already through the run's small-cell suppression. Withdrawing keeps the row (the
//! audit trail) and takes it off every public address.
//!
//! `action_status_change` records each change of an action's status, so that the public feed can
//! say when the City moved on what it said it would do.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn at(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Publication::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Publication::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Publication::RunId).integer().not_null())
                    .col(
                        ColumnDef::new(Publication::SurveySlug)
                            .string_len(120)
                            .null(),
                    )
                    .col(ColumnDef::new(Publication::SurveyTitle).text().null())
                    .col(ColumnDef::new(Publication::Snapshot).text().not_null())
                    .col(ColumnDef::new(Publication::PublishedBy).integer().null())
                    .col(at(Publication::PublishedAt))
                    .col(
                        ColumnDef::new(Publication::WithdrawnAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Publication::WithdrawnBy).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActionStatusChange::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(ActionStatusChange::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ActionStatusChange::ActionId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActionStatusChange::FromStatus)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActionStatusChange::ToStatus)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(at(ActionStatusChange::ChangedAt))
                    .col(
                        ColumnDef::new(ActionStatusChange::ChangedBy)
                            .integer()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_action_status_change_changed_at")
                    .table(ActionStatusChange::Table)
                    .col(ActionStatusChange::ChangedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ActionStatusChange::Table.into_iden(),
            Publication::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Publication {
    Table,
    Id,
    /// The analysis run published.
    RunId,
    /// The survey the publication is limited to (`None`: everything the run read).
    SurveySlug,
    SurveyTitle,
    /// The public content, `PublicResults` as JSON (frozen).
    Snapshot,
    PublishedBy,
    PublishedAt,
    WithdrawnAt,
    WithdrawnBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActionStatusChange {
    Table,
    Id,
    /// A `theme_action` (no foreign key: the history outlives a deleted action).
    ActionId,
    FromStatus,
    ToStatus,
    ChangedAt,
    ChangedBy,
}
