//! Interview notes: one `note_document` per uploaded file (its metadata, and while it awaits the
//! partner's confirmation, the redacted preview) and one `note_passage` per confirmed passage.
//! The original file is never stored: only the redacted passages are. `analysis_run` gains
//! `last_passage_id`, so a run can be repeated over exactly the passages it saw.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NoteDocument::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(NoteDocument::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(NoteDocument::OwnerId).integer().not_null())
                    .col(
                        ColumnDef::new(NoteDocument::Organization)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NoteDocument::Community)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NoteDocument::InterviewDate)
                            .date()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NoteDocument::IntervieweeRole)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NoteDocument::Language)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NoteDocument::Filename)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NoteDocument::Format)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(ColumnDef::new(NoteDocument::Bytes).big_integer().not_null())
                    .col(
                        ColumnDef::new(NoteDocument::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(NoteDocument::Preview).json().null())
                    .col(ColumnDef::new(NoteDocument::Redactions).json().not_null())
                    .col(ColumnDef::new(NoteDocument::Passages).integer().not_null())
                    .col(
                        ColumnDef::new(NoteDocument::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NoteDocument::ConfirmedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_note_document_owner")
                            .from(NoteDocument::Table, NoteDocument::OwnerId)
                            .to(StaffUser::Table, StaffUser::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_note_document_owner")
                    .table(NoteDocument::Table)
                    .col(NoteDocument::OwnerId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotePassage::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(NotePassage::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(NotePassage::DocumentId).integer().not_null())
                    .col(ColumnDef::new(NotePassage::Position).integer().not_null())
                    .col(ColumnDef::new(NotePassage::Text).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_note_passage_document")
                            .from(NotePassage::Table, NotePassage::DocumentId)
                            .to(NoteDocument::Table, NoteDocument::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_note_passage_document")
                    .table(NotePassage::Table)
                    .col(NotePassage::DocumentId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AnalysisRun::Table)
                    .add_column(
                        ColumnDef::new(AnalysisRun::LastPassageId)
                            .big_integer()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AnalysisRun::Table)
                    .drop_column(AnalysisRun::LastPassageId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(NotePassage::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(NoteDocument::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum NoteDocument {
    Table,
    Id,
    OwnerId,
    Organization,
    Community,
    InterviewDate,
    IntervieweeRole,
    Language,
    Filename,
    Format,
    Bytes,
    /// `pending` (awaiting confirmation, with `preview`) or `confirmed`.
    Status,
    Preview,
    Redactions,
    Passages,
    CreatedAt,
    ConfirmedAt,
}

#[derive(DeriveIden)]
pub enum NotePassage {
    Table,
    Id,
    DocumentId,
    Position,
    Text,
}

#[derive(DeriveIden)]
enum StaffUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AnalysisRun {
    Table,
    LastPassageId,
}
