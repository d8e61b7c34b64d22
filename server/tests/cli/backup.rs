//! `needscope backup` / `needscope restore`: a backup taken while residents keep submitting holds
//! every submission acknowledged before it began; a restore refuses a database a running server
//! holds, a damaged file, or a file that is not Needscope's, and keeps the database it replaces.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sea_orm::sqlx::sqlite::SqliteConnectOptions;
use sea_orm::sqlx::{self, ConnectOptions, Connection};

use crate::load::{Load, Server, stored_tokens};
use crate::{needscope_in, text};

/// `needscope` with `args` on `data`, off the async runtime.
async fn needscope(data: &Path, args: &[&str]) -> Output {
    let data = data.to_path_buf();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        needscope_in(&data, &args)
    })
    .await
    .unwrap()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// An SQLite database of someone else's, at `path`.
async fn other_sqlite_database(path: &Path) {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .connect()
        .await
        .unwrap();
    sqlx::query("CREATE TABLE t (x)")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
}

/// The files `needscope.db.before-restore-*` in `data`.
fn replaced(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with("needscope.db.before-restore-") && !name.ends_with("-wal")
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_write_load_restores_every_acknowledged_response() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = dir.path().join("needscope-backup.db");
    let server = Server::start(&data);
    let load = Load::start(&server.base, 4).await;
    load.wait_for(30).await;

    let before = load.acknowledged();
    let backed_up = needscope(&data, &["backup", "--out", arg(&out)]).await;
    assert!(backed_up.status.success(), "{}", text(&backed_up.stderr));
    assert!(
        text(&backed_up.stdout).contains(&format!("to {}", out.display())),
        "{}",
        text(&backed_up.stdout)
    );
    // Residents went on submitting during the backup and after it.
    let during = load.acknowledged().len();
    load.wait_for(during + 30).await;

    let refused = needscope(&data, &["restore", "--from", arg(&out)]).await;
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("held open by another process"),
        "{}",
        text(&refused.stderr)
    );
    let all = load.finish().await;
    server.stop();

    let restored = needscope(&data, &["restore", "--from", arg(&out)]).await;
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert!(
        text(&restored.stdout).contains("restored"),
        "{}",
        text(&restored.stdout)
    );
    let (integrity, stored) = stored_tokens(&data.join("needscope.db")).await;
    assert_eq!(integrity, "ok");
    let missing = before.iter().filter(|t| !stored.contains(t)).count();
    eprintln!(
        "backup under load: {} acknowledged before it began, {} in the backup, {missing} missing; \
         {} acknowledged in all",
        before.len(),
        stored.len(),
        all.len()
    );
    assert_eq!(
        missing, 0,
        "every response acknowledged before the backup is in it"
    );
    assert!(
        stored.len() < all.len(),
        "the database is the backup, not what followed it"
    );

    // The replaced database is kept, with everything acknowledged.
    let kept = replaced(&data);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let (integrity, previous) = stored_tokens(&kept[0]).await;
    assert_eq!(integrity, "ok");
    assert!(all.iter().all(|t| previous.contains(t)));

    // The restored database serves again.
    let again = Server::start(&data);
    let page = reqwest::get(format!("{}/healthz", again.base))
        .await
        .unwrap();
    assert!(page.status().is_success());
    again.stop();
}

#[test]
fn backup_and_restore_refuse_with_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = dir.path().join("backup.db");

    let nothing = needscope_in(&data, &["backup", "--out", arg(&out)]);
    assert!(!nothing.status.success());
    assert!(
        text(&nothing.stderr).contains("there is no database"),
        "{}",
        text(&nothing.stderr)
    );

    let migrated = needscope_in(&data, &["migrate"]);
    assert!(migrated.status.success(), "{}", text(&migrated.stderr));
    let ok = needscope_in(&data, &["backup", "--out", arg(&out)]);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(
        text(&ok.stdout).contains("0 responses"),
        "{}",
        text(&ok.stdout)
    );
    let again = needscope_in(&data, &["backup", "--out", arg(&out)]);
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );

    let missing = needscope_in(&data, &["restore", "--from", "no-such-file.db"]);
    assert!(
        text(&missing.stderr).contains("there is no backup file"),
        "{}",
        text(&missing.stderr)
    );

    // A damaged copy: a page in the middle overwritten.
    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&out).unwrap();
    let page = 4096;
    assert!(bytes.len() > 3 * page);
    bytes[2 * page..3 * page].fill(0xA5);
    std::fs::write(&damaged, &bytes).unwrap();
    let refused = needscope_in(&data, &["restore", "--from", arg(&damaged)]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("is damaged"),
        "{}",
        text(&refused.stderr)
    );
    let not_sqlite = dir.path().join("notes.txt");
    std::fs::write(&not_sqlite, "x".repeat(10_000)).unwrap();
    let refused = needscope_in(&data, &["restore", "--from", arg(&not_sqlite)]);
    assert!(
        text(&refused.stderr).contains("is damaged"),
        "{}",
        text(&refused.stderr)
    );
    assert!(replaced(&data).is_empty(), "nothing was changed");

    let other = dir.path().join("other.db");
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(other_sqlite_database(&other));
    let refused = needscope_in(&data, &["restore", "--from", arg(&other)]);
    assert!(
        text(&refused.stderr).contains("is not a Needscope database"),
        "{}",
        text(&refused.stderr)
    );

    let postgres = Command::new(env!("CARGO_BIN_EXE_needscope"))
        .args(["backup", "--out", arg(&dir.path().join("pg.db"))])
        .env("DATABASE_URL", "postgres://needscope@localhost/needscope")
        .env_remove("NEEDSCOPE_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(!postgres.status.success());
    assert!(
        text(&postgres.stderr).contains("pg_dump"),
        "{}",
        text(&postgres.stderr)
    );
}
