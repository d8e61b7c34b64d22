//! Server functions behind the survey editor (administrators): a survey's editor page, a
//! question's form, a translation page and the whole definition as JSON. Changes are form POSTs.

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::staff::PageContext;
use crate::models::survey_edit::{
    DefinitionPageData, EditorData, QuestionPageData, TranslationPageData,
};

/// Loads survey `slug` for an administrator.
#[cfg(feature = "ssr")]
async fn admin_survey(
    slug: &str,
) -> Result<
    (
        sea_orm::DatabaseConnection,
        crate::store::surveys::LoadedSurvey,
    ),
    AppError,
> {
    use crate::models::staff::ADMINS;
    use crate::store::{auth, db, surveys};

    auth::require(ADMINS)?;
    let db = db()?;
    let survey = surveys::current(&db, slug).await?;
    Ok((db, survey))
}

/// One survey: its texts, questions, translations and versions.
#[server(prefix = "/api", endpoint = "staff/survey-editor")]
pub async fn survey_editor_page(slug: String) -> Result<(PageContext, EditorData), AppError> {
    use crate::models::survey_edit::question_lines;
    use crate::store::{auth, survey_edits, survey_translations};

    let (db, s) = admin_survey(&slug).await?;
    let def = &s.definition;
    let en = |t: &crate::models::survey::Localized| t.get("en").cloned().unwrap_or_default();
    let translations = survey_translations::progress(&db, &s).await?;
    let data = EditorData {
        slug: s.survey.slug.clone(),
        revision: crate::store::survey_edits::revision(&s.definition),
        audience: s.survey.audience.clone(),
        status: s.survey.status.clone(),
        version: s.survey.current_version,
        title: en(&def.title),
        intro: en(&def.intro),
        questions: question_lines(def),
        translations,
        versions: survey_edits::versions(&db, s.survey.id).await?,
    };
    Ok((auth::page_context(), data))
}

/// The form of question `key` of survey `slug`, or of a new question when `key` is `None`.
#[server(prefix = "/api", endpoint = "staff/survey-question")]
pub async fn question_page(
    slug: String,
    key: Option<String>,
) -> Result<(PageContext, QuestionPageData), AppError> {
    use crate::models::survey_edit::{QuestionInput, question_lines};
    use crate::store::auth;

    let (_, s) = admin_survey(&slug).await?;
    let def = &s.definition;
    let (input, notes) = match &key {
        Some(key) => {
            let q = def
                .questions
                .iter()
                .find(|q| &q.key == key)
                .ok_or(AppError::NotFound)?;
            let notes = question_lines(def)
                .into_iter()
                .find(|l| &l.key == key)
                .map(|l| l.notes)
                .unwrap_or_default();
            (QuestionInput::of(q), notes)
        }
        None => (
            QuestionInput {
                kind: "long_text".to_owned(),
                after: def
                    .questions
                    .last()
                    .map(|q| q.key.clone())
                    .unwrap_or_default(),
                ..QuestionInput::default()
            },
            Vec::new(),
        ),
    };
    let data = QuestionPageData {
        slug: s.survey.slug.clone(),
        revision: crate::store::survey_edits::revision(&s.definition),
        title: def.title.get("en").cloned().unwrap_or_default(),
        key,
        input,
        questions: def
            .questions
            .iter()
            .map(|q| {
                (
                    q.key.clone(),
                    q.prompt.get("en").cloned().unwrap_or_default(),
                )
            })
            .collect(),
        notes,
    };
    Ok((auth::page_context(), data))
}

/// Every text of survey `slug` in English beside its translation into `locale`.
#[server(prefix = "/api", endpoint = "staff/survey-translation")]
pub async fn translation_page(
    slug: String,
    locale: String,
) -> Result<(PageContext, TranslationPageData), AppError> {
    use crate::i18n::Locale;
    use crate::models::survey_edit::{outdated, text_slots};
    use crate::store::{auth, survey_translations};

    let (db, s) = admin_survey(&slug).await?;
    let locale = Locale::from_code(&locale)
        .filter(|l| *l != Locale::En && l.code() == locale)
        .ok_or(AppError::NotFound)?;
    let record = survey_translations::record(&db, s.version_id, locale).await?;
    let data = TranslationPageData {
        slug: s.survey.slug.clone(),
        revision: crate::store::survey_edits::revision(&s.definition),
        title: s.definition.title.get("en").cloned().unwrap_or_default(),
        locale: locale.code().to_owned(),
        language: locale.endonym().to_owned(),
        slots: text_slots(&s.definition, locale),
        status: record.as_ref().map(|r| r.status).unwrap_or_default(),
        outdated: outdated(&s.definition, locale, record.as_ref())
            .into_iter()
            .collect(),
    };
    Ok((auth::page_context(), data))
}

/// Survey `slug`'s current definition as JSON, for branching, weighting variables and reasons.
#[server(prefix = "/api", endpoint = "staff/survey-definition")]
pub async fn definition_page(slug: String) -> Result<(PageContext, DefinitionPageData), AppError> {
    use crate::store::auth;

    let (_, s) = admin_survey(&slug).await?;
    let json = serde_json::to_string_pretty(&s.definition).map_err(|_| AppError::Unavailable)?;
    let data = DefinitionPageData {
        slug: s.survey.slug.clone(),
        revision: crate::store::survey_edits::revision(&s.definition),
        title: s.definition.title.get("en").cloned().unwrap_or_default(),
        json,
    };
    Ok((auth::page_context(), data))
}
