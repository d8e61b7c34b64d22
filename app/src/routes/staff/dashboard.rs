//! The strategy dashboard's overview: one run's themes, as staff curated them, ranked by
//! equity-weighted priority in one compact table (name, weighted share with its interval,
//! priority, people, streams, a small trend and the move since the previous run) under one bar of
//! filters, so the ranking fits the first screen at 1366×768. Each theme's detail is on its own
//! page ([`super::theme`]); below the table: rising needs, themes set aside, the weighting
//! sensitivity, the breakdown and the closed questions. Works without JavaScript: the filter form
//! is a plain GET; once hydrated, filters apply in place.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::staff::dashboard;
use crate::components::closed::ClosedPanel;
use crate::components::languages_panel::LanguagesPanel;
use crate::components::dashboard_filters::{FilterForm, Refocus, announcement, filter_of, focus};
use crate::components::share_bar::{ShareBar, pct, with_interval};
use crate::components::sparkline::Sparkline;
use crate::components::staff::{FlashMessage, PageError, StaffNav};
use crate::components::weighting_notice::WeightingNotice;
use crate::models::curation::ThemeStatus;
use crate::models::dashboard::{
    DashboardData, Direction, Movement, ThemeCard, filled, month_range, movement,
};
use crate::models::staff::Viewer;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.with(filter_of), dashboard);
    // Once hydrated, filters apply in place: say what is shown, and give focus back.
    let announce = RwSignal::new(String::new());
    let refocus = RwSignal::new(None::<String>);
    provide_context(Refocus(refocus));
    Effect::new(move |_| {
        if let Some(Ok((_, Some(d)))) = data.get()
            && let Some(id) = refocus.get_untracked()
        {
            announce.set(announcement(&d));
            // After the new figures are drawn, which replaces the form.
            set_timeout(move || focus(&id), std::time::Duration::from_millis(50));
        }
    });
    view! {
        <Title text="Dashboard" />
        <p class="visually-hidden" aria-live="polite">{announce}</p>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>"Need themes"</h1>
                        <FlashMessage flash=ctx.flash.clone() />
                        {match page {
                            Some(d) => view! { <Dashboard data=d viewer=ctx.viewer.clone() /> }.into_any(),
                            None => view! {
                                <p class="notice">"No analysis run yet. "<a href="/staff/runs">"Start one"</a>" once responses have come in."</p>
                            }
                            .into_any(),
                        }}
                    }
                    .into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Dashboard(data: DashboardData, viewer: Option<Viewer>) -> impl IntoView {
    let run = data.run_id;
    let filtered = data.filter.narrows();
    let months = month_range(data.themes.iter().map(|t| t.trend.as_slice()));
    let rising: Vec<(String, String, Movement)> = data
        .themes
        .iter()
        .filter(|t| t.status == ThemeStatus::Need)
        .filter_map(|t| {
            movement(&filled(&t.trend, &months))
                .filter(|m| m.direction == Direction::Rising)
                .map(|m| (t.id.clone(), t.name.clone(), m))
        })
        .collect();
    let stream_name = data
        .filter
        .stream
        .clone()
        .unwrap_or_else(|| "all streams".to_owned());
    let (needs, set_aside): (Vec<ThemeCard>, Vec<ThemeCard>) = data
        .themes
        .iter()
        .cloned()
        .partition(|t| t.status == ThemeStatus::Need);
    let weighted = data.weighting_problem.is_none();
    view! {
        <div class="staff-wide">
            <FilterForm data=data.clone() />
            <p class="meta">
                {format!(
                    "Run {} · {} · {} · {} units from {} respondents or documents · {} unclassified · {}",
                    data.run_id, data.created_at, data.representation, data.n_units, data.n_respondents, data.unclassified, data.scope
                )}
            </p>
            {data.weighting_problem.clone().map(|problem| view! { <WeightingNotice problem viewer=viewer.clone() /> })}
            {filtered.then(|| view! {
                <p class="notice">"Filtered: people, trends and closed-question results are for the selected survey, stream, language, district and dates; weighted shares and ranks are for the whole run."</p>
            })}
            {data.regrouped.then(|| view! {
                <p class="notice">"Curated view: staff merged or split themes, so their figures were counted and weighted again on the curated themes. The run as logged is unchanged."</p>
            })}
            <ThemeTable themes=needs months=months.clone() run weighted previous=data.previous_run />
            <p class="exports">
                "Export (curated view): "
                <a href=format!("/api/v1/runs/{run}/themes.csv") download="">"themes (CSV)"</a>
                " · "
                <a href=format!("/api/v1/runs/{run}/themes.json")>"themes (JSON)"</a>
                " · "
                <a href=format!("/api/v1/runs/{run}/breakdown.csv?by={}", data.filter.by.clone().unwrap_or_else(|| "council_district".to_owned())) download="">"breakdown (CSV)"</a>
                " · "
                <a href=format!("/api/v1/runs/{run}/closed.csv") download="">"closed questions (CSV)"</a>
                " · "
                <a href=format!("/api/v1/runs/{run}/audit.json")>"run audit record (JSON)"</a>
                " · "
                <a href=format!("/staff/runs/{run}/report")>"“What we heard” report"</a>
                " · "
                <a href=format!("/staff/compare?b={run}")>"compare with another run"</a>
                " · "
                <a href=format!("/staff/publications?run={run}")>"publish this run"</a>
            </p>
            <div class="overview-panels">
                <section aria-labelledby="rising-heading">
                    <h2 id="rising-heading">"Rising needs"</h2>
                    {if months.len() < 6 {
                        view! { <p>{format!("This run covers {} month(s); rising and falling needs show once it covers six.", months.len())}</p> }.into_any()
                    } else if rising.is_empty() {
                        view! { <p>{format!("No theme rose clearly in the last three months ({stream_name}, {} to {}).", months[months.len() - 3], months[months.len() - 1])}</p> }.into_any()
                    } else {
                        view! {
                            <p class="meta">{format!("Sources in the last three months against the three before ({stream_name}).")}</p>
                            <ul class="rising">
                                {rising.into_iter().map(|(id, name, m)| view! {
                                    <li><a href=format!("/staff/themes/{id}?run={run}")>{name}</a>{format!(": {} against {}", m.recent, m.before)}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                {(!set_aside.is_empty()).then(|| view! {
                    <section aria-labelledby="aside-heading">
                        <h2 id="aside-heading">"Set aside by staff"</h2>
                        <ul>
                            {set_aside.into_iter().map(|t| view! {
                                <li>
                                    <a href=format!("/staff/themes/{}?run={run}", t.id)>{t.name.clone()}</a>
                                    {format!(" ({}, {} people)", t.status.as_str(), t.respondents)}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            </div>
            {data.sensitivity.map(|s| view! {
                <h2>"How weighting changes the order"</h2>
                <p class="meta">{format!(
                    "Kendall's τ between the unweighted and raked × equity orders: {}",
                    s.tau_unweighted_equity.map_or_else(|| "—".to_owned(), |t| format!("{t:.2}"))
                )}</p>
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead><tr><th scope="col">"Theme"</th><th scope="col">"Unweighted rank"</th><th scope="col">"Raked rank"</th><th scope="col">"Raked × equity rank"</th></tr></thead>
                        <tbody>
                            {s.rows.into_iter().map(|(label, u, r, e)| view! {
                                <tr><th scope="row">{label}</th><td>{u}</td><td>{r}</td><td>{e}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {data.breakdown.map(|b| view! {
                <h2>{format!("By {} (raked × equity, small cells suppressed)", b.variable.replace('_', " "))}</h2>
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">"Theme"</th>
                            {b.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {b.rows.into_iter().map(|(label, cells)| view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    {cells.into_iter().map(|c| view! {
                                        <td>{c.map_or_else(|| "suppressed".to_owned(), pct)}</td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <ClosedPanel run results=data.closed filter=data.filter />
        </div>
    }
}

/// The ranked themes in one compact table: the first thing on the page.
#[component]
fn ThemeTable(
    themes: Vec<ThemeCard>,
    months: Vec<String>,
    run: i32,
    weighted: bool,
    previous: Option<i32>,
            <LanguagesPanel lines=data.language_report />
) -> impl IntoView {
    let max = themes
        .iter()
        .map(|t| {
            t.weighted_share
                .filter(|_| weighted)
                .map_or(t.share, |e| e.upper.unwrap_or(e.value).max(e.value))
        })
        .fold(0.0f64, f64::max);
    let peak = themes
        .iter()
        .flat_map(|t| filled(&t.trend, &months))
        .max()
        .unwrap_or(0) as f64;
    let caption = if weighted {
        "Themes by equity-weighted priority: share of residents (raked × equity) with its 90% interval"
    } else {
        "Themes by how many people raised them (not equity-weighted)"
    };
    let since = previous.map_or_else(|| "Since last run".to_owned(), |p| format!("Since run {p}"));
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="overview-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Rank"</th>
                        <th scope="col">"Theme"</th>
                        <th scope="col">{if weighted { "Weighted share" } else { "Share" }}</th>
                        <th scope="col">"Priority"</th>
                        <th scope="col">"People"</th>
                        <th scope="col">"Streams"</th>
                        <th scope="col">"Sources per month"</th>
                        <th scope="col">{since}</th>
                    </tr>
                </thead>
                <tbody>
                    {themes.into_iter().map(|t| {
                        let counts = filled(&t.trend, &months);
                        let share = match (weighted, t.weighted_share) {
                            (true, Some(e)) => e,
                            _ => crate::models::dashboard::Estimate { value: t.share, lower: None, upper: None },
                        };
                        let moved = if t.new_since_previous {
                            "new".to_owned()
                        } else {
                            match t.rank_change() {
                                Some(0) => "= same rank".to_owned(),
                                Some(n) if n > 0 => format!("↑ {n}"),
                                Some(n) => format!("↓ {}", -n),
                                None => "—".to_owned(),
                            }
                        };
                        let trend_text = months
                            .iter()
                            .zip(&counts)
                            .map(|(m, n)| format!("{m}: {n}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! {
                            <tr>
                                <td>{t.rank.map_or_else(|| "—".to_owned(), |r| r.to_string())}</td>
                                <th scope="row">
                                    <a href=format!("/staff/themes/{}?run={run}", t.id)>{t.name.clone()}</a>
                                    {t.suppressed.clone().map(|s| view! { <span class="meta">{format!(" (weighted figures suppressed: {s})")}</span> })}
                                </th>
                                <td class="share-cell">
                                    <ShareBar estimate=share max />
                                    <span>{with_interval(&share)}</span>
                                </td>
                                <td>{t.priority.map_or_else(|| "—".to_owned(), |p| format!("{:.3}", p.value))}</td>
                                <td>{t.respondents}</td>
                                <td>{t.by_stream.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(" · ")}</td>
                                <td>
                                    {(counts.len() >= 2).then(|| view! {
                                        <Sparkline
                                            id=format!("spark-{}", t.id)
                                            title=format!("{}: sources per month", t.name)
                                            description=trend_text.clone()
                                            values=counts.iter().map(|n| Some(*n as f64)).collect()
                                            max=peak
                                        />
                                    })}
                                    {(counts.len() < 2).then(|| counts.first().map_or_else(|| "—".to_owned(), |n| n.to_string()))}
                                </td>
                                <td>{moved}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
