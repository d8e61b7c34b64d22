//! The dashboard's closed-question panel: for the responses a run analysed (its scope and last
//! response, under the dashboard's filters), how every closed question of
//! every survey involved was answered, and one chosen question crossed with the need themes and
//! with a second question. Suppressed with the run's minimum cell size (the weighting's, or the
//! default when the run is not weighted).
//!
//! Questions and labels come from the newest version of each survey the responses answered; a
//! value only an older version offered gets a column of its own.

mod tally;

use std::collections::{BTreeMap, HashMap, HashSet};

use analysis::weighting::SuppressionSettings;
use app::i18n::Locale;
use app::models::closed::{
    ClosedQuestion, ClosedResults, Distribution, answer_values, parse_question_id, question_id,
};
use app::models::dashboard::DashboardFilter;
use app::models::survey::pick;
use app::models::{SourceRef, UnitRef};
use app::store::run_sources::RunSources;

use super::criteria::Criteria;
use super::members::Members;
use crate::runs::LoggedRun;
use tally::Person;

/// One survey's closed questions and the people who answered it.
struct Answered {
    slug: String,
    title: String,
    questions: Vec<ClosedQuestion>,
    people: Vec<Person>,
}

/// The response of a unit id, if it is an answer.
fn response_of(unit: &str) -> Option<i64> {
    unit.parse::<UnitRef>().ok()?.response()
}

/// The closed-question results of `run` (from what it could have read, `sources`), with the
/// themes crossed in the order of `themes` (`(id, label)`).
pub fn results(
    run: &LoggedRun,
    sources: &RunSources,
    themes: &[(String, String)],
    members: &Members,
    filter: &DashboardFilter,
) -> anyhow::Result<ClosedResults> {
    let settings = run
        .weighting
        .as_ref()
        .map_or_else(SuppressionSettings::default, |w| {
            w.config.params.suppression.clone()
        });
    let surveys = load(run, sources, members, filter);
    let mut distributions: Vec<Distribution> = Vec::new();
    for s in &surveys {
        for q in &s.questions {
            if let Some(d) = tally::distribution(&s.slug, &s.title, q, &s.people, &settings)? {
                distributions.push(d);
            }
        }
    }
    let question = filter
        .q
        .as_ref()
        .filter(|q| distributions.iter().any(|d| d.id == **q))
        .or_else(|| distributions.first().map(|d| &d.id))
        .cloned();
    let chosen = question.as_deref().and_then(|id| {
        let (slug, key) = parse_question_id(id)?;
        let survey = surveys.iter().find(|s| s.slug == slug)?;
        let q = survey.questions.iter().find(|q| q.key == key)?;
        Some((id, survey, q))
    });
    let mut out = ClosedResults {
        min_count: settings.min_count,
        weighted: run.weighting.is_some(),
        question: question.clone(),
        ..ClosedResults::default()
    };
    if let Some((id, survey, q)) = chosen {
        out.by_theme = Some(tally::by_theme(id, q, &survey.people, themes, &settings));
        // The other questions of the survey someone answered, demographics first.
        let mut others: Vec<&ClosedQuestion> = survey
            .questions
            .iter()
            .filter(|o| o.key != q.key)
            .filter(|o| {
                let other = question_id(&survey.slug, &o.key);
                distributions.iter().any(|d| d.id == other)
            })
            .collect();
        others.sort_by_key(|o| !o.demographic);
        let against = others
            .iter()
            .find(|o| filter.against.as_deref() == Some(o.key.as_str()))
            .or_else(|| others.first())
            .copied();
        if let Some(a) = against {
            out.against = Some(a.key.clone());
            out.by_against = Some(tally::by_against(id, q, a, &survey.people, &settings)?);
        }
    }
    out.distributions = distributions;
    Ok(out)
}

/// The responses `run` analysed, under `filter`, by survey, oldest survey first.
fn load(
    run: &LoggedRun,
    sources: &RunSources,
    members: &Members,
    filter: &DashboardFilter,
) -> Vec<Answered> {
    let criteria = Criteria::of(filter).0;
    let rows: Vec<_> = sources
        .responses
        .iter()
        .filter(|r| {
            run.scope.includes_stream(r.stream)
                && run.scope.includes_time(r.submitted_at)
                && members.keeps_response(r.id, &criteria)
        })
        .collect();
    // Each survey at the newest version its responses answered.
    let mut newest: BTreeMap<i32, i32> = BTreeMap::new();
    for r in &rows {
        let v = newest.entry(r.survey_id).or_insert(r.survey_version_id);
        *v = (*v).max(r.survey_version_id);
    }
    let report = &run.report;
    let mut themes_of: HashMap<i64, Vec<&str>> = HashMap::new();
    for t in &report.themes {
        for id in t.members.iter().filter_map(|u| response_of(u)) {
            themes_of.entry(id).or_default().push(t.id.as_str());
        }
    }
    let analysed: HashSet<i64> = report
        .unclassified
        .members
        .iter()
        .filter_map(|u| response_of(u))
        .chain(themes_of.keys().copied())
        .collect();
    let weights: HashMap<i64, f64> = run
        .weighting
        .as_ref()
        .map(|w| {
            w.weights
                .iter()
                .filter_map(|c| {
                    let source = c.respondent.parse::<SourceRef>().ok()?;
                    Some((source.response()?, c.raked))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut surveys: BTreeMap<i32, Answered> = BTreeMap::new();
    for r in rows {
        let Some(definition) = newest
            .get(&r.survey_id)
            .and_then(|v| sources.versions.get(v))
        else {
            continue;
        };
        let survey = surveys.entry(r.survey_id).or_insert_with(|| Answered {
            slug: definition.slug.clone(),
            title: pick(&definition.title, Locale::En),
            questions: definition
                .questions
                .iter()
                .filter_map(ClosedQuestion::of)
                .collect(),
            people: Vec::new(),
        });
        let closed: HashSet<&str> = survey.questions.iter().map(|q| q.key.as_str()).collect();
        let person = Person {
            answers: r
                .answers
                .iter()
                .filter(|(key, _)| closed.contains(key.as_str()))
                .map(|(key, value)| (key.clone(), answer_values(value)))
                .collect(),
            weight: weights.get(&r.id).copied(),
            analysed: analysed.contains(&r.id),
            themes: themes_of
                .get(&r.id)
                .into_iter()
                .flatten()
                .map(|t| (*t).to_owned())
                .collect(),
        };
        survey.people.push(person);
    }
    surveys.into_values().collect()
}
