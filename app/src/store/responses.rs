//! Storing a validated response, once: the idempotency token makes a double submit (two clicks, a
//! reload, a retry after a timeout) store a single response.

use std::collections::BTreeMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    TransactionTrait,
};
use uuid::Uuid;

use super::entities::{answer, response};
use super::links;
use super::surveys::LoadedSurvey;
use crate::i18n::Locale;
use crate::models::collection::CollectionMode;
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
    insert(db, survey, locale, token, answers, invite, None).await
}

/// Who entered a response on a respondent's behalf, how it was collected, and the respondent
/// code of its paper form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub mode: CollectionMode,
    /// The staff account entering it.
    pub entered_by: i32,
    /// The paper form's respondent code (as [`crate::models::collection::parse_paper_code`]
    /// normalises it).
    pub paper_code: Option<String>,
}

/// What storing an entered response did.
#[derive(Debug, PartialEq, Eq)]
pub enum Entered {
    /// A new response with this id.
    New(i64),
    /// A response to this survey already carries this paper code (its id): nothing was stored.
    PaperCodeTaken(i64),
}

/// The response to survey `survey_id` entered with paper code `code`, if any.
pub async fn with_paper_code(
    db: &impl sea_orm::ConnectionTrait,
    survey_id: i32,
    code: &str,
) -> Result<Option<i64>, DbErr> {
    Ok(response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey_id))
        .filter(response::Column::PaperCode.eq(code))
        .one(db)
        .await?
        .map(|r| r.id))
}

/// Stores a response entered by staff or a partner (already validated as a web submission is),
/// with how it was collected and by whom; refuses a paper code already entered for this survey.
pub async fn store_entered(
    db: &DatabaseConnection,
    survey: &LoadedSurvey,
    locale: Locale,
    answers: &BTreeMap<String, AnswerValue>,
    entry: &Entry,
) -> Result<Entered, AppError> {
    if let Some(code) = &entry.paper_code
        && let Some(id) = with_paper_code(db, survey.survey.id, code).await?
    {
        return Ok(Entered::PaperCodeTaken(id));
    }
    let outcome = insert(
        db,
        survey,
        locale,
        Uuid::new_v4(),
        answers,
        None,
        Some(entry),
    )
    .await;
    match outcome {
        Ok(Stored::New(id)) => Ok(Entered::New(id)),
        Ok(_) => Err(AppError::Unavailable),
        // Two entries of one code at the same moment: the unique index stops the second.
        Err(err) => match &entry.paper_code {
            Some(code) => match with_paper_code(db, survey.survey.id, code).await? {
                Some(id) => Ok(Entered::PaperCodeTaken(id)),
                None => Err(err),
            },
            None => Err(err),
        },
    }
}

async fn insert(
    db: &DatabaseConnection,
    survey: &LoadedSurvey,
    locale: Locale,
    token: Uuid,
    answers: &BTreeMap<String, AnswerValue>,
    invite: Option<&str>,
    entry: Option<&Entry>,
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
        collection_mode: Set(entry
            .map_or(CollectionMode::Web, |e| e.mode)
            .as_str()
            .to_owned()),
        entered_by: Set(entry.map(|e| e.entered_by)),
        paper_code: Set(entry.and_then(|e| e.paper_code.clone())),
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

/// A response entered on someone's behalf, as the entry page lists it (no answers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnteredRow {
    pub id: i64,
    pub mode: CollectionMode,
    pub paper_code: Option<String>,
    pub language: String,
    /// The display name of whoever entered it.
    pub entered_by: String,
    pub submitted_at: time::OffsetDateTime,
}

/// The latest `limit` responses to survey `survey_id` entered by staff or partners (only those
/// entered by `by`, when given), newest first.
pub async fn entered(
    db: &DatabaseConnection,
    survey_id: i32,
    by: Option<i32>,
    limit: u64,
) -> Result<Vec<EnteredRow>, DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};

    use super::entities::staff_user;

    let mut query = response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey_id))
        .filter(response::Column::EnteredBy.is_not_null());
    if let Some(by) = by {
        query = query.filter(response::Column::EnteredBy.eq(by));
    }
    let rows = query
        .order_by_desc(response::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let mut ids: Vec<i32> = rows.iter().filter_map(|r| r.entered_by).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: std::collections::HashMap<i32, String> = staff_user::Entity::find()
        .filter(staff_user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| EnteredRow {
            id: r.id,
            mode: CollectionMode::parse(&r.collection_mode).unwrap_or(CollectionMode::Web),
            paper_code: r.paper_code,
            language: r.language,
            entered_by: r
                .entered_by
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            submitted_at: r.submitted_at,
        })
        .collect())
}
