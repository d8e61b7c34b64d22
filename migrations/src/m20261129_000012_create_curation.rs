//! From themes to decisions. Themes are curated by their stable id (`T-003`), so a rename, a
//! merge or a hidden theme carries to the next run; the logged runs themselves never change.
//!
//! - `strategy_goal` and `department`: the strategy frame administrators keep (seeded with the
//!   four principles of San José's digital strategy);
//! - `theme_curation`: a theme's name, description, owning department, whether it is hidden or
//!   "not a need", and the theme it was merged into;
//! - `theme_goal`: the goals a theme serves;
//! - `theme_split` / `theme_split_member`: answers split off into a theme of their own (`S-001`);
//! - `theme_action`: what a department will do about a theme, with status and dates;
//! - `approved_quote`: quotes staff approved for reports and public results.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::Query;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The seed strategy's four principles (name, description).
const GOALS: [(&str, &str); 4] = [
    (
        "Residents' needs at the centre",
        "Keep the customer needs at the center of the City's digital services.",
    ),
    (
        "Inclusion and equity",
        "Address inclusion and equity issues in a way that works for the communities with greater needs.",
    ),
    (
        "Digital first",
        "Build upon the digital-first mindset that the pandemic accelerated.",
    ),
    (
        "Empowered employees",
        "Empower employees and augment the culture to enable the next wave of progress.",
    ),
];

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn at(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn theme(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).string_len(32).not_null().to_owned()
}

fn named(
    table: impl IntoIden + Copy,
    name: impl IntoIden,
    archived: impl IntoIden,
) -> TableCreateStatement {
    Table::create()
        .table(table)
        .if_not_exists()
        .col(id(Alias::new("id")))
        .col(ColumnDef::new(name).string_len(120).not_null().unique_key())
        .col(ColumnDef::new(archived).boolean().not_null().default(false))
        .col(at(Alias::new("created_at")))
        .to_owned()
}

fn to_department(from: impl IntoIden + Copy, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, col)
        .to(Department::Table, Department::Id)
        .on_delete(ForeignKeyAction::SetNull)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut goals = named(
            StrategyGoal::Table,
            StrategyGoal::Name,
            StrategyGoal::Archived,
        );
        goals
            .col(
                ColumnDef::new(StrategyGoal::Description)
                    .text()
                    .not_null()
                    .default(""),
            )
            .col(
                ColumnDef::new(StrategyGoal::Position)
                    .integer()
                    .not_null()
                    .default(0),
            );
        manager.create_table(goals).await?;
        manager
            .create_table(named(
                Department::Table,
                Department::Name,
                Department::Archived,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThemeCuration::Table)
                    .if_not_exists()
                    .col(theme(ThemeCuration::ThemeId).primary_key())
                    .col(ColumnDef::new(ThemeCuration::Name).string_len(120).null())
                    .col(ColumnDef::new(ThemeCuration::Description).text().null())
                    .col(
                        ColumnDef::new(ThemeCuration::Hidden)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(ThemeCuration::NotANeed)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(ThemeCuration::MergedInto)
                            .string_len(32)
                            .null(),
                    )
                    .col(ColumnDef::new(ThemeCuration::DepartmentId).integer().null())
                    .col(ColumnDef::new(ThemeCuration::SetInRun).integer().null())
                    .col(ColumnDef::new(ThemeCuration::UpdatedBy).integer().null())
                    .col(at(ThemeCuration::UpdatedAt))
                    .foreign_key(&mut to_department(
                        ThemeCuration::Table,
                        ThemeCuration::DepartmentId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThemeGoal::Table)
                    .if_not_exists()
                    .col(theme(ThemeGoal::ThemeId))
                    .col(ColumnDef::new(ThemeGoal::GoalId).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(ThemeGoal::ThemeId)
                            .col(ThemeGoal::GoalId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ThemeGoal::Table, ThemeGoal::GoalId)
                            .to(StrategyGoal::Table, StrategyGoal::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThemeSplit::Table)
                    .if_not_exists()
                    .col(id(ThemeSplit::Id))
                    .col(theme(ThemeSplit::ThemeId).unique_key())
                    .col(theme(ThemeSplit::ParentThemeId))
                    .col(ColumnDef::new(ThemeSplit::RunId).integer().not_null())
                    .col(ColumnDef::new(ThemeSplit::CreatedBy).integer().null())
                    .col(at(ThemeSplit::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThemeSplitMember::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(ThemeSplitMember::UnitId)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ThemeSplitMember::SplitId)
                            .integer()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ThemeSplitMember::Table, ThemeSplitMember::SplitId)
                            .to(ThemeSplit::Table, ThemeSplit::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThemeAction::Table)
                    .if_not_exists()
                    .col(id(ThemeAction::Id))
                    .col(theme(ThemeAction::ThemeId))
                    .col(
                        ColumnDef::new(ThemeAction::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ThemeAction::DepartmentId).integer().null())
                    .col(
                        ColumnDef::new(ThemeAction::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ThemeAction::StartsOn).date().null())
                    .col(ColumnDef::new(ThemeAction::DueOn).date().null())
                    .col(
                        ColumnDef::new(ThemeAction::PublicSummary)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .col(ColumnDef::new(ThemeAction::UpdatedBy).integer().null())
                    .col(at(ThemeAction::CreatedAt))
                    .col(at(ThemeAction::UpdatedAt))
                    .foreign_key(&mut to_department(
                        ThemeAction::Table,
                        ThemeAction::DepartmentId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_theme_action_theme")
                    .table(ThemeAction::Table)
                    .col(ThemeAction::ThemeId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApprovedQuote::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(ApprovedQuote::UnitId)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(theme(ApprovedQuote::ThemeId))
                    .col(ColumnDef::new(ApprovedQuote::ApprovedBy).integer().null())
                    .col(at(ApprovedQuote::ApprovedAt))
                    .to_owned(),
            )
            .await?;
        let mut seed = Query::insert();
        seed.into_table(StrategyGoal::Table).columns([
            StrategyGoal::Name,
            StrategyGoal::Description,
            StrategyGoal::Position,
            StrategyGoal::CreatedAt,
        ]);
        for (position, (name, description)) in (1..).zip(GOALS) {
            seed.values_panic([
                name.into(),
                description.into(),
                position.into(),
                Expr::current_timestamp(),
            ]);
        }
        manager.exec_stmt(seed).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ApprovedQuote::Table.into_iden(),
            ThemeAction::Table.into_iden(),
            ThemeSplitMember::Table.into_iden(),
            ThemeSplit::Table.into_iden(),
            ThemeGoal::Table.into_iden(),
            ThemeCuration::Table.into_iden(),
            Department::Table.into_iden(),
            StrategyGoal::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum StrategyGoal {
    Table,
    Id,
    Name,
    Description,
    /// Order in lists (the seed's order).
    Position,
    Archived,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Department {
    Table,
    Id,
    Name,
    Archived,
}

#[derive(DeriveIden, Clone, Copy)]
enum ThemeCuration {
    Table,
    /// Stable theme id (`T-003`, or `S-001` for a split).
    ThemeId,
    Name,
    Description,
    Hidden,
    NotANeed,
    /// The theme this one is shown inside.
    MergedInto,
    DepartmentId,
    /// The run that was on screen when this was last changed.
    SetInRun,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ThemeGoal {
    Table,
    ThemeId,
    GoalId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ThemeSplit {
    Table,
    Id,
    /// The new theme's id (`S-001`).
    ThemeId,
    ParentThemeId,
    /// The run the answers were split in.
    RunId,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ThemeSplitMember {
    Table,
    /// A unit (`12:q_need`, `report:45`, `passage:7`): one split at most.
    UnitId,
    SplitId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ThemeAction {
    Table,
    Id,
    ThemeId,
    Title,
    DepartmentId,
    /// proposed, planned, in_progress, done, wont_do.
    Status,
    StartsOn,
    DueOn,
    /// What residents are told (public results).
    PublicSummary,
    UpdatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ApprovedQuote {
    Table,
    /// The quoted unit.
    UnitId,
    ThemeId,
    ApprovedBy,
    ApprovedAt,
}
