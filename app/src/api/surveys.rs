//! Reading surveys for residents. Submitting goes through a plain form POST (see the server crate's
//! `routes::submit`), so that it works the same with JavaScript off.

use leptos::prelude::*;

use crate::i18n::Locale;
use crate::models::{AppError, SurveyForm, SurveySummary};

/// Open resident surveys, in `locale`.
#[server(prefix = "/api", endpoint = "surveys/open")]
pub async fn list_open_surveys(locale: Locale) -> Result<Vec<SurveySummary>, AppError> {
    use crate::models::Audience;
    use crate::store::{db, surveys};

    let surveys = surveys::open_surveys(&db()?, Audience::Resident).await?;
    Ok(surveys
        .iter()
        .map(|s| s.definition.summary(locale))
        .collect())
}

/// A survey's current version in `locale`, with a fresh submission token. Drafts are not found,
/// except by administrators, who get a preview.
/// Opened through an invitation link (`invite`), it says whose answers these are, or why the link
/// no longer works.
#[server(prefix = "/api", endpoint = "surveys/get")]
pub async fn get_survey(
    slug: String,
    locale: Locale,
    invite: Option<String>,
) -> Result<SurveyForm, AppError> {
    use crate::models::SurveyStatus;
    use crate::models::links::InviteView;
    use crate::models::staff::ADMINS;
    use crate::store::{db, links, surveys};

    let db = db()?;
    let loaded = surveys::current(&db, &slug).await?;
    // A draft exists only for administrators, who see it as a preview.
    let preview = SurveyStatus::parse(&loaded.survey.status) == Some(SurveyStatus::Draft);
    if preview && !crate::store::auth::viewer().is_some_and(|v| v.is(ADMINS)) {
        return Err(AppError::NotFound);
    }
    let token = uuid::Uuid::new_v4().to_string();
    let mut form = loaded.definition.localize(
        loaded.version_id,
        locale,
        loaded.is_open() || preview,
        token,
    );
    form.preview = preview;
    if let Some(invite) = invite.filter(|t| !t.trim().is_empty()) {
        match links::check(&db, loaded.survey.id, &invite).await? {
            Ok(link) => {
                form.invite = Some(InviteView {
                    token: invite.trim().to_owned(),
                    organization: link.organization,
                });
            }
            Err(problem) => form.invite_problem = Some(problem),
        }
    }
    Ok(form)
}
