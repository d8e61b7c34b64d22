//! The administrators' weighting forms, the browser side of `needscope weighting`:
//!
//! * `POST /staff/admin/weighting` (multipart): population margins (required), an equity index
//!   and a ZIP crosswalk (optional) and the command line's options, checked by the same service
//!   ([`crate::weighting::check`]); a good upload is previewed on the current respondents and kept
//!   as a draft, not in force. A bad line is named by file, line and column, and the options
//!   typed come back (files must be chosen again).
//! * `POST /staff/admin/weighting/drafts/{id}/activate` and `…/discard`.
//! * `POST /staff/admin/weighting/versions/{version}/activate`: put a stored version back in force.
//! * `GET /staff/admin/weighting/versions/{version}/config.json`: a stored version as JSON.
//!
//! Every upload, activation and discard is in the audit log. Activating changes only what the
//! next run uses: runs record their version, so `runs verify` re-runs them as they were.

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tower_sessions::Session;

use analysis::weighting::ConfigFile;
use app::i18n::{FluentArg, locale_from_headers};
use app::models::staff::{ADMINS, Flash, Viewer};
use app::store::AppState;
use app::store::weighting as store;

use crate::auth::handlers::Fields;
use crate::routes::CHOOSE_FILE_AGAIN;
use crate::routes::forms::{Posted, Refusal, StaffForm, send_back};
use crate::weighting::{self as service, Files, Settings, Upload, UploadError, Uploaded};

const PAGE: &str = "/staff/admin/weighting";
/// Largest file accepted, each (a city's margins, equity index or HUD crosswalk is far smaller).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// The route's body limit: three files and the options, with room for the multipart framing.
/// Past it the connection is cut; a file over [`MAX_FILE_BYTES`] within it is drained and refused
/// with a message.
pub const MAX_BODY_BYTES: usize = 3 * MAX_FILE_BYTES + 256 * 1024;
/// Most bootstrap replicates the page accepts (each run redoes the raking once per replicate).
const MAX_REPLICATES: usize = 10_000;

/// The file inputs: form name, the page's field id, which configuration file it holds.
const FILES: [(&str, &str, ConfigFile); 3] = [
    ("margins", "weighting-margins", ConfigFile::Margins),
    ("equity", "weighting-equity", ConfigFile::EquityIndex),
    ("crosswalk", "weighting-crosswalk", ConfigFile::ZipCrosswalk),
];
/// The options typed, kept when the form is sent back.
const KEPT: [&str; 8] = [
    "index_name",
    "scale_min",
    "scale_max",
    "strength",
    "trim_floor",
    "trim_cap",
    "replicates",
    "seed",
];
/// The checkbox, kept only when ticked (a kept name reads as ticked).
const HEALTHIER: &str = "higher_is_healthier";

/// One file input as far as it was read.
struct Part {
    filename: String,
    bytes: Vec<u8>,
    /// More than [`MAX_FILE_BYTES`] was sent.
    too_large: bool,
}

/// The options and the files chosen (a file input left empty is absent).
async fn read_form(
    mut multipart: Multipart,
) -> Result<(Fields, Vec<(String, Part)>), MultipartError> {
    let mut fields = Fields::new();
    let mut files: Vec<(String, Part)> = Vec::new();
    while let Some(mut part) = multipart.next_field().await? {
        let name = part.name().unwrap_or_default().to_owned();
        if !FILES.iter().any(|(n, _, _)| *n == name) {
            fields.push((name, part.text().await?));
            continue;
        }
        let mut file = Part {
            filename: part.file_name().unwrap_or_default().trim().to_owned(),
            bytes: Vec::new(),
            too_large: false,
        };
        while let Some(chunk) = part.chunk().await? {
            // Past the limit the rest is read and dropped, so the browser gets the message.
            if file.too_large || file.bytes.len() + chunk.len() > MAX_FILE_BYTES {
                file.too_large = true;
                file.bytes = Vec::new();
                continue;
            }
            file.bytes.extend_from_slice(&chunk);
        }
        if !file.filename.is_empty() || !file.bytes.is_empty() || file.too_large {
            files.push((name, file));
        }
    }
    Ok((fields, files))
}

/// `POST /staff/admin/weighting`: check an upload, preview it and keep it as a draft.
pub async fn upload(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    session: Session,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Response> {
    let read = match multipart {
        Ok(multipart) => read_form(multipart).await.map_err(|err| {
            tracing::warn!(error = %err, "reading a weighting upload");
            let message = if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
                format!(
                    "The files are larger than {} MB each: weighting files are small tables; check that these are the right ones.",
                    MAX_FILE_BYTES / (1024 * 1024)
                )
            } else {
                "The upload was interrupted: try again.".to_owned()
            };
            Refusal::on("weighting-margins", message)
        }),
        Err(_) => Err(Refusal::Form("Send the form as a file upload.".into())),
    };
    let (fields, files) = match read {
        Ok(read) => read,
        Err(refusal) => return Err(send_back(&session, PAGE, &Fields::new(), &[], refusal).await),
    };
    let posted = Posted {
        state,
        viewer,
        session,
        fields,
    };
    let form = posted.check(ADMINS).await?;
    let outcome = keep_draft(&form, files).await;
    let ticked = !form.text(HEALTHIER).is_empty();
    let kept: Vec<&str> = KEPT
        .into_iter()
        .chain(ticked.then_some(HEALTHIER))
        .collect();
    Ok(form.answer(PAGE, &kept, outcome).await)
}

/// A refusal about the files, which the browser will have forgotten.
fn files_again(id: &str, message: impl std::fmt::Display) -> Refusal {
    Refusal::on(id, format!("{message}{CHOOSE_FILE_AGAIN}"))
}

/// Reads the options the way the command line's flags read them; `Err` names the field.
fn settings(form: &StaffForm) -> Result<Settings, Refusal> {
    let text = |name: &str| form.text(name).trim().to_owned();
    fn number<T: std::str::FromStr>(value: &str, id: &str, what: &str) -> Result<T, Refusal> {
        value
            .parse::<T>()
            .map_err(|_| files_again(id, format!("{what}: “{value}” is not a number.")))
    }
    let index_name = match text("index_name") {
        name if name.is_empty() => "unspecified".to_owned(),
        name if name.chars().count() > 200 => {
            return Err(files_again(
                "weighting-index-name",
                "Shorten the index name to at most 200 characters.",
            ));
        }
        name => name,
    };
    let scale_min: f64 = number(&text("scale_min"), "weighting-scale-min", "Lowest score")?;
    let scale_max: f64 = number(&text("scale_max"), "weighting-scale-max", "Highest score")?;
    let strength: f64 = number(&text("strength"), "weighting-strength", "Strength")?;
    let trim_floor: f64 = number(&text("trim_floor"), "weighting-trim-floor", "Trim floor")?;
    let trim_cap: f64 = number(&text("trim_cap"), "weighting-trim-cap", "Trim cap")?;
    let replicates: usize = number(&text("replicates"), "weighting-replicates", "Replicates")?;
    if replicates == 1 || replicates > MAX_REPLICATES {
        return Err(files_again(
            "weighting-replicates",
            format!("Replicates: give 0 (no intervals) or a number from 2 to {MAX_REPLICATES}."),
        ));
    }
    let seed: u64 = number(&text("seed"), "weighting-seed", "Seed")?;
    Ok(Settings {
        index_name,
        scale: Some((scale_min, scale_max)),
        higher_is_healthier: !form.text(HEALTHIER).is_empty(),
        strength: Some(strength),
        trim: Some((trim_floor, trim_cap)),
        replicates: Some(replicates),
        seed: Some(seed),
    })
}

/// The field a settings problem is about.
fn setting_field(problem: &analysis::weighting::WeightingParamsError) -> &'static str {
    use analysis::weighting::WeightingParamsError as E;
    match problem {
        E::OutOfRange {
            name: "trim_floor", ..
        }
        | E::TrimBounds { .. } => "weighting-trim-floor",
        E::OutOfRange {
            name: "trim_cap", ..
        } => "weighting-trim-cap",
        E::OutOfRange { name: "alpha", .. } => "weighting-strength",
        E::OutOfRange {
            name: "replicates", ..
        } => "weighting-replicates",
        E::ScoreRange { .. } => "weighting-scale-min",
        _ => "weighting-margins",
    }
}

/// Checks the upload, previews it and keeps it as a draft; says what happened.
async fn keep_draft(form: &StaffForm, parts: Vec<(String, Part)>) -> Result<Response, Refusal> {
    let settings = settings(form)?;
    let mut chosen: [Option<Upload>; 3] = [None, None, None];
    for (name, part) in parts {
        let Some(i) = FILES.iter().position(|(n, _, _)| *n == name) else {
            continue;
        };
        let (_, id, file) = FILES[i];
        if part.too_large {
            return Err(files_again(
                id,
                format!(
                    "The {file} “{}” is larger than {} MB: weighting files are small tables; check that this is the right one.",
                    part.filename,
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            ));
        }
        let name = if part.filename.is_empty() {
            name
        } else {
            part.filename
        };
        chosen[i] = Some(Upload {
            name,
            bytes: part.bytes,
        });
    }
    let [margins, equity, crosswalk] = chosen;
    let Some(margins) = margins else {
        return Err(Refusal::on(
            "weighting-margins",
            "Choose the population margins file (CSV variable,category,share or variable,category,population).",
        ));
    };
    let files = Files {
        margins,
        equity,
        crosswalk,
    };
    let file_names: Vec<String> = [&files.margins]
        .into_iter()
        .chain(files.equity.as_ref())
        .chain(files.crosswalk.as_ref())
        .map(|u| u.name.clone())
        .collect();
    let uploaded = match service::upload(&form.state.db, &files, &settings, &form.viewer.email)
        .await
    {
        Ok(uploaded) => uploaded,
        Err(UploadError::Refused(refused)) => {
            let id = match (&refused, refused.file()) {
                (service::Refused::Settings(problem), _) => setting_field(problem),
                (_, Some(file)) => FILES
                    .iter()
                    .find(|(_, _, f)| *f == file)
                    .map_or("weighting-margins", |(_, id, _)| *id),
                (_, None) => "weighting-margins",
            };
            let problem = refused.to_string();
            form.audit(
                "weighting_upload_refused",
                json!({ "files": file_names, "problem": app::models::staff::at_most(&problem, 500) }),
            )
            .await;
            return Err(files_again(id, format!("Not stored: {problem}.")));
        }
        Err(UploadError::Database(err)) => return Err(Refusal::from(err)),
        Err(UploadError::Json(err)) => {
            tracing::error!(error = %err, "encoding a weighting configuration");
            return Err(Refusal::Unavailable);
        }
    };
    let flash = match uploaded {
        Uploaded::InForce { version } => {
            form.audit(
                "weighting_uploaded",
                json!({ "files": file_names, "outcome": "already in force", "version": version }),
            )
            .await;
            Flash::notice(format!(
                "These files and options make version {version}, which is already in force: nothing changed."
            ))
        }
        Uploaded::Draft {
            id,
            sha256,
            sources,
            same_as,
        } => {
            form.audit(
                "weighting_uploaded",
                json!({ "draft": id, "sha256": sha256, "sources": sources, "same_as": same_as }),
            )
            .await;
            let again = same_as
                .map(|v| format!(" It is the same configuration as version {v}."))
                .unwrap_or_default();
            Flash::notice(format!(
                "Checked and kept as a draft, not in force: see its preview below, then activate or discard it.{again}"
            ))
        }
    };
    Ok(form.redirect(PAGE, flash).await)
}

/// `POST /staff/admin/weighting/drafts/{id}/activate`: store a draft as a version and put it in
/// force.
pub async fn activate_draft(
    Path(id): Path<i32>,
    headers: HeaderMap,
    posted: Posted,
) -> Result<Response, Response> {
    let form = posted.check(ADMINS).await?;
    let l = locale_from_headers(&headers).staff();
    let flash = match store::activate_draft(&form.state.db, id, Some(&form.viewer.email)).await {
        Ok(Some(done)) => {
            form.audit(
                "weighting_activated",
                json!({ "draft": id, "version": done.version, "previous": done.previous }),
            )
            .await;
            Flash::notice(l.tr_args(
                "staff-flash-weighting-in-force",
                &[("version", FluentArg::Num(done.version.into()))],
            ))
        }
        Ok(None) => Flash::error(l.tr("staff-flash-draft-gone")),
        Err(err) => unavailable(err),
    };
    Ok(form.redirect(PAGE, flash).await)
}

/// `POST /staff/admin/weighting/drafts/{id}/discard`.
pub async fn discard_draft(
    Path(id): Path<i32>,
    headers: HeaderMap,
    posted: Posted,
) -> Result<Response, Response> {
    let form = posted.check(ADMINS).await?;
    let l = locale_from_headers(&headers).staff();
    let flash = match store::discard_draft(&form.state.db, id).await {
        Ok(Some(draft)) => {
            form.audit(
                "weighting_draft_discarded",
                json!({ "draft": id, "sha256": draft.config_sha256, "source": draft.source }),
            )
            .await;
            Flash::notice(l.tr("staff-flash-draft-discarded"))
        }
        Ok(None) => Flash::error(l.tr("staff-flash-draft-gone")),
        Err(err) => unavailable(err),
    };
    Ok(form.redirect(PAGE, flash).await)
}

/// `POST /staff/admin/weighting/versions/{version}/activate`: put a stored version (back) in
/// force.
pub async fn activate_version(
    Path(version): Path<i32>,
    headers: HeaderMap,
    posted: Posted,
) -> Result<Response, Response> {
    let form = posted.check(ADMINS).await?;
    let l = locale_from_headers(&headers).staff();
    let number = [("version", FluentArg::Num(version.into()))];
    let flash = match store::activate(&form.state.db, version, Some(&form.viewer.email)).await {
        Ok(Some(done)) => {
            form.audit(
                "weighting_activated",
                json!({ "version": done.version, "previous": done.previous }),
            )
            .await;
            Flash::notice(l.tr_args("staff-flash-weighting-in-force-again", &number))
        }
        Ok(None) => Flash::error(l.tr_args("staff-flash-no-version", &number)),
        Err(err) => unavailable(err),
    };
    Ok(form.redirect(PAGE, flash).await)
}

/// `GET /staff/admin/weighting/versions/{version}/config.json`: the stored configuration.
pub async fn config_json(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(version): Path<i32>,
) -> Response {
    if !viewer.is_some_and(|Extension(v)| v.is(ADMINS)) {
        return (StatusCode::FORBIDDEN, "Administrators only.").into_response();
    }
    match store::version(&state.db, version).await {
        Ok(Some(row)) => Json(row.config).into_response(),
        Ok(None) => (
            StatusCode::NOT_FOUND,
            format!("There is no version {version}."),
        )
            .into_response(),
        Err(err) => {
            tracing::error!(error = %err, "reading a weighting version");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "The service is unavailable, please try again shortly.",
            )
                .into_response()
        }
    }
}

/// What the page says when the database failed (the cause is logged).
fn unavailable(err: sea_orm::DbErr) -> Flash {
    tracing::error!(error = %err, "a weighting form's database call failed");
    Flash::unavailable()
}
