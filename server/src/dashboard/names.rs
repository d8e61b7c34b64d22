//! Readable theme names for a run as shown ("Trash and dumped furniture"), made from the themes'
//! own answers by [`analysis::labels::names`]. Names are made at display time, not logged, so
//! every run gets them, a regrouped theme gets one from its new members, and `runs verify` still
//! reproduces the logged keyword labels. A theme's name is made from an even sample of its members
//! (at most [`SAMPLE`]), so naming costs the same on a run of 100,000 reports as on one of 1,000.

use std::collections::{BTreeMap, HashMap};

use analysis::labels::names::{MemberText, NamingInput, main_language, theme_names};
use analysis::{Lang, Theme};
use app::models::{AnswerValue, SourceRef, UnitRef};
use app::store::run_sources::{self, RunSources};
use sea_orm::{DatabaseConnection, DbErr};

use crate::runs::LoggedRun;

/// Members per theme a name is made from.
const SAMPLE: usize = 300;

/// Every `len / SAMPLE`-th member, in member order (deterministic).
fn sample(members: &[String]) -> impl Iterator<Item = &String> {
    let step = members.len().div_ceil(SAMPLE).max(1);
    members.iter().step_by(step)
}

/// The texts of the sampled reports and passages (answers are in `sources` already).
pub async fn sampled_texts(
    db: &DatabaseConnection,
    run: &LoggedRun,
) -> Result<HashMap<String, String>, DbErr> {
    let units: Vec<UnitRef> = run
        .report
        .themes
        .iter()
        .flat_map(|t| sample(&t.members))
        .filter_map(|u| u.parse::<UnitRef>().ok())
        .filter(|u| !matches!(u, UnitRef::Answer { .. }))
        .collect();
    run_sources::unit_texts(db, &units).await
}

/// A name for every theme of `run`, by theme id.
pub fn names(
    run: &LoggedRun,
    sources: &RunSources,
    texts: &HashMap<String, String>,
) -> BTreeMap<String, String> {
    let answers: HashMap<i64, &BTreeMap<String, AnswerValue>> = sources
        .responses
        .iter()
        .map(|r| (r.id, &r.answers))
        .collect();
    let text_of = |unit: &str| -> Option<(String, &str)> {
        match unit.parse::<UnitRef>().ok()? {
            UnitRef::Answer { response, question } => {
                match answers.get(&response)?.get(&question)? {
                    AnswerValue::Text(text) => {
                        Some((SourceRef::Response(response).to_string(), text.as_str()))
                    }
                    _ => None,
                }
            }
            UnitRef::Report(id) => {
                Some((SourceRef::Report(id).to_string(), texts.get(unit)?.as_str()))
            }
            UnitRef::Passage(id) => {
                let document = sources.passages.get(&id)?.document_id;
                Some((
                    SourceRef::Document(document).to_string(),
                    texts.get(unit)?.as_str(),
                ))
            }
        }
    };
    let themes: &[Theme] = &run.report.themes;
    let sampled: Vec<Vec<(String, &str)>> = themes
        .iter()
        .map(|t| sample(&t.members).filter_map(|u| text_of(u)).collect())
        .collect();
    let inputs: Vec<NamingInput<'_>> = themes
        .iter()
        .zip(&sampled)
        .map(|(t, members)| NamingInput {
            members: members
                .iter()
                .map(|(respondent, text)| MemberText { respondent, text })
                .collect(),
            keywords: &t.keywords,
            lang: main_language(&t.languages, Lang::En),
        })
        .collect();
    themes
        .iter()
        .map(|t| t.id.clone())
        .zip(theme_names(&inputs))
        .collect()
}
