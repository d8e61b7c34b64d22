//! The public snapshot of one curated run (all of it, or one survey's part): the dashboard's needs
//! with every number through the run's small-cell suppression and the disclosure audit, only the
//! quotes staff approved (redacted once more) and the actions the City has taken on.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use analysis::Lang;
use analysis::text::pii::scrub;
use analysis::weighting::breakdown::MISSING_COLUMN;
use analysis::weighting::{Breakdown, Respondent, Scheme, SuppressionSettings};
use app::models::curation::ThemeStatus;
use app::models::dashboard::{DashboardData, DashboardFilter, Estimate, ThemeCard};
use app::models::publication::{
    PublicAction, PublicDistrict, PublicNeed, PublicQuote, PublicResults,
};
use app::models::strategy::ActionStatus;
use app::models::{Stream, UnitRef};
use app::store::dashboards::DashboardSource;
use app::store::entities::approved_quote;
use app::store::run_sources::{RunSources, unit_texts};
use app::store::runs as log;
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use time::OffsetDateTime;

use super::disclosure::{self, Column, Protection, Row};
use crate::runs::LoggedRun;
use crate::runs::input::{self, DISTRICT};

/// Published shares are rounded to a tenth of a percentage point: to this many parts of one.
const PARTS: f64 = 1000.0;

/// The rounding step of published shares.
pub const STEP: f64 = 1.0 / PARTS;

/// Approved quotes published per need, the first approved first.
pub const QUOTES_PER_NEED: usize = 5;

/// Why a run cannot be published.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("There is no analysis run {0}.")]
    UnknownRun(i32),
    #[error("Run {run} analysed no answers to a survey “{slug}”.")]
    UnknownSurvey { run: i32, slug: String },
    #[error("building the public snapshot")]
    Failed(#[from] anyhow::Error),
}

/// A built snapshot and what the disclosure audit hid beyond the run's suppression.
#[derive(Debug)]
pub struct Snapshot {
    pub results: PublicResults,
    /// Needs whose row the audit protected further: theme id and what it hid.
    pub audited: Vec<(String, Protection)>,
}

/// `x` rounded to [`STEP`].
pub fn round(x: f64) -> f64 {
    (x * PARTS).round() / PARTS
}

fn rounded(e: Estimate) -> Estimate {
    Estimate {
        value: round(e.value),
        lower: e.lower.map(round),
        upper: e.upper.map(round),
    }
}

/// True counts and weights of the district breakdown (the audit needs what the breakdown hides).
#[derive(Debug, Default, PartialEq)]
pub struct DistrictTable {
    /// Per column of the breakdown: respondents and part of the weighted total.
    pub columns: Vec<Column>,
    /// Per theme: respondents raising it in each column.
    pub counts: BTreeMap<String, Vec<u64>>,
}

/// Counts `respondents` (with `weights`) by the `categories` of the breakdown's columns.
pub fn district_table(
    respondents: &[Respondent],
    weights: &[f64],
    categories: &[String],
) -> DistrictTable {
    let index: HashMap<&str, usize> = categories
        .iter()
        .enumerate()
        .map(|(j, c)| (c.as_str(), j))
        .collect();
    let nc = categories.len();
    let mut n = vec![0u64; nc];
    let mut w = vec![0.0; nc];
    let mut counts: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for (r, &weight) in respondents.iter().zip(weights) {
        let Some(&j) = index.get(r.category(DISTRICT).unwrap_or(MISSING_COLUMN)) else {
            continue;
        };
        n[j] += 1;
        w[j] += weight;
        for t in &r.themes {
            counts.entry(t.clone()).or_insert_with(|| vec![0; nc])[j] += 1;
        }
    }
    let total: f64 = w.iter().sum();
    DistrictTable {
        columns: n
            .into_iter()
            .zip(w)
            .map(|(respondents, w)| Column {
                respondents,
                weight: if total > 0.0 { w / total } else { 0.0 },
            })
            .collect(),
        counts,
    }
}

/// The weighted district breakdown of the curated `run` with its true counts; `None` when the run
/// is not weighted or cannot be broken down by district (logged).
fn districts(run: &LoggedRun, sources: &RunSources) -> Option<(Breakdown, DistrictTable)> {
    let weighting = run.weighting.as_ref()?;
    let respondents = input::respondents(&run.scope.responses(sources.for_analysis()), &run.model);
    let breakdown = match weighting.breakdown(&respondents, DISTRICT, Scheme::RakedEquity) {
        Ok(b) => b,
        Err(err) => {
            tracing::warn!(%err, "no district breakdown to publish");
            return None;
        }
    };
    let categories: Vec<String> = breakdown
        .columns
        .iter()
        .map(|c| c.category.clone())
        .collect();
    let table = district_table(
        &respondents,
        &weighting.weights_for(Scheme::RakedEquity),
        &categories,
    );
    Some((breakdown, table))
}

/// Run `run_id`'s curated district breakdown with its true counts and district weights, as the
/// snapshot and its audit see them; `None` for an unknown or unweighted run.
pub async fn districts_of(
    db: &DatabaseConnection,
    run_id: i32,
) -> anyhow::Result<Option<(Breakdown, DistrictTable)>> {
    let Some(row) = log::get(db, run_id).await? else {
        return Ok(None);
    };
    let (run, sources) = crate::dashboard::curated_run(db, row).await?;
    Ok(tokio::task::spawn_blocking(move || districts(&run, &sources)).await?)
}

/// What was analysed, counted once per source: respondents per survey stream, reports, interview
/// documents (only the survey's respondents when `survey` is set), and the first and last day.
struct Analysed {
    by_stream: BTreeMap<Stream, BTreeSet<String>>,
    first: Option<OffsetDateTime>,
    last: Option<OffsetDateTime>,
}

fn analysed(run: &LoggedRun, sources: &RunSources, survey: Option<i32>) -> Analysed {
    let responses: HashMap<i64, (Stream, i32, OffsetDateTime)> = sources
        .responses
        .iter()
        .map(|r| (r.id, (r.stream, r.survey_id, r.submitted_at)))
        .collect();
    let mut out = Analysed {
        by_stream: BTreeMap::new(),
        first: None,
        last: None,
    };
    for a in run.model.assignments() {
        let Ok(unit) = a.unit_id.parse::<UnitRef>() else {
            continue;
        };
        let seen = match unit {
            UnitRef::Answer { response, .. } => responses
                .get(&response)
                .filter(|(_, s, _)| survey.is_none_or(|id| id == *s))
                .map(|(stream, _, at)| (*stream, format!("r{response}"), Some(*at))),
            _ if survey.is_some() => None,
            UnitRef::Report(id) => sources
                .reports
                .get(&id)
                .map(|r| (Stream::Reports, format!("p{id}"), Some(r.at))),
            UnitRef::Passage(id) => sources
                .passages
                .get(&id)
                .map(|p| (Stream::Notes, format!("d{}", p.document_id), None)),
        };
        if let Some((stream, source, at)) = seen {
            out.by_stream.entry(stream).or_default().insert(source);
            if let Some(at) = at {
                out.first = Some(out.first.map_or(at, |f| f.min(at)));
                out.last = Some(out.last.map_or(at, |l| l.max(at)));
            }
        }
    }
    out
}

fn day(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC).date().to_string()
}

/// Builds the public snapshot of run `run_id`, limited to survey `survey` (slug) when given.
pub async fn build(
    db: &DatabaseConnection,
    dashboards: &dyn DashboardSource,
    run_id: i32,
    survey: Option<&str>,
) -> Result<Snapshot, SnapshotError> {
    let filter = DashboardFilter {
        run: Some(run_id),
        survey: survey.map(str::to_owned),
        ..DashboardFilter::default()
    };
    let dashboard = match dashboards.dashboard(db.clone(), filter).await {
        Ok(Some(d)) if d.run_id == run_id => d,
        Ok(_) => return Err(SnapshotError::UnknownRun(run_id)),
        Err(err) => return Err(anyhow::anyhow!("the dashboard: {err}").into()),
    };
    let survey = match survey {
        None => None,
        Some(slug) => Some(
            dashboard
                .surveys
                .iter()
                .find(|(s, _)| s == slug)
                .cloned()
                .ok_or_else(|| SnapshotError::UnknownSurvey {
                    run: run_id,
                    slug: slug.to_owned(),
                })?,
        ),
    };
    let row = log::get(db, run_id)
        .await
        .map_err(anyhow::Error::from)?
        .ok_or(SnapshotError::UnknownRun(run_id))?;
    let (run, sources) = crate::dashboard::curated_run(db, row).await?;
    let survey_id = match &survey {
        Some((slug, _)) => sources
            .surveys
            .iter()
            .find(|s| &s.survey.slug == slug)
            .map(|s| s.survey.id),
        None => None,
    };
    let curation = app::store::curation::load(db)
        .await
        .map_err(anyhow::Error::from)?;
    let needs: Vec<&ThemeCard> = dashboard
        .themes
        .iter()
        .filter(|card| card.status == ThemeStatus::Need)
        .filter(|card| {
            curation
                .decision(&card.id)
                .is_none_or(|d| d.merged_into.is_none())
        })
        .filter(|card| survey.is_none() || card.respondents > 0)
        .collect();
    let actions = actions(db, &needs).await?;
    let quotes = quotes(db, &run, &sources, &needs, survey_id).await?;
    let ids: Vec<String> = needs.iter().map(|c| c.id.clone()).collect();
    let (results, audited) = tokio::task::spawn_blocking(move || {
        let analysed = analysed(&run, &sources, survey_id);
        let districts = districts(&run, &sources);
        let settings = run
            .weighting
            .as_ref()
            .map(|w| w.config.params.suppression.clone())
            .unwrap_or_default();
        assemble(
            &dashboard,
            &ids,
            Parts {
                survey,
                analysed,
                districts,
                settings,
                actions,
                quotes,
                weighted: run.weighting.is_some(),
            },
        )
    })
    .await
    .map_err(anyhow::Error::from)?;
    Ok(Snapshot { results, audited })
}

/// What [`assemble`] puts together besides the dashboard.
struct Parts {
    survey: Option<(String, String)>,
    analysed: Analysed,
    districts: Option<(Breakdown, DistrictTable)>,
    settings: SuppressionSettings,
    actions: HashMap<String, Vec<PublicAction>>,
    quotes: HashMap<String, Vec<PublicQuote>>,
    weighted: bool,
}

/// The public snapshot of the `needs` (ids, in the dashboard's order) of `dashboard`.
fn assemble(
    dashboard: &DashboardData,
    needs: &[String],
    mut parts: Parts,
) -> (PublicResults, Vec<(String, Protection)>) {
    let min = parts.settings.min_count;
    let mut audited = Vec::new();
    let mut published: Vec<PublicNeed> = Vec::new();
    for card in needs
        .iter()
        .filter_map(|id| dashboard.themes.iter().find(|c| &c.id == id))
    {
        let mut need = PublicNeed {
            rank: None,
            theme_id: card.id.clone(),
            name: card.name.clone(),
            description: card.description.clone(),
            respondents: None,
            weighted_share: None,
            withheld: None,
            by_district: Vec::new(),
            actions: parts.actions.remove(&card.id).unwrap_or_default(),
            quotes: parts.quotes.remove(&card.id).unwrap_or_default(),
        };
        if parts.weighted {
            need.weighted_share = match &card.suppressed {
                None => card.weighted_share.map(rounded),
                Some(_) => None,
            };
            need.withheld = card.suppressed.clone().or_else(|| {
                need.weighted_share
                    .is_none()
                    .then(|| "no weighted figure for this need".to_owned())
            });
        }
        match &parts.districts {
            Some((breakdown, table)) => {
                let row = breakdown.themes.iter().position(|t| t == &card.id);
                match row {
                    Some(i) => {
                        let protection = district_row(&mut need, breakdown, table, i);
                        if protection.changed() {
                            audited.push((card.id.clone(), protection));
                        }
                    }
                    None => need.by_district = vec![None; breakdown.columns.len()],
                }
            }
            None => {
                // Not weighted: survey respondents counted by the dashboard, under the rule.
                let n: usize = card
                    .by_stream
                    .iter()
                    .filter(|(s, _)| s.parse::<Stream>().is_ok_and(Stream::is_survey))
                    .map(|(_, n)| n)
                    .sum();
                need.respondents = (n as u64 >= min).then_some(n as u64);
            }
        }
        published.push(need);
    }
    // Ranked needs first (in the dashboard's order), then those with withheld figures.
    published.sort_by_key(|n| n.weighted_share.is_none());
    let mut next = 1;
    for need in &mut published {
        if need.weighted_share.is_some() {
            need.rank = Some(next);
            next += 1;
        }
    }
    let sources: Vec<(String, u64)> = parts
        .analysed
        .by_stream
        .iter()
        .map(|(s, set)| (s.label().to_owned(), set.len() as u64))
        .filter(|(_, n)| *n >= min)
        .collect();
    let respondents: u64 = parts
        .analysed
        .by_stream
        .iter()
        .filter(|(s, _)| s.is_survey())
        .map(|(_, set)| set.len() as u64)
        .sum();
    let districts = parts
        .districts
        .as_ref()
        .map(|(b, _)| {
            b.columns
                .iter()
                .map(|c| PublicDistrict {
                    name: c.category.clone(),
                    respondents: c.respondents,
                })
                .collect()
        })
        .unwrap_or_default();
    let results = PublicResults {
        run_id: dashboard.run_id,
        survey: parts.survey,
        period: parts
            .analysed
            .first
            .zip(parts.analysed.last)
            .map(|(f, l)| (day(f), day(l))),
        sources,
        respondents,
        weighted: parts.weighted,
        suppression_rule: format!(
            "Figures for fewer than {min} respondents are not shown, nor any figure that would let a hidden one be worked out."
        ),
        districts,
        needs: published,
    };
    (results, audited)
}

/// Fills `need`'s respondents and district shares from row `i` of the breakdown, protected by the
/// disclosure audit (which may also withhold the need's overall share).
fn district_row(
    need: &mut PublicNeed,
    breakdown: &Breakdown,
    table: &DistrictTable,
    i: usize,
) -> Protection {
    let cells = &breakdown.cells[i];
    let counts = table
        .counts
        .get(&need.theme_id)
        .cloned()
        .unwrap_or_else(|| vec![0; cells.len()]);
    let mut row = Row {
        counts,
        shown: cells.iter().map(|c| c.status.is_published()).collect(),
        total_shown: breakdown.suppression.row_totals[i].is_published(),
        share: need.weighted_share.map(|e| e.value),
    };
    let protection = if row.shown.iter().all(|s| *s) {
        Protection::default()
    } else {
        disclosure::protect(&mut row, &table.columns, STEP)
    };
    if protection.share_withheld {
        need.weighted_share = None;
        need.withheld =
            Some("withheld so that a district figure cannot be worked out from it".to_owned());
    }
    need.respondents = row.total_shown.then(|| row.counts.iter().sum());
    need.by_district = cells
        .iter()
        .zip(&row.shown)
        .map(|(c, shown)| if *shown { c.share.map(round) } else { None })
        .collect();
    protection
}

/// The actions on each need (and the themes merged into it) that are more than proposed.
async fn actions(
    db: &DatabaseConnection,
    needs: &[&ThemeCard],
) -> Result<HashMap<String, Vec<PublicAction>>, SnapshotError> {
    let mut out = HashMap::new();
    for card in needs {
        let mut listed = Vec::new();
        let themes =
            std::iter::once(card.id.as_str()).chain(card.merged.iter().map(|(id, _)| id.as_str()));
        for theme in themes {
            for a in app::store::actions::for_theme(db, theme)
                .await
                .map_err(anyhow::Error::from)?
            {
                if a.status == ActionStatus::Proposed {
                    continue;
                }
                listed.push(PublicAction {
                    id: a.id,
                    title: a.title,
                    summary: a.public_summary,
                    department: a.department,
                    status: a.status,
                    due_on: a.due_on,
                });
            }
        }
        out.insert(card.id.clone(), listed);
    }
    Ok(out)
}

/// The quotes staff approved among each need's members (answers to `survey` only, when set), at
/// most [`QUOTES_PER_NEED`], the first approved first, redacted again.
async fn quotes(
    db: &DatabaseConnection,
    run: &LoggedRun,
    sources: &RunSources,
    needs: &[&ThemeCard],
    survey: Option<i32>,
) -> Result<HashMap<String, Vec<PublicQuote>>, SnapshotError> {
    let approved: Vec<String> = approved_quote::Entity::find()
        .order_by_asc(approved_quote::Column::ApprovedAt)
        .order_by_asc(approved_quote::Column::UnitId)
        .all(db)
        .await
        .map_err(anyhow::Error::from)?
        .into_iter()
        .map(|q| q.unit_id)
        .collect();
    let survey_of: HashMap<i64, i32> = sources
        .responses
        .iter()
        .map(|r| (r.id, r.survey_id))
        .collect();
    let in_survey = |unit: &UnitRef| match (unit, survey) {
        (_, None) => true,
        (UnitRef::Answer { response, .. }, Some(id)) => survey_of.get(response) == Some(&id),
        _ => false,
    };
    let mut chosen: Vec<(String, Vec<UnitRef>)> = Vec::new();
    for card in needs {
        let members: BTreeSet<&str> = card.members.iter().map(String::as_str).collect();
        let units: Vec<UnitRef> = approved
            .iter()
            .filter(|u| members.contains(u.as_str()))
            .filter_map(|u| u.parse::<UnitRef>().ok())
            .filter(|u| in_survey(u))
            .take(QUOTES_PER_NEED)
            .collect();
        chosen.push((card.id.clone(), units));
    }
    let all: Vec<UnitRef> = chosen.iter().flat_map(|(_, u)| u.iter().cloned()).collect();
    let texts = unit_texts(db, &all).await.map_err(anyhow::Error::from)?;
    let langs: HashMap<&str, Lang> = run
        .model
        .assignments()
        .iter()
        .map(|a| (a.unit_id.as_str(), a.lang))
        .collect();
    Ok(chosen
        .into_iter()
        .map(|(theme, units)| {
            let quotes = units
                .iter()
                .filter_map(|u| {
                    let key = u.to_string();
                    let text = texts.get(&key)?;
                    let (text, _) = scrub(text.trim());
                    let lang = langs
                        .get(key.as_str())
                        .copied()
                        .unwrap_or_else(|| analysis::text::language::identify(&text, Lang::En));
                    Some(PublicQuote {
                        text,
                        lang: lang.code().to_owned(),
                    })
                })
                .collect();
            (theme, quotes)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_to_a_tenth_of_a_point() {
        assert!((round(0.12345) - 0.123).abs() < 1e-12);
        assert!((round(0.0996) - 0.1).abs() < 1e-12);
    }

    #[test]
    fn the_district_table_counts_people_and_weights_by_column() {
        let people = vec![
            Respondent::new("1").var(DISTRICT, "1").theme("T-001"),
            Respondent::new("2").var(DISTRICT, "1"),
            Respondent::new("3")
                .var(DISTRICT, "2")
                .theme("T-001")
                .theme("T-002"),
            Respondent::new("4").theme("T-002"),
        ];
        let columns = vec!["1".to_owned(), "2".to_owned(), MISSING_COLUMN.to_owned()];
        let t = district_table(&people, &[1.0, 1.0, 3.0, 3.0], &columns);
        assert_eq!(
            t.columns.iter().map(|c| c.respondents).collect::<Vec<_>>(),
            [2, 1, 1]
        );
        assert!((t.columns[1].weight - 0.375).abs() < 1e-12);
        assert_eq!(t.counts["T-001"], [1, 1, 0]);
        assert_eq!(t.counts["T-002"], [0, 1, 1]);
    }
}
