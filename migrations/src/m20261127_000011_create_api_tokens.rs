//! Personal API tokens: a staff member's scripts (curl, R, Python) read `/api/v1` with
//! `Authorization: Bearer <token>` instead of a session cookie. Each token belongs to one account
//! (deleted with it), has a name, an optional expiry and can be revoked. As for invitation links,
//! the token is shown once and only its SHA-256 is stored.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(ApiToken::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(ApiToken::UserId).integer().not_null())
                    .col(ColumnDef::new(ApiToken::Name).string_len(100).not_null())
                    .col(
                        ColumnDef::new(ApiToken::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(ApiToken::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ApiToken::LastUsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ApiToken::ExpiresAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ApiToken::RevokedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_token_user")
                            .from(ApiToken::Table, ApiToken::UserId)
                            .to(StaffUser::Table, StaffUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_api_token_user")
                    .table(ApiToken::Table)
                    .col(ApiToken::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ApiToken::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum ApiToken {
    Table,
    Id,
    /// The staff account the token acts for.
    UserId,
    Name,
    /// SHA-256 of the token, hex.
    TokenHash,
    CreatedAt,
    LastUsedAt,
    /// `NULL`: never expires.
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum StaffUser {
    Table,
    Id,
}
