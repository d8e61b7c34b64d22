//! Where each analysed unit came from (stream, respondent or document, month, language), for the
//! dashboard's per-theme counts, filters, trend and quote sources.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use analysis::Assignment;
use app::models::dashboard::DashboardFilter;
use app::server::entities::{analysis_run, report, response};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect};
use serde::Deserialize;
use time::{OffsetDateTime, UtcOffset};

use crate::runs::input::respondent_id;
use crate::runs::scope::REPORTS;

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
fn response_of(unit: &str) -> Option<(i64, &str)> {
    let (id, key) = unit.split_once(':')?;
    Some((id.parse().ok()?, key))
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
        let responses: HashMap<i64, (String, OffsetDateTime)> = response::Entity::find()
            .select_only()
            .columns([
                response::Column::Id,
                response::Column::Stream,
                response::Column::SubmittedAt,
            ])
            .filter(response::Column::Id.lte(row.last_response_id))
            .into_tuple::<(i64, String, OffsetDateTime)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, stream, at)| (id, (stream, at)))
            .collect();
        let reports = reports(db, row.last_report_id).await?;
        let mut units = HashMap::with_capacity(assignments.len());
        for a in assignments {
            let origin = if let Some(id) = report_of(&a.unit_id) {
                Origin {
                    respondent: a.unit_id.clone(),
                    stream: REPORTS.to_owned(),
                    month: reports.get(&id).map(|(_, at)| month(*at)),
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

    /// Where a quote comes from, for staff.
    pub fn source(&self, unit: &str) -> String {
        if let Some(id) = report_of(unit) {
            match self.report_ids.get(&id) {
                Some(ext) => format!("report {ext}"),
                None => format!("report {id}"),
            }
        } else if let Some((id, key)) = response_of(unit) {
            format!("response {id}, question {key}")
        } else {
            unit.to_owned()
        }
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
