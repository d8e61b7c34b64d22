//! Interview-notes forms: upload a file with its metadata (`POST /notes`, multipart), confirm
//! what the preview shows (`/notes/{id}/confirm`) or delete it (`/notes/{id}/delete`). Anyone
//! signed in may upload; each person acts on their own documents only, and someone else's is
//! answered as if it did not exist. Problems go back to the form naming the field, with
//! everything typed kept (a browser cannot keep a chosen file, so the message says to choose it
//! again).

use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::json;
use tower_sessions::Session;

use app::i18n::{FluentArg, Locale, locale_from_request};
use app::models::notes::{NOTE_LANGUAGES, NoteLimits};
use app::models::staff::{Flash, Role, SIGNED_IN, Viewer};
use app::store::AppState;
use app::store::notes::{self as store, NewDocument};

use crate::auth::handlers::{Fields, field};
use crate::notes::{Format, NoteReader};
use crate::routes::forms::{Posted, Refusal, StaffForm, send_back};
use crate::runs::scope::parse_day;

const NOTES: &str = "/notes";
/// Longest metadata value, in characters.
const MAX_FIELD_CHARS: usize = 200;

/// The uploaded file, as far as it was read.
struct Upload {
    filename: String,
    bytes: Vec<u8>,
    /// More than the limit was sent.
    too_large: bool,
}

/// The multipart form: text fields, and the file. A file over `max_bytes` is drained, not kept;
/// a body over the route's limit still gives the fields read before it (so they can be kept),
/// with the upload marked too large.
async fn read_form(
    mut multipart: Multipart,
    max_bytes: u64,
) -> Result<(Fields, Option<Upload>), MultipartError> {
    let mut fields = Fields::new();
    let mut upload: Option<Upload> = None;
    let outcome = async {
        while let Some(mut part) = multipart.next_field().await? {
            let name = part.name().unwrap_or_default().to_owned();
            if name != "file" {
                fields.push((name, part.text().await?));
                continue;
            }
            let file = upload.insert(Upload {
                filename: part.file_name().unwrap_or_default().trim().to_owned(),
                bytes: Vec::new(),
                too_large: false,
            });
            while let Some(chunk) = part.chunk().await? {
                // Past the limit the rest is read and dropped: answering before the body is in
                // makes browsers show a reset connection instead of the message.
                if file.too_large || file.bytes.len() as u64 + chunk.len() as u64 > max_bytes {
                    file.too_large = true;
                    file.bytes = Vec::new();
                    continue;
                }
                file.bytes.extend_from_slice(&chunk);
            }
        }
        Ok::<(), MultipartError>(())
    }
    .await;
    match outcome {
        Ok(()) => Ok((fields, upload)),
        Err(err) if err.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            let file = upload.get_or_insert_with(|| Upload {
                filename: String::new(),
                bytes: Vec::new(),
                too_large: true,
            });
            file.too_large = true;
            file.bytes.clear();
            Ok((fields, upload))
        }
        Err(err) => Err(err),
    }
}

/// The metadata typed into the form, checked.
struct Metadata {
    organization: String,
    community: String,
    interview_date: time::Date,
    interviewee_role: String,
    language: String,
}

/// The language of the partner pages for this request (`?lang=`, the language cookie, the
/// browser's languages): their messages are written in every language residents have.
fn request_locale(uri: &Uri, headers: &HeaderMap) -> Locale {
    let mut request = axum::http::Request::new(());
    *request.uri_mut() = uri.clone();
    *request.headers_mut() = headers.clone();
    locale_from_request(&request.into_parts().0)
}

fn s(text: impl Into<String>) -> FluentArg {
    FluentArg::Str(text.into())
}

fn n(number: impl TryInto<i64>) -> FluentArg {
    FluentArg::Num(number.try_into().unwrap_or(i64::MAX))
}

/// " Choose the file again…", said after a problem with an upload form: the page's file input
/// is empty again.
fn again(l: Locale) -> String {
    format!(" {}", l.tr("notes-choose-file-again"))
}

/// Checks the metadata; `Err((field id, message))` names the first problem, in `l`.
fn metadata(
    fields: &Fields,
    viewer: &Viewer,
    l: Locale,
) -> Result<Metadata, (&'static str, String)> {
    let text = |name: &str| {
        field(fields, name)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let required = |name: &str, id: &'static str, what: &str| {
        let value = text(name);
        let field = s(l.tr(what));
        if value.is_empty() {
            Err((id, l.tr_args("notes-error-missing", &[("field", field)])))
        } else if value.chars().count() > MAX_FIELD_CHARS {
            Err((
                id,
                l.tr_args(
                    "notes-error-too-long",
                    &[("field", field), ("max", n(MAX_FIELD_CHARS))],
                ),
            ))
        } else {
            Ok(value)
        }
    };
    // A partner's uploads always belong to their organization.
    let organization = match (&viewer.organization, viewer.role) {
        (Some(org), Role::Partner) => org.clone(),
        _ => required(
            "organization",
            "note-organization",
            "notes-field-organization",
        )?,
    };
    let community = required("community", "note-community", "notes-field-community")?;
    let date_raw = text("interview_date");
    let interview_date = match parse_day(&date_raw) {
        None if date_raw.is_empty() => {
            return Err(("note-date", l.tr("notes-error-date-missing")));
        }
        None => {
            return Err((
                "note-date",
                l.tr_args("notes-error-date-invalid", &[("value", s(date_raw))]),
            ));
        }
        Some(d) if d > time::OffsetDateTime::now_utc().date() => {
            return Err(("note-date", l.tr("notes-error-date-future")));
        }
        Some(d) => d,
    };
    let interviewee_role = required("interviewee_role", "note-role", "notes-field-role")?;
    let language = text("language");
    if !NOTE_LANGUAGES.iter().any(|(code, _)| *code == language) {
        return Err(("note-language", l.tr("notes-error-language")));
    }
    Ok(Metadata {
        organization,
        community,
        interview_date,
        interviewee_role,
        language,
    })
}

/// The upload form's fields kept when it is sent back.
const KEPT: [&str; 5] = [
    "organization",
    "community",
    "interview_date",
    "interviewee_role",
    "language",
];

pub async fn upload(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    session: Session,
    Extension(reader): Extension<NoteReader>,
    uri: Uri,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Response> {
    let l = request_locale(&uri, &headers);
    let (fields, file) = match read_upload(multipart, state.note_limits, l).await {
        Ok(read) => read,
        Err(refusal) => return Err(send_back(&session, NOTES, &Fields::new(), &[], refusal).await),
    };
    let posted = Posted {
        state,
        viewer,
        session,
        fields,
    };
    let form = posted.check(SIGNED_IN).await?;
    let outcome = store_upload(&form, file, &reader, l).await;
    Ok(form.answer(NOTES, &KEPT, outcome).await)
}

/// The form's fields and file, or why it could not be read.
async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
    limits: NoteLimits,
    l: Locale,
) -> Result<(Fields, Option<Upload>), Refusal> {
    let multipart = multipart.map_err(|_| Refusal::Form(l.tr("notes-error-not-upload")))?;
    read_form(multipart, limits.max_bytes())
        .await
        .map_err(|err| {
            tracing::warn!(error = %err, "reading an upload");
            Refusal::on("note-file", l.tr("notes-error-interrupted"))
        })
}

/// A refusal about the file, which the browser will have forgotten.
fn file_again(message: impl std::fmt::Display, l: Locale) -> Refusal {
    Refusal::on("note-file", format!("{message}{}", again(l)))
}

/// Checks the metadata and the file, reads and stores the document for confirmation, and goes to
/// its preview.
async fn store_upload(
    form: &StaffForm,
    upload: Option<Upload>,
    reader: &NoteReader,
    l: Locale,
) -> Result<Response, Refusal> {
    let (db, limits) = (&form.state.db, form.state.note_limits);
    let chosen = upload.as_ref().is_some_and(|u| !u.filename.is_empty());
    let meta = metadata(&form.fields, &form.viewer, l).map_err(|(id, message)| {
        let again = if chosen { again(l) } else { String::new() };
        Refusal::on(id, format!("{message}{again}"))
    })?;
    if upload.as_ref().is_some_and(|u| u.too_large) {
        return Err(file_again(too_large(limits, l), l));
    }
    let upload = upload
        .filter(|u| !u.filename.is_empty())
        .ok_or_else(|| Refusal::on("note-file", l.tr("notes-error-no-file")))?;
    let format = Format::from_filename(&upload.filename).ok_or_else(|| {
        file_again(
            l.tr_args("notes-error-format", &[("file", s(&upload.filename))]),
            l,
        )
    })?;
    let held = store::count_owned(db, form.viewer.id).await?;
    if held >= limits.max_documents {
        return Err(Refusal::on(
            "note-file",
            l.tr_args(
                "notes-error-too-many",
                &[("count", n(held)), ("max", n(limits.max_documents))],
            ),
        ));
    }
    let size = upload.bytes.len();
    let prepared = reader.read(format, upload.bytes).await.map_err(|problem| {
        let message = l.tr_args(
            "notes-error-unreadable",
            &[
                ("file", s(&upload.filename)),
                ("problem", s(problem.to_string())),
            ],
        );
        file_again(message, l)
    })?;
    let passages = prepared.passages.len();
    let redactions = json!(prepared.redactions);
    let filename: String = upload.filename.chars().take(255).collect();
    let document = NewDocument {
        owner_id: form.viewer.id,
        organization: meta.organization,
        community: meta.community,
        interview_date: meta.interview_date,
        interviewee_role: meta.interviewee_role,
        language: meta.language,
        filename: filename.clone(),
        format: format.as_str().to_owned(),
        bytes: i64::try_from(size).unwrap_or(i64::MAX),
        passages: prepared.passages,
        redactions: redactions.clone(),
    };
    let id = store::create_pending(db, document)
        .await
        .inspect_err(|err| tracing::error!(error = %err, "storing an upload"))?;
    form.audit(
        "note_uploaded",
        json!({ "document": id, "filename": filename, "passages": passages, "redactions": redactions }),
    )
    .await;
    let message = l.tr_args(
        "notes-read",
        &[("count", n(passages)), ("file", s(&filename))],
    );
    Ok(form
        .redirect(&format!("{NOTES}/{id}"), Flash::notice(message))
        .await)
}

fn too_large(limits: NoteLimits, l: Locale) -> String {
    l.tr_args(
        "notes-error-too-large",
        &[("megabytes", n(limits.max_megabytes))],
    )
}

/// The form, checked (session token first), and its viewer's own document `id`; `Err` is the
/// response to send instead.
async fn own_document(
    posted: Posted,
    id: i32,
    l: Locale,
) -> Result<(StaffForm, app::store::entities::note_document::Model), Response> {
    let form = posted.check(SIGNED_IN).await?;
    let flash = match store::owned(&form.state.db, form.viewer.id, id).await {
        Ok(Some(doc)) => return Ok((form, doc)),
        Ok(None) => Flash::error(l.tr("notes-error-no-such")),
        Err(_) => Flash::unavailable(),
    };
    Err(form.redirect(NOTES, flash).await)
}

pub async fn confirm(
    Path(id): Path<i32>,
    uri: Uri,
    headers: HeaderMap,
    posted: Posted,
) -> Result<Response, Response> {
    let l = request_locale(&uri, &headers);
    let (form, doc) = own_document(posted, id, l).await?;
    let flash = match store::confirm(&form.state.db, &doc).await {
        Ok(true) => {
            form.audit(
                "note_confirmed",
                json!({ "document": id, "filename": doc.filename, "passages": doc.passages }),
            )
            .await;
            Flash::notice(l.tr_args(
                "notes-confirmed",
                &[("count", n(doc.passages)), ("file", s(&doc.filename))],
            ))
        }
        Ok(false) => Flash::error(l.tr("notes-error-already-confirmed")),
        Err(_) => Flash::unavailable(),
    };
    Ok(form.redirect(&format!("{NOTES}/{id}"), flash).await)
}

pub async fn delete(
    Path(id): Path<i32>,
    uri: Uri,
    headers: HeaderMap,
    posted: Posted,
) -> Result<Response, Response> {
    let l = request_locale(&uri, &headers);
    let (form, doc) = own_document(posted, id, l).await?;
    if store::delete(&form.state.db, id).await.is_err() {
        return Ok(form
            .redirect(&format!("{NOTES}/{id}"), Flash::unavailable())
            .await);
    }
    let confirmed = doc.status == store::CONFIRMED;
    if confirmed {
        // Dashboards built before quote its passages.
        form.state.dashboards.warm_latest();
    }
    form.audit(
        if confirmed { "note_deleted" } else { "note_discarded" },
        json!({ "document": id, "filename": doc.filename, "organization": doc.organization, "passages": doc.passages }),
    )
    .await;
    let key = if confirmed {
        "notes-deleted"
    } else {
        "notes-discarded"
    };
    let message = l.tr_args(key, &[("file", s(&doc.filename))]);
    Ok(form.redirect(NOTES, Flash::notice(message)).await)
}
