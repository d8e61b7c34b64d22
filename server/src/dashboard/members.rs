//! Where each analysed unit came from (stream, respondent or document, survey, district, day,
//! language), for the dashboard's per-theme counts, filters, trend and quote sources; and the
//! same for every response the run could have read, for the closed-question results.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use analysis::Assignment;
use app::models::AnswerValue;
use app::models::closed::answer_values;
use app::models::dashboard::DashboardFilter;
use app::models::survey::{KindDef, pick};
use app::store::entities::{analysis_run, answer, report, response};
use app::store::surveys;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect};
use serde::Deserialize;
use time::{Date, OffsetDateTime, UtcOffset};

use app::store::notes::{self, PassageOrigin};

use super::criteria::{Criteria, Facts};
use crate::runs::input::{DISTRICT, document_id, respondent_id};
use crate::runs::scope::{NOTES, REPORTS};

/// Counts of one theme's members under a filter.
#[derive(Debug, Default)]
pub struct Counted {
    pub respondents: usize,
    pub by_stream: BTreeMap<String, usize>,
    pub languages: BTreeMap<String, usize>,
    pub months: BTreeMap<String, usize>,
}

/// A unit's origin.
#[derive(Debug, Clone)]
struct Origin {
    /// `R12` or `report:45`: the prevalence unit.
    respondent: String,
    stream: String,
    month: Option<String>,
    lang: String,
    survey: Option<String>,
    district: Option<String>,
    day: Option<Date>,
}

impl Origin {
    fn facts(&self) -> Facts<'_> {
        Facts {
            stream: &self.stream,
            language: &self.lang,
            survey: self.survey.as_deref(),
            district: self.district.as_deref(),
            day: self.day,
        }
    }
}

/// A response the run could have read.
#[derive(Debug, Clone)]
struct Response {
    stream: String,
    /// The language the survey was taken in.
    language: String,
    survey: String,
    district: Option<String>,
    at: OffsetDateTime,
}

pub struct Members {
    units: HashMap<String, Origin>,
    responses: HashMap<i64, Response>,
    /// Slugs and English titles of the surveys answered, in creation order.
    surveys: Vec<(String, String)>,
    report_ids: HashMap<i64, String>,
    passages: HashMap<i64, PassageOrigin>,
    /// Organizations of responses that came through an invitation link.
    organizations: HashMap<i64, String>,
}

#[derive(Deserialize)]
struct Assignments {
    assignments: Vec<Assignment>,
}

fn month(at: OffsetDateTime) -> String {
    let at = at.to_offset(UtcOffset::UTC);
    format!("{:04}-{:02}", at.year(), u8::from(at.month()))
}

fn day(at: OffsetDateTime) -> Date {
    at.to_offset(UtcOffset::UTC).date()
}

/// Response id of a survey unit id (`<response>:<question>`).
pub(super) fn response_of(unit: &str) -> Option<(i64, &str)> {
    let (id, key) = unit.split_once(':')?;
    Some((id.parse().ok()?, key))
}

/// Passage id of an interview-note unit id (`passage:<id>`).
fn passage_of(unit: &str) -> Option<i64> {
    unit.strip_prefix("passage:")?.parse().ok()
}

/// Report id of a report unit id (`report:<id>`).
fn report_of(unit: &str) -> Option<i64> {
    unit.strip_prefix("report:")?.parse().ok()
}

impl Members {
    /// Reads the origins of every unit run `row` analysed.
    pub async fn load(
        db: &DatabaseConnection,
        row: &analysis_run::Model,
    ) -> anyhow::Result<Members> {
        let Assignments { assignments } = Assignments::deserialize(&row.model)?;
        let all_surveys = surveys::all(db).await?;
        // The questions that ask for the council district, in any survey.
        let district_keys: BTreeSet<String> = all_surveys
            .iter()
            .flat_map(|s| &s.definition.questions)
            .filter(|q| {
                matches!(q.kind, KindDef::CouncilDistrict)
                    || q.variable.as_deref() == Some(DISTRICT)
            })
            .map(|q| q.key.clone())
            .collect();
        let districts: HashMap<i64, String> = answer::Entity::find()
            .select_only()
            .columns([answer::Column::ResponseId, answer::Column::Value])
            .filter(answer::Column::ResponseId.lte(row.last_response_id))
            .filter(answer::Column::QuestionKey.is_in(district_keys))
            .into_tuple::<(i64, serde_json::Value)>()
            .all(db)
            .await?
            .into_iter()
            .filter_map(|(id, value)| {
                let value: AnswerValue = serde_json::from_value(value).ok()?;
                Some((id, answer_values(&value).into_iter().next()?))
            })
            .collect();
        let slugs: HashMap<i32, &str> = all_surveys
            .iter()
            .map(|s| (s.survey.id, s.survey.slug.as_str()))
            .collect();
        let mut organizations = HashMap::new();
        let responses: HashMap<i64, Response> = response::Entity::find()
            .select_only()
            .columns([
                response::Column::Id,
                response::Column::Stream,
                response::Column::SubmittedAt,
                response::Column::Organization,
                response::Column::SurveyId,
                response::Column::Language,
            ])
            .filter(response::Column::Id.lte(row.last_response_id))
            .into_tuple::<(i64, String, OffsetDateTime, Option<String>, i32, String)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, stream, at, organization, survey, language)| {
                if let Some(org) = organization {
                    organizations.insert(id, org);
                }
                let response = Response {
                    stream,
                    language,
                    survey: slugs.get(&survey).copied().unwrap_or_default().to_owned(),
                    district: districts.get(&id).cloned(),
                    at,
                };
                (id, response)
            })
            .collect();
        let answered: BTreeSet<&str> = responses.values().map(|r| r.survey.as_str()).collect();
        let surveys = all_surveys
            .iter()
            .filter(|s| answered.contains(s.survey.slug.as_str()))
            .map(|s| {
                (
                    s.survey.slug.clone(),
                    pick(&s.definition.title, app::i18n::Locale::En),
                )
            })
            .collect();
        let reports = reports(db, row.last_report_id).await?;
        let passages = match row.last_passage_id {
            Some(last) => notes::origins(db, last).await?,
            None => HashMap::new(),
        };
        let mut units = HashMap::with_capacity(assignments.len());
        for a in assignments {
            let origin = if let Some(id) = report_of(&a.unit_id) {
                let r = reports.get(&id);
                Origin {
                    respondent: a.unit_id.clone(),
                    stream: REPORTS.to_owned(),
                    month: r.map(|r| month(r.at)),
                    lang: a.lang.code().to_owned(),
                    survey: None,
                    district: r.and_then(|r| r.district.clone()),
                    day: r.map(|r| day(r.at)),
                }
            } else if let Some(id) = passage_of(&a.unit_id) {
                // A deleted document's passages no longer count.
                let Some(p) = passages.get(&id) else {
                    continue;
                };
                Origin {
                    respondent: document_id(p.document_id),
                    stream: NOTES.to_owned(),
                    month: Some(format!(
                        "{:04}-{:02}",
                        p.interview_date.year(),
                        u8::from(p.interview_date.month())
                    )),
                    lang: a.lang.code().to_owned(),
                    survey: None,
                    district: None,
                    day: Some(p.interview_date),
                }
            } else if let Some((id, _)) = response_of(&a.unit_id) {
                let r = responses.get(&id);
                Origin {
                    respondent: respondent_id(id),
                    stream: r.map_or_else(|| "resident".to_owned(), |r| r.stream.clone()),
                    month: r.map(|r| month(r.at)),
                    lang: a.lang.code().to_owned(),
                    survey: r.map(|r| r.survey.clone()),
                    district: r.and_then(|r| r.district.clone()),
                    day: r.map(|r| day(r.at)),
                }
            } else {
                continue;
            };
            units.insert(a.unit_id, origin);
        }
        Ok(Members {
            units,
            responses,
            surveys,
            report_ids: reports
                .into_iter()
                .map(|(id, r)| (id, r.external_id))
                .collect(),
            passages,
            organizations,
        })
    }

    fn keep<'a>(&'a self, unit: &str, criteria: &Criteria) -> Option<&'a Origin> {
        self.units.get(unit).filter(|o| criteria.keeps(&o.facts()))
    }

    /// Whether response `id` is counted under `criteria` (its survey language as the language).
    pub fn keeps_response(&self, id: i64, criteria: &Criteria) -> bool {
        self.responses.get(&id).is_some_and(|r| {
            criteria.keeps(&Facts {
                stream: &r.stream,
                language: &r.language,
                survey: Some(&r.survey),
                district: r.district.as_deref(),
                day: Some(day(r.at)),
            })
        })
    }

    /// Counts `members` (unit ids) under `filter`: respondents (each once), their streams and
    /// months, and the units' languages.
    pub fn count(&self, members: &[String], filter: &DashboardFilter) -> Counted {
        let criteria = Criteria::of(filter).0;
        let mut seen = BTreeSet::new();
        let mut out = Counted::default();
        for unit in members {
            let Some(o) = self.keep(unit, &criteria) else {
                continue;
            };
            *out.languages.entry(o.lang.clone()).or_default() += 1;
            if seen.insert(o.respondent.as_str()) {
                *out.by_stream.entry(o.stream.clone()).or_default() += 1;
                if let Some(m) = &o.month {
                    *out.months.entry(m.clone()).or_default() += 1;
                }
            }
        }
        out.respondents = seen.len();
        out
    }

    /// Distinct respondents and documents analysed, under `filter`.
    pub fn total(&self, filter: &DashboardFilter) -> usize {
        let criteria = Criteria::of(filter).0;
        self.units
            .keys()
            .filter_map(|u| self.keep(u, &criteria))
            .map(|o| o.respondent.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// Streams present in the run.
    pub fn streams(&self) -> BTreeSet<String> {
        self.units.values().map(|o| o.stream.clone()).collect()
    }

    /// Surveys whose answers the run could have read: slug and English title.
    pub fn surveys(&self) -> Vec<(String, String)> {
        self.surveys.clone()
    }

    /// Council districts of the run's units, in number order.
    pub fn districts(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .units
            .values()
            .filter_map(|o| o.district.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        out.sort_by_key(|d| (d.parse::<u32>().unwrap_or(u32::MAX), d.clone()));
        out
    }

    /// Where a quote comes from, for staff, and the page of its document if it has one; `None`
    /// for a passage of a document deleted since the run (its text is not shown again).
    pub fn source(&self, unit: &str) -> Option<(String, Option<String>)> {
        if let Some(id) = passage_of(unit) {
            let p = self.passages.get(&id)?;
            return Some((
                format!(
                    "interview notes “{}” ({}, {}), passage {}",
                    p.filename,
                    p.organization,
                    p.interview_date,
                    p.position + 1
                ),
                Some(format!("/staff/notes/{}", p.document_id)),
            ));
        }
        let text = if let Some(id) = report_of(unit) {
            match self.report_ids.get(&id) {
                Some(ext) => format!("report {ext}"),
                None => format!("report {id}"),
            }
        } else if let Some((id, key)) = response_of(unit) {
            match self.organizations.get(&id) {
                Some(org) => format!("response {id} ({org}), question {key}"),
                None => format!("response {id}, question {key}"),
            }
        } else {
            unit.to_owned()
        };
        Some((text, None))
    }
}

/// What the dashboard needs of a report.
struct ReportFacts {
    external_id: String,
    at: OffsetDateTime,
    district: Option<String>,
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
