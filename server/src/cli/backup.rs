//! `needscope backup --out FILE` and `needscope restore --from FILE [--force]`.

use std::path::PathBuf;

use crate::backup;
use crate::config::Settings;

/// `needscope backup`
#[derive(clap::Args, Debug)]
pub struct BackupArgs {
    /// The new file to write (it must not exist yet).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// `needscope restore`
#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    /// A backup written by `needscope backup`.
    #[arg(long, value_name = "FILE")]
    from: PathBuf,
    /// Replace the database even while another process (a running server) holds it open. That
    /// process goes on with the replaced file and must be restarted at once.
    #[arg(long)]
    force: bool,
}

/// Writes the backup and says what it holds.
pub async fn run_backup(settings: &Settings, args: &BackupArgs) -> anyhow::Result<()> {
    let done = backup::backup(settings, &args.out).await?;
    println!(
        "backed up {} responses to {} ({} bytes, integrity ok)",
        done.responses,
        done.path.display(),
        done.bytes
    );
    Ok(())
}

/// Restores the backup and says where the replaced database went.
pub async fn run_restore(settings: &Settings, args: &RestoreArgs) -> anyhow::Result<()> {
    let done = backup::restore(settings, &args.from, args.force).await?;
    println!(
        "restored {} responses from {} into {}",
        done.responses,
        args.from.display(),
        done.database.display()
    );
    if let Some(previous) = done.previous {
        println!("the database it replaced is kept as {}", previous.display());
    }
    Ok(())
}
