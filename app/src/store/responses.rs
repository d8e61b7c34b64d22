//! Storing a validated response, once: the idempotency token makes a double submit (two clicks, a
//! reload, a retry after a timeout) store a single response.

use std::collections::BTreeMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};
use uuid::Uuid;

use super::entities::{answer, response};
use super::links;
use super::surveys::LoadedSurvey;
use crate::i18n::Locale;
use crate::models::{AnswerValue, AppError, Stream};

#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    /// A new response with this id.
    New(i64),
    /// This token was already used: the response is already stored.
    Duplicate,
    /// The invitation link stopped working (used up, expired or revoked) since the page was
    /// shown; nothing was stored.
    LinkGone,
}

/// Stores a response that came without an invitation link.
pub async fn store(
    db: &DatabaseConnection,
    survey: &LoadedSurvey,
    locale: Locale,
    token: Uuid,
    answers: &BTreeMap<String, AnswerValue>,
) -> Result<Stored, AppError> {
    store_via(db, survey, locale, token, answers, None).await
}

/// Stores a response; through an invitation link (`invite`, its token), it checks the link and
/// takes one of its uses in the same transaction and records its organization, or stores nothing
/// if the link no longer works.
pub async fn store_via(
    db: &DatabaseConnection,
    survey: &LoadedSurvey,
    locale: Locale,
    token: Uuid,
    answers: &BTreeMap<String, AnswerValue>,
    invite: Option<&str>,
) -> Result<Stored, AppError> {
    let txn = db.begin().await?;
    let link = match invite {
        None => None,
        Some(invite) => match links::check(&txn, survey.survey.id, invite).await? {
            Ok(link) => Some(link),
            Err(problem) => {
                tracing::info!(?problem, "submission through a link that no longer works");
                txn.rollback().await?;
                return Ok(Stored::LinkGone);
            }
        },
    };
    let now = time::OffsetDateTime::now_utc();
    let row = response::ActiveModel {
        organization: Set(link.as_ref().map(|l| l.organization.clone())),
        link_id: Set(link.as_ref().map(|l| l.id)),
        survey_id: Set(survey.survey.id),
        survey_version_id: Set(survey.version_id),
        stream: Set(Stream::from(survey.definition.audience).as_str().to_owned()),
        language: Set(locale.code().to_string()),
        submitted_at: Set(now),
        idempotency_key: Set(token),
        ..Default::default()
    };
    let inserted = response::Entity::insert(row)
        .on_conflict(
            OnConflict::column(response::Column::IdempotencyKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    if inserted == 0 {
        txn.rollback().await?;
        return Ok(Stored::Duplicate);
    }
    if let Some(link) = &link
        && !links::claim(&txn, link).await?
    {
        txn.rollback().await?;
        return Ok(Stored::LinkGone);
    }
    let id = response::Entity::find()
        .filter(response::Column::IdempotencyKey.eq(token))
        .one(&txn)
        .await?
        .map(|r| r.id)
        .ok_or(AppError::Unavailable)?;
    let rows: Vec<answer::ActiveModel> = answers
        .iter()
        .map(|(key, value)| {
            Ok(answer::ActiveModel {
                response_id: Set(id),
                question_key: Set(key.clone()),
                value: Set(serde_json::to_value(value).map_err(|_| AppError::Unavailable)?),
                ..Default::default()
            })
        })
        .collect::<Result<_, AppError>>()?;
    if !rows.is_empty() {
        answer::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(Stored::New(id))
}
