//! The survey editor's forms (administrators): make a survey, change its texts, add, change, move
//! and remove questions, translate it, or replace its definition as JSON. Every change is checked
//! against the definition rules, stored as described in `app::store::survey_edits` (a new
//! version once residents can answer it), audited, and answered with a message on the page it
//! came from; a refused change names the field and keeps what was typed.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::response::Response;
use serde_json::json;
use tower_sessions::Session;

use app::i18n::Locale;
use app::models::Audience;
use app::models::staff::{ADMINS, Flash, Viewer};
use app::models::survey::{Localized, SurveyDefinition};
use app::models::survey_edit::{
    self as edit, EditError, QUESTION_FIELDS, QuestionInput, REVISION_FIELD, valid_slug,
};
use app::store::survey_edits::{self, EditFailure, Saved};
use app::store::{AppState, audit, surveys};

use crate::auth::handlers::{Fields, field};
use crate::auth::{flash_redirect, form_viewer};

const SURVEYS: &str = "/staff/admin/surveys";

fn editor(slug: &str) -> String {
    format!("{SURVEYS}/{slug}")
}

fn text<'a>(fields: &'a Fields, name: &str) -> &'a str {
    field(fields, name).unwrap_or_default()
}

/// `f` with the posted values of `names` kept.
fn keep(fields: &Fields, names: &[&str], f: Flash) -> Flash {
    names
        .iter()
        .fold(f, |f, name| f.keep(name, text(fields, name)))
}

/// What happened, for the page.
fn saved_message(saved: Saved) -> String {
    match saved {
        Saved::Unchanged => "Nothing changed.".to_owned(),
        Saved::InPlace(v) => {
            format!("Saved in version {v}: the survey is not open and nobody has answered it yet.")
        }
        Saved::NewVersion(v) => format!(
            "Saved as version {v}. New responses use it; responses already given stay with the version they answered."
        ),
    }
}

/// A change to survey `slug`: applies `change`, audits it as `what`, and redirects to `to` with
/// the outcome; on a problem, back to `back` with the field named and `kept` values kept.
struct Change<'a> {
    slug: &'a str,
    what: &'a str,
    to: String,
    back: String,
    kept: &'a [&'a str],
}

/// What every editing form posts with: the state, the viewer, the session and the fields.
struct Posted {
    state: AppState,
    viewer: Option<Extension<Viewer>>,
    session: Session,
    fields: Fields,
}

impl Posted {
    fn new(
        state: AppState,
        viewer: Option<Extension<Viewer>>,
        session: Session,
        fields: Fields,
    ) -> Posted {
        Posted {
            state,
            viewer,
            session,
            fields,
        }
    }
}

/// Checks the form (token, administrator), then applies and stores the change (see [`Change`]).
async fn change(
    posted: Posted,
    c: Change<'_>,
    apply: impl FnOnce(&mut SurveyDefinition) -> Result<(), EditError>,
) -> Response {
    let Posted {
        state,
        viewer,
        session,
        fields,
    } = posted;
    let staff = match form_viewer(&session, &fields, viewer, ADMINS).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let (session, fields, staff) = (&session, &fields, &staff);
    let based_on = field(fields, REVISION_FIELD);
    match survey_edits::save(&state.db, c.slug, based_on, apply).await {
        Ok(saved) => {
            let stored = match saved {
                Saved::NewVersion(v) => Some((v, true)),
                Saved::InPlace(v) => Some((v, false)),
                Saved::Unchanged => None,
            };
            if let Some((version, new_version)) = stored {
                audit::note(
                    &state.db,
                    Some(staff),
                    "survey_edited",
                    json!({ "survey": c.slug, "change": c.what, "version": version, "new_version": new_version }),
                )
                .await;
            }
            flash_redirect(session, &c.to, Flash::notice(saved_message(saved))).await
        }
        Err(EditFailure::Invalid(e)) => {
            let flash = keep(fields, c.kept, Flash::error(e.message).on(&e.field));
            flash_redirect(session, &c.back, flash).await
        }
        Err(EditFailure::NotFound) => {
            let flash = Flash::error(format!(
                "There is no survey or question “{}” to change.",
                c.slug
            ));
            flash_redirect(session, SURVEYS, flash).await
        }
        Err(EditFailure::Unavailable) => {
            let flash = keep(fields, c.kept, Flash::unavailable());
            flash_redirect(session, &c.back, flash).await
        }
    }
}

/// `POST /staff/admin/surveys`: a new draft survey, empty or with another survey's questions.
pub async fn create(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    const KEPT: [&str; 5] = ["slug", "audience", "title", "intro", "copy"];
    let staff = match form_viewer(&session, &fields, viewer, ADMINS).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let refuse = |e: EditError| keep(&fields, &KEPT, Flash::error(e.message).on(&e.field));
    let slug = text(&fields, "slug").trim().to_owned();
    if !valid_slug(&slug) {
        let e = EditError::new(
            "survey-slug",
            "The address must be 3 to 80 characters of a-z, 0-9 and hyphens, starting with a letter, like “parks-2027”.",
        );
        return flash_redirect(&session, SURVEYS, refuse(e)).await;
    }
    let Some(audience) = Audience::parse(text(&fields, "audience")) else {
        let e = EditError::new("survey-audience", "Choose who the survey is for.");
        return flash_redirect(&session, SURVEYS, refuse(e)).await;
    };
    let questions = match text(&fields, "copy") {
        "" => Vec::new(),
        from => match surveys::current(&state.db, from).await {
            Ok(s) => s.definition.questions,
            Err(_) => {
                let e = EditError::new(
                    "survey-copy",
                    format!("There is no survey “{from}” to copy questions from."),
                );
                return flash_redirect(&session, SURVEYS, refuse(e)).await;
            }
        },
    };
    let mut def = SurveyDefinition {
        slug: slug.clone(),
        audience,
        title: Localized::new(),
        intro: Localized::new(),
        questions,
    };
    if let Err(e) = edit::set_texts(&mut def, text(&fields, "title"), text(&fields, "intro")) {
        let e = EditError::new(&e.field.replace("survey-", "new-"), e.message);
        return flash_redirect(&session, SURVEYS, refuse(e)).await;
    }
    match survey_edits::create(&state.db, &def).await {
        Ok(id) => {
            audit::note(
                &state.db,
                Some(&staff),
                "survey_created",
                json!({ "survey": slug, "id": id, "audience": audience.as_str(), "copied_from": text(&fields, "copy") }),
            )
            .await;
            let message = "Survey made, as a draft: residents cannot see it until you open it.";
            flash_redirect(&session, &editor(&slug), Flash::notice(message)).await
        }
        Err(EditFailure::Invalid(e)) => flash_redirect(&session, SURVEYS, refuse(e)).await,
        Err(_) => {
            let flash = keep(&fields, &KEPT, Flash::unavailable());
            flash_redirect(&session, SURVEYS, flash).await
        }
    }
}

/// `POST /staff/admin/surveys/{slug}/texts`: the English title and introduction.
pub async fn texts(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(slug): Path<String>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let c = Change {
        slug: &slug,
        what: "texts",
        to: editor(&slug),
        back: editor(&slug),
        kept: &["title", "intro"],
    };
    let (title, intro) = (
        text(&fields, "title").to_owned(),
        text(&fields, "intro").to_owned(),
    );
    change(Posted::new(state, viewer, session, fields), c, |def| {
        edit::set_texts(def, &title, &intro)
    })
    .await
}

fn question_input(fields: &Fields) -> QuestionInput {
    let t = |name: &str| text(fields, name).to_owned();
    QuestionInput {
        key: t("key"),
        kind: t("kind"),
        prompt: t("prompt"),
        help: t("help"),
        required: field(fields, "required").is_some(),
        options: t("options"),
        max_chars: t("max_chars"),
        min: t("min"),
        max: t("max"),
        low: t("low"),
        high: t("high"),
        after: t("after"),
    }
}

/// The question form's fields to keep, with the checkbox.
fn question_kept(fields: &Fields) -> Vec<&'static str> {
    let mut kept = QUESTION_FIELDS.to_vec();
    if field(fields, "required").is_some() {
        kept.push("required");
    }
    kept
}

/// `POST /staff/admin/surveys/{slug}/questions`: a new question.
pub async fn add_question(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(slug): Path<String>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let input = question_input(&fields);
    let kept = question_kept(&fields);
    let c = Change {
        slug: &slug,
        what: "question added",
        to: format!("{}#q-{}", editor(&slug), input.key.trim()),
        back: format!("{}/add-question", editor(&slug)),
        kept: &kept,
    };
    change(Posted::new(state, viewer, session, fields), c, |def| {
        edit::add_question(def, &input)
    })
    .await
}

/// `POST /staff/admin/surveys/{slug}/questions/{key}`: a question changed.
pub async fn edit_question(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path((slug, key)): Path<(String, String)>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let input = question_input(&fields);
    let kept = question_kept(&fields);
    let c = Change {
        slug: &slug,
        what: "question changed",
        to: format!("{}#q-{key}", editor(&slug)),
        back: format!("{}/questions/{key}", editor(&slug)),
        kept: &kept,
    };
    change(Posted::new(state, viewer, session, fields), c, |def| {
        edit::edit_question(def, &key, &input)
    })
    .await
}

/// `POST /staff/admin/surveys/{slug}/questions/{key}/move`: one place up or down.
pub async fn move_question(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path((slug, key)): Path<(String, String)>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let up = text(&fields, "direction") == "up";
    let c = Change {
        slug: &slug,
        what: if up {
            "question moved up"
        } else {
            "question moved down"
        },
        to: format!("{}#q-{key}", editor(&slug)),
        back: editor(&slug),
        kept: &[],
    };
    change(Posted::new(state, viewer, session, fields), c, |def| {
        edit::move_question(def, &key, up)
    })
    .await
}

/// `POST /staff/admin/surveys/{slug}/questions/{key}/remove`.
pub async fn remove_question(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path((slug, key)): Path<(String, String)>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let c = Change {
        slug: &slug,
        what: "question removed",
        to: format!("{}#questions", editor(&slug)),
        back: editor(&slug),
        kept: &[],
    };
    change(Posted::new(state, viewer, session, fields), c, |def| {
        edit::remove_question(def, &key)
    })
    .await
}

/// `POST /staff/admin/surveys/{slug}/translations/{locale}`: every text in one language.
pub async fn translate(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path((slug, code)): Path<(String, String)>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let locale = Locale::from_code(&code).filter(|l| *l != Locale::En);
    let posted: BTreeMap<String, String> = fields
        .iter()
        .filter(|(k, _)| k != app::models::staff::CSRF_FIELD)
        .cloned()
        .collect();
    let names: Vec<&str> = posted.keys().map(String::as_str).collect();
    let page = format!("{}/translations/{code}", editor(&slug));
    let c = Change {
        slug: &slug,
        what: "translated",
        to: page.clone(),
        back: page,
        kept: &names,
    };
    change(Posted::new(state, viewer, session, fields), c, |def| {
        let locale = locale.ok_or_else(|| {
            EditError::new(
                "translations",
                format!("Surveys cannot be translated into “{code}” yet."),
            )
        })?;
        edit::translate(def, locale, &posted)
    })
    .await
}

/// `POST /staff/admin/surveys/{slug}/definition`: the whole definition as JSON.
pub async fn replace_definition(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(slug): Path<String>,
    session: Session,
    Form(fields): Form<Fields>,
) -> Response {
    let json = text(&fields, "definition").to_owned();
    let c = Change {
        slug: &slug,
        what: "definition replaced",
        to: editor(&slug),
        back: format!("{}/definition", editor(&slug)),
        kept: &["definition"],
    };
    change(Posted::new(state, viewer, session, fields), c, |def| {
        *def = edit::parse_definition(&json, def)?;
        Ok(())
    })
    .await
}
