//! The dashboard's closed-question panel: a GET form choosing the question to cross (works
//! without JavaScript), the question against the themes and against a second question as
//! tables, and every question's distribution as an SVG bar chart with a `<title>`, a `<desc>`
//! giving the numbers, and a data table (the same pattern as [`super::chart`]).

use leptos::prelude::*;

use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::closed::{ClosedResults, CrossTab, Distribution, ThemeCrossTab};
use crate::models::dashboard::DashboardFilter;

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 250.0;
const ROW_H: f64 = 26.0;
const TOP: f64 = 6.0;

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

fn suppressed(l: Locale) -> impl Fn() -> String {
    move || l.tr("staff-suppressed")
}

/// The whole panel. `run` is the run shown, `filter` the dashboard's filters (kept by the form).
#[component]
pub fn ClosedPanel(run: i32, results: ClosedResults, filter: DashboardFilter) -> impl IntoView {
    let l = use_i18n().staff_locale();
    if results.distributions.is_empty() {
        return view! {
            <h2 id="closed-questions">{l.tr("staff-closed-title")}</h2>
            <p>{l.tr("staff-closed-none")}</p>
        }
        .into_any();
    }
    let min = results.min_count;
    let weighting_note = l.tr(if results.weighted {
        "staff-closed-weighted"
    } else {
        "staff-closed-unweighted"
    });
    let mut surveys: Vec<String> = Vec::new();
    for d in &results.distributions {
        if !surveys.contains(&d.survey) {
            surveys.push(d.survey.clone());
        }
    }
    view! {
        <h2 id="closed-questions">{l.tr("staff-closed-title")}</h2>
        <p class="meta">
            {l.tr_args("staff-closed-intro", &[("min", FluentArg::Num(min as i64)), ("weighting", FluentArg::Str(weighting_note))])}
        </p>
        <CrossForm run results=results.clone() filter />
        {results.by_theme.map(|x| view! { <ThemeTable table=x min /> })}
        {results.by_against.map(|x| view! { <AgainstTable table=x /> })}
        {surveys.into_iter().map(|survey| {
            let charts = results
                .distributions
                .iter()
                .filter(|d| d.survey == survey)
                .cloned()
                .map(|d| view! { <DistributionChart d /> })
                .collect_view();
            view! {
                <h3>{l.tr_args("staff-closed-survey-heading", &[("survey", FluentArg::Str(survey.clone()))])}</h3>
                {charts}
            }
        }).collect_view()}
    }
    .into_any()
}

/// Chooses the question to cross and what to cross it with; keeps the other filters.
#[component]
fn CrossForm(run: i32, results: ClosedResults, filter: DashboardFilter) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let chosen = results.question.clone().unwrap_or_default();
    let survey_of = |id: &str| {
        results
            .distributions
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.survey.clone())
    };
    let chosen_survey = survey_of(&chosen);
    let against = results.against.clone().unwrap_or_default();
    let mut groups: Vec<(String, Vec<Distribution>)> = Vec::new();
    for d in &results.distributions {
        match groups.iter_mut().find(|(s, _)| *s == d.survey) {
            Some((_, list)) => list.push(d.clone()),
            None => groups.push((d.survey.clone(), vec![d.clone()])),
        }
    }
    let others: Vec<Distribution> = results
        .distributions
        .iter()
        .filter(|d| Some(&d.survey) == chosen_survey.as_ref() && d.id != chosen)
        .cloned()
        .collect();
    let hidden = [
        ("stream", filter.stream),
        ("language", filter.language),
        ("by", filter.by),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.map(|v| view! { <input type="hidden" name=name value=v /> }))
    .collect_view();
    view! {
        <form method="get" action="/staff/dashboard#closed-questions" class="filter-form">
            <input type="hidden" name="run" value=run.to_string() />
            {hidden}
            <label for="closed-q">{l.tr("staff-closed-question")}</label>
            <select id="closed-q" name="q">
                {groups.into_iter().map(|(survey, list)| view! {
                    <optgroup label=survey>
                        {list.into_iter().map(|d| view! {
                            <option value=d.id.clone() selected=d.id == chosen>{d.prompt}</option>
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
            <label for="closed-against">{l.tr("staff-closed-against")}</label>
            <select id="closed-against" name="against">
                {others.into_iter().map(|d| view! {
                    <option value=d.key.clone() selected=d.key == against>{d.prompt}</option>
                }).collect_view()}
            </select>
            <button type="submit">{l.tr("staff-closed-cross")}</button>
        </form>
        <p class="meta">{l.tr("staff-closed-cross-help")}</p>
    }
}

#[component]
fn ThemeTable(table: ThemeCrossTab, min: u64) -> impl IntoView {
    let l = use_i18n().staff_locale();
    view! {
        <h3>{l.tr_args("staff-closed-by-theme", &[("question", FluentArg::Str(table.prompt.clone()))])}</h3>
        <p class="meta">{l.tr("staff-closed-by-theme-help")}</p>
        <div class="table-scroll" tabindex="0">
            <table id="closed-by-theme">
                <thead><tr>
                    <th scope="col">{l.tr("staff-col-theme")}</th>
                    {table.columns.iter().map(|c| view! {
                        <th scope="col">{match c.respondents {
                            Some(n) => format!("{} (n {n})", c.label),
                            None => l.tr_args("staff-closed-fewer-than", &[("label", FluentArg::Str(c.label.clone())), ("min", FluentArg::Num(min as i64))]),
                        }}</th>
                    }).collect_view()}
                </tr></thead>
                <tbody>
                    {table.rows.into_iter().map(|(label, cells)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {cells.into_iter().map(|c| view! {
                                <td>{c.map_or_else(suppressed(l), pct)}</td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn AgainstTable(table: CrossTab) -> impl IntoView {
    let l = use_i18n().staff_locale();
    view! {
        <h3>{l.tr_args("staff-closed-by-against", &[("question", FluentArg::Str(table.prompt.clone())), ("against", FluentArg::Str(table.against_prompt.clone()))])}</h3>
        <p class="meta">{l.tr("staff-closed-by-against-help")}</p>
        <div class="table-scroll" tabindex="0">
            <table id="closed-by-against">
                <thead><tr>
                    <th scope="col">{table.against_prompt.clone()}</th>
                    <th scope="col">{l.tr("staff-col-respondents")}</th>
                    {table.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {table.rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.label}</th>
                            <td>{r.respondents.map_or_else(suppressed(l), |n| n.to_string())}</td>
                            {r.cells.into_iter().map(|c| view! {
                                <td>{match (c.count, c.share) {
                                    (Some(n), Some(s)) => format!("{n} ({})", pct(s)),
                                    (Some(n), None) => n.to_string(),
                                    _ => suppressed(l)(),
                                }}</td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One question's distribution: bars of the unweighted shares, and a table of counts, shares and
/// weighted shares.
#[component]
fn DistributionChart(d: Distribution) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let id = format!("dist-{}", d.id.replace(':', "-"));
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let height = TOP * 2.0 + ROW_H * d.options.len() as f64;
    let plot_w = WIDTH - LABEL_W - 90.0;
    let mut facts = vec![match d.answered {
        Some(n) => l.tr_args(
            "staff-closed-answered",
            &[("count", FluentArg::Num(n as i64))],
        ),
        None => l.tr("staff-closed-answered-suppressed"),
    }];
    if let Some(n) = d.skipped {
        facts.push(l.tr_args(
            "staff-closed-skipped",
            &[("count", FluentArg::Num(n as i64))],
        ));
    }
    if let Some(n) = d.not_asked {
        facts.push(l.tr_args(
            "staff-closed-not-asked",
            &[("count", FluentArg::Num(n as i64))],
        ));
    }
    let several = d
        .multiple
        .then(|| format!(" {}", l.tr("staff-closed-several")));
    let description = l.tr_args(
        "staff-closed-chart-desc",
        &[
            (
                "answers",
                FluentArg::Str(
                    d.options
                        .iter()
                        .map(|o| format!("{} {}", o.label, o.share.map_or_else(suppressed(l), pct)))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ),
            ("facts", FluentArg::Str(facts.join(", "))),
            (
                "several",
                FluentArg::Str(several.clone().unwrap_or_default()),
            ),
        ],
    );
    let bars = d
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let y = TOP + ROW_H * i as f64;
            let label: String = if o.label.chars().count() > 32 {
                format!("{}…", o.label.chars().take(31).collect::<String>())
            } else {
                o.label.clone()
            };
            let w = o.share.unwrap_or(0.0).clamp(0.0, 1.0) * plot_w;
            view! {
                <g>
                    <text x=format!("{:.1}", LABEL_W - 8.0) y=format!("{:.1}", y + ROW_H * 0.65) text-anchor="end" class="bar-label">{label}</text>
                    {o.share.map(|_| view! {
                        <rect x=format!("{LABEL_W:.1}") y=format!("{:.1}", y + 5.0) width=format!("{w:.1}") height=format!("{:.1}", ROW_H - 10.0) class="bar" />
                    })}
                    <text x=format!("{:.1}", LABEL_W + w + 6.0) y=format!("{:.1}", y + ROW_H * 0.65) class="bar-value">{o.share.map_or_else(suppressed(l), pct)}</text>
                </g>
            }
        })
        .collect_view();
    let weighted = d.weighted_respondents;
    let rows = d
        .options
        .iter()
        .map(|o| {
            let weighted_cell = weighted.map(|_| {
                view! { <td>{o.weighted_share.map_or_else(suppressed(l), pct)}</td> }
            });
            view! {
                <tr>
                    <th scope="row">{o.label.clone()}</th>
                    <td>{o.count.map_or_else(suppressed(l), |n| n.to_string())}</td>
                    <td>{o.share.map_or_else(suppressed(l), pct)}</td>
                    {weighted_cell}
                </tr>
            }
        })
        .collect_view();
    let title = format!("{} ({})", d.prompt, d.key);
    view! {
        <figure class="chart" id=id>
            <svg
                viewBox=format!("0 0 {WIDTH} {height:.0}")
                role="img"
                aria-labelledby=labelled_by
                xmlns="http://www.w3.org/2000/svg"
            >
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                {bars}
            </svg>
            <figcaption class="meta">
                {format!("{}.{}", facts.join(" · "), several.clone().unwrap_or_default())}
            </figcaption>
            <details>
                <summary>{l.tr_args("staff-chart-data-table", &[("title", FluentArg::Str(title.clone()))])}</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{l.tr("staff-col-answer")}</th>
                        <th scope="col">{l.tr("staff-col-respondents")}</th>
                        <th scope="col">{l.tr("staff-col-share")}</th>
                        {weighted.map(|n| view! { <th scope="col">{l.tr_args("staff-closed-weighted-share", &[("count", FluentArg::Num(n as i64))])}</th> })}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
