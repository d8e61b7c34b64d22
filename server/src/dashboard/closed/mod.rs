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

use analysis::ThemeReport;
use analysis::weighting::{SuppressionSettings, WeightingRun};
use app::i18n::Locale;
use app::models::AnswerValue;
use app::models::closed::{
    ClosedQuestion, ClosedResults, Distribution, answer_values, parse_question_id, question_id,
};
use app::models::dashboard::DashboardFilter;
use app::models::survey::{SurveyDefinition, pick};
use app::store::entities::{analysis_run, answer, response, survey_version};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::criteria::Criteria;
use super::members::{Members, response_of};
use crate::runs::logged_scope;
use tally::Person;

/// One survey's closed questions and the people who answered it.
struct Answered {
    slug: String,
    title: String,
    questions: Vec<ClosedQuestion>,
    people: Vec<Person>,
}

/// Response id of a respondent id (`R12`) in the weighting.
fn response_id(respondent: &str) -> Option<i64> {
    respondent.strip_prefix('R')?.parse().ok()
}

/// The closed-question results of run `row` (`report` its themes, `weighting` its weighting if
/// any), with the themes crossed in the order of `themes` (`(id, label)`).
pub async fn results(
    db: &DatabaseConnection,
    row: &analysis_run::Model,
    report: &ThemeReport,
    weighting: Option<&WeightingRun>,
    themes: &[(String, String)],
    members: &Members,
    filter: &DashboardFilter,
) -> anyhow::Result<ClosedResults> {
    let settings = weighting.map_or_else(SuppressionSettings::default, |w| {
        w.config.params.suppression.clone()
    });
    let surveys = load(db, row, report, weighting, members, filter).await?;
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
        weighted: weighting.is_some(),
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

/// The responses run `row` analysed, under `filter`, by survey, oldest survey first.
async fn load(
    db: &DatabaseConnection,
    row: &analysis_run::Model,
    report: &ThemeReport,
    weighting: Option<&WeightingRun>,
    members: &Members,
    filter: &DashboardFilter,
) -> anyhow::Result<Vec<Answered>> {
    let scope = logged_scope(row)?;
    let criteria = Criteria::of(filter).0;
    let rows = response::Entity::find()
        .filter(response::Column::Id.lte(row.last_response_id))
        .order_by_asc(response::Column::Id)
        .find_with_related(answer::Entity)
        .all(db)
        .await?;
    let rows: Vec<(response::Model, Vec<answer::Model>)> = rows
        .into_iter()
        .filter(|(r, _)| {
            scope.includes_stream(&r.stream)
                && scope.includes_time(r.submitted_at)
                && members.keeps_response(r.id, &criteria)
        })
        .collect();
    // Each survey at the newest version its responses answered.
    let mut newest: BTreeMap<i32, i32> = BTreeMap::new();
    for (r, _) in &rows {
        let v = newest.entry(r.survey_id).or_insert(r.survey_version_id);
        *v = (*v).max(r.survey_version_id);
    }
    let definitions: HashMap<i32, SurveyDefinition> = survey_version::Entity::find()
        .filter(survey_version::Column::Id.is_in(newest.values().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|v| Some((v.id, serde_json::from_value(v.definition).ok()?)))
        .collect();
    let mut themes_of: HashMap<i64, Vec<&str>> = HashMap::new();
    for t in &report.themes {
        for (id, _) in t.members.iter().filter_map(|u| response_of(u)) {
            themes_of.entry(id).or_default().push(t.id.as_str());
        }
    }
    let analysed: HashSet<i64> = report
        .unclassified
        .members
        .iter()
        .filter_map(|u| response_of(u))
        .map(|(id, _)| id)
        .chain(themes_of.keys().copied())
        .collect();
    let weights: HashMap<i64, f64> = weighting
        .map(|w| {
            w.weights
                .iter()
                .filter_map(|c| Some((response_id(&c.respondent)?, c.raked)))
                .collect()
        })
        .unwrap_or_default();
    let mut surveys: BTreeMap<i32, Answered> = BTreeMap::new();
    for (r, answers) in rows {
        let Some(definition) = newest.get(&r.survey_id).and_then(|v| definitions.get(v)) else {
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
            answers: answers
                .into_iter()
                .filter(|a| closed.contains(a.question_key.as_str()))
                .filter_map(|a| {
                    let value: AnswerValue = serde_json::from_value(a.value).ok()?;
                    Some((a.question_key, answer_values(&value)))
                })
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
    Ok(surveys.into_values().collect())
}
