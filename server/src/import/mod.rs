//! Resident reports (311) from CSV or Open311 GeoReport v2 JSON, streamed into the database in
//! batches (`needscope import reports` and the staff upload page). Re-importing adds nothing twice; bad rows are listed
//! with where and why, and the good rows still import.

pub mod csv_reports;
mod dates;
pub mod open311;

use std::path::PathBuf;

use anyhow::Context;
use app::store::report_status::{self, TrackedReport};
use app::store::reports::{self, NewReport};
use sea_orm::DatabaseConnection;

/// Rows stored per database round trip.
const BATCH: usize = 500;
/// Bad rows kept in full in the [`Summary`] (all are counted).
const SHOWN_BAD_ROWS: usize = 50;

/// What to import and how to read it.
#[derive(Debug, Clone)]
pub struct ReportArgs {
    /// The file: CSV with a header row, or an Open311 GeoReport v2 `requests.json`.
    pub input: PathBuf,
    /// `csv` or `open311` (default: from the file name, `.json` is Open311).
    pub format: Option<String>,
    /// Name of the source; request ids are unique within it (e.g. `sj311`).
    pub source: String,
    pub columns: csv_reports::ReportColumns,
}

/// Hears how far an import has read; the command line draws a progress bar with it. Every
/// method does nothing unless implemented, and `()` hears nothing.
pub trait Progress {
    /// The file is open and `bytes` long.
    fn started(&mut self, _bytes: u64) {}
    /// The first `bytes` of the file are read.
    fn read(&mut self, _bytes: u64) {}
    /// Every row read is stored.
    fn finished(&mut self) {}
}

impl Progress for () {}

/// One parsed row, a refused one, or progress in bytes.
#[derive(Debug, PartialEq)]
pub enum Item {
    Row(NewReport),
    /// A row with where it stands at its source (Open311): stored or brought up to date.
    Tracked(TrackedReport),
    Bad(BadRow),
    Progress(u64),
}

/// A row that was not imported: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// `line 17, column "opened"` or `request #3`.
    pub at: String,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub read: u64,
    pub new: u64,
    pub already_there: u64,
    /// Rows already stored whose status, dates or text changed (Open311 only).
    pub updated: u64,
    pub bad: Vec<BadRow>,
    pub bad_total: u64,
}

impl Summary {
    /// `, N updated` when an Open311 import brought stored reports up to date, else nothing.
    pub fn updated_note(&self) -> String {
        if self.updated > 0 {
            format!(", {} updated", self.updated)
        } else {
            String::new()
        }
    }
}

/// The first five digits of a US ZIP code (`95122` or `95122-1234`).
fn zip5(value: &str) -> Option<String> {
    let v = value.trim();
    let digits = v.split('-').next().unwrap_or_default();
    (digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.to_owned())
}

/// [`import_reports_with`], telling no one how far it got.
pub async fn import_reports(db: &DatabaseConnection, args: &ReportArgs) -> anyhow::Result<Summary> {
    import_reports_with(db, args, &mut ()).await
}

/// Streams the file into the database: a blocking reader thread parses, this task stores batches
/// and tells `progress` how many bytes are read.
pub async fn import_reports_with(
    db: &DatabaseConnection,
    args: &ReportArgs,
    progress: &mut impl Progress,
) -> anyhow::Result<Summary> {
    let file = std::fs::File::open(&args.input)
        .with_context(|| format!("opening {}", args.input.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let open311 = match args.format.as_deref() {
        Some(f) => f == "open311",
        None => args
            .input
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json")),
    };
    let columns = args.columns.clone();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Item>(4 * BATCH);
    let reader = tokio::task::spawn_blocking(move || {
        let send = |item: Item| tx.blocking_send(item).is_ok();
        if open311 {
            open311::read(file, send)
        } else {
            csv_reports::read(file, &columns, send)
        }
    });

    progress.started(size);
    let mut summary = Summary::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut tracked = Vec::new();
    while let Some(item) = rx.recv().await {
        match item {
            Item::Row(row) => {
                summary.read += 1;
                batch.push(row);
                if batch.len() == BATCH {
                    store(db, &args.source, &mut batch, &mut summary).await?;
                }
            }
            Item::Tracked(row) => {
                summary.read += 1;
                tracked.push(row);
                if tracked.len() == BATCH {
                    store_tracked(db, &args.source, &mut tracked, &mut summary).await?;
                }
            }
            Item::Bad(bad) => {
                summary.read += 1;
                summary.bad_total += 1;
                if summary.bad.len() < SHOWN_BAD_ROWS {
                    summary.bad.push(bad);
                }
            }
            Item::Progress(bytes) => progress.read(bytes),
        }
    }
    store(db, &args.source, &mut batch, &mut summary).await?;
    store_tracked(db, &args.source, &mut tracked, &mut summary).await?;
    progress.finished();
    reader
        .await
        .context("the reader thread stopped")?
        .with_context(|| format!("reading {}", args.input.display()))
        .map_err(|e| {
            // Rows before the problem are stored: say so.
            e.context(format!(
                "{} rows were imported before the problem",
                summary.new
            ))
        })?;
    Ok(summary)
}

async fn store(
    db: &DatabaseConnection,
    source: &str,
    batch: &mut Vec<NewReport>,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let n = batch.len() as u64;
    let new = reports::insert_batch(db, source, std::mem::take(batch)).await?;
    summary.new += new;
    summary.already_there += n - new;
    Ok(())
}

async fn store_tracked(
    db: &DatabaseConnection,
    source: &str,
    batch: &mut Vec<TrackedReport>,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let done = report_status::upsert_batch(db, source, std::mem::take(batch)).await?;
    summary.new += done.new;
    summary.updated += done.updated;
    summary.already_there += done.unchanged;
    Ok(())
}
