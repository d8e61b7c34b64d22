//! The dashboard's panels computed from a logged run: the theme cards (ranked, with counts under
//! the filter, quotes and trend), the sensitivity of the order to the weighting, and the weighted
//! breakdown by a variable.

use std::collections::BTreeMap;

use analysis::Lineage;
use analysis::weighting::{Interval, PublishedPriority};
use app::models::Stream;
use app::models::collection::MODE_VARIABLE;
use app::models::curation::{Curation, NameSource, ThemeStatus};
use app::models::dashboard::{
    BreakdownView, DashboardFilter, Estimate, QuoteView, SensitivityView, ThemeCard,
};
use app::store::run_sources::RunSources;

use super::members::Members;
use crate::runs::LoggedRun;
use crate::runs::input::DISTRICT;

fn estimate(value: f64, interval: Option<Interval>) -> Estimate {
    Estimate {
        value,
        lower: interval.map(|i| i.lower),
        upper: interval.map(|i| i.upper),
    }
}

/// Counts per stream, by stream name in name order (as exports have always listed them).
fn by_name(counts: BTreeMap<Stream, usize>) -> Vec<(String, usize)> {
    let named: BTreeMap<&str, usize> = counts.into_iter().map(|(s, n)| (s.as_str(), n)).collect();
    named.into_iter().map(|(s, n)| (s.to_owned(), n)).collect()
}

/// Theme labels by id.
pub fn labels(run: &LoggedRun) -> BTreeMap<&str, &str> {
    run.report
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str()))
        .collect()
}

/// The shown name of theme `id` (its id when it has none).
fn label_of(names: &BTreeMap<&str, &str>, id: &str) -> String {
    names.get(id).copied().unwrap_or(id).to_owned()
}

/// What a theme card is made with besides the run and its members.
pub struct CardContext<'a> {
    pub filter: &'a DashboardFilter,
    pub curation: &'a Curation,
    /// Generated names by theme id.
    pub names: &'a BTreeMap<String, String>,
    /// Ranks in the previous run by theme id.
    pub previous: &'a BTreeMap<String, usize>,
    /// Themes merged into each theme: id and logged label.
    pub merged: &'a BTreeMap<String, Vec<(String, String)>>,
}

/// One card per theme with staff decisions applied, ranked by priority (unranked last, by
/// people); ranks are counted among the themes that are shown as needs.
pub fn theme_cards(run: &LoggedRun, members: &Members, cx: &CardContext<'_>) -> Vec<ThemeCard> {
    let filter = cx.filter;
    let split_from = super::curate::split_parents(cx.curation);
    let published: BTreeMap<String, PublishedPriority> = run
        .weighting
        .as_ref()
        .map(|w| w.published_priorities())
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.theme.clone(), p))
        .collect();
    let total = members.total(filter).max(1) as f64;
    let mut themes: Vec<ThemeCard> = run
        .report
        .themes
        .iter()
        .map(|t| {
            let counted = members.count(&t.members, filter);
            let p = published.get(&t.id);
            let row = p.and_then(|p| p.row.as_ref());
            let decision = cx.curation.decision(&t.id);
            let (name, named_by) = match decision.and_then(|d| Some((d.name.clone()?, d))) {
                Some((name, d)) => (
                    name,
                    NameSource::Staff {
                        run: d.set_in_run,
                        at: d.updated_at.clone(),
                    },
                ),
                None => (
                    cx.names
                        .get(&t.id)
                        .cloned()
                        .unwrap_or_else(|| t.label.clone()),
                    NameSource::Generated,
                ),
            };
            let status = match decision {
                Some(d) if d.not_a_need => ThemeStatus::NotANeed,
                Some(d) if d.hidden => ThemeStatus::Hidden,
                _ => ThemeStatus::Need,
            };
            ThemeCard {
                id: t.id.clone(),
                name,
                named_by,
                label: t.label.clone(),
                description: decision.and_then(|d| d.description.clone()),
                status,
                merged: cx.merged.get(&t.id).cloned().unwrap_or_default(),
                split_from: split_from.get(t.id.as_str()).map(|p| (*p).to_owned()),
                new_since_previous: t.lineage == Lineage::New,
                previous_rank: cx.previous.get(&t.id).copied(),
                department: decision
                    .and_then(|d| d.department_id)
                    .and_then(|id| cx.curation.departments.get(&id).cloned()),
                goals: decision
                    .map(|d| {
                        d.goal_ids
                            .iter()
                            .filter_map(|g| cx.curation.goals.get(g).cloned())
                            .collect()
                    })
                    .unwrap_or_default(),
                keywords: t.keywords.iter().map(|k| k.term.clone()).collect(),
                respondents: counted.respondents,
                share: counted.respondents as f64 / total,
                rank: row.map(|r| r.equity.rank),
                weighted_share: row.map(|r| estimate(r.equity.share, r.equity.share_ci90)),
                priority: row.map(|r| estimate(r.equity.priority, r.equity.priority_ci90)),
                suppressed: p.filter(|p| !p.suppressed.is_empty()).map(|p| {
                    p.suppressed
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                by_stream: by_name(counted.by_stream),
                languages: counted.languages.into_iter().collect(),
                quotes: t
                    .quotes
                    .iter()
                    .filter_map(|q| {
                        let (source, link) = members.source(&q.unit_id)?;
                        Some(QuoteView {
                            text: q.text.clone(),
                            lang: q.lang.code().to_owned(),
                            source,
                            link,
                            unit: q.unit_id.clone(),
                            approved: cx.curation.approved.contains(&q.unit_id),
                        })
                    })
                    .collect(),
                trend: counted.months.into_iter().collect(),
                members: t.members.clone(),
            }
        })
        .collect();
    themes.sort_by(|a, b| {
        (a.rank.is_none(), a.rank, std::cmp::Reverse(a.respondents)).cmp(&(
            b.rank.is_none(),
            b.rank,
            std::cmp::Reverse(b.respondents),
        ))
    });
    let mut next = 1;
    for t in &mut themes {
        if t.status != ThemeStatus::Need {
            t.rank = None;
        } else if t.rank.is_some() {
            t.rank = Some(next);
            next += 1;
        }
    }
    themes
}

/// Ranks of the previous run's themes, counted as [`theme_cards`] counts them: among the themes
/// staff have not hidden, set aside or merged into another.
pub fn previous_ranks(
    weighting: &analysis::weighting::WeightingRun,
    curation: &Curation,
) -> BTreeMap<String, usize> {
    let mut ranked: Vec<(usize, String)> = weighting
        .published_priorities()
        .into_iter()
        .filter_map(|p| Some((p.row?.equity.rank, p.theme)))
        .filter(|(_, id)| {
            curation
                .decision(id)
                .is_none_or(|d| !d.hidden && !d.not_a_need && d.merged_into.is_none())
        })
        .collect();
    ranked.sort();
    ranked
        .into_iter()
        .enumerate()
        .map(|(i, (_, id))| (id, i + 1))
        .collect()
}

/// How each theme's rank moves from unweighted to raked to raked × equity.
pub fn sensitivity(run: &LoggedRun, labels: &BTreeMap<&str, &str>) -> Option<SensitivityView> {
    let s = &run.weighting.as_ref()?.sensitivity;
    let pos = |list: &[String], id: &str| list.iter().position(|x| x == id).map_or(0, |p| p + 1);
    Some(SensitivityView {
        rows: s
            .raked_equity
            .iter()
            .map(|id| {
                (
                    label_of(labels, id),
                    pos(&s.unweighted, id),
                    pos(&s.raked, id),
                    pos(&s.raked_equity, id),
                )
            })
            .collect(),
        tau_unweighted_equity: s.tau_unweighted_equity,
    })
}

/// The variables shares can be broken down by: the council district, then the raking variables,
/// then how responses were collected (web, paper, phone, in person).
pub fn breakdown_variables(run: &LoggedRun) -> Vec<String> {
    let mut variables: Vec<String> = vec![DISTRICT.to_owned()];
    if let Some(w) = &run.weighting {
        for v in &w.config.margins.variables {
            if !variables.contains(&v.name) {
                variables.push(v.name.clone());
            }
        }
    }
    if !variables.iter().any(|v| v == MODE_VARIABLE) {
        variables.push(MODE_VARIABLE.to_owned());
    }
    variables
}

/// Weighted shares by `by`, small cells suppressed; `None` for an unweighted run or a variable
/// the run cannot break down by (logged).
pub fn breakdown(
    run: &LoggedRun,
    sources: &RunSources,
    by: &str,
    labels: &BTreeMap<&str, &str>,
) -> Option<BreakdownView> {
    run.weighting.as_ref()?;
    let b = match run.breakdown(sources.for_analysis(), by) {
        Ok(b) => b,
        Err(err) => {
            tracing::warn!(error = %format!("{err:#}"), variable = %by, "no breakdown");
            return None;
        }
    };
    Some(BreakdownView {
        variable: b.variable.clone(),
        columns: b.columns.iter().map(|c| c.category.clone()).collect(),
        rows: b
            .themes
            .iter()
            .zip(&b.cells)
            .map(|(id, cells)| {
                (
                    label_of(labels, id),
                    cells.iter().map(|c| c.share).collect(),
                )
            })
            .collect(),
    })
}
