//! The dashboard's panels computed from a logged run: the theme cards (ranked, with counts under
//! the filter, quotes and trend), the sensitivity of the order to the weighting, and the weighted
//! breakdown by a variable.

use std::collections::BTreeMap;

use analysis::weighting::{Interval, PublishedPriority};
use app::models::Stream;
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
fn labels(run: &LoggedRun) -> BTreeMap<&str, &str> {
    run.report
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str()))
        .collect()
}

fn label_of<'a>(labels: &BTreeMap<&str, &'a str>, id: &'a str) -> String {
    labels.get(id).copied().unwrap_or(id).to_owned()
}

/// One card per theme, ranked by priority (unranked last, by people).
pub fn theme_cards(run: &LoggedRun, members: &Members, filter: &DashboardFilter) -> Vec<ThemeCard> {
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
            ThemeCard {
                id: t.id.clone(),
                label: t.label.clone(),
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
                        })
                    })
                    .collect(),
                trend: counted.months.into_iter().collect(),
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
    themes
}

/// How each theme's rank moves from unweighted to raked to raked × equity.
pub fn sensitivity(run: &LoggedRun) -> Option<SensitivityView> {
    let s = &run.weighting.as_ref()?.sensitivity;
    let labels = labels(run);
    let pos = |list: &[String], id: &str| list.iter().position(|x| x == id).map_or(0, |p| p + 1);
    Some(SensitivityView {
        rows: s
            .raked_equity
            .iter()
            .map(|id| {
                (
                    label_of(&labels, id),
                    pos(&s.unweighted, id),
                    pos(&s.raked, id),
                    pos(&s.raked_equity, id),
                )
            })
            .collect(),
        tau_unweighted_equity: s.tau_unweighted_equity,
    })
}

/// The variables shares can be broken down by: the council district, then the raking variables.
pub fn breakdown_variables(run: &LoggedRun) -> Vec<String> {
    let mut variables: Vec<String> = vec![DISTRICT.to_owned()];
    if let Some(w) = &run.weighting {
        for v in &w.config.margins.variables {
            if !variables.contains(&v.name) {
                variables.push(v.name.clone());
            }
        }
    }
    variables
}

/// Weighted shares by `by`, small cells suppressed; `None` for an unweighted run or a variable
/// the run cannot break down by (logged).
pub fn breakdown(run: &LoggedRun, sources: &RunSources, by: &str) -> Option<BreakdownView> {
    run.weighting.as_ref()?;
    let b = match run.breakdown(sources.for_analysis(), by) {
        Ok(b) => b,
        Err(err) => {
            tracing::warn!(error = %format!("{err:#}"), variable = %by, "no breakdown");
            return None;
        }
    };
    let labels = labels(run);
    Some(BreakdownView {
        variable: b.variable.clone(),
        columns: b.columns.iter().map(|c| c.category.clone()).collect(),
        rows: b
            .themes
            .iter()
            .zip(&b.cells)
            .map(|(id, cells)| {
                (
                    label_of(&labels, id),
                    cells.iter().map(|c| c.share).collect(),
                )
            })
            .collect(),
    })
}
