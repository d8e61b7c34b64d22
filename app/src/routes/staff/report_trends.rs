//! Trends in resident reports (strategy staff): per category, per theme, per council district and
//! per ZIP, the latest weeks' counts with small bar charts, the last complete week checked for an
//! unusual count (the method is stated on the page), the district × category and ZIP × category
//! cells unusually high that week, and the categories and themes rising over the last four weeks.
//! The filters are a plain GET form; everything is drawn on the server, so it works without
//! JavaScript. [`RisingCategories`] is also the dashboard's "rising categories" panel.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::report_trends::report_trends;
use crate::components::staff::{PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::report_trends::{
    AreaKind, Hotspot, TrendSeries, TrendsFilter, TrendsReport, WeekCheck, WeekFlag, rising,
};

/// Weeks shown as numbers in the tables.
const TABLE_WEEKS: usize = 6;
/// Weeks drawn as bars.
const BAR_WEEKS: usize = 26;

fn one(value: f64) -> String {
    format!("{value:.1}")
}

/// The trends page.
#[component]
pub fn ReportTrendsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = move || {
        query.with(|q| TrendsFilter {
            category: q.get("category"),
            district: q.get("district"),
            zip: q.get("zip"),
            from: q.get("from"),
            to: q.get("to"),
        })
    };
    let data = Resource::new(filter, report_trends);
    view! {
        <Title text=i18n.staff_tr("staff-trends-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, report)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <div class="staff-wide">
                            <h1>{l.tr("staff-trends-title")}</h1>
                            <p class="lead">{l.tr("staff-trends-lead")}</p>
                            <Trends report l />
                        </div>
                    }
                    .into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
        </StaffPage>
    }
}

#[component]
fn Trends(report: TrendsReport, l: Locale) -> impl IntoView {
    let counted = report.counted.clone();
    let summary = l.tr_args(
        "staff-trends-counted",
        &[
            ("reports", FluentArg::Num(counted.reports as i64)),
            ("undated", FluentArg::Num(counted.undated as i64)),
            (
                "uncategorised",
                FluentArg::Num(counted.uncategorised as i64),
            ),
        ],
    );
    let predicted = counted.confidence.map(|c| {
        l.tr_args(
            "staff-trends-by-prediction",
            &[
                ("reports", FluentArg::Num(counted.by_prediction as i64)),
                ("confidence", FluentArg::Str(format!("{:.0}%", c * 100.0))),
            ],
        )
    });
    let themes_from = counted.theme_run.map(|run| {
        l.tr_args(
            "staff-trends-themes-from",
            &[
                ("run", FluentArg::Num(i64::from(run))),
                ("reports", FluentArg::Num(counted.with_theme as i64)),
            ],
        )
    });
    let week = report.checked_week.clone();
    let body = match week.clone() {
        None => view! { <p>{l.tr("staff-trends-none")}</p> }.into_any(),
        Some(week) => {
            let weeks = report.weeks.clone();
            let checked = weeks.iter().position(|w| *w == week).unwrap_or(0);
            let partial = report.partial_last;
            let run = counted.theme_run;
            view! {
                <p class="meta">{l.tr_args("staff-trends-checked", &[("week", FluentArg::Str(week.clone()))])}
                    {partial.then(|| view! { " "{l.tr("staff-trends-partial")} })}
                </p>
                <div class="overview-panels">
                    <section aria-labelledby="rising-categories-heading">
                        <h2 id="rising-categories-heading">{l.tr("staff-trends-rising-categories")}</h2>
                        <RisingList series=report.categories.clone() link=None l />
                    </section>
                    <section aria-labelledby="rising-themes-heading">
                        <h2 id="rising-themes-heading">{l.tr("staff-trends-rising-themes")}</h2>
                        <RisingList series=report.themes.clone() link=run l />
                    </section>
                </div>
                <h2 id="hotspots-heading">{l.tr("staff-trends-hotspots")}</h2>
                <Hotspots rows=report.hotspots.clone() l />
                <SeriesTable id="categories" heading=l.tr("staff-trends-categories") first=l.tr("staff-categories-col-category") series=report.categories.clone() weeks=weeks.clone() checked partial l />
                <SeriesTable id="themes" heading=l.tr("staff-trends-themes") first=l.tr("staff-categories-col-theme") series=report.themes.clone() weeks=weeks.clone() checked partial l />
                <SeriesTable id="districts" heading=l.tr("staff-trends-districts") first=l.tr("staff-filter-district") series=report.districts.clone() weeks=weeks.clone() checked partial l />
                <SeriesTable id="zips" heading=l.tr("staff-trends-zips") first=l.tr("staff-trends-zip") series=report.zips.clone() weeks checked partial l />
            }
            .into_any()
        }
    };
    view! {
        <FilterForm report=report.clone() l />
        <p class="meta">{summary}" "{predicted}" "{themes_from}</p>
        {body}
        <h2 id="method-heading">{l.tr("staff-trends-method")}</h2>
        <ul class="method">
            <li>{l.tr("staff-trends-method-weeks")}</li>
            <li>{l.tr("staff-trends-method-baseline")}</li>
            <li>{l.tr("staff-trends-method-limits")}</li>
            <li>{l.tr("staff-trends-method-minimum")}</li>
            <li>{l.tr("staff-trends-method-rising")}</li>
            <li>{l.tr("staff-trends-method-chance")}</li>
        </ul>
        <p class="exports">
            <a href=api_link(&report.filter)>{l.tr("staff-trends-json")}</a>
        </p>
    }
}

/// `GET /api/v1/reports/trends` with the page's filters.
fn api_link(f: &TrendsFilter) -> String {
    let params: Vec<String> = [
        ("category", &f.category),
        ("district", &f.district),
        ("zip", &f.zip),
        ("from", &f.from),
        ("to", &f.to),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode(v))))
    .collect();
    if params.is_empty() {
        "/api/v1/reports/trends".to_owned()
    } else {
        format!("/api/v1/reports/trends?{}", params.join("&"))
    }
}

/// Percent-encodes a query value.
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn FilterForm(report: TrendsReport, l: Locale) -> impl IntoView {
    let f = report.filter.clone();
    let problem = report.problem.clone();
    let invalid = move |field: &str| {
        problem
            .as_ref()
            .is_some_and(|p| p.field == field)
            .then_some("true")
    };
    let choice = |id: &'static str, label: String, options: Vec<String>, chosen: Option<String>| {
        let chosen = chosen.unwrap_or_default();
        view! {
            <div class="field">
                <label for=format!("trend-{id}")>{label}</label>
                <select id=format!("trend-{id}") name=id>
                    <option value="" selected=chosen.is_empty()>{l.tr("staff-filter-all")}</option>
                    {options.into_iter().map(|o| view! {
                        <option value=o.clone() selected=o == chosen>{o.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <form method="get" action="/staff/reports/trends" class="filter-form">
            {choice("category", l.tr("staff-categories-col-category"), report.category_options.clone(), f.category.clone())}
            {choice("district", l.tr("staff-filter-district"), report.district_options.clone(), f.district.clone())}
            {choice("zip", l.tr("staff-trends-zip"), report.zip_options.clone(), f.zip.clone())}
            <div class="field">
                <label for="trend-from">{l.tr("staff-filter-from")}</label>
                <input type="date" id="trend-from" name="from" value=f.from.clone().unwrap_or_default() aria-invalid=invalid("from") />
            </div>
            <div class="field">
                <label for="trend-to">{l.tr("staff-filter-to")}</label>
                <input type="date" id="trend-to" name="to" value=f.to.clone().unwrap_or_default() aria-invalid=invalid("to") />
            </div>
            <button type="submit" class="primary">{l.tr("staff-filter-apply")}</button>
        </form>
        {report.problem.map(|p| view! {
            <p class="form-error" role="alert">{l.tr_args("staff-trends-bad-filter", &[("field", FluentArg::Str(p.field)), ("value", FluentArg::Str(p.value))])}</p>
        })}
    }
}

fn flag_name(l: Locale, flag: WeekFlag) -> String {
    l.tr(match flag {
        WeekFlag::High => "staff-trends-flag-high",
        WeekFlag::Low => "staff-trends-flag-low",
        WeekFlag::Usual => "staff-trends-flag-usual",
        WeekFlag::NoHistory => "staff-trends-flag-no-history",
    })
}

fn baseline_name(l: Locale, check: &WeekCheck) -> String {
    if check.seasonal_years > 0 {
        l.tr_args(
            "staff-trends-baseline-seasonal",
            &[("years", FluentArg::Num(check.seasonal_years as i64))],
        )
    } else {
        l.tr("staff-trends-baseline-trailing")
    }
}

/// A series' weeks as bars: the checked week marked by its flag, a week in progress lighter.
#[component]
fn WeekBars(
    id: String,
    name: String,
    counts: Vec<u64>,
    weeks: Vec<String>,
    checked: usize,
    flag: Option<WeekFlag>,
    partial: bool,
    l: Locale,
) -> impl IntoView {
    const W: f64 = 156.0;
    const H: f64 = 32.0;
    let start = counts.len().saturating_sub(BAR_WEEKS);
    let shown = &counts[start..];
    let max = shown.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = W / BAR_WEEKS as f64;
    let last = counts.len().saturating_sub(1);
    let bars = shown
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let week = start + i;
            let h = (c as f64 / max * (H - 2.0)).max(if c > 0 { 1.0 } else { 0.0 });
            let class = if week == checked {
                match flag {
                    Some(WeekFlag::High) => "bar bar-high",
                    Some(WeekFlag::Low) => "bar bar-low",
                    _ => "bar bar-checked",
                }
            } else if partial && week == last {
                "bar bar-partial"
            } else {
                "bar"
            };
            let x = W - step * (shown.len() - i) as f64;
            view! {
                <rect class=class x=format!("{:.1}", x + 0.5) y=format!("{:.1}", H - h) width=format!("{:.1}", (step - 1.0).max(1.0)) height=format!("{h:.1}") />
            }
        })
        .collect_view();
    let description = shown
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} {c}", weeks.get(start + i).cloned().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join(", ");
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <svg class="week-bars" viewBox=format!("0 0 {W} {H}") width=format!("{W}") height=format!("{H}") role="img" aria-labelledby=labelled_by xmlns="http://www.w3.org/2000/svg">
            <title id=title_id>{l.tr_args("staff-trends-bars-title", &[("name", FluentArg::Str(name))])}</title>
            <desc id=desc_id>{description}</desc>
            {bars}
        </svg>
    }
}

/// One table of series: the latest weeks' counts, the checked week's expected count, limit and
/// flag, and the bars.
#[component]
fn SeriesTable(
    id: &'static str,
    heading: String,
    first: String,
    series: Vec<TrendSeries>,
    weeks: Vec<String>,
    checked: usize,
    partial: bool,
    l: Locale,
) -> impl IntoView {
    if series.is_empty() {
        return view! {
            <h2 id=format!("{id}-heading")>{heading}</h2>
            <p>{l.tr("staff-trends-no-series")}</p>
        }
        .into_any();
    }
    let from = weeks.len().saturating_sub(TABLE_WEEKS);
    let shown: Vec<(usize, String)> = weeks.iter().cloned().enumerate().skip(from).collect();
    let last = weeks.len() - 1;
    view! {
        <h2 id=format!("{id}-heading")>{heading}</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=format!("{id}-heading")>
            <table class=format!("trend-table trend-{id}")>
                <thead><tr>
                    <th scope="col">{first}</th>
                    {shown.iter().map(|(i, w)| {
                        let note = if *i == checked {
                            Some(l.tr("staff-trends-col-checked"))
                        } else if partial && *i == last {
                            Some(l.tr("staff-trends-col-partial"))
                        } else {
                            None
                        };
                        view! { <th scope="col">{w.clone()}{note.map(|n| view! { <br /><span class="meta">{n}</span> })}</th> }
                    }).collect_view()}
                    <th scope="col">{l.tr("staff-trends-col-expected")}</th>
                    <th scope="col">{l.tr("staff-trends-col-upper")}</th>
                    <th scope="col">{l.tr("staff-trends-col-flag")}</th>
                    <th scope="col">{l.tr("staff-trends-col-weeks")}</th>
                </tr></thead>
                <tbody>
                    {series.into_iter().enumerate().map(|(row, s)| {
                        let check = s.check.clone();
                        let flag = check.as_ref().map(|c| c.flag);
                        let flag_class = match flag {
                            Some(WeekFlag::High) => "flag flag-high",
                            Some(WeekFlag::Low) => "flag flag-low",
                            _ => "flag",
                        };
                        view! {
                            <tr>
                                <th scope="row">{s.name.clone()}</th>
                                {shown.iter().map(|(i, _)| view! { <td>{s.counts.get(*i).copied().unwrap_or(0)}</td> }).collect_view()}
                                <td>{check.as_ref().filter(|c| c.flag != WeekFlag::NoHistory).map(|c| view! { {one(c.expected)}<br /><span class="meta">{baseline_name(l, c)}</span> })}</td>
                                <td>{check.as_ref().filter(|c| c.flag != WeekFlag::NoHistory).map(|c| one(c.upper))}</td>
                                <td class=flag_class>{flag.map(|f| flag_name(l, f))}</td>
                                <td><WeekBars id=format!("bars-{id}-{row}") name=s.name.clone() counts=s.counts.clone() weeks=weeks.clone() checked flag partial l /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// District × category and ZIP × category cells unusually high in the checked week.
#[component]
fn Hotspots(rows: Vec<Hotspot>, l: Locale) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>{l.tr("staff-trends-hotspots-none")}</p> }.into_any();
    }
    view! {
        <p>{l.tr("staff-trends-hotspots-what")}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="hotspots-heading">
            <table class="hotspots">
                <thead><tr>
                    <th scope="col">{l.tr("staff-trends-col-area")}</th>
                    <th scope="col">{l.tr("staff-categories-col-category")}</th>
                    <th scope="col">{l.tr("staff-trends-col-count")}</th>
                    <th scope="col">{l.tr("staff-trends-col-expected")}</th>
                    <th scope="col">{l.tr("staff-trends-col-upper")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|h| {
                        let area = match h.kind {
                            AreaKind::District => l.tr_args("staff-filter-district-n", &[("number", FluentArg::Str(h.area.clone()))]),
                            AreaKind::Zip => l.tr_args("staff-trends-zip-n", &[("zip", FluentArg::Str(h.area.clone()))]),
                        };
                        view! {
                            <tr>
                                <th scope="row">{area}</th>
                                <td>{h.category}</td>
                                <td>{h.check.count}</td>
                                <td>{one(h.check.expected)}<br /><span class="meta">{baseline_name(l, &h.check)}</span></td>
                                <td>{one(h.check.upper)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The rising series of `series` as a list (themes link to their page in run `link`).
#[component]
fn RisingList(series: Vec<TrendSeries>, link: Option<i32>, l: Locale) -> impl IntoView {
    let up = rising(&series);
    if up.is_empty() {
        return view! { <p>{l.tr("staff-trends-rising-none")}</p> }.into_any();
    }
    view! {
        <ul class="rising">
            {up.into_iter().map(|s| {
                let rise = s.rise.clone();
                let counts = rise.map(|r| l.tr_args("staff-trends-rising-counts", &[
                    ("recent", FluentArg::Num(r.recent as i64)),
                    ("before", FluentArg::Num(r.before as i64)),
                ]));
                let name = match (link, s.theme.clone()) {
                    (Some(run), Some(id)) => view! { <a href=format!("/staff/themes/{id}?run={run}")>{s.name.clone()}</a> }.into_any(),
                    _ => view! { <span>{s.name.clone()}</span> }.into_any(),
                };
                view! { <li>{name}{counts}</li> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The dashboard's panel: categories of reports rising over the last four complete weeks, with a
/// link to the trends page. Shows nothing when no report has a category and a date.
#[component]
pub fn RisingCategories(report: TrendsReport) -> impl IntoView {
    let l = use_i18n().staff_locale();
    (!report.categories.is_empty()).then(|| {
        view! {
            <section aria-labelledby="rising-categories-heading">
                <h2 id="rising-categories-heading">{l.tr("staff-trends-rising-categories")}</h2>
                <p class="meta">{l.tr("staff-trends-rising-meta")}</p>
                <RisingList series=report.categories link=None l />
                <p><a href="/staff/reports/trends">{l.tr("staff-trends-open")}</a></p>
            </section>
        }
    })
}
