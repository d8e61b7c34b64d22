//! Each live publication as open data, at addresses that do not change:
//! `/open-data/publications/{id}/needs.csv`, `districts.csv` (long form), `actions.csv`,
//! `results.json` and `datapackage.json` (a Frictionless Tabular Data Package: the licence, and a
//! Table Schema per CSV file whose fields are the CSV's columns, from the same tables below, so
//! the two cannot disagree).
//!
//! Cells people wrote (names, descriptions, action titles) go through `spreadsheet::text`, so none
//! opens as a formula. A suppressed figure is an empty cell, never a number; `districts.csv` says
//! which cells are suppressed in its `status` column. The data dictionary is in English, the
//! language of the column names.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

use app::components::results::date;
use app::models::publication::{PublicResults, Publication, PublicationSummary};
use app::routes::results::{OPEN_DATA_FILES, publication_href};
use app::store::AppState;
use app::store::publications;

use super::{OpenDataLicense, PublicError, PublicSite, Visitor};
use crate::routes::spreadsheet::text;

/// A column of a CSV file and its Table Schema field.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    /// Table Schema type: `string`, `integer`, `number`, `boolean`, `date`.
    pub kind: &'static str,
    pub description: &'static str,
    /// The only values allowed (a Table Schema `enum` constraint); empty: any.
    pub allowed: &'static [&'static str],
}

const fn field(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field {
        name,
        kind,
        description,
        allowed: &[],
    }
}

/// A string field that takes one of `allowed`.
const fn choice(
    name: &'static str,
    description: &'static str,
    allowed: &'static [&'static str],
) -> Field {
    Field {
        name,
        kind: "string",
        description,
        allowed,
    }
}

/// The columns of `needs.csv`.
pub const NEED_FIELDS: [Field; 9] = [
    field(
        "rank",
        "integer",
        "Equity-weighted rank among the published needs (1 = first); empty when the need's figures are withheld or the shares are not weighted.",
    ),
    field(
        "theme_id",
        "string",
        "Stable id of the need: the same need keeps it across publications.",
    ),
    field("need", "string", "The need's public name."),
    field(
        "description",
        "string",
        "What the need is about, in the City's words.",
    ),
    field(
        "respondents",
        "integer",
        "Survey respondents who raised the need; empty when suppressed.",
    ),
    field(
        "share",
        "number",
        "Share of residents who raised the need (equity-weighted when the publication is weighted), a proportion from 0 to 1 rounded to 0.001; empty when withheld.",
    ),
    field(
        "share_lower",
        "number",
        "Lower end of the share's 90% interval; empty when withheld or not estimated.",
    ),
    field(
        "share_upper",
        "number",
        "Upper end of the share's 90% interval; empty when withheld or not estimated.",
    ),
    field(
        "figures_withheld",
        "boolean",
        "true when the need's figures are withheld (too few respondents, or no reliable estimate).",
    ),
];

/// The columns of `districts.csv`: one row per need and council district.
pub const DISTRICT_FIELDS: [Field; 6] = [
    field("theme_id", "string", "Stable id of the need."),
    field("need", "string", "The need's public name."),
    field(
        "district",
        "string",
        "The council district, as residents name it.",
    ),
    field(
        "district_respondents",
        "integer",
        "Survey respondents in the district; empty when suppressed.",
    ),
    field(
        "share",
        "number",
        "Share of the district's respondents who raised the need (weighted when the publication is), a proportion from 0 to 1 rounded to 0.001; empty when suppressed.",
    ),
    choice(
        "status",
        "shown, or suppressed when the cell is not published (see the package's suppressed note).",
        &["shown", "suppressed"],
    ),
];

/// The columns of `actions.csv`.
pub const ACTION_FIELDS: [Field; 8] = [
    field("action_id", "integer", "Stable id of the action."),
    field(
        "theme_id",
        "string",
        "Stable id of the need the action is for.",
    ),
    field("need", "string", "The need's public name."),
    field("title", "string", "What the City said it would do."),
    field("summary", "string", "What residents are told about it."),
    field(
        "department",
        "string",
        "The department that leads it; empty when not named.",
    ),
    choice(
        "status",
        "Where the action stands now: proposed, planned, in_progress, done or wont_do.",
        &["proposed", "planned", "in_progress", "done", "wont_do"],
    ),
    field(
        "due_on",
        "date",
        "When it is expected to be done (YYYY-MM-DD); empty when not set.",
    ),
];

/// `/open-data/publications/{id}/{file}`.
#[tracing::instrument(skip(state, site, parts))]
pub async fn file(
    State(state): State<AppState>,
    Extension(site): Extension<PublicSite>,
    Path((id, file)): Path<(String, String)>,
    parts: Parts,
) -> Result<Response, PublicError> {
    let visitor = Visitor::of(&parts);
    let known = OPEN_DATA_FILES.iter().any(|(name, _)| *name == file);
    let publication = match id.parse::<i32>() {
        Ok(id) if known => publications::get_live(&state.db, id).await?,
        _ => None,
    };
    let Some(publication) = publication else {
        return Err(PublicError::not_found(&visitor));
    };
    let response = match file.as_str() {
        "needs.csv" => csv_response(needs_csv(&publication)?),
        "districts.csv" => csv_response(districts_csv(&publication)?),
        "actions.csv" => csv_response(actions_csv(&publication)?),
        "results.json" => json_response(&OpenResults::of(&publication, site.license))?,
        _ => {
            let base = site.base(&parts.headers);
            json_response(&data_package(&publication, site.license, &base))?
        }
    };
    Ok(response)
}

fn csv_response(bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response()
}

fn json_response(value: &impl Serialize) -> Result<Response, PublicError> {
    let body = serde_json::to_vec_pretty(value)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// A proportion as the CSV files write it (to a tenth of a percent, as the pages show it).
fn share(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.3}")).unwrap_or_default()
}

fn number<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn header_row(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

fn needs_csv(publication: &Publication) -> Result<Vec<u8>, PublicError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header_row(&NEED_FIELDS))?;
    for need in &publication.results.needs {
        let shown = need.withheld.is_none();
        let estimate = need.weighted_share.filter(|_| shown);
        out.write_record([
            number(need.rank.filter(|_| shown)),
            text(&need.theme_id).into_owned(),
            text(&need.name).into_owned(),
            text(need.description.as_deref().unwrap_or_default()).into_owned(),
            number(need.respondents),
            share(estimate.map(|e| e.value)),
            share(estimate.and_then(|e| e.lower)),
            share(estimate.and_then(|e| e.upper)),
            (!shown).to_string(),
        ])?;
    }
    finish(out)
}

fn districts_csv(publication: &Publication) -> Result<Vec<u8>, PublicError> {
    let results = &publication.results;
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header_row(&DISTRICT_FIELDS))?;
    for need in &results.needs {
        for (i, district) in results.districts.iter().enumerate() {
            let cell = need.by_district.get(i).copied().flatten();
            out.write_record([
                text(&need.theme_id).into_owned(),
                text(&need.name).into_owned(),
                text(&district.name).into_owned(),
                number(district.respondents),
                share(cell),
                if cell.is_some() {
                    "shown"
                } else {
                    "suppressed"
                }
                .to_owned(),
            ])?;
        }
    }
    finish(out)
}

fn actions_csv(publication: &Publication) -> Result<Vec<u8>, PublicError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header_row(&ACTION_FIELDS))?;
    for need in &publication.results.needs {
        for action in &need.actions {
            out.write_record([
                action.id.to_string(),
                text(&need.theme_id).into_owned(),
                text(&need.name).into_owned(),
                text(&action.title).into_owned(),
                text(&action.summary).into_owned(),
                text(action.department.as_deref().unwrap_or_default()).into_owned(),
                publication.status_of(action).as_str().to_owned(),
                action.due_on.clone().unwrap_or_default(),
            ])?;
        }
    }
    finish(out)
}

fn finish(out: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, PublicError> {
    out.into_inner()
        .map_err(|err| PublicError::Csv(csv::Error::from(err.into_error())))
}

/// `results.json`: the publication, its licence and its content, each action with the status it
/// has now.
#[derive(Debug, Serialize)]
pub struct OpenResults {
    pub publication: PublicationSummary,
    pub license: OpenDataLicense,
    pub results: PublicResults,
}

impl OpenResults {
    fn of(publication: &Publication, license: OpenDataLicense) -> OpenResults {
        let mut results = publication.results.clone();
        for need in &mut results.needs {
            for action in &mut need.actions {
                action.status = publication.status_of(action);
            }
        }
        OpenResults {
            // Who published it and when staff withdrew one are for staff only.
            publication: PublicationSummary {
                published_by: None,
                withdrawn_at: None,
                ..publication.summary.clone()
            },
            license,
            results,
        }
    }
}

/// A CSV file's Table Schema.
fn schema(fields: &[Field]) -> Value {
    let fields: Vec<Value> = fields
        .iter()
        .map(|f| {
            let mut value = json!({ "name": f.name, "type": f.kind, "description": f.description });
            if !f.allowed.is_empty() {
                value["constraints"] = json!({ "enum": f.allowed });
            }
            value
        })
        .collect();
    json!({ "fields": fields, "missingValues": [""] })
}

fn csv_resource(name: &str, title: &str, fields: &[Field]) -> Value {
    json!({
        "name": name,
        "title": title,
        "path": format!("{name}.csv"),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema(fields),
    })
}

/// `datapackage.json`: the Frictionless Data Package describing the files.
fn data_package(publication: &Publication, license: OpenDataLicense, base: &str) -> Value {
    let summary = &publication.summary;
    let scope = match &summary.survey {
        Some((_, title)) => title.clone(),
        None => "all surveys".to_owned(),
    };
    let period = publication
        .results
        .period
        .as_ref()
        .map(|(from, to)| format!(" Answers from {from} to {to}."))
        .unwrap_or_default();
    json!({
        "profile": "tabular-data-package",
        "name": format!("needscope-results-{}", summary.id),
        "id": format!("{base}/open-data/publications/{}/datapackage.json", summary.id),
        "title": format!("What we heard: results published {} ({scope})", date(&summary.published_at)),
        "description": format!(
            "What residents told the City and what the City is doing about it: needs ranked by the share of residents who raised them, with 90% intervals, by council district, and the City's actions with their current status.{period}"
        ),
        "homepage": format!("{base}{}", publication_href(summary.id)),
        "created": summary.published_at,
        "licenses": [license],
        "suppressed": format!(
            "Small-cell suppression: a figure behind too few respondents is left empty (primary suppression), and so is any figure that would let someone work one of those out from totals or other cells (complementary suppression). In districts.csv the status column says suppressed for each such cell. This publication's rule: {}",
            publication.results.suppression_rule
        ),
        "resources": [
            csv_resource("needs", "Needs, ranked", &NEED_FIELDS),
            csv_resource("districts", "Needs by council district (long form)", &DISTRICT_FIELDS),
            csv_resource("actions", "The City's actions for each need", &ACTION_FIELDS),
            {
                "name": "results",
                "title": "Everything published, as JSON",
                "path": "results.json",
                "profile": "data-resource",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
        ],
    })
}
