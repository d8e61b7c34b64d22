//! Where each analysed unit came from (stream, respondent or document, survey, district, day,
//! language), for the dashboard's per-theme counts, filters, trend and quote sources; and the
//! same for every response the run could have read, for the closed-question results.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use app::models::closed::answer_values;
use app::models::dashboard::DashboardFilter;
use app::models::survey::{KindDef, pick};
use app::models::{SourceRef, Stream, UnitRef};
use app::store::notes::PassageOrigin;
use app::store::run_sources::RunSources;
use time::{Date, OffsetDateTime, UtcOffset};

use super::criteria::{Criteria, Facts};
use crate::runs::LoggedRun;
use crate::runs::input::DISTRICT;

/// Counts of one theme's members under a filter.
#[derive(Debug, Default)]
pub struct Counted {
    pub respondents: usize,
    pub by_stream: BTreeMap<Stream, usize>,
    pub languages: BTreeMap<String, usize>,
    pub months: BTreeMap<String, usize>,
}

/// A unit's origin.
#[derive(Debug, Clone)]
struct Origin {
    /// The prevalence unit: a response, a document or a report.
    source: SourceRef,
    stream: Stream,
    /// Year and month.
    month: Option<(i32, u8)>,
    lang: &'static str,
    survey: Option<String>,
    district: Option<String>,
    day: Option<Date>,
}

impl Origin {
    fn facts(&self) -> Facts<'_> {
        Facts {
            stream: self.stream,
            language: self.lang,
            survey: self.survey.as_deref(),
            district: self.district.as_deref(),
            day: self.day,
        }
    }
}

/// A response the run could have read.
#[derive(Debug, Clone)]
struct Response {
    stream: Stream,
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

fn month(at: OffsetDateTime) -> (i32, u8) {
    let at = at.to_offset(UtcOffset::UTC);
    (at.year(), u8::from(at.month()))
}

fn day(at: OffsetDateTime) -> Date {
    at.to_offset(UtcOffset::UTC).date()
}

/// The responses the run could have read, by id, with their survey's slug and council district.
fn responses(sources: &RunSources) -> HashMap<i64, Response> {
    // The questions that ask for the council district, in any survey.
    let district_keys: BTreeSet<&str> = sources
        .surveys
        .iter()
        .flat_map(|s| &s.definition.questions)
        .filter(|q| {
            matches!(q.kind, KindDef::CouncilDistrict) || q.variable.as_deref() == Some(DISTRICT)
        })
        .map(|q| q.key.as_str())
        .collect();
    let slugs: HashMap<i32, &str> = sources
        .surveys
        .iter()
        .map(|s| (s.survey.id, s.survey.slug.as_str()))
        .collect();
    sources
        .responses
        .iter()
        .map(|r| {
            let district = r
                .answers
                .iter()
                .filter(|(key, _)| district_keys.contains(key.as_str()))
                .find_map(|(_, value)| answer_values(value).into_iter().next());
            let response = Response {
                stream: r.stream,
                language: r.language.clone(),
                survey: slugs
                    .get(&r.survey_id)
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
                district,
                at: r.submitted_at,
            };
            (r.id, response)
        })
        .collect()
}

/// Where `unit` came from; `None` for a passage of a document deleted since (it no longer
/// counts).
fn origin(
    unit: UnitRef,
    lang: &'static str,
    sources: &RunSources,
    responses: &HashMap<i64, Response>,
) -> Option<Origin> {
    Some(match unit {
        UnitRef::Report(id) => {
            let r = sources.reports.get(&id);
            Origin {
                source: SourceRef::Report(id),
                stream: Stream::Reports,
                month: r.map(|r| month(r.at)),
                lang,
                survey: None,
                district: r.and_then(|r| r.district.clone()),
                day: r.map(|r| day(r.at)),
            }
        }
        UnitRef::Passage(id) => {
            let p = sources.passages.get(&id)?;
            Origin {
                source: SourceRef::Document(p.document_id),
                stream: Stream::Notes,
                month: Some((p.interview_date.year(), u8::from(p.interview_date.month()))),
                lang,
                survey: None,
                district: None,
                day: Some(p.interview_date),
            }
        }
        UnitRef::Answer { response: id, .. } => {
            let r = responses.get(&id);
            Origin {
                source: SourceRef::Response(id),
                stream: r.map_or(Stream::Resident, |r| r.stream),
                month: r.map(|r| month(r.at)),
                lang,
                survey: r.map(|r| r.survey.clone()),
                district: r.and_then(|r| r.district.clone()),
                day: r.map(|r| day(r.at)),
            }
        }
    })
}

impl Members {
    /// The origins of every unit `run` analysed, from what it could have read.
    pub fn new(run: &LoggedRun, sources: &RunSources) -> Members {
        let responses = responses(sources);
        let answered: BTreeSet<&str> = responses.values().map(|r| r.survey.as_str()).collect();
        let surveys = sources
            .surveys
            .iter()
            .filter(|s| answered.contains(s.survey.slug.as_str()))
            .map(|s| {
                (
                    s.survey.slug.clone(),
                    pick(&s.definition.title, app::i18n::Locale::En),
                )
            })
            .collect();
        let mut units = HashMap::with_capacity(run.model.assignments().len());
        for a in run.model.assignments() {
            let Ok(unit) = a.unit_id.parse::<UnitRef>() else {
                continue;
            };
            if let Some(origin) = origin(unit, a.lang.code(), sources, &responses) {
                units.insert(a.unit_id.clone(), origin);
            }
        }
        Members {
            units,
            responses,
            surveys,
            report_ids: sources
                .reports
                .iter()
                .map(|(id, r)| (*id, r.external_id.clone()))
                .collect(),
            passages: sources.passages.clone(),
            organizations: sources
                .responses
                .iter()
                .filter_map(|r| Some((r.id, r.organization.clone()?)))
                .collect(),
        }
    }

    fn keep<'a>(&'a self, unit: &str, criteria: &Criteria) -> Option<&'a Origin> {
        self.units.get(unit).filter(|o| criteria.keeps(&o.facts()))
    }

    /// Whether response `id` is counted under `criteria` (its survey language as the language).
    pub fn keeps_response(&self, id: i64, criteria: &Criteria) -> bool {
        self.responses.get(&id).is_some_and(|r| {
            criteria.keeps(&Facts {
                stream: r.stream,
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
        // Counted under keys that cost no allocation per unit, named once at the end.
        let mut languages: BTreeMap<&str, usize> = BTreeMap::new();
        let mut months: BTreeMap<(i32, u8), usize> = BTreeMap::new();
        for unit in members {
            let Some(o) = self.keep(unit, &criteria) else {
                continue;
            };
            *languages.entry(o.lang).or_default() += 1;
            if seen.insert(o.source) {
                *out.by_stream.entry(o.stream).or_default() += 1;
                if let Some(m) = o.month {
                    *months.entry(m).or_default() += 1;
                }
            }
        }
        out.respondents = seen.len();
        out.languages = languages
            .into_iter()
            .map(|(lang, n)| (lang.to_owned(), n))
            .collect();
        out.months = months
            .into_iter()
            .map(|((year, month), n)| (format!("{year:04}-{month:02}"), n))
            .collect();
        out
    }

    /// Distinct respondents and documents analysed, under `filter`.
    pub fn total(&self, filter: &DashboardFilter) -> usize {
        let criteria = Criteria::of(filter).0;
        self.units
            .keys()
            .filter_map(|u| self.keep(u, &criteria))
            .map(|o| o.source)
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// Streams present in the run.
    pub fn streams(&self) -> BTreeSet<Stream> {
        self.units.values().map(|o| o.stream).collect()
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
        let text = match unit.parse::<UnitRef>() {
            Ok(UnitRef::Passage(id)) => {
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
            Ok(UnitRef::Report(id)) => match self.report_ids.get(&id) {
                Some(ext) => format!("report {ext}"),
                None => format!("report {id}"),
            },
            Ok(UnitRef::Answer { response, question }) => match self.organizations.get(&response) {
                Some(org) => format!("response {response} ({org}), question {question}"),
                None => format!("response {response}, question {question}"),
            },
            Err(_) => unit.to_owned(),
        };
        Some((text, None))
    }
}
