//! What analysis runs read (responses with their free text and weighting variables) and the
//! append-only log they write.

use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, prelude::*,
};

use super::entities::{analysis_run, answer, response, survey_version};
use crate::models::AnswerValue;
use crate::models::survey::{KindDef, NON_ANSWERS, SurveyDefinition};

/// One response as an analysis run sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseForAnalysis {
    /// Response id (increasing with submission).
    pub id: i64,
    /// Audience of the survey it answered: `resident`, `department`, `community_org`.
    pub stream: String,
    /// Language the respondent used.
    pub language: String,
    /// When it was submitted.
    pub submitted_at: time::OffsetDateTime,
    /// Free-text answers `(question key, text)` in question order.
    pub texts: Vec<(String, String)>,
    /// Single-valued weighting variables answered (variable → category), non-answers left out.
    pub variables: BTreeMap<String, String>,
}

/// Every response with id ≤ `up_to` (all when `None`), oldest first.
pub async fn responses_for_analysis(
    db: &DatabaseConnection,
    up_to: Option<i64>,
) -> Result<Vec<ResponseForAnalysis>, DbErr> {
    let mut query = response::Entity::find().order_by_asc(response::Column::Id);
    if let Some(last) = up_to {
        query = query.filter(response::Column::Id.lte(last));
    }
    let rows = query.find_with_related(answer::Entity).all(db).await?;
    let mut definitions: BTreeMap<i32, Option<SurveyDefinition>> = BTreeMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (resp, answers) in rows {
        if let std::collections::btree_map::Entry::Vacant(slot) =
            definitions.entry(resp.survey_version_id)
        {
            let def = survey_version::Entity::find_by_id(resp.survey_version_id)
                .one(db)
                .await?
                .and_then(|v| serde_json::from_value::<SurveyDefinition>(v.definition).ok());
            slot.insert(def);
        }
        let Some(Some(definition)) = definitions.get(&resp.survey_version_id) else {
            continue;
        };
        let by_key: BTreeMap<&str, AnswerValue> = answers
            .iter()
            .filter_map(|a| {
                Some((
                    a.question_key.as_str(),
                    serde_json::from_value(a.value.clone()).ok()?,
                ))
            })
            .collect();
        let mut record = ResponseForAnalysis {
            id: resp.id,
            stream: resp.stream.clone(),
            language: resp.language.clone(),
            submitted_at: resp.submitted_at,
            texts: Vec::new(),
            variables: BTreeMap::new(),
        };
        for q in &definition.questions {
            let Some(value) = by_key.get(q.key.as_str()) else {
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
        out.push(record);
    }
    Ok(out)
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
    pub model: serde_json::Value,
    pub result_sha256: String,
    /// What was analysed (see [`crate::models::jobs::JobOptions`]); `None`: everything.
    pub scope: Option<serde_json::Value>,
}

/// Appends a run and returns its id.
pub async fn append(db: &DatabaseConnection, run: NewRun) -> Result<i32, DbErr> {
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
        model: Set(run.model),
        result_sha256: Set(run.result_sha256),
        scope: Set(run.scope),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
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
