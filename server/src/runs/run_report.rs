//! The "What we heard" report of one run: the dashboard's ranked themes (the same builder, so the
//! report and the dashboard cannot disagree), what was analysed per stream and language, and how
//! the themes were found and weighted, read from the run's log.

use std::collections::{BTreeMap, BTreeSet};

use analysis::Representation;
use analysis::weighting::WeightingRun;
use app::models::curation::ThemeStatus;
use app::models::dashboard::{DashboardFilter, QuoteView, ThemeCard};
use app::models::report::{ReportData, ReportMethod, ReportTheme, WeightingMethod};
use app::models::{SourceRef, Stream, UnitRef};
use app::store::dashboards::DashboardSource;
use app::store::run_sources::RunSources;
use app::store::runs as log;
use sea_orm::DatabaseConnection;

use super::LoggedRun;

/// The quotes the report prints for a theme: those staff approved on the theme's page (a
/// deleted interview document's are already left out by the dashboard).
pub fn report_quotes(card: &ThemeCard) -> Vec<QuoteView> {
    card.quotes.iter().filter(|q| q.approved).cloned().collect()
}

/// The report of run `id`, from the dashboard `dashboards` builds for it; `None` when there is
/// no such run.
pub async fn build(
    db: &DatabaseConnection,
    dashboards: &dyn DashboardSource,
    id: i32,
) -> anyhow::Result<Option<ReportData>> {
    let filter = DashboardFilter {
        run: Some(id),
        ..DashboardFilter::default()
    };
    let Some(dashboard) = dashboards.dashboard(db.clone(), filter).await? else {
        return Ok(None);
    };
    if dashboard.run_id != id {
        return Ok(None);
    }
    let Some(row) = log::get(db, id).await? else {
        return Ok(None);
    };
    let sources = RunSources::load(db, (&row).into()).await?;
    let (run, streams) = tokio::task::spawn_blocking(move || {
        let run = LoggedRun::read(row)?;
        let streams = sources_by_stream(&run, &sources);
        Ok::<_, anyhow::Error>((run, streams))
    })
    .await??;
    // The needs as staff curated them: hidden themes and those set aside as not a need are left
    // out; names and descriptions are the dashboard's.
    let themes: Vec<ReportTheme> = dashboard
        .themes
        .iter()
        .filter(|card| card.status == ThemeStatus::Need)
        .map(|card| ReportTheme {
            rank: card.rank,
            id: card.id.clone(),
            title: card.name.clone(),
            description: card.description.clone(),
            respondents: card.respondents,
            share: card.share,
            weighted_share: card.weighted_share,
            suppressed: card.suppressed.clone(),
            quotes: report_quotes(card),
        })
        .collect();
    let method = method(&run, &themes);
    Ok(Some(ReportData {
        run_id: id,
        created_at: dashboard.created_at,
        scope: dashboard.scope,
        n_units: dashboard.n_units,
        n_respondents: dashboard.n_respondents,
        unclassified: dashboard.unclassified,
        streams,
        languages: run
            .report
            .languages
            .iter()
            .map(|(lang, n)| (lang.code().to_owned(), *n))
            .collect(),
        themes,
        method,
    }))
}

/// Respondents, documents and reports per stream among the units `run` analysed (a deleted
/// document's passages no longer count), in the streams' order.
fn sources_by_stream(run: &LoggedRun, sources: &RunSources) -> Vec<(String, usize)> {
    let streams: BTreeMap<i64, Stream> =
        sources.responses.iter().map(|r| (r.id, r.stream)).collect();
    let mut seen: BTreeMap<Stream, BTreeSet<SourceRef>> = BTreeMap::new();
    for a in run.model.assignments() {
        let Ok(unit) = a.unit_id.parse::<UnitRef>() else {
            continue;
        };
        let counted = match unit {
            UnitRef::Answer { response, .. } => streams
                .get(&response)
                .map(|s| (*s, SourceRef::Response(response))),
            UnitRef::Report(id) => Some((Stream::Reports, SourceRef::Report(id))),
            UnitRef::Passage(id) => sources
                .passages
                .get(&id)
                .map(|p| (Stream::Notes, SourceRef::Document(p.document_id))),
        };
        if let Some((stream, source)) = counted {
            seen.entry(stream).or_default().insert(source);
        }
    }
    seen.into_iter()
        .map(|(stream, set)| (stream.label().to_owned(), set.len()))
        .collect()
}

/// How `run`'s themes were found and weighted; `themes` name the suppressed ones.
fn method(run: &LoggedRun, themes: &[ReportTheme]) -> ReportMethod {
    let report = &run.report;
    ReportMethod {
        representation: match report.parameters.representation {
            Representation::Semantic => "semantic".to_owned(),
            Representation::Classical => "classical".to_owned(),
        },
        encoder: report.encoder.clone(),
        k: report.k,
        k_automatic: report.parameters.k.is_none(),
        seed: report.parameters.seed,
        weighting: run.weighting.as_ref().map(|w| weighting(w, themes)),
        weighting_problem: run.row.weighting_problem.clone(),
    }
}

fn weighting(w: &WeightingRun, themes: &[ReportTheme]) -> WeightingMethod {
    let s = &w.config.params.suppression;
    let title = |id: &str| {
        themes
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_owned(), |t| t.title.clone())
    };
    WeightingMethod {
        respondents: w.respondents,
        raking_variables: w
            .raking
            .variables
            .iter()
            .map(|v| v.variable.clone())
            .collect(),
        equity_index: w
            .config
            .equity
            .as_ref()
            .map(|_| w.config.params.equity.index_name.clone()),
        design_effect: w.combined_summary.deff,
        effective_n: w.combined_summary.n_eff,
        suppression_rule: format!(
            "A theme's weighted figures are withheld when fewer than {} residents raised it, when the effective sample behind them is below {}, or when their relative standard error is above {:.0}%; a figure that would let a withheld one be worked out is withheld too.",
            s.min_count,
            s.min_effective_n,
            s.max_relative_se * 100.0
        ),
        suppressed: w
            .published_priorities()
            .into_iter()
            .filter(|p| !p.suppressed.is_empty())
            .map(|p| {
                let why = p
                    .suppressed
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ");
                (title(&p.theme), why)
            })
            .collect(),
    }
}
