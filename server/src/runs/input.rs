//! Turns stored responses into analysis units, weighted respondents and organisational mentions.
//! Unit and source ids are made here, from [`UnitRef`] and [`SourceRef`], and nowhere else.

use std::collections::BTreeSet;

use analysis::weighting::{Respondent, SourceMention, WeightingConfig};
use analysis::{Lang, ThemeModel, Unit};
use app::models::collection::MODE_VARIABLE;
use app::models::{SourceRef, Stream, UnitRef};
use app::store::notes::PassageForAnalysis;
use app::store::reports::ReportForAnalysis;
use app::store::runs::ResponseForAnalysis;

/// The survey variable holding the council district (the equity layer's area, and the strata
/// and breadth variable of the bootstrap).
pub const DISTRICT: &str = "council_district";
/// The survey variable holding the ZIP code.
pub const ZIP: &str = "zip";

/// The analysis engine's name for a stream.
pub fn analysis_stream(stream: Stream) -> analysis::Stream {
    match stream {
        Stream::Resident => analysis::Stream::Resident,
        Stream::Department => analysis::Stream::Department,
        Stream::CommunityOrg => analysis::Stream::CommunityOrganization,
        Stream::Notes => analysis::Stream::InterviewNotes,
        Stream::Reports => analysis::Stream::ImportedReport,
    }
}

fn answer(response: i64, question: &str) -> UnitRef {
    UnitRef::Answer {
        response,
        question: question.to_owned(),
    }
}

/// One unit per free-text answer, counted by response.
pub fn units(responses: &[ResponseForAnalysis]) -> Vec<Unit> {
    responses
        .iter()
        .flat_map(|r| {
            r.texts.iter().map(move |(key, text)| {
                let mut unit = Unit::new(answer(r.id, key).to_string(), text.clone())
                    .with_respondent(SourceRef::Response(r.id).to_string())
                    .with_stream(analysis_stream(r.stream));
                if let Some(lang) = Lang::from_code(&r.language) {
                    unit = unit.with_ui_language(lang);
                }
                unit
            })
        })
        .collect()
}

/// Residents who wrote at least one free-text answer, with their weighting variables (the
/// collection mode among them), area, ZIP and the themes their answers fell in. For breakdowns
/// and everything else read from a run's weights; fitting the weights reads
/// [`weighted_respondents`].
pub fn respondents(responses: &[ResponseForAnalysis], model: &ThemeModel) -> Vec<Respondent> {
    respondents_with(responses, model, true)
}

/// [`respondents`] as a run's weights are fitted on them: the collection mode is a variable only
/// when `config`'s margins rake on it, so the weighting's input (and hash) of a run that does not
/// is what it was before modes were recorded, and `runs verify` still repeats it.
pub fn weighted_respondents(
    responses: &[ResponseForAnalysis],
    model: &ThemeModel,
    config: &WeightingConfig,
) -> Vec<Respondent> {
    respondents_with(responses, model, rakes_on_mode(config))
}

/// Whether `config`'s margins name the collection mode.
pub fn rakes_on_mode(config: &WeightingConfig) -> bool {
    config
        .margins
        .variables
        .iter()
        .any(|v| v.name == MODE_VARIABLE)
}

/// `person` with `r`'s collection mode as the variable [`MODE_VARIABLE`].
pub fn with_mode(person: Respondent, r: &ResponseForAnalysis) -> Respondent {
    person.var(MODE_VARIABLE, r.collection_mode.as_str())
}

fn respondents_with(
    responses: &[ResponseForAnalysis],
    model: &ThemeModel,
    mode: bool,
) -> Vec<Respondent> {
    responses
        .iter()
        .filter(|r| r.stream == Stream::Resident && !r.texts.is_empty())
        .map(|r| {
            let mut person = Respondent::new(SourceRef::Response(r.id).to_string());
            for (variable, category) in &r.variables {
                person = person.var(variable.clone(), category.clone());
            }
            if mode {
                person = with_mode(person, r);
            }
            if let Some(district) = r.variables.get(DISTRICT) {
                person = person.area(district.clone());
            }
            if let Some(zip) = r.variables.get(ZIP) {
                person = person.zip(zip.clone());
            }
            for theme in themes_of(r, model) {
                person = person.theme(theme);
            }
            person
        })
        .collect()
}

/// Which themes each department or community-organisation response raises (counted, not
/// weighted).
pub fn mentions(responses: &[ResponseForAnalysis], model: &ThemeModel) -> Vec<SourceMention> {
    responses
        .iter()
        .filter(|r| r.stream != Stream::Resident)
        .flat_map(|r| {
            themes_of(r, model).into_iter().map(|theme| SourceMention {
                stream: analysis_stream(r.stream),
                source: SourceRef::Response(r.id).to_string(),
                theme,
            })
        })
        .collect()
}

fn themes_of(r: &ResponseForAnalysis, model: &ThemeModel) -> BTreeSet<String> {
    r.texts
        .iter()
        .filter_map(|(key, _)| model.theme_of(&answer(r.id, key).to_string()))
        .map(str::to_owned)
        .collect()
}

/// One unit per imported report, in the imported-report stream; each report is its own source.
pub fn report_units(reports: &[ReportForAnalysis]) -> Vec<Unit> {
    reports
        .iter()
        .map(|r| {
            Unit::new(UnitRef::Report(r.id).to_string(), r.text.clone())
                .with_stream(analysis::Stream::ImportedReport)
        })
        .collect()
}

/// Which themes each imported report (by id) raises (counted, not weighted).
pub fn report_mentions(
    reports: impl IntoIterator<Item = i64>,
    model: &ThemeModel,
) -> Vec<SourceMention> {
    reports
        .into_iter()
        .filter_map(|id| {
            let theme = model.theme_of(&UnitRef::Report(id).to_string())?.to_owned();
            Some(SourceMention {
                stream: analysis::Stream::ImportedReport,
                source: SourceRef::Report(id).to_string(),
                theme,
            })
        })
        .collect()
}

/// One unit per interview-note passage, counted by document, with the notes' language as prior.
pub fn passage_units(passages: &[PassageForAnalysis]) -> Vec<Unit> {
    passages
        .iter()
        .map(|p| {
            let unit = Unit::new(UnitRef::Passage(p.id).to_string(), p.text.clone())
                .with_respondent(SourceRef::Document(p.document_id).to_string())
                .with_stream(analysis::Stream::InterviewNotes);
            match Lang::from_code(&p.language) {
                Some(lang) => unit.with_ui_language(lang),
                None => unit,
            }
        })
        .collect()
}

/// Which themes each interview-note document raises (each document once per theme), from
/// `(passage id, document id)` pairs.
pub fn passage_mentions(
    passages: impl IntoIterator<Item = (i64, i32)>,
    model: &ThemeModel,
) -> Vec<SourceMention> {
    let mut seen = BTreeSet::new();
    passages
        .into_iter()
        .filter_map(|(passage, document)| {
            let theme = model
                .theme_of(&UnitRef::Passage(passage).to_string())?
                .to_owned();
            seen.insert((document, theme.clone()))
                .then(|| SourceMention {
                    stream: analysis::Stream::InterviewNotes,
                    source: SourceRef::Document(document).to_string(),
                    theme,
                })
        })
        .collect()
}
