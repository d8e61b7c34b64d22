//! `needscope migrate [up|down|status]`.

use anyhow::Context;
use sea_orm_migration::MigratorTrait;

use crate::config::Settings;
use crate::database;

#[derive(clap::Subcommand, Debug, Clone, Copy)]
pub enum MigrateAction {
    /// Apply all pending migrations (the default).
    Up,
    /// Roll back the last migration.
    Down,
    /// List migrations and whether each is applied.
    Status,
}

/// Runs `action` on the configured database and says so.
pub async fn run(settings: Settings, action: MigrateAction) -> anyhow::Result<()> {
    let db = database::connect(&settings).await?;
    match action {
        MigrateAction::Up => database::migrate(&db).await?,
        MigrateAction::Down => migrations::Migrator::down(&db, Some(1))
            .await
            .context("rolling back")?,
        MigrateAction::Status => migrations::Migrator::status(&db)
            .await
            .context("reading migration status")?,
    }
    println!(
        "migrations: {action:?} done on {}",
        settings.database_url_redacted()
    );
    db.close().await?;
    Ok(())
}
