//! Connecting (SQLite in WAL mode with foreign keys, or PostgreSQL) and migrating.
//!
//! SQLite runs with `synchronous = FULL`: in WAL mode every commit fsyncs the log before it
//! returns, so a response a resident saw acknowledged survives an OS crash or power loss, not only
//! a killed process (NORMAL syncs only at checkpoints and can lose the last commits). Measured on
//! 2 cores with `wrk`, FULL kept ~88% of NORMAL's submissions per second (about 760 against 870).
//! PostgreSQL is durable at commit by default (`synchronous_commit = on`).

use std::time::Duration;

use anyhow::Context;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use sea_orm_migration::MigratorTrait;

use crate::config::Settings;

/// Opens the configured database, creating the SQLite file and data directory if needed.
pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&settings.data_dir).with_context(|| {
            format!(
                "creating the data directory {}",
                settings.data_dir.display()
            )
        })?;
    }
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(settings.max_connections)
        // One connection stays open for as long as the server runs: with SQLite that is what tells
        // `needscope restore` the database is in use (crate::backup).
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    Database::connect(options)
        .await
        .with_context(|| format!("connecting to {}", settings.database_url_redacted()))
}

/// The PostgreSQL advisory lock that one migrating process holds at a time.
const MIGRATION_LOCK: i64 = 0x6e65_6564_7363_6f70; // "needscop"

/// Applies pending migrations (schema and seeded instruments). On PostgreSQL, several processes
/// starting at once take turns under an advisory lock, held on a connection of its own: the first
/// migrates, the others then find nothing pending.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    use sea_orm::sqlx::{Connection, PgConnection};

    let mut lock = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            let options = db.get_postgres_connection_pool().connect_options();
            let mut conn = PgConnection::connect_with(&options)
                .await
                .context("connecting to take the migration lock")?;
            sea_orm::sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(MIGRATION_LOCK)
                .execute(&mut conn)
                .await
                .context("waiting for the migration lock")?;
            Some(conn)
        }
        _ => None,
    };
    let migrated = migrations::Migrator::up(db, None)
        .await
        .context("running database migrations");
    if let Some(conn) = lock.take() {
        // Closing the connection gives the lock back.
        let _ = conn.close().await;
    }
    migrated
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, Statement};

    use super::*;

    async fn pragma(db: &DatabaseConnection, name: &str) -> String {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("PRAGMA {name}"),
            ))
            .await
            .expect("pragma")
            .expect("a row");
        row.try_get_by_index::<i64>(0)
            .map(|n| n.to_string())
            .or_else(|_| row.try_get_by_index::<String>(0))
            .expect("pragma value")
    }

    /// WAL with `synchronous = FULL` (2): a commit is on disk (the log fsynced) before the resident
    /// is told it is stored. NORMAL (1) syncs only at checkpoints.
    #[tokio::test]
    async fn sqlite_commits_are_synced_to_disk_before_they_return() {
        let dir = tempfile::tempdir().expect("temp dir");
        let settings = Settings {
            data_dir: dir.path().join("data"),
            ..Settings::default()
        };
        let db = connect(&settings).await.expect("connect");
        assert_eq!(pragma(&db, "journal_mode").await, "wal");
        assert_eq!(pragma(&db, "synchronous").await, "2");
        db.close().await.expect("close");
    }
}
