//! Storing a validated response, once: the idempotency token makes a double submit (two clicks, a
//! reload, a retry after a timeout) store a single response.

use std::collections::{BTreeMap, HashMap};

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, QueryTrait, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use uuid::Uuid;

use super::entities::{answer, response, survey, survey_link};
use super::links;
use super::surveys::LoadedSurvey;
use crate::i18n::Locale;
use crate::models::collection::CollectionMode;
use crate::models::{AnswerValue, AppError, Stream, SurveyStatus};

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
    let row = NewRow {
        survey_id: survey.survey.id,
        version_id: survey.version_id,
        stream: Stream::from(survey.definition.audience),
        locale,
        token,
    };
    let Some(id) = insert_row(&txn, &row, link.as_ref(), entry, answers).await? else {
        txn.rollback().await?;
        return Ok(Stored::Duplicate);
    };
    if let Some(link) = &link
        && !links::claim(&txn, link).await?
    {
        txn.rollback().await?;
        return Ok(Stored::LinkGone);
    }
    txn.commit().await?;
    Ok(Stored::New(id))
}

/// What a response row says apart from who entered it and the link it came through.
struct NewRow {
    survey_id: i32,
    version_id: i32,
    stream: Stream,
    locale: Locale,
    token: Uuid,
}

/// Inserts a response and its answers (two statements), or nothing when its token is already
/// stored (`None`).
async fn insert_row(
    db: &impl ConnectionTrait,
    row: &NewRow,
    link: Option<&survey_link::Model>,
    entry: Option<&Entry>,
    answers: &BTreeMap<String, AnswerValue>,
) -> Result<Option<i64>, DbErr> {
    let response = response::ActiveModel {
        organization: Set(link.map(|l| l.organization.clone())),
        link_id: Set(link.map(|l| l.id)),
        survey_id: Set(row.survey_id),
        survey_version_id: Set(row.version_id),
        stream: Set(row.stream.as_str().to_owned()),
        language: Set(row.locale.code().to_string()),
        submitted_at: Set(time::OffsetDateTime::now_utc()),
        idempotency_key: Set(row.token),
        collection_mode: Set(entry
            .map_or(CollectionMode::Web, |e| e.mode)
            .as_str()
            .to_owned()),
        entered_by: Set(entry.map(|e| e.entered_by)),
        paper_code: Set(entry.and_then(|e| e.paper_code.clone())),
        ..Default::default()
    };
    // The id comes back from the insert itself; a token already stored inserts nothing and
    // returns no row.
    let mut insert = response::Entity::insert(response)
        .on_conflict(
            OnConflict::column(response::Column::IdempotencyKey)
                .do_nothing()
                .to_owned(),
        )
        .into_query();
    insert.returning_col(response::Column::Id);
    let Some(inserted) = db.query_one(&insert).await? else {
        return Ok(None);
    };
    let id: i64 = inserted.try_get_by_index(0)?;
    let rows = answers
        .iter()
        .map(|(key, value)| {
            Ok(answer::ActiveModel {
                response_id: Set(id),
                question_key: Set(key.clone()),
                value: Set(serde_json::to_value(value)
                    .map_err(|e| DbErr::Custom(format!("an answer does not serialize: {e}")))?),
                ..Default::default()
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    if !rows.is_empty() {
        answer::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(Some(id))
}

/// A resident's answers, checked against the survey version their page showed, on their way to
/// the database through the server's submission writer, which stores many in one transaction
/// ([`store_group`]).
#[derive(Clone, Debug)]
pub struct Submission {
    pub survey_id: i32,
    pub version_id: i32,
    /// The survey's `updated_at` as read with the definition the answers were checked against.
    /// Every change to a survey or its versions moves it (`survey_edits`, `surveys::set_status`),
    /// so answers checked against an older survey are not stored but checked again.
    pub checked_against: time::OffsetDateTime,
    pub stream: Stream,
    pub locale: Locale,
    pub token: Uuid,
    pub answers: BTreeMap<String, AnswerValue>,
    /// The invitation link's token, when the page was opened through one.
    pub invite: Option<String>,
}

impl Submission {
    pub fn new(
        survey: &LoadedSurvey,
        locale: Locale,
        token: Uuid,
        answers: BTreeMap<String, AnswerValue>,
        invite: Option<String>,
    ) -> Submission {
        Submission {
            survey_id: survey.survey.id,
            version_id: survey.version_id,
            checked_against: survey.survey.updated_at,
            stream: Stream::from(survey.definition.audience),
            locale,
            token,
            answers,
            invite,
        }
    }
}

/// What became of one submission of a group.
#[derive(Debug, PartialEq, Eq)]
pub enum Grouped {
    /// Checked against the survey as it is: stored, a duplicate, or through a gone link.
    Done(Stored),
    /// The survey is not open (any more): nothing stored.
    Closed,
    /// The survey changed after the answers were checked: nothing stored; check them against the
    /// survey as it is now and send them again.
    Changed,
}

/// Stores `batch` in one transaction (on SQLite, one write lock and one sync to disk for them
/// all), each as [`store_via`] would, and says what became of each, in order. Each survey's
/// status and last change are read inside the transaction, once per group, so a survey closed or
/// edited since its answers were checked takes nothing. When the group fails (a constraint, a
/// lost connection), each submission is tried again in a transaction of its own, so one bad
/// submission fails alone. Nothing is stored for an `Err`.
pub async fn store_group(
    db: &DatabaseConnection,
    batch: &[Submission],
) -> Vec<Result<Grouped, AppError>> {
    match store_together(db, batch).await {
        Ok(outcomes) => outcomes.into_iter().map(Ok).collect(),
        Err(err) if batch.len() <= 1 => vec![Err(err.into())],
        Err(err) => {
            tracing::warn!(error = %err, submissions = batch.len(), "a group of submissions failed; storing each alone");
            let mut out = Vec::with_capacity(batch.len());
            for submission in batch {
                out.push(
                    store_together(db, std::slice::from_ref(submission))
                        .await
                        .map_err(AppError::from)
                        .and_then(|mut o| o.pop().ok_or(AppError::Unavailable)),
                );
            }
            out
        }
    }
}

async fn store_together(
    db: &DatabaseConnection,
    batch: &[Submission],
) -> Result<Vec<Grouped>, DbErr> {
    // SQLite: take the write lock at BEGIN. A deferred transaction that reads first could not
    // upgrade to writing after another connection's commit (SQLITE_BUSY_SNAPSHOT, not retried).
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    let mut ids: Vec<i32> = batch.iter().map(|s| s.survey_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let surveys: HashMap<i32, survey::Model> = survey::Entity::find()
        .filter(survey::Column::Id.is_in(ids))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    // Inserted in token order: two processes storing groups that share a token (a resident's
    // double submit reaching both) then take the unique key's locks in the same order, so one
    // waits for the other instead of both deadlocking.
    let mut order: Vec<usize> = (0..batch.len()).collect();
    order.sort_unstable_by_key(|&i| batch[i].token);
    let mut out = Vec::with_capacity(batch.len());
    for i in order {
        let submission = &batch[i];
        let outcome = match surveys.get(&submission.survey_id) {
            Some(s) if SurveyStatus::parse(&s.status) == Some(SurveyStatus::Open) => {
                if s.updated_at == submission.checked_against {
                    Grouped::Done(insert_checked(&txn, submission).await?)
                } else {
                    Grouped::Changed
                }
            }
            _ => Grouped::Closed,
        };
        out.push((i, outcome));
    }
    txn.commit().await?;
    out.sort_unstable_by_key(|(i, _)| *i);
    Ok(out.into_iter().map(|(_, outcome)| outcome).collect())
}

/// One submission of a group, inside the group's transaction.
async fn insert_checked(txn: &DatabaseTransaction, s: &Submission) -> Result<Stored, DbErr> {
    let row = NewRow {
        survey_id: s.survey_id,
        version_id: s.version_id,
        stream: s.stream,
        locale: s.locale,
        token: s.token,
    };
    let Some(invite) = &s.invite else {
        return Ok(insert_row(txn, &row, None, None, &s.answers)
            .await?
            .map_or(Stored::Duplicate, Stored::New));
    };
    // Through a link: a savepoint, so a use that cannot be taken undoes this response alone.
    let nested = txn.begin().await?;
    let link = match links::check(&nested, s.survey_id, invite).await? {
        Ok(link) => link,
        Err(problem) => {
            tracing::info!(?problem, "submission through a link that no longer works");
            nested.rollback().await?;
            return Ok(Stored::LinkGone);
        }
    };
    let Some(id) = insert_row(&nested, &row, Some(&link), None, &s.answers).await? else {
        nested.rollback().await?;
        return Ok(Stored::Duplicate);
    };
    if !links::claim(&nested, &link).await? {
        nested.rollback().await?;
        return Ok(Stored::LinkGone);
    }
    nested.commit().await?;
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
