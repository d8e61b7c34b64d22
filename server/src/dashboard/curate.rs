//! Staff curation applied to a logged run for showing it: merges and splits regroup a copy of the
//! run's model, and when anything moved the logged weighting configuration is fitted again on
//! the regrouped themes, so merged and split themes get shares, intervals and ranks by the same
//! method as every other theme. The logged run is never changed (`runs verify` reads the log).

use std::collections::{BTreeMap, HashMap};

use analysis::pipeline::regroup::Regrouping;
use app::models::curation::Curation;
use app::models::{SourceRef, Stream, UnitRef};
use app::store::run_sources::RunSources;

use crate::runs::{LoggedRun, input};

/// The regrouping staff decisions ask of `run`'s themes: merges whose both ends are in the run,
/// and splits' units that are members of a theme in it.
pub fn regrouping(curation: &Curation, run: &LoggedRun) -> Regrouping {
    let merges = curation
        .decisions
        .values()
        .filter_map(|d| Some((d.theme_id.clone(), d.merged_into.clone()?)))
        .collect();
    let mut plan = Regrouping {
        merges,
        ..Regrouping::default()
    };
    for split in &curation.splits {
        let mut any = false;
        for unit in &split.members {
            if run.model.theme_of(unit).is_some() {
                plan.moves.insert(unit.clone(), split.theme_id.clone());
                any = true;
            }
        }
        if any {
            plan.splits
                .insert(split.theme_id.clone(), split.parent_theme_id.clone());
        }
    }
    plan
}

/// `run` as staff curated it: regrouped, its report redone and its weighting fitted again with the
/// logged configuration; unchanged when curation moves nothing. `Err` only when the re-fit
/// fails, which the caller reports instead of showing uncurated figures as curated.
pub fn apply(
    mut run: LoggedRun,
    curation: &Curation,
    sources: &RunSources,
) -> anyhow::Result<(LoggedRun, bool)> {
    let plan = regrouping(curation, &run);
    if plan.is_empty() {
        return Ok((run, false));
    }
    let streams: HashMap<i64, Stream> =
        sources.responses.iter().map(|r| (r.id, r.stream)).collect();
    let respondent_of = |unit: &str| -> Option<(String, analysis::Stream)> {
        match unit.parse::<UnitRef>().ok()? {
            UnitRef::Answer { response, .. } => Some((
                SourceRef::Response(response).to_string(),
                input::analysis_stream(*streams.get(&response)?),
            )),
            UnitRef::Report(id) => Some((
                SourceRef::Report(id).to_string(),
                analysis::Stream::ImportedReport,
            )),
            UnitRef::Passage(id) => Some((
                SourceRef::Document(sources.passages.get(&id)?.document_id).to_string(),
                analysis::Stream::InterviewNotes,
            )),
        }
    };
    run.model = run.model.regroup(&plan, &respondent_of);
    run.report = run.model.report();
    if let Some(logged) = run.weighting.take() {
        let responses = run.scope.responses(sources.for_analysis());
        let mut mentions = input::mentions(&responses, &run.model);
        mentions.extend(input::report_mentions(
            sources.reports.keys().copied(),
            &run.model,
        ));
        mentions.extend(input::passage_mentions(
            sources.passages.iter().map(|(id, p)| (*id, p.document_id)),
            &run.model,
        ));
        let respondents = input::respondents(&responses, &run.model);
        run.weighting = Some(logged.config.fit(&respondents, &mentions)?);
    }
    Ok((run, true))
}

/// Split themes' parents, for saying where a split theme came from.
pub fn split_parents(curation: &Curation) -> BTreeMap<&str, &str> {
    curation
        .splits
        .iter()
        .map(|s| (s.theme_id.as_str(), s.parent_theme_id.as_str()))
        .collect()
}
