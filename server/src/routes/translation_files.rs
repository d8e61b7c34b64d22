//! Translation files (administrators), the routes around [`crate::translation_files`]:
//!
//! * `GET …/translations/{locale}/export.xlf`: the survey's texts in that language as XLIFF 2.0.
//! * `POST …/translations/{locale}/import` (multipart: the file and the form token): the file is
//!   checked at once and kept, with what it would change or with its problems, in the
//!   `translation_import` table, so the preview and the confirmation work whichever server process
//!   answers them; the browser goes to the import's page.
//! * `POST …/translations/{locale}/imports/{id}/confirm`: saves the previewed texts through the
//!   translation page's own save (`save_translation`: the same checks, versions and outdated
//!   records) with the status chosen, if the survey has not changed since the check.
//! * `POST …/translations/{locale}/imports/{id}/discard`.
//!
//! Every export, upload (accepted or refused), confirmation and discard is in the audit log; a
//! refused file saves nothing.

use axum::Router;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Extension, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;
use tower_sessions::Session;

use app::i18n::Locale;
use app::models::staff::{ADMINS, Flash, Viewer};
use app::models::survey_edit::{REVISION_FIELD, STATUS_FIELD, TranslationStatus};
use app::models::translation_file::{MAX_FILE_BYTES, import_path, plan, suggested_status, to_save};
use app::store::survey_edits::{self, EditFailure, Saved, TranslationSaved};
use app::store::surveys::{self, LoadedSurvey};
use app::store::translation_imports::{self, NewImport};
use app::store::{AppState, audit, survey_translations};

use crate::auth::handlers::Fields;
use crate::routes::forms::{Posted, Refusal, StaffForm, send_back};
use crate::translation_files::{self as files, Expected};

const SURVEYS: &str = "/staff/admin/surveys";
/// The import route's body limit: the file and the token, with room for the multipart framing.
/// A file over [`MAX_FILE_BYTES`] within it is drained and refused with a message.
const MAX_BODY_BYTES: usize = 2 * MAX_FILE_BYTES + 64 * 1024;
/// The upload form's file input (its id on the translation page).
pub const FILE_FIELD_ID: &str = "translation-file";

pub fn router() -> Router<AppState> {
    let base = "/staff/admin/surveys/{slug}/translations/{locale}";
    Router::new()
        .route(&format!("{base}/export.xlf"), get(export))
        .route(
            &format!("{base}/import"),
            post(import).layer(DefaultBodyLimit::max(MAX_BODY_BYTES)),
        )
        .route(&format!("{base}/imports/{{id}}/confirm"), post(confirm))
        .route(&format!("{base}/imports/{{id}}/discard"), post(discard))
}

/// The translation page of survey `slug` in `code`.
fn page(slug: &str, code: &str) -> String {
    format!("{SURVEYS}/{slug}/translations/{code}")
}

/// A language surveys can be translated into, written as its code exactly (`vi`, `zh-Hant`).
fn target_locale(code: &str) -> Option<Locale> {
    Locale::from_code(code).filter(|l| *l != Locale::En && l.code() == code)
}

fn plain(status: StatusCode, message: String) -> Response {
    (status, message).into_response()
}

/// `GET …/translations/{locale}/export.xlf`.
#[tracing::instrument(skip(state, viewer))]
async fn export(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path((slug, code)): Path<(String, String)>,
) -> Response {
    let Some(Extension(viewer)) = viewer.filter(|Extension(v)| v.is(ADMINS)) else {
        return plain(StatusCode::FORBIDDEN, "Administrators only.".into());
    };
    let Some(locale) = target_locale(&code) else {
        return plain(
            StatusCode::NOT_FOUND,
            format!("Surveys cannot be translated into “{code}”."),
        );
    };
    let survey = match surveys::current(&state.db, &slug).await {
        Ok(s) => s,
        Err(app::models::AppError::NotFound) => {
            return plain(
                StatusCode::NOT_FOUND,
                format!("There is no survey “{slug}”."),
            );
        }
        Err(_) => return unavailable(),
    };
    let record = match survey_translations::record(&state.db, survey.version_id, locale).await {
        Ok(r) => r,
        Err(err) => {
            tracing::error!(error = %err, "reading a translation record");
            return unavailable();
        }
    };
    let version = survey.survey.current_version;
    let bytes = match files::export(&slug, version, &survey.definition, locale, record.as_ref()) {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::error!(error = %err, "writing a translation file");
            return unavailable();
        }
    };
    audit::note(
        &state.db,
        Some(&viewer),
        "translation_exported",
        json!({ "survey": slug, "locale": locale.code(), "version": version, "bytes": bytes.len() }),
    )
    .await;
    let name = format!("{slug}-v{version}-{}.xlf", locale.code());
    (
        [
            (
                header::CONTENT_TYPE,
                "application/xliff+xml; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

fn unavailable() -> Response {
    plain(
        StatusCode::SERVICE_UNAVAILABLE,
        "The service is unavailable, please try again shortly.".into(),
    )
}

/// The uploaded file as far as it was read.
struct Upload {
    filename: String,
    bytes: Vec<u8>,
    too_large: bool,
}

/// The form's fields and its file (a file over [`MAX_FILE_BYTES`] is drained, not kept).
async fn read_form(mut multipart: Multipart) -> Result<(Fields, Option<Upload>), MultipartError> {
    let mut fields = Fields::new();
    let mut upload = None;
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
            if file.too_large || file.bytes.len() + chunk.len() > MAX_FILE_BYTES {
                file.too_large = true;
                file.bytes = Vec::new();
                continue;
            }
            file.bytes.extend_from_slice(&chunk);
        }
    }
    Ok((fields, upload))
}

/// `POST …/translations/{locale}/import`: checks the file and keeps it for the preview (or its
/// problems for the page that lists them).
#[tracing::instrument(skip_all, fields(slug = %slug, locale = %code))]
async fn import(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    session: Session,
    Path((slug, code)): Path<(String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Response> {
    let back = page(&slug, &code);
    let read = match multipart {
        Ok(multipart) => read_form(multipart).await.map_err(|err| {
            tracing::warn!(error = %err, "reading a translation upload");
            let message = if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                "The upload was interrupted: try again.".to_owned()
            };
            Refusal::on(FILE_FIELD_ID, message)
        }),
        Err(_) => Err(Refusal::Form("Send the form as a file upload.".into())),
    };
    let (fields, upload) = match read {
        Ok(read) => read,
        Err(refusal) => return Err(send_back(&session, &back, &Fields::new(), &[], refusal).await),
    };
    let form = Posted {
        state,
        viewer,
        session,
        fields,
    }
    .check(ADMINS)
    .await?;
    let outcome = check_and_keep(&form, &slug, &code, upload).await;
    Ok(form.answer(&back, &[], outcome).await)
}

fn too_large() -> String {
    format!(
        "The file is larger than {} MB; a survey's translation file is far smaller: check that this is the exported .xlf file.",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// The survey and language of a translation form, or the refusal to give.
async fn survey_and_locale(
    form: &StaffForm,
    slug: &str,
    code: &str,
) -> Result<(LoadedSurvey, Locale), Refusal> {
    let locale = target_locale(code)
        .ok_or_else(|| Refusal::Form(format!("Surveys cannot be translated into “{code}”.")))?;
    match surveys::current(&form.state.db, slug).await {
        Ok(s) => Ok((s, locale)),
        Err(app::models::AppError::NotFound) => Err(Refusal::Form(format!(
            "There is no survey “{slug}” to translate."
        ))),
        Err(_) => Err(Refusal::Unavailable),
    }
}

async fn check_and_keep(
    form: &StaffForm,
    slug: &str,
    code: &str,
    upload: Option<Upload>,
) -> Result<Response, Refusal> {
    let (survey, locale) = survey_and_locale(form, slug, code).await?;
    let upload = upload
        .filter(|u| !u.filename.is_empty() || !u.bytes.is_empty() || u.too_large)
        .ok_or_else(|| Refusal::on(FILE_FIELD_ID, "Choose the translated .xlf file to import."))?;
    if upload.too_large {
        return Err(Refusal::on(FILE_FIELD_ID, too_large()));
    }
    let filename = if upload.filename.is_empty() {
        "the file".to_owned()
    } else {
        upload.filename.chars().take(255).collect()
    };
    let expected = Expected {
        slug,
        version: survey.survey.current_version,
        locale,
        def: &survey.definition,
    };
    let revision = survey_edits::revision(&survey.definition);
    let checked = files::check(&upload.bytes, &expected);
    let (units, problems, version) = match &checked {
        Ok(c) => (c.units.clone(), Vec::new(), c.version),
        Err(problems) => (Default::default(), problems.clone(), 0),
    };
    let id = translation_imports::stage(
        &form.state.db,
        NewImport {
            survey_id: survey.survey.id,
            locale,
            revision: &revision,
            version,
            filename: &filename,
            units: &units,
            problems: &problems,
            created_by: form.viewer.id,
        },
    )
    .await?;
    let to = import_path(slug, code, id);
    if problems.is_empty() {
        form.audit(
            "translation_import_checked",
            json!({ "survey": slug, "locale": code, "import": id, "filename": filename, "units": units.len(), "file_version": version }),
        )
        .await;
        let message = format!(
            "“{filename}” passed the checks. Nothing is saved yet: look over the changes below, then confirm."
        );
        Ok(form.redirect(&to, Flash::notice(message)).await)
    } else {
        let listed: Vec<String> = problems.iter().take(20).map(ToString::to_string).collect();
        form.audit(
            "translation_import_refused",
            json!({ "survey": slug, "locale": code, "import": id, "filename": filename, "problems": problems.len(), "first": listed }),
        )
        .await;
        let count = match problems.len() {
            1 => "1 problem".to_owned(),
            n => format!("{n} problems"),
        };
        let message = format!(
            "“{filename}” was not imported: {count}, listed below. Nothing was saved. Correct the file and upload it again."
        );
        Ok(form.redirect(&to, Flash::error(message)).await)
    }
}

/// The form, the survey, its language and the viewer's own upload `id`; `Err` is the response.
async fn own_import(
    posted: Posted,
    slug: &str,
    code: &str,
    id: i32,
) -> Result<(StaffForm, LoadedSurvey, Locale, translation_imports::Staged), Response> {
    let form = posted.check(ADMINS).await?;
    let (survey, locale) = match survey_and_locale(&form, slug, code).await {
        Ok(found) => found,
        Err(refusal) => return Err(form.send_back(SURVEYS, &[], refusal).await),
    };
    match translation_imports::own(&form.state.db, id, survey.survey.id, locale, form.viewer.id)
        .await
    {
        Ok(Some(staged)) => Ok((form, survey, locale, staged)),
        Ok(None) => {
            let message = "There is no such translation file among your uploads: it was confirmed or discarded already, or replaced by a later upload. Upload the file again.";
            Err(form
                .redirect(&page(slug, code), Flash::error(message))
                .await)
        }
        Err(err) => {
            tracing::error!(error = %err, "reading a translation import");
            Err(form.redirect(&page(slug, code), Flash::unavailable()).await)
        }
    }
}

/// `POST …/imports/{id}/confirm`: saves what the preview showed.
#[tracing::instrument(skip(posted))]
async fn confirm(
    Path((slug, code, id)): Path<(String, String, i32)>,
    posted: Posted,
) -> Result<Response, Response> {
    let (form, survey, locale, staged) = own_import(posted, &slug, &code, id).await?;
    let here = import_path(&slug, &code, id);
    if !staged.problems.is_empty() {
        let message = "This file was refused, so there is nothing to confirm: correct it and upload it again.";
        return Ok(form.redirect(&here, Flash::error(message)).await);
    }
    let db = &form.state.db;
    let record = match survey_translations::record(db, survey.version_id, locale).await {
        Ok(r) => r,
        Err(err) => {
            tracing::error!(error = %err, "reading a translation record");
            return Ok(form.redirect(&here, Flash::unavailable()).await);
        }
    };
    let status = TranslationStatus::parse(form.text(STATUS_FIELD))
        .unwrap_or_else(|| suggested_status(&staged.units));
    let rows = plan(&survey.definition, locale, record.as_ref(), &staged.units);
    let texts = to_save(&rows);
    let outcome =
        survey_edits::save_translation(db, &slug, Some(&staged.revision), locale, &texts, status)
            .await;
    let saved = match outcome {
        Ok(saved) => saved,
        Err(EditFailure::Invalid(e)) if e.field == REVISION_FIELD => {
            let message = "The survey changed after this file was checked, so nothing was saved. Upload the file again: it will be checked against the survey as it is now.";
            return Ok(form.redirect(&here, Flash::error(message)).await);
        }
        Err(EditFailure::Invalid(e)) => {
            return Ok(form
                .redirect(
                    &here,
                    Flash::error(format!("Nothing was saved: {}", e.message)),
                )
                .await);
        }
        Err(EditFailure::NotFound) => {
            let message = format!("There is no survey “{slug}” to translate.");
            return Ok(form.redirect(SURVEYS, Flash::error(message)).await);
        }
        Err(EditFailure::Unavailable) => {
            return Ok(form.redirect(&here, Flash::unavailable()).await);
        }
    };
    if let Err(err) = translation_imports::remove(db, id).await {
        tracing::error!(error = %err, import = id, "removing a confirmed translation import");
    }
    let mut detail = saved_detail(&saved, status);
    if let Some(map) = detail.as_object_mut() {
        map.insert("survey".into(), json!(slug));
        map.insert("locale".into(), json!(code));
        map.insert("import".into(), json!(id));
        map.insert("filename".into(), json!(staged.filename));
        map.insert("texts".into(), json!(texts.len()));
    }
    form.audit("translation_imported", detail).await;
    let message = format!(
        "Imported “{}”: {}",
        staged.filename,
        saved_message(&saved, status)
    );
    Ok(form
        .redirect(&page(&slug, &code), Flash::notice(message))
        .await)
}

/// `POST …/imports/{id}/discard`.
#[tracing::instrument(skip(posted))]
async fn discard(
    Path((slug, code, id)): Path<(String, String, i32)>,
    posted: Posted,
) -> Result<Response, Response> {
    let (form, _, _, staged) = own_import(posted, &slug, &code, id).await?;
    if let Err(err) = translation_imports::remove(&form.state.db, id).await {
        tracing::error!(error = %err, "discarding a translation import");
        return Ok(form
            .redirect(&import_path(&slug, &code, id), Flash::unavailable())
            .await);
    }
    form.audit(
        "translation_import_discarded",
        json!({ "survey": slug, "locale": code, "import": id, "filename": staged.filename }),
    )
    .await;
    let message = format!("Discarded “{}”: nothing of it was saved.", staged.filename);
    Ok(form
        .redirect(&page(&slug, &code), Flash::notice(message))
        .await)
}

/// What a save of a translation (page or file) did, for the page: the texts (as any survey edit
/// says it), the status, and outdated translations confirmed.
pub fn saved_message(saved: &TranslationSaved, status: TranslationStatus) -> String {
    if saved.is_unchanged() {
        return "Nothing changed.".to_owned();
    }
    let mut parts = Vec::new();
    if saved.saved != Saved::Unchanged {
        parts.push(super::surveys::saved_message(saved.saved));
    }
    if let Some(was) = saved.record.status_was {
        parts.push(format!(
            "The translation's status changed from {} to {}.",
            was.as_str(),
            status.as_str()
        ));
    }
    match saved.record.marked_current {
        0 => {}
        1 => parts.push("1 outdated translation now counts as matching today's English.".into()),
        n => parts.push(format!(
            "{n} outdated translations now count as matching today's English."
        )),
    }
    parts.join(" ")
}

/// The audit detail of a translation save (see [`saved_message`]).
pub fn saved_detail(saved: &TranslationSaved, status: TranslationStatus) -> serde_json::Value {
    json!({
        "version": saved.version,
        "new_version": matches!(saved.saved, Saved::NewVersion(_)),
        "texts_changed": saved.saved != Saved::Unchanged,
        "status": status.as_str(),
        "status_was": saved.record.status_was.map(TranslationStatus::as_str),
        "marked_current": saved.record.marked_current,
    })
}
