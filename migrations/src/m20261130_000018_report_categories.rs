//! The 311 analyst's assistant: the City's own report categories put to work.
//!
//! * `category_route`: the department each category is routed to (kept by administrators).
//! * `category_model`: each training of the category classifier, with its cross-validated quality
//!   (accuracy, macro-F1, per category) and settings, kept as a record of what predictions used.
//! * `report_prediction`: the latest model's predicted category and confidence for each report,
//!   whether a given category disagrees with a confident prediction (flagged for review), and the
//!   report's theme in the latest analysis run at that time.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CategoryRoute::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(CategoryRoute::Category)
                            .string_len(200)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CategoryRoute::DepartmentId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CategoryRoute::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CategoryRoute::UpdatedBy).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CategoryModel::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(CategoryModel::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CategoryModel::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CategoryModel::CreatedBy).integer().null())
                    .col(
                        ColumnDef::new(CategoryModel::Reports)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CategoryModel::Labelled)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CategoryModel::Evaluation).text().not_null())
                    .col(ColumnDef::new(CategoryModel::Params).text().not_null())
                    .col(ColumnDef::new(CategoryModel::Seconds).double().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReportPrediction::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(ReportPrediction::ReportId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ReportPrediction::ModelId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReportPrediction::Category)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReportPrediction::Confidence)
                            .double()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReportPrediction::Flagged)
                            .boolean()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ReportPrediction::RunId).integer().null())
                    .col(
                        ColumnDef::new(ReportPrediction::Theme)
                            .string_len(64)
                            .null(),
                    )
                    .col(ColumnDef::new(ReportPrediction::ThemeLabel).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_report_prediction_flagged")
                    .table(ReportPrediction::Table)
                    .col(ReportPrediction::Flagged)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ReportPrediction::Table.into_iden(),
            CategoryModel::Table.into_iden(),
            CategoryRoute::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum CategoryRoute {
    Table,
    /// The category as the source writes it (e.g. Open311 `service_name`).
    Category,
    /// A `department` of the strategy frame.
    DepartmentId,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum CategoryModel {
    Table,
    Id,
    CreatedAt,
    /// Who trained it (`None`: the command line).
    CreatedBy,
    /// Reports predicted.
    Reports,
    /// Reports that carried a category (what it learned from and was judged on).
    Labelled,
    /// `analysis::classify::Evaluation` as JSON.
    Evaluation,
    /// `analysis::classify::ClassifierParams` as JSON, with the categories too rare to learn.
    Params,
    /// Wall time of training, evaluation and prediction.
    Seconds,
}

#[derive(DeriveIden, Clone, Copy)]
enum ReportPrediction {
    Table,
    ReportId,
    /// The `category_model` that made it.
    ModelId,
    Category,
    Confidence,
    /// The report's given category disagrees with a confident prediction.
    Flagged,
    /// The latest analysis run when the classifier ran, and the report's theme in it.
    RunId,
    Theme,
    ThemeLabel,
}
