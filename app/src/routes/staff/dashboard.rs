//! The strategy dashboard: one run's themes ranked by equity-weighted priority with intervals,
//! a chart (SVG with a data table), quotes in their language, streams, trend, the district
//! breakdown, the weighting sensitivity and the closed questions' results; filters and exports.
//! Works without JavaScript: the filter forms are plain GETs; once hydrated, filters apply in
//! place.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::staff::dashboard;
use crate::components::chart::{Bar, BarChart, MonthColumns};
use crate::components::closed::ClosedPanel;
use crate::components::dashboard_filters::{FilterForm, Refocus, announcement, filter_of, focus};
use crate::components::staff::{FlashMessage, PageError, StaffNav};
use crate::models::dashboard::{
    DashboardData, Direction, Movement, ThemeCard, filled, month_range, movement,
};

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

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
                            Some(d) => view! { <Dashboard data=d /> }.into_any(),
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
fn Dashboard(data: DashboardData) -> impl IntoView {
    let run = data.run_id;
    let weighted = data.weighting_problem.is_none();
    let bars: Vec<Bar> = data
        .themes
        .iter()
        .map(|t| match (weighted, &t.weighted_share) {
            (true, Some(e)) => Bar {
                label: t.label.clone(),
                value: e.value,
                lower: e.lower,
                upper: e.upper,
            },
            _ => Bar {
                label: t.label.clone(),
                value: t.share,
                lower: None,
                upper: None,
            },
        })
        .collect();
    let (chart_title, chart_desc) = if weighted {
        (
            "Share of residents per theme, raked × equity weighted",
            "Horizontal bars, one per theme in priority order; lines show 90% bootstrap intervals. Suppressed themes show their unweighted share without an interval.",
        )
    } else {
        (
            "Share of respondents per theme, unweighted",
            "Horizontal bars, one per theme, largest first.",
        )
    };
    let filtered = data.filter.narrows();
    let months = month_range(data.themes.iter().map(|t| t.trend.as_slice()));
    let rising: Vec<(String, Movement)> = data
        .themes
        .iter()
        .filter_map(|t| {
            movement(&filled(&t.trend, &months))
                .filter(|m| m.direction == Direction::Rising)
                .map(|m| (t.label.clone(), m))
        })
        .collect();
    let stream_name = data
        .filter
        .stream
        .clone()
        .unwrap_or_else(|| "all streams".to_owned());
    view! {
        <FilterForm data=data.clone() />
        <p class="meta">
            {format!(
                "Run {} · {} · {} · {} units from {} respondents or documents · {} unclassified · {}",
                data.run_id, data.created_at, data.representation, data.n_units, data.n_respondents, data.unclassified, data.scope
            )}
        </p>
        {data.weighting_problem.clone().map(|p| view! {
            <p class="notice">{format!("Not equity-weighted: {p}. Themes are ranked by how many people raised them.")}</p>
        })}
        {filtered.then(|| view! {
            <p class="notice">"Filtered: counts, unweighted shares, trends and closed-question results are for the selected survey, stream, language, district and dates; weighted figures and ranks are for the whole run."</p>
        })}
        <p class="exports">
            "Export: "
            <a href=format!("/api/v1/runs/{run}/themes.csv") download="">"themes (CSV)"</a>
            " · "
            <a href=format!("/api/v1/runs/{run}/themes.json")>"themes (JSON)"</a>
            " · "
            <a href=format!("/api/v1/runs/{run}/breakdown.csv?by={}", data.filter.by.clone().unwrap_or_else(|| "council_district".to_owned())) download="">"breakdown (CSV)"</a>
            " · "
            <a href=format!("/api/v1/runs/{run}/closed.csv") download="">"closed questions (CSV)"</a>
            " · "
            <a href=format!("/api/v1/runs/{run}/audit.json")>"run audit record (JSON)"</a>
        </p>
        <BarChart id="priority-chart".to_owned() title=chart_title.to_owned() description=chart_desc.to_owned() bars />
        <h2>"Rising needs"</h2>
        {if months.len() < 6 {
            view! { <p>{format!("This run covers {} month(s); rising and falling needs show once it covers six.", months.len())}</p> }.into_any()
        } else if rising.is_empty() {
            view! { <p>{format!("No theme rose clearly in the last three months ({stream_name}, {} to {}).", months[months.len() - 3], months[months.len() - 1])}</p> }.into_any()
        } else {
            view! {
                <p class="meta">{format!("Sources in the last three months against the three before ({stream_name}). Filter by stream to see, for example, only 311 reports.")}</p>
                <ul class="rising">
                    {rising.into_iter().map(|(label, m)| view! {
                        <li>{format!("{label}: {} against {}", m.recent, m.before)}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>"Themes"</h2>
        <ol class="theme-list">
            {data.themes.into_iter().map(|t| view! { <ThemeItem theme=t months=months.clone() /> }).collect_view()}
        </ol>
        {data.sensitivity.map(|s| view! {
            <h2>"How weighting changes the order"</h2>
            <p class="meta">{format!(
                "Kendall's τ between the unweighted and raked × equity orders: {}",
                s.tau_unweighted_equity.map_or_else(|| "—".to_owned(), |t| format!("{t:.2}"))
            )}</p>
            <div class="table-scroll">
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
            <div class="table-scroll">
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
    }
}

#[component]
fn ThemeItem(theme: ThemeCard, months: Vec<String>) -> impl IntoView {
    let counts = filled(&theme.trend, &months);
    let moved = movement(&counts).map(|m| match m.direction {
        Direction::Rising => format!(
            "rising: {} sources in the last three months, {} in the three before",
            m.recent, m.before
        ),
        Direction::Falling => format!(
            "falling: {} sources in the last three months, {} in the three before",
            m.recent, m.before
        ),
        Direction::Steady => format!(
            "steady: {} sources in the last three months, {} in the three before",
            m.recent, m.before
        ),
    });
    let chart = (months.len() >= 2).then(|| {
        let description = format!(
            "Columns, one per month from {} to {}: {}.{}",
            months[0],
            months[months.len() - 1],
            months.iter().zip(&counts).map(|(m, n)| format!("{m} {n}")).collect::<Vec<_>>().join(", "),
            moved.as_ref().map(|m| format!(" {m}.")).unwrap_or_default()
        );
        view! {
            <MonthColumns id=format!("trend-{}", theme.id) title=format!("{}: sources per month", theme.label) description months=months.clone() counts=counts.clone() />
        }
    });
    let weighted = theme.weighted_share.map(|e| match (e.lower, e.upper) {
        (Some(lo), Some(hi)) => {
            format!("{} (90% interval {} – {})", pct(e.value), pct(lo), pct(hi))
        }
        _ => pct(e.value),
    });
    let priority = theme.priority.map(|e| match (e.lower, e.upper) {
        (Some(lo), Some(hi)) => format!("{:.3} ({:.3} – {:.3})", e.value, lo, hi),
        _ => format!("{:.3}", e.value),
    });
    view! {
        <li class="card theme" id=format!("theme-{}", theme.id)>
            <h3>
                {theme.rank.map(|r| format!("#{r} "))}
                {theme.label.clone()}
                <span class="meta">{format!(" {}", theme.id)}</span>
            </h3>
            <p class="keywords">{format!("Keywords: {}", theme.keywords.join(", "))}</p>
            <dl class="facts">
                <dt>"People"</dt><dd>{format!("{} ({} of those analysed)", theme.respondents, pct(theme.share))}</dd>
                {weighted.map(|w| view! { <dt>"Weighted share"</dt><dd>{w}</dd> })}
                {priority.map(|p| view! { <dt>"Priority"</dt><dd>{p}</dd> })}
                {theme.suppressed.clone().map(|s| view! { <dt>"Weighted figures"</dt><dd>{format!("suppressed: {s}")}</dd> })}
                <dt>"By stream"</dt>
                <dd>{theme.by_stream.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(" · ")}</dd>
                <dt>"Languages"</dt>
                <dd>{theme.languages.iter().map(|(l, n)| format!("{l} {n}")).collect::<Vec<_>>().join(" · ")}</dd>
                {moved.map(|m| view! { <dt>"Trend"</dt><dd>{m}</dd> })}
                {(!theme.trend.is_empty()).then(|| view! {
                    <dt>"By month"</dt>
                    <dd>{theme.trend.iter().map(|(m, n)| format!("{m}: {n}")).collect::<Vec<_>>().join(" · ")}</dd>
                })}
            </dl>
            {chart}
            <h4>"What people wrote"</h4>
            {theme.quotes.into_iter().map(|q| view! {
                <figure class="quote">
                    <blockquote lang=q.lang.clone()>{q.text}</blockquote>
                    <figcaption class="meta">
                        {match q.link {
                            Some(href) => view! { <a href=href>{q.source.clone()}</a> }.into_any(),
                            None => q.source.clone().into_any(),
                        }}
                        {format!(" · written in {}", q.lang)}
                    </figcaption>
                </figure>
            }).collect_view()}
        </li>
    }
}
