//! `needscope import reports`, with a progress bar in bytes and the refused rows on stderr.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::DatabaseConnection;

use crate::import::csv_reports::ReportColumns;
use crate::import::{self, ReportArgs};

/// `needscope import …`
#[derive(clap::Subcommand, Debug)]
pub enum ImportAction {
    /// Resident reports such as 311 service requests.
    Reports(Box<ReportsArgs>),
}

#[derive(clap::Args, Debug)]
pub struct ReportsArgs {
    /// The file: CSV with a header row, or an Open311 GeoReport v2 `requests.json`.
    #[arg(long)]
    input: PathBuf,
    /// `csv` or `open311` (default: from the file name, `.json` is Open311).
    #[arg(long, value_parser = ["csv", "open311"])]
    format: Option<String>,
    /// Name of the source; request ids are unique within it (e.g. `sj311`).
    #[arg(long, default_value = "311")]
    source: String,
    #[command(flatten)]
    columns: ColumnArgs,
}

/// Which CSV columns hold what.
#[derive(clap::Args, Debug)]
struct ColumnArgs {
    /// Column with the request id (unique within the source; makes re-imports idempotent).
    #[arg(long)]
    id_column: Option<String>,
    /// Column with the resident's description.
    #[arg(long)]
    text_column: Option<String>,
    /// Column with the request type or category.
    #[arg(long)]
    category_column: Option<String>,
    /// Column with the date the request was made.
    #[arg(long)]
    date_column: Option<String>,
    /// Column with the council district.
    #[arg(long)]
    district_column: Option<String>,
    /// Column with the ZIP code.
    #[arg(long)]
    zip_column: Option<String>,
}

impl ReportsArgs {
    fn request(&self) -> ReportArgs {
        let c = &self.columns;
        ReportArgs {
            input: self.input.clone(),
            format: self.format.clone(),
            source: self.source.clone(),
            columns: ReportColumns {
                id_column: c.id_column.clone(),
                text_column: c.text_column.clone(),
                category_column: c.category_column.clone(),
                date_column: c.date_column.clone(),
                district_column: c.district_column.clone(),
                zip_column: c.zip_column.clone(),
            },
        }
    }
}

/// Runs `action`: imports, then prints the counts on stdout and the refused rows on stderr.
pub async fn run(db: &DatabaseConnection, action: &ImportAction) -> anyhow::Result<()> {
    let ImportAction::Reports(args) = action;
    let summary = import::import_reports_with(db, &args.request(), &mut Bar::default()).await?;
    println!(
        "{}: {} rows read, {} imported, {} already there{}, {} refused",
        args.input.display(),
        summary.read,
        summary.new,
        summary.already_there,
        summary.updated_note(),
        summary.bad_total
    );
    for bad in &summary.bad {
        eprintln!("  {}: {}", bad.at, bad.reason);
    }
    if summary.bad_total > summary.bad.len() as u64 {
        eprintln!(
            "  … and {} more",
            summary.bad_total - summary.bad.len() as u64
        );
    }
    Ok(())
}

/// The bytes read, drawn on stderr when it is a terminal.
#[derive(Default)]
struct Bar(Option<ProgressBar>);

impl import::Progress for Bar {
    fn started(&mut self, bytes: u64) {
        let bar = ProgressBar::new(bytes.max(1));
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} importing [{bar:30}] {bytes}/{total_bytes} ({eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        self.0 = Some(bar);
    }

    fn read(&mut self, bytes: u64) {
        if let Some(bar) = &self.0 {
            bar.set_position(bytes);
        }
    }

    fn finished(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
