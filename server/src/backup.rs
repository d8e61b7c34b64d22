//! Backing up and restoring the SQLite database (`needscope backup` / `needscope restore`).
//!
//! A backup is `VACUUM INTO` a new file: one read transaction, so the copy is a consistent snapshot
//! while the server keeps serving and writing (WAL lets writers go on beside the reader). The copy
//! is checked (`PRAGMA integrity_check`) and flushed to disk before it is reported.
//!
//! A restore checks the file first (integrity, and that it holds Needscope's tables), then swaps it
//! in place of the database: it refuses while another process holds the database open (the server
//! keeps a connection open for as long as it runs, see [`crate::database::connect`]) unless forced,
//! and keeps the database it replaces beside it.
//!
//! PostgreSQL is backed up with its own tools (`pg_dump` / `pg_restore`); both operations say so.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteLockingMode};
use sea_orm::sqlx::{self, ConnectOptions, Connection};

use crate::config::Settings;

/// Why a backup or restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "the database is PostgreSQL: back it up with pg_dump \
         (pg_dump --format=custom --file=needscope.dump \"$DATABASE_URL\") and restore with \
         pg_restore (see README, Durability and backups)"
    )]
    Postgres,
    #[error("the database URL names no SQLite file: {0}")]
    NotAFile(String),
    #[error("there is no database at {0}")]
    NoDatabase(PathBuf),
    #[error("there is no backup file at {0}")]
    NoBackup(PathBuf),
    #[error("{0} already exists: back up to a new file")]
    OutExists(PathBuf),
    #[error("the folder {0} does not exist")]
    NoFolder(PathBuf),
    #[error("{path} is damaged (PRAGMA integrity_check: {report}); nothing was changed")]
    Damaged { path: PathBuf, report: String },
    #[error("{0} is not a Needscope database (it has no response table); nothing was changed")]
    NotNeedscope(PathBuf),
    #[error(
        "{0} is held open by another process (a running server?): stop the server first, or pass \
         --force to replace it anyway (a running server then goes on writing to the replaced file \
         and must be restarted at once)"
    )]
    InUse(PathBuf),
    #[error("{context}")]
    Sqlite {
        context: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("{context}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl BackupError {
    fn sqlite(context: impl Into<String>) -> impl FnOnce(sqlx::Error) -> BackupError {
        let context = context.into();
        move |source| BackupError::Sqlite { context, source }
    }

    fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> BackupError {
        let context = context.into();
        move |source| BackupError::Io { context, source }
    }
}

/// A backup written and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub bytes: u64,
    /// Survey responses in the backup.
    pub responses: i64,
}

/// A backup put in place of the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub database: PathBuf,
    /// Survey responses in the restored database.
    pub responses: i64,
    /// Where the database that was replaced now is, if there was one.
    pub previous: Option<PathBuf>,
}

/// The SQLite file `settings` name, or why there is none.
pub fn sqlite_path(settings: &Settings) -> Result<PathBuf, BackupError> {
    let url = settings.database_url();
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        return Err(BackupError::Postgres);
    }
    let options = SqliteConnectOptions::from_str(&url)
        .map_err(|_| BackupError::NotAFile(settings.database_url_redacted()))?;
    let path = options.get_filename();
    if path.as_os_str().is_empty() || path == Path::new(":memory:") {
        return Err(BackupError::NotAFile(settings.database_url_redacted()));
    }
    Ok(path.to_path_buf())
}

/// Copies the live database to `out` (a new file) as one consistent snapshot, checks the copy and
/// flushes it to disk. Safe while the server runs.
pub async fn backup(settings: &Settings, out: &Path) -> Result<Backup, BackupError> {
    let database = sqlite_path(settings)?;
    if !database.is_file() {
        return Err(BackupError::NoDatabase(database));
    }
    if out.exists() {
        return Err(BackupError::OutExists(out.to_path_buf()));
    }
    let folder = parent(out);
    if !folder.is_dir() {
        return Err(BackupError::NoFolder(folder.to_path_buf()));
    }
    let mut live = SqliteConnectOptions::new()
        .filename(&database)
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(30))
        .connect()
        .await
        .map_err(BackupError::sqlite(format!(
            "opening {}",
            database.display()
        )))?;
    let copied = sqlx::query("VACUUM INTO ?")
        .bind(out.to_string_lossy().into_owned())
        .execute(&mut live)
        .await
        .map_err(BackupError::sqlite(format!(
            "copying {} to {}",
            database.display(),
            out.display()
        )));
    live.close()
        .await
        .map_err(BackupError::sqlite("closing the database"))?;
    copied?;
    sync_file(out).await?;
    sync_file(folder).await?;
    let responses = check(out).await?;
    let bytes = tokio::fs::metadata(out)
        .await
        .map_err(BackupError::io(format!("reading {}", out.display())))?
        .len();
    Ok(Backup {
        path: out.to_path_buf(),
        bytes,
        responses,
    })
}

/// Checks `from`, then puts a copy of it in place of the configured database. The database it
/// replaces is kept as `<database>.before-restore-<unix seconds>`. Refuses while another process
/// holds the database open, unless `force`.
pub async fn restore(
    settings: &Settings,
    from: &Path,
    force: bool,
) -> Result<Restored, BackupError> {
    let database = sqlite_path(settings)?;
    if !from.is_file() {
        return Err(BackupError::NoBackup(from.to_path_buf()));
    }
    let responses = check(from).await?;
    let folder = parent(&database);
    tokio::fs::create_dir_all(folder)
        .await
        .map_err(BackupError::io(format!("creating {}", folder.display())))?;
    if database.exists() && !force {
        settle_unheld(&database).await?;
    }
    let incoming = with_suffix(&database, ".restoring");
    tokio::fs::copy(from, &incoming)
        .await
        .map_err(BackupError::io(format!(
            "copying {} to {}",
            from.display(),
            incoming.display()
        )))?;
    sync_file(&incoming).await?;
    let previous = if database.exists() {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let kept = with_suffix(&database, &format!(".before-restore-{stamp}"));
        rename(&database, &kept).await?;
        // A write-ahead log left by a forced restore belongs to the replaced file, never the new one.
        let wal = with_suffix(&database, "-wal");
        if wal.exists() {
            rename(&wal, &with_suffix(&kept, "-wal")).await?;
        }
        Some(kept)
    } else {
        None
    };
    for stale in ["-shm", "-journal"] {
        let path = with_suffix(&database, stale);
        if path.exists() {
            tokio::fs::remove_file(&path)
                .await
                .map_err(BackupError::io(format!("removing {}", path.display())))?;
        }
    }
    rename(&incoming, &database).await?;
    sync_file(folder).await?;
    Ok(Restored {
        database,
        responses,
        previous,
    })
}

/// `PRAGMA integrity_check` of the SQLite file at `path`, opened read-only, and its number of
/// survey responses (which also shows it is a Needscope database).
pub async fn check(path: &Path) -> Result<i64, BackupError> {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false)
        .connect()
        .await
        .map_err(|e| damaged_or(e, path, "opening"))?;
    let result = check_open(&mut conn, path).await;
    conn.close()
        .await
        .map_err(BackupError::sqlite(format!("closing {}", path.display())))?;
    result
}

async fn check_open(conn: &mut SqliteConnection, path: &Path) -> Result<i64, BackupError> {
    let report: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| damaged_or(e, path, "checking"))?;
    if report != ["ok"] {
        return Err(BackupError::Damaged {
            path: path.to_path_buf(),
            report: report.join("; "),
        });
    }
    let tables: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' \
         AND name IN ('response', 'seaql_migrations')",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| damaged_or(e, path, "reading"))?;
    if tables != 2 {
        return Err(BackupError::NotNeedscope(path.to_path_buf()));
    }
    sqlx::query_scalar("SELECT COUNT(*) FROM response")
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| damaged_or(e, path, "reading"))
}

/// Refuses if another process holds `database` open; otherwise folds its write-ahead log into it,
/// so the file alone is the whole database.
///
/// In WAL mode every open connection keeps a shared lock on the database file; a connection in
/// exclusive locking mode needs the exclusive lock to read at all, so it gets `SQLITE_BUSY` while
/// any other connection is open. Closed, it checkpoints the log and removes it.
async fn settle_unheld(database: &Path) -> Result<(), BackupError> {
    let mut conn = SqliteConnectOptions::new()
        .filename(database)
        .create_if_missing(false)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(Duration::ZERO)
        .connect()
        .await
        .map_err(|e| held_or(e, database))?;
    let read = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sqlite_master")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| held_or(e, database));
    conn.close().await.map_err(BackupError::sqlite(format!(
        "closing {}",
        database.display()
    )))?;
    read.map(|_| ())
}

/// `InUse` for "database is locked" or "busy", else the error with its context.
fn held_or(error: sqlx::Error, database: &Path) -> BackupError {
    match primary_code(&error) {
        Some(SQLITE_BUSY | SQLITE_LOCKED) => BackupError::InUse(database.to_path_buf()),
        _ => BackupError::Sqlite {
            context: format!("opening {}", database.display()),
            source: error,
        },
    }
}

/// `Damaged` for a file SQLite finds corrupt or not a database at all, else the error with what
/// was being done to `path`.
fn damaged_or(error: sqlx::Error, path: &Path, doing: &str) -> BackupError {
    match primary_code(&error) {
        Some(SQLITE_CORRUPT | SQLITE_NOTADB) => BackupError::Damaged {
            path: path.to_path_buf(),
            report: match &error {
                sqlx::Error::Database(e) => e.message().to_owned(),
                other => other.to_string(),
            },
        },
        _ => BackupError::Sqlite {
            context: format!("{doing} {}", path.display()),
            source: error,
        },
    }
}

const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;
const SQLITE_CORRUPT: i32 = 11;
const SQLITE_NOTADB: i32 = 26;

/// The primary SQLite result code of a database error (extended codes keep it in the low byte).
fn primary_code(error: &sqlx::Error) -> Option<i32> {
    match error {
        sqlx::Error::Database(e) => e.code()?.parse::<i32>().ok().map(|code| code & 0xff),
        _ => None,
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

async fn rename(from: &Path, to: &Path) -> Result<(), BackupError> {
    tokio::fs::rename(from, to)
        .await
        .map_err(BackupError::io(format!(
            "renaming {} to {}",
            from.display(),
            to.display()
        )))
}

/// Flushes a file (or a folder's entries) to disk.
async fn sync_file(path: &Path) -> Result<(), BackupError> {
    let flushed = match tokio::fs::File::open(path).await {
        Ok(file) => file.sync_all().await,
        Err(e) => Err(e),
    };
    flushed.map_err(BackupError::io(format!(
        "flushing {} to disk",
        path.display()
    )))
}
