//! Turns stored responses into analysis units, weighted respondents and organisational mentions.

use std::collections::BTreeSet;

use analysis::weighting::{Respondent, SourceMention};
use analysis::{Lang, Stream, ThemeModel, Unit};
use app::store::entities::report;
use app::store::notes::PassageForAnalysis;
use app::store::runs::ResponseForAnalysis;

/// The survey variable holding the council district (the equity layer's area, and the strata
/// and breadth variable of the bootstrap).
pub const DISTRICT: &str = "council_district";
/// The survey variable holding the ZIP code.
pub const ZIP: &str = "zip";

/// Respondent ID of a response: prevalence is counted per response, not per answer.
pub fn respondent_id(response: i64) -> String {
    format!("R{response}")
}

fn stream(audience: &str) -> Stream {
    match audience {
        "department" => Stream::Department,
        "community_org" => Stream::CommunityOrganization,
        _ => Stream::Resident,
    }
}

/// One unit per free-text answer (`<response>:<question>`), counted by response.
pub fn units(responses: &[ResponseForAnalysis]) -> Vec<Unit> {
    responses
        .iter()
        .flat_map(|r| {
            r.texts.iter().map(move |(key, text)| {
                let mut unit = Unit::new(format!("{}:{key}", r.id), text.clone())
                    .with_respondent(respondent_id(r.id))
                    .with_stream(stream(&r.stream));
                if let Some(lang) = Lang::from_code(&r.language) {
                    unit = unit.with_ui_language(lang);
                }
                unit
            })
        })
        .collect()
}

/// Residents who wrote at least one free-text answer, with their weighting variables, area,
/// ZIP and the themes their answers fell in.
pub fn respondents(responses: &[ResponseForAnalysis], model: &ThemeModel) -> Vec<Respondent> {
    responses
        .iter()
        .filter(|r| stream(&r.stream) == Stream::Resident && !r.texts.is_empty())
        .map(|r| {
            let mut person = Respondent::new(respondent_id(r.id));
            for (variable, category) in &r.variables {
                person = person.var(variable.clone(), category.clone());
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
        .filter(|r| stream(&r.stream) != Stream::Resident)
        .flat_map(|r| {
            themes_of(r, model).into_iter().map(|theme| SourceMention {
                stream: stream(&r.stream),
                source: respondent_id(r.id),
                theme,
            })
        })
        .collect()
}

fn themes_of(r: &ResponseForAnalysis, model: &ThemeModel) -> BTreeSet<String> {
    r.texts
        .iter()
        .filter_map(|(key, _)| model.theme_of(&format!("{}:{key}", r.id)))
        .map(str::to_owned)
        .collect()
}

/// Unit and source ID of an imported report: each report is its own source.
fn report_id(report: &report::Model) -> String {
    format!("report:{}", report.id)
}

/// One unit per imported report, in the imported-report stream.
pub fn report_units(reports: &[report::Model]) -> Vec<Unit> {
    reports
        .iter()
        .map(|r| Unit::new(report_id(r), r.text.clone()).with_stream(Stream::ImportedReport))
        .collect()
}

/// Which themes each imported report raises (counted, not weighted).
pub fn report_mentions(reports: &[report::Model], model: &ThemeModel) -> Vec<SourceMention> {
    reports
        .iter()
        .filter_map(|r| {
            let id = report_id(r);
            let theme = model.theme_of(&id)?.to_owned();
            Some(SourceMention {
                stream: Stream::ImportedReport,
                source: id,
                theme,
            })
        })
        .collect()
}

/// Unit id of an interview-note passage.
pub fn passage_id(passage: i64) -> String {
    format!("passage:{passage}")
}

/// Source id of an interview-note document: each document is one source for prevalence.
pub fn document_id(document: i32) -> String {
    format!("note:{document}")
}

/// One unit per interview-note passage, counted by document, with the notes' language as prior.
pub fn passage_units(passages: &[PassageForAnalysis]) -> Vec<Unit> {
    passages
        .iter()
        .map(|p| {
            let unit = Unit::new(passage_id(p.id), p.text.clone())
                .with_respondent(document_id(p.document_id))
                .with_stream(Stream::InterviewNotes);
            match Lang::from_code(&p.language) {
                Some(lang) => unit.with_ui_language(lang),
                None => unit,
            }
        })
        .collect()
}

/// Which themes each interview-note document raises (each document once per theme).
pub fn passage_mentions(passages: &[PassageForAnalysis], model: &ThemeModel) -> Vec<SourceMention> {
    let mut seen = BTreeSet::new();
    passages
        .iter()
        .filter_map(|p| {
            let theme = model.theme_of(&passage_id(p.id))?.to_owned();
            seen.insert((p.document_id, theme.clone()))
                .then(|| SourceMention {
                    stream: Stream::InterviewNotes,
                    source: document_id(p.document_id),
                    theme,
                })
        })
        .collect()
}
