//! What analysis runs read (responses with their free text and weighting variables) and the
//! append-only log they write.

use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, Iterable, QueryFilter, QueryOrder, QuerySelect, Statement, TransactionTrait,
    prelude::*,
};

use super::entities::analysis_run;
use super::run_sources::{self, StoredResponse};
use crate::models::AnswerValue;
use crate::models::collection::CollectionMode;
use crate::models::stream::Stream;
use crate::models::survey::{KindDef, NON_ANSWERS, SurveyDefinition};

/// One response as an analysis run sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseForAnalysis {
    /// Response id (increasing with submission).
    pub id: i64,
    /// The stream of the survey's audience.
    pub stream: Stream,
    /// Language the respondent used.
    pub language: String,
    /// How the response was collected: a respondent variable in breakdowns, and in raking only
    /// when the margins name it (the server's `runs::input`), so runs weighted without it keep
    /// their hashes.
    pub collection_mode: CollectionMode,
    /// When it was submitted.
    pub submitted_at: time::OffsetDateTime,
    /// Free-text answers `(question key, text)` in question order.
    pub texts: Vec<(String, String)>,
    /// Single-valued weighting variables answered (variable → category), non-answers left out.
    pub variables: BTreeMap<String, String>,
}

/// Every response with id ≤ `up_to` (all when `None`), oldest first, as analysis reads them.
pub async fn responses_for_analysis(
    db: &DatabaseConnection,
    up_to: Option<i64>,
) -> Result<Vec<ResponseForAnalysis>, DbErr> {
    let (responses, versions) = run_sources::responses(db, up_to).await?;
    Ok(responses
        .iter()
        .filter_map(|r| Some(analysis_record(r, versions.get(&r.survey_version_id)?)))
        .collect())
}

/// Response `r` as analysis reads it: its free text in question order and its weighting
/// variables, as `definition` (the version it answered) defines them.
pub fn analysis_record(r: &StoredResponse, definition: &SurveyDefinition) -> ResponseForAnalysis {
    let mut record = ResponseForAnalysis {
        id: r.id,
        stream: r.stream,
        language: r.language.clone(),
        collection_mode: r.collection_mode,
        submitted_at: r.submitted_at,
        texts: Vec::new(),
        variables: BTreeMap::new(),
    };
    for q in &definition.questions {
        let Some(value) = r.answers.get(&q.key) else {
            continue;
        };
        match (&q.kind, value) {
            (KindDef::LongText { .. } | KindDef::ShortText { .. }, AnswerValue::Text(t))
                if q.variable.is_none() && !t.trim().is_empty() =>
            {
                record.texts.push((q.key.clone(), t.clone()));
            }
            (_, AnswerValue::Choice(v) | AnswerValue::Text(v)) => {
                if let Some(variable) = &q.variable
                    && !NON_ANSWERS.contains(&v.as_str())
                    && !v.trim().is_empty()
                {
                    record.variables.insert(variable.clone(), v.clone());
                }
            }
            _ => {}
        }
    }
    record
}

/// A run to append to the log.
#[derive(Debug, Clone)]
pub struct NewRun {
    pub last_response_id: i64,
    pub last_report_id: Option<i64>,
    pub last_passage_id: Option<i64>,
    pub input_hash: String,
    pub previous_run_id: Option<i32>,
    pub encoder: Option<String>,
    pub weighting_version: Option<i32>,
    pub themes: serde_json::Value,
    pub weighting: Option<serde_json::Value>,
    pub weighting_problem: Option<String>,
    /// The theme model as JSON text: written as it is, never built into a `serde_json::Value`
    /// (for a million units that tree is gigabytes).
    pub model: String,
    pub result_sha256: String,
    /// What was analysed (see [`crate::models::jobs::JobOptions`]); `None`: everything.
    pub scope: Option<serde_json::Value>,
    /// Where the reports it read came from, for its dashboard (kept when there are any).
    pub report_origins: super::run_origins::ReportOrigins,
}

/// Appends a run and returns its id.
pub async fn append(db: &DatabaseConnection, run: NewRun) -> Result<i32, DbErr> {
    let txn = db.begin().await?;
    let row = analysis_run::ActiveModel {
        created_at: Set(time::OffsetDateTime::now_utc()),
        last_response_id: Set(run.last_response_id),
        last_report_id: Set(run.last_report_id),
        last_passage_id: Set(run.last_passage_id),
        input_hash: Set(run.input_hash),
        previous_run_id: Set(run.previous_run_id),
        encoder: Set(run.encoder),
        weighting_version: Set(run.weighting_version),
        themes: Set(run.themes),
        weighting: Set(run.weighting),
        weighting_problem: Set(run.weighting_problem),
        // The model's text follows in the same transaction.
        model: Set(serde_json::Value::Null),
        result_sha256: Set(run.result_sha256),
        scope: Set(run.scope),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let backend = txn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "UPDATE analysis_run SET model = CAST($1 AS json) WHERE id = $2",
        _ => "UPDATE analysis_run SET model = $1 WHERE id = $2",
    };
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [run.model.into(), row.id.into()],
    ))
    .await?;
    if !run.report_origins.is_empty() {
        super::run_origins::save(&txn, row.id, &run.report_origins).await?;
    }
    txn.commit().await?;
    Ok(row.id)
}

/// Run `id` (the latest when `None`) with its theme model apart, as JSON text: the row's `model`
/// is left `null`. The text parses straight into the model, without the `serde_json::Value` tree
/// the entity would build first (for a million units, gigabytes and most of the reading time).
pub async fn get_with_model_text(
    db: &DatabaseConnection,
    id: Option<i32>,
) -> Result<Option<(analysis_run::Model, String)>, DbErr> {
    let backend = db.get_database_backend();
    let (null_model, text_sql) = match backend {
        DbBackend::Postgres => (
            "CAST('null' AS json)",
            "SELECT CAST(model AS text) FROM analysis_run WHERE id = $1",
        ),
        _ => ("'null'", "SELECT model FROM analysis_run WHERE id = $1"),
    };
    let mut query = analysis_run::Entity::find()
        .select_only()
        .columns(analysis_run::Column::iter().filter(|c| !matches!(c, analysis_run::Column::Model)))
        .column_as(Expr::cust(null_model), "model")
        .order_by_desc(analysis_run::Column::Id);
    if let Some(id) = id {
        query = query.filter(analysis_run::Column::Id.eq(id));
    }
    let Some(row) = query.into_model::<analysis_run::Model>().one(db).await? else {
        return Ok(None);
    };
    let text = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            text_sql,
            [row.id.into()],
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("analysis run {}", row.id)))?
        .try_get_by_index(0)?;
    Ok(Some((row, text)))
}

/// A run by id.
pub async fn get(db: &DatabaseConnection, id: i32) -> Result<Option<analysis_run::Model>, DbErr> {
    analysis_run::Entity::find_by_id(id).one(db).await
}

/// The id of run `id` if it exists, or of the latest run when `id` is `None`, without reading the
/// (large) row.
pub async fn resolve_id(db: &DatabaseConnection, id: Option<i32>) -> Result<Option<i32>, DbErr> {
    let mut query = analysis_run::Entity::find()
        .select_only()
        .column(analysis_run::Column::Id)
        .order_by_desc(analysis_run::Column::Id);
    if let Some(id) = id {
        query = query.filter(analysis_run::Column::Id.eq(id));
    }
    query.into_tuple::<i32>().one(db).await
}

/// The latest run.
pub async fn latest(db: &DatabaseConnection) -> Result<Option<analysis_run::Model>, DbErr> {
    analysis_run::Entity::find()
        .order_by_desc(analysis_run::Column::Id)
        .one(db)
        .await
}

/// Summary rows of every run, newest first: id, time, last response, input hash, weighting
/// version, result hash.
pub async fn list(
    db: &DatabaseConnection,
) -> Result<
    Vec<(
        i32,
        TimeDateTimeWithTimeZone,
        i64,
        String,
        Option<i32>,
        String,
    )>,
    DbErr,
> {
    analysis_run::Entity::find()
        .select_only()
        .columns([
            analysis_run::Column::Id,
            analysis_run::Column::CreatedAt,
            analysis_run::Column::LastResponseId,
            analysis_run::Column::InputHash,
            analysis_run::Column::WeightingVersion,
            analysis_run::Column::ResultSha256,
        ])
        .order_by_desc(analysis_run::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// A timestamp to the minute, for people: `2026-11-23 14:05 UTC`.
pub fn minute(at: TimeDateTimeWithTimeZone) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// Run `id`'s logged weighting result, without reading the rest of the (large) row.
pub async fn weighting_of(
    db: &DatabaseConnection,
    id: i32,
) -> Result<Option<serde_json::Value>, DbErr> {
    Ok(analysis_run::Entity::find_by_id(id)
        .select_only()
        .column(analysis_run::Column::Weighting)
        .into_tuple::<Option<serde_json::Value>>()
        .one(db)
        .await?
        .flatten())
}
