//! The survey editor's forms (administrators): make a survey, change its texts, add, change, move
//! and remove questions, translate it, or replace its definition as JSON. Every change is checked
//! against the definition rules, stored as described in `app::store::survey_edits` (a new
//! version once residents can answer it), audited, and answered with a message on the page it
//! came from; a refused change names the field and keeps what was typed.

use std::collections::BTreeMap;

use axum::extract::Path;
use axum::response::Response;
use serde_json::json;

use app::i18n::Locale;
use app::models::Audience;
use app::models::slug::{SLUG_RULE, valid_slug};
use app::models::staff::{ADMINS, Flash};
use app::models::survey::{Localized, SurveyDefinition};
use app::models::survey_edit::{
    self as edit, EditError, QUESTION_FIELDS, QuestionInput, REVISION_FIELD, STATUS_FIELD,
    TranslationStatus,
};
use app::store::survey_edits::{self, EditFailure, Saved};
use app::store::surveys;

use crate::auth::handlers::{Fields, field};
use crate::routes::forms::{Posted, Refusal, StaffForm};
use crate::routes::translation_files;

const SURVEYS: &str = "/staff/admin/surveys";

fn editor(slug: &str) -> String {
    format!("{SURVEYS}/{slug}")
}

fn text<'a>(fields: &'a Fields, name: &str) -> &'a str {
    field(fields, name).unwrap_or_default()
}

/// What happened, for the page.
pub(crate) fn saved_message(saved: Saved) -> String {
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

/// Checks the form (token, administrator), then applies and stores the change (see [`Change`]).
async fn change(
    posted: Posted,
    c: Change<'_>,
    apply: impl FnOnce(&mut SurveyDefinition) -> Result<(), EditError>,
) -> Result<Response, Response> {
    let slug = c.slug;
    change_with(posted, c, async move |db, based_on| {
        survey_edits::save(db, slug, based_on, apply).await
    })
    .await
}

/// [`change`] with the storing done by `store` (given the database and the revision the form's
/// page showed).
async fn change_with(
    posted: Posted,
    c: Change<'_>,
    store: impl AsyncFnOnce(&sea_orm::DatabaseConnection, Option<&str>) -> Result<Saved, EditFailure>,
) -> Result<Response, Response> {
    let form = posted.check(ADMINS).await?;
    let based_on = field(&form.fields, REVISION_FIELD);
    let saved = match store(&form.state.db, based_on).await {
        Ok(saved) => saved,
        Err(EditFailure::NotFound) => {
            let message = format!("There is no survey or question “{}” to change.", c.slug);
            return Ok(form.redirect(SURVEYS, Flash::error(message)).await);
        }
        Err(failure) => return Ok(form.send_back(&c.back, c.kept, failure.into()).await),
    };
    let stored = match saved {
        Saved::NewVersion(v) => Some((v, true)),
        Saved::InPlace(v) => Some((v, false)),
        Saved::Unchanged => None,
    };
    if let Some((version, new_version)) = stored {
        form.audit(
            "survey_edited",
            json!({ "survey": c.slug, "change": c.what, "version": version, "new_version": new_version }),
        )
        .await;
    }
    Ok(form
        .redirect(&c.to, Flash::notice(saved_message(saved)))
        .await)
}

/// A refused edit names its field; a failed one is unavailable.
impl From<EditError> for Refusal {
    fn from(e: EditError) -> Refusal {
        Refusal::Field(e.field, e.message)
    }
}

impl From<EditFailure> for Refusal {
    fn from(failure: EditFailure) -> Refusal {
        match failure {
            EditFailure::Invalid(e) => e.into(),
            EditFailure::NotFound | EditFailure::Unavailable => Refusal::Unavailable,
        }
    }
}

/// `POST /staff/admin/surveys`: a new draft survey, empty or with another survey's questions.
pub async fn create(posted: Posted) -> Result<Response, Response> {
    const KEPT: [&str; 5] = ["slug", "audience", "title", "intro", "copy"];
    let form = posted.check(ADMINS).await?;
    let outcome = create_checked(&form).await;
    Ok(form.answer(SURVEYS, &KEPT, outcome).await)
}

async fn create_checked(form: &StaffForm) -> Result<Response, Refusal> {
    let slug = form.text("slug").trim().to_owned();
    if !valid_slug(&slug) {
        return Err(Refusal::on(
            "survey-slug",
            format!("The address must be {SLUG_RULE}."),
        ));
    }
    let audience = Audience::parse(form.text("audience"))
        .ok_or_else(|| Refusal::on("survey-audience", "Choose who the survey is for."))?;
    let questions = match form.text("copy") {
        "" => Vec::new(),
        from => {
            surveys::current(&form.state.db, from)
                .await
                .map_err(|_| {
                    let message = format!("There is no survey “{from}” to copy questions from.");
                    Refusal::on("survey-copy", message)
                })?
                .definition
                .questions
        }
    };
    let mut def = SurveyDefinition {
        slug: slug.clone(),
        audience,
        title: Localized::new(),
        intro: Localized::new(),
        questions,
    };
    edit::set_texts(&mut def, form.text("title"), form.text("intro"))
        .map_err(|e| Refusal::on(&e.field.replace("survey-", "new-"), e.message))?;
    let id = survey_edits::create(&form.state.db, &def).await?;
    form.audit(
        "survey_created",
        json!({ "survey": slug, "id": id, "audience": audience.as_str(), "copied_from": form.text("copy") }),
    )
    .await;
    let message = "Survey made, as a draft: residents cannot see it until you open it.";
    Ok(form.redirect(&editor(&slug), Flash::notice(message)).await)
}

/// `POST /staff/admin/surveys/{slug}/texts`: the English title and introduction.
pub async fn texts(Path(slug): Path<String>, posted: Posted) -> Result<Response, Response> {
    let c = Change {
        slug: &slug,
        what: "texts",
        to: editor(&slug),
        back: editor(&slug),
        kept: &["title", "intro"],
    };
    let (title, intro) = (
        text(&posted.fields, "title").to_owned(),
        text(&posted.fields, "intro").to_owned(),
    );
    change(posted, c, |def| edit::set_texts(def, &title, &intro)).await
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
pub async fn add_question(Path(slug): Path<String>, posted: Posted) -> Result<Response, Response> {
    let input = question_input(&posted.fields);
    let kept = question_kept(&posted.fields);
    let c = Change {
        slug: &slug,
        what: "question added",
        to: format!("{}#q-{}", editor(&slug), input.key.trim()),
        back: format!("{}/add-question", editor(&slug)),
        kept: &kept,
    };
    change(posted, c, |def| edit::add_question(def, &input)).await
}

/// `POST /staff/admin/surveys/{slug}/questions/{key}`: a question changed.
pub async fn edit_question(
    Path((slug, key)): Path<(String, String)>,
    posted: Posted,
) -> Result<Response, Response> {
    let input = question_input(&posted.fields);
    let kept = question_kept(&posted.fields);
    let c = Change {
        slug: &slug,
        what: "question changed",
        to: format!("{}#q-{key}", editor(&slug)),
        back: format!("{}/questions/{key}", editor(&slug)),
        kept: &kept,
    };
    change(posted, c, |def| edit::edit_question(def, &key, &input)).await
}

/// `POST /staff/admin/surveys/{slug}/questions/{key}/move`: one place up or down.
pub async fn move_question(
    Path((slug, key)): Path<(String, String)>,
    posted: Posted,
) -> Result<Response, Response> {
    let up = text(&posted.fields, "direction") == "up";
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
    change(posted, c, |def| edit::move_question(def, &key, up)).await
}

/// `POST /staff/admin/surveys/{slug}/questions/{key}/remove`.
pub async fn remove_question(
    Path((slug, key)): Path<(String, String)>,
    posted: Posted,
) -> Result<Response, Response> {
    let c = Change {
        slug: &slug,
        what: "question removed",
        to: format!("{}#questions", editor(&slug)),
        back: editor(&slug),
        kept: &[],
    };
    change(posted, c, |def| edit::remove_question(def, &key)).await
}

/// `POST /staff/admin/surveys/{slug}/translations/{locale}`: every text in one language.
pub async fn translate(
    Path((slug, code)): Path<(String, String)>,
    posted: Posted,
) -> Result<Response, Response> {
    let locale = Locale::from_code(&code).filter(|l| *l != Locale::En && l.code() == code);
    let status = TranslationStatus::parse(text(&posted.fields, STATUS_FIELD)).unwrap_or_default();
    let texts: BTreeMap<String, String> = posted
        .fields
        .iter()
        .filter(|(k, _)| k != app::models::staff::CSRF_FIELD && k != STATUS_FIELD)
        .cloned()
        .collect();
    let names: Vec<&str> = texts.keys().map(String::as_str).collect();
    let page = format!("{}/translations/{code}", editor(&slug));
    let c = Change {
        slug: &slug,
        what: "translated",
        to: page.clone(),
        back: page,
        kept: &names,
    };
    let Some(locale) = locale else {
        return change(posted, c, |_| {
            Err(EditError::new(
                "translations",
                format!("Surveys cannot be translated into “{code}” yet."),
            ))
        })
        .await;
    };
    // Saved like any edit, and also when only the status changed or outdated texts were
    // confirmed (see `crate::routes::translation_files::saved_message`).
    let form = posted.check(ADMINS).await?;
    let based_on = field(&form.fields, REVISION_FIELD);
    let outcome =
        survey_edits::save_translation(&form.state.db, &slug, based_on, locale, &texts, status)
            .await;
    let saved = match outcome {
        Ok(saved) => saved,
        Err(EditFailure::NotFound) => {
            let message = format!("There is no survey or question “{slug}” to change.");
            return Ok(form.redirect(SURVEYS, Flash::error(message)).await);
        }
        Err(failure) => return Ok(form.send_back(&c.back, c.kept, failure.into()).await),
    };
    if !saved.is_unchanged() {
        let mut detail = translation_files::saved_detail(&saved, status);
        if let Some(map) = detail.as_object_mut() {
            map.insert("survey".into(), json!(slug));
            map.insert("change".into(), json!(c.what));
            map.insert("locale".into(), json!(locale.code()));
        }
        form.audit("survey_edited", detail).await;
    }
    let message = translation_files::saved_message(&saved, status);
    Ok(form.redirect(&c.to, Flash::notice(message)).await)
}

/// `POST /staff/admin/surveys/{slug}/definition`: the whole definition as JSON.
pub async fn replace_definition(
    Path(slug): Path<String>,
    posted: Posted,
) -> Result<Response, Response> {
    let json = text(&posted.fields, "definition").to_owned();
    let c = Change {
        slug: &slug,
        what: "definition replaced",
        to: editor(&slug),
        back: format!("{}/definition", editor(&slug)),
        kept: &["definition"],
    };
    change(posted, c, |def| {
        *def = edit::parse_definition(&json, def)?;
        Ok(())
    })
    .await
}
