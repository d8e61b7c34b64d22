//! Where each analysed unit came from (stream, respondent or document, month, language), for the
//! dashboard's per-theme counts, filters, trend and quote sources.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use analysis::Assignment;
use app::models::dashboard::DashboardFilter;
use app::server::entities::{analysis_run, report, response};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect};
use serde::Deserialize;
use time::{OffsetDateTime, UtcOffset};

use app::server::notes::{self, PassageOrigin};

use crate::runs::input::{document_id, respondent_id};
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
}

pub struct Members {
    units: HashMap<String, Origin>,
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
        let mut organizations = HashMap::new();
        let responses: HashMap<i64, (String, OffsetDateTime)> = response::Entity::find()
            .select_only()
            .columns([
                response::Column::Id,
                response::Column::Stream,
                response::Column::SubmittedAt,
                response::Column::Organization,
            ])
            .filter(response::Column::Id.lte(row.last_response_id))
            .into_tuple::<(i64, String, OffsetDateTime, Option<String>)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, stream, at, organization)| {
                if let Some(org) = organization {
                    organizations.insert(id, org);
                }
                (id, (stream, at))
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
                Origin {
                    respondent: a.unit_id.clone(),
                    stream: REPORTS.to_owned(),
                    month: reports.get(&id).map(|(_, at)| month(*at)),
                    lang: a.lang.code().to_owned(),
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
                }
            } else if let Some((id, _)) = response_of(&a.unit_id) {
                let (stream, at) = responses
                    .get(&id)
                    .map_or(("resident".to_owned(), None), |(s, at)| {
                        (s.clone(), Some(*at))
                    });
                Origin {
                    respondent: respondent_id(id),
                    stream,
                    month: at.map(month),
                    lang: a.lang.code().to_owned(),
                }
            } else {
                continue;
            };
            units.insert(a.unit_id, origin);
        }
        Ok(Members {
            units,
            report_ids: reports
                .into_iter()
                .map(|(id, (ext, _))| (id, ext))
                .collect(),
            passages,
            organizations,
        })
    }

    fn keep<'a>(&'a self, unit: &str, filter: &DashboardFilter) -> Option<&'a Origin> {
        let o = self.units.get(unit)?;
        let stream_ok = filter.stream.as_ref().is_none_or(|s| *s == o.stream);
        let lang_ok = filter.language.as_ref().is_none_or(|l| *l == o.lang);
        (stream_ok && lang_ok).then_some(o)
    }

    /// Counts `members` (unit ids) under `filter`: respondents (each once), their streams and
    /// months, and the units' languages.
    pub fn count(&self, members: &[String], filter: &DashboardFilter) -> Counted {
        let mut seen = BTreeSet::new();
        let mut out = Counted::default();
        for unit in members {
            let Some(o) = self.keep(unit, filter) else {
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
        self.units
            .keys()
            .filter_map(|u| self.keep(u, filter))
            .map(|o| o.respondent.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// Streams present in the run.
    pub fn streams(&self) -> BTreeSet<String> {
        self.units.values().map(|o| o.stream.clone()).collect()
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

async fn reports(
    db: &DatabaseConnection,
    last: Option<i64>,
) -> Result<HashMap<i64, (String, OffsetDateTime)>, DbErr> {
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
        ])
        .filter(report::Column::Id.lte(last))
        .into_tuple::<(i64, String, Option<OffsetDateTime>, OffsetDateTime)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, ext, requested, imported)| (id, (ext, requested.unwrap_or(imported))))
        .collect())
}
