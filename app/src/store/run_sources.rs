//! What a logged run's dashboard reads of the database, read once per build: the responses the
//! run could have read with their answers and survey versions, every survey as it is now, and the
//! origins of its reports and interview-note passages. The dashboard's theme counts, closed
//! questions and breakdowns all work from this one read.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{
    DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, prelude::*,
};
use time::OffsetDateTime;

use super::entities::{analysis_run, answer, note_passage, report, response, survey_version};
use super::notes::{self, PassageOrigin};
use super::run_origins;
use super::runs::{ResponseForAnalysis, analysis_record};
use super::surveys::{self, LoadedSurvey};
use crate::models::collection::CollectionMode;
use crate::models::stream::{Stream, UnknownStream};
use crate::models::{AnswerValue, AppError, SurveyDefinition, UnitRef};

/// A stored response with its answers.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub id: i64,
    pub stream: Stream,
    pub survey_id: i32,
    pub survey_version_id: i32,
    /// The language the survey was taken in.
    pub language: String,
    /// The organization of an invitation link it came through.
    pub organization: Option<String>,
    /// How it was collected (web, or entered from paper, a call or an interview).
    pub collection_mode: CollectionMode,
    pub submitted_at: OffsetDateTime,
    /// Answers by question key (values that no longer read are left out).
    pub answers: BTreeMap<String, AnswerValue>,
}

/// What the dashboard needs of an imported report.
#[derive(Debug, Clone)]
pub struct ReportFacts {
    pub external_id: String,
    /// When it was requested, or imported when the source had no date.
    pub at: OffsetDateTime,
    pub district: Option<String>,
}

/// Which run, and the last response, report and passage it could have read.
#[derive(Debug, Clone, Copy)]
pub struct RunBounds {
    pub id: i32,
    pub last_response: i64,
    pub last_report: Option<i64>,
    pub last_passage: Option<i64>,
}

impl From<&analysis_run::Model> for RunBounds {
    fn from(row: &analysis_run::Model) -> Self {
        RunBounds {
            id: row.id,
            last_response: row.last_response_id,
            last_report: row.last_report_id,
            last_passage: row.last_passage_id,
        }
    }
}

/// Everything a run's dashboard reads.
#[derive(Debug, Default)]
pub struct RunSources {
    /// Responses up to the run's last, oldest first.
    pub responses: Vec<StoredResponse>,
    /// The definition of every survey version those responses answered, by version id.
    pub versions: HashMap<i32, SurveyDefinition>,
    /// Every survey at its current version, in creation order.
    pub surveys: Vec<LoadedSurvey>,
    /// Reports up to the run's last, by id.
    pub reports: HashMap<i64, ReportFacts>,
    /// Confirmed passages up to the run's last, by id (a deleted document's are gone).
    pub passages: HashMap<i64, PassageOrigin>,
}

impl RunSources {
    /// Reads what a run could have read: its reports' origins as they were kept when it was
    /// logged (every report up to its last, for a run logged before they were kept).
    pub async fn load(db: &DatabaseConnection, run: RunBounds) -> Result<RunSources, AppError> {
        let (responses, versions) = responses(db, Some(run.last_response)).await?;
        let reports = match run.last_report {
            Some(_) => match run_origins::load(db, run.id).await? {
                Some(kept) => kept,
                None => reports(db, run.last_report).await?,
            },
            None => HashMap::new(),
        };
        Ok(RunSources {
            responses,
            versions,
            surveys: surveys::all(db).await?,
            reports,
            passages: match run.last_passage {
                Some(last) => notes::origins(db, last).await?,
                None => HashMap::new(),
            },
        })
    }

    /// The responses as an analysis run reads them.
    pub fn for_analysis(&self) -> Vec<ResponseForAnalysis> {
        self.responses
            .iter()
            .filter_map(|r| Some(analysis_record(r, self.versions.get(&r.survey_version_id)?)))
            .collect()
    }
}

/// Responses with id ≤ `up_to` (all when `None`), oldest first, with the definitions of the
/// survey versions they answered.
pub(super) async fn responses(
    db: &DatabaseConnection,
    up_to: Option<i64>,
) -> Result<(Vec<StoredResponse>, HashMap<i32, SurveyDefinition>), DbErr> {
    let mut query = response::Entity::find().order_by_asc(response::Column::Id);
    if let Some(last) = up_to {
        query = query.filter(response::Column::Id.lte(last));
    }
    let rows = query.find_with_related(answer::Entity).all(db).await?;
    let mut version_ids: Vec<i32> = rows.iter().map(|(r, _)| r.survey_version_id).collect();
    version_ids.sort_unstable();
    version_ids.dedup();
    let versions = survey_version::Entity::find()
        .filter(survey_version::Column::Id.is_in(version_ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|v| Some((v.id, serde_json::from_value(v.definition).ok()?)))
        .collect();
    let responses = rows
        .into_iter()
        .map(|(r, answers)| {
            let stream = r
                .stream
                .parse()
                .map_err(|e: UnknownStream| DbErr::Custom(format!("response {}: {e}", r.id)))?;
            Ok(StoredResponse {
                id: r.id,
                stream,
                survey_id: r.survey_id,
                survey_version_id: r.survey_version_id,
                language: r.language,
                organization: r.organization,
                // A mode this version does not know reads as web, the default.
                collection_mode: CollectionMode::parse(&r.collection_mode)
                    .unwrap_or(CollectionMode::Web),
                submitted_at: r.submitted_at,
                answers: answers
                    .into_iter()
                    .filter_map(|a| Some((a.question_key, serde_json::from_value(a.value).ok()?)))
                    .collect(),
            })
        })
        .collect::<Result<_, DbErr>>()?;
    Ok((responses, versions))
}

async fn reports(
    db: &DatabaseConnection,
    last: Option<i64>,
) -> Result<HashMap<i64, ReportFacts>, DbErr> {
    let Some(last) = last else {
        return Ok(HashMap::new());
    };
    Ok(report::Entity::find()
        .select_only()
        .columns([
            report::Column::Id,
            report::Column::ExternalId,
            report::Column::RequestedAt,
            report::Column::ImportedAt,
            report::Column::District,
        ])
        .filter(report::Column::Id.lte(last))
        .into_tuple::<(
            i64,
            String,
            Option<OffsetDateTime>,
            OffsetDateTime,
            Option<String>,
        )>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, external_id, requested, imported, district)| {
            let facts = ReportFacts {
                external_id,
                at: requested.unwrap_or(imported),
                district,
            };
            (id, facts)
        })
        .collect())
}

/// The texts of these units (answers, reports, interview-note passages), by unit id: what a
/// theme's name is made from and what its page lists. A unit whose text is gone is left out.
pub async fn unit_texts(
    db: &DatabaseConnection,
    units: &[UnitRef],
) -> Result<HashMap<String, String>, DbErr> {
    let mut texts = HashMap::with_capacity(units.len());
    let (mut responses, mut reports, mut passages) = (Vec::new(), Vec::new(), Vec::new());
    for unit in units {
        match unit {
            UnitRef::Answer { response, .. } => responses.push(*response),
            UnitRef::Report(id) => reports.push(*id),
            UnitRef::Passage(id) => passages.push(*id),
        }
    }
    responses.sort_unstable();
    responses.dedup();
    let wanted: std::collections::HashSet<String> = units.iter().map(ToString::to_string).collect();
    for chunk in responses.chunks(500) {
        let rows = answer::Entity::find()
            .filter(answer::Column::ResponseId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for a in rows {
            let unit = UnitRef::Answer {
                response: a.response_id,
                question: a.question_key,
            }
            .to_string();
            if let (true, Ok(AnswerValue::Text(text))) =
                (wanted.contains(&unit), serde_json::from_value(a.value))
            {
                texts.insert(unit, text);
            }
        }
    }
    for chunk in reports.chunks(500) {
        let rows = report::Entity::find()
            .select_only()
            .columns([report::Column::Id, report::Column::Text])
            .filter(report::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?;
        texts.extend(
            rows.into_iter()
                .map(|(id, text)| (UnitRef::Report(id).to_string(), text)),
        );
    }
    for chunk in passages.chunks(500) {
        let rows = note_passage::Entity::find()
            .select_only()
            .columns([note_passage::Column::Id, note_passage::Column::Text])
            .filter(note_passage::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?;
        texts.extend(
            rows.into_iter()
                .map(|(id, text)| (UnitRef::Passage(id).to_string(), text)),
        );
    }
    Ok(texts)
}
