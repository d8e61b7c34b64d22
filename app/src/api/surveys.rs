//! Reading surveys for residents. Submitting goes through a plain form POST (see the server crate's
//! `routes::submit`), so that it works the same with JavaScript off.

use leptos::prelude::*;

use crate::i18n::Locale;
use crate::models::{AppError, SurveyForm, SurveySummary};

/// Open resident surveys, in `locale`.
#[server(prefix = "/api", endpoint = "surveys/open")]
pub async fn list_open_surveys(locale: Locale) -> Result<Vec<SurveySummary>, AppError> {
    use crate::models::Audience;
    use crate::server::{db, surveys};

    let surveys = surveys::open_surveys(&db()?, Audience::Resident).await?;
    Ok(surveys
        .iter()
        .map(|s| s.definition.summary(locale))
        .collect())
}

/// A survey's current version in `locale`, with a fresh submission token. Drafts are not found.
#[server(prefix = "/api", endpoint = "surveys/get")]
pub async fn get_survey(slug: String, locale: Locale) -> Result<SurveyForm, AppError> {
    use crate::models::SurveyStatus;
    use crate::server::{db, surveys};

    let loaded = surveys::current(&db()?, &slug).await?;
    if SurveyStatus::parse(&loaded.survey.status) == Some(SurveyStatus::Draft) {
        return Err(AppError::NotFound);
    }
    let token = uuid::Uuid::new_v4().to_string();
    Ok(loaded
        .definition
        .localize(loaded.version_id, locale, loaded.is_open(), token))
}
