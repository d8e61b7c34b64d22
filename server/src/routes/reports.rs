//! `POST /staff/reports`: staff import a 311 file from the browser, as `needscope import reports`
//! does: CSV with the columns named in the form, or Open311 `requests.json`. The upload is
//! streamed to a temporary file (never held in memory), then imported in batches; re-importing
//! adds nothing twice. The page shows what was read, imported and refused, with the refused rows'
//! lines and reasons.

use std::io::Write;

use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Extension, State};
use axum::response::Response;
use serde_json::json;
use tower_sessions::Session;

use app::models::staff::{Flash, STAFF, Viewer};
use app::store::AppState;

use crate::auth::handlers::Fields;
use crate::import::csv_reports::ReportColumns;
use crate::import::{ReportArgs, import_reports};
use crate::routes::CHOOSE_FILE_AGAIN;
use crate::routes::forms::{Posted, Refusal, StaffForm, send_back};

const REPORTS: &str = "/staff/reports";
/// Largest file accepted (about a million rows of a typical 311 export).
pub const MAX_BYTES: usize = 256 * 1024 * 1024;
/// Refused rows listed on the page (all are counted).
const LISTED: usize = 20;
/// Form fields, with the column option each maps to.
const COLUMNS: [(&str, &str); 6] = [
    ("id_column", "--id-column"),
    ("text_column", "--text-column"),
    ("category_column", "--category-column"),
    ("date_column", "--date-column"),
    ("district_column", "--district-column"),
    ("zip_column", "--zip-column"),
];
/// How the page names each column field, in messages.
const LABELS: [(&str, &str); 6] = [
    ("--id-column", "The request id column"),
    ("--text-column", "The description column"),
    ("--category-column", "The category column"),
    ("--date-column", "The date column"),
    ("--district-column", "The district column"),
    ("--zip-column", "The ZIP code column"),
];

/// The form's fields, and the file streamed to disk (`None` if no file was chosen).
async fn read_form(
    mut multipart: Multipart,
) -> Result<(Fields, Option<(String, tempfile::NamedTempFile)>), MultipartError> {
    let mut fields = Fields::new();
    let mut file = None;
    while let Some(mut part) = multipart.next_field().await? {
        let name = part.name().unwrap_or_default().to_owned();
        if name != "file" {
            fields.push((name, part.text().await?));
            continue;
        }
        let filename = part.file_name().unwrap_or_default().trim().to_owned();
        let Ok(mut temp) = tempfile::NamedTempFile::new() else {
            tracing::error!("no temporary file for an import");
            continue;
        };
        let mut empty = true;
        while let Some(chunk) = part.chunk().await? {
            empty &= chunk.is_empty();
            if temp.write_all(&chunk).is_err() {
                tracing::error!("writing an import to a temporary file");
                break;
            }
        }
        if !filename.is_empty() || !empty {
            file = Some((filename, temp));
        }
    }
    Ok((fields, file))
}

/// A column option in a message, as the page names it.
fn for_people(message: &str) -> String {
    LABELS.iter().fold(message.to_owned(), |m, (flag, label)| {
        m.replace(flag, label)
    })
}

pub async fn import(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    session: Session,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Response> {
    let (fields, file) = match read_upload(multipart).await {
        Ok(read) => read,
        Err(refusal) => {
            return Err(send_back(&session, REPORTS, &Fields::new(), &[], refusal).await);
        }
    };
    let posted = Posted {
        state,
        viewer,
        session,
        fields,
    };
    let form = posted.check(STAFF).await?;
    let outcome = import_checked(&form, file).await;
    let kept: Vec<&str> = ["source", "format"]
        .into_iter()
        .chain(COLUMNS.iter().map(|(name, _)| *name))
        .collect();
    Ok(form.answer(REPORTS, &kept, outcome).await)
}

/// The form's fields and file, or why it could not be read.
async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(Fields, Option<(String, tempfile::NamedTempFile)>), Refusal> {
    let multipart =
        multipart.map_err(|_| Refusal::Form("Send the form as a file upload.".into()))?;
    read_form(multipart).await.map_err(|err| {
        let message = if err.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            format!(
                "The file is larger than {} MB: split it into several files.",
                MAX_BYTES / (1024 * 1024)
            )
        } else {
            "The upload was interrupted: try again.".to_owned()
        };
        Refusal::on("report-file", message)
    })
}

/// Imports the file as the form describes it, and says what was read, imported and refused.
async fn import_checked(
    form: &StaffForm,
    file: Option<(String, tempfile::NamedTempFile)>,
) -> Result<Response, Refusal> {
    let text = |name: &str| form.text(name).trim().to_owned();
    let source = text("source");
    if source.is_empty() || source.chars().count() > 80 {
        let message = format!(
            "Name the source in at most 80 characters (for example sj311): request ids are unique within it.{CHOOSE_FILE_AGAIN}"
        );
        return Err(Refusal::on("report-source", message));
    }
    let (filename, temp) = file.ok_or_else(|| {
        Refusal::on(
            "report-file",
            "Choose a CSV file or an Open311 requests.json to import.",
        )
    })?;
    let format = match text("format").as_str() {
        "csv" => Some("csv".to_owned()),
        "open311" => Some("open311".to_owned()),
        _ if filename.to_ascii_lowercase().ends_with(".json") => Some("open311".to_owned()),
        _ => Some("csv".to_owned()),
    };
    let column = |name: &str| Some(text(name)).filter(|v| !v.is_empty());
    let args = ReportArgs {
        input: temp.path().to_owned(),
        format,
        source: source.clone(),
        columns: ReportColumns {
            id_column: column("id_column"),
            text_column: column("text_column"),
            category_column: column("category_column"),
            date_column: column("date_column"),
            district_column: column("district_column"),
            zip_column: column("zip_column"),
        },
    };
    let summary = import_reports(&form.state.db, &args).await.map_err(|err| {
        let message = format!(
            "“{filename}” could not be imported: {}.{CHOOSE_FILE_AGAIN}",
            for_people(&format!("{err:#}"))
        );
        Refusal::on("report-file", message)
    })?;
    drop(temp);
    form.audit(
        "reports_imported",
        json!({ "source": source, "file": filename, "read": summary.read, "new": summary.new, "already_there": summary.already_there, "updated": summary.updated, "refused": summary.bad_total }),
    )
    .await;
    let mut flash = Flash::notice(format!(
        "“{filename}”: {} rows read, {} imported, {} already there{}, {} refused. Imported reports join the next analysis run as their own stream.",
        summary.read,
        summary.new,
        summary.already_there,
        summary.updated_note(),
        summary.bad_total
    ));
    for (i, bad) in summary.bad.iter().take(LISTED).enumerate() {
        flash = flash.keep(
            &format!("refused:{i:03}"),
            &format!("{}: {}", bad.at, bad.reason),
        );
    }
    Ok(form.redirect(REPORTS, flash).await)
}
