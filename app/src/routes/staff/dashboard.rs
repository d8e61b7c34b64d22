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

use crate::api::report_trends::rising_categories;
use crate::api::staff::dashboard;
use crate::components::closed::ClosedPanel;
use crate::components::dashboard_filters::{FilterForm, Refocus, announcement, filter_of, focus};
use crate::components::languages_panel::LanguagesPanel;
use crate::components::share_bar::{ShareBar, pct, with_interval};
use crate::components::sparkline::Sparkline;
use crate::components::staff::{FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::components::weighting_notice::WeightingNotice;
use crate::i18n::{FluentArg, use_i18n};
use crate::models::curation::ThemeStatus;
use crate::models::dashboard::{
    DashboardData, Direction, Movement, ThemeCard, filled, month_range, movement,
};
use crate::models::report_trends::TrendsReport;
use crate::models::staff::Viewer;
use crate::routes::staff::RisingCategories;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let data = Resource::new(move || query.with(filter_of), dashboard);
    // Rising categories of imported reports, beside the rising themes.
    let categories = Resource::new(|| (), |_| rising_categories());
    // Once hydrated, filters apply in place: say what is shown, and give focus back.
    let announce = RwSignal::new(String::new());
    let refocus = RwSignal::new(None::<String>);
    provide_context(Refocus(refocus));
    Effect::new(move |_| {
        if let Some(Ok((_, Some(d)))) = data.get()
            && let Some(id) = refocus.get_untracked()
        {
            announce.set(announcement(&d, i18n.0.get_untracked().staff()));
            // After the new figures are drawn, which replaces the form.
            set_timeout(move || focus(&id), std::time::Duration::from_millis(50));
        }
    });
    view! {
        <Title text=i18n.staff_tr("staff-nav-dashboard") />
        <StaffPage>
        <p class="visually-hidden" aria-live="polite">{announce}</p>
        <Transition fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                // Read with the figures, in the same suspense, so hydration finds what the
                // server drew.
                let categories = categories.await.ok();
                match data.await {
                    Ok((ctx, page)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>{l.tr("staff-dashboard-title")}</h1>
                        <FlashMessage flash=ctx.flash.clone() />
                        {match page {
                            Some(d) => view! { <Dashboard data=d viewer=ctx.viewer.clone() categories /> }.into_any(),
                            None => view! {
                                <p class="notice">{l.tr("staff-dashboard-no-run")}" "<a href="/staff/runs">{l.tr("staff-dashboard-start-run")}</a></p>
                            }
                            .into_any(),
                        }}
                    }
                    .into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Transition>
        </StaffPage>
    }
}

#[component]
fn Dashboard(
    data: DashboardData,
    viewer: Option<Viewer>,
    categories: Option<TrendsReport>,
) -> impl IntoView {
    let l = use_i18n().staff_locale();
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
        .unwrap_or_else(|| l.tr("staff-dashboard-all-streams"));
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
                {l.tr_args("staff-dashboard-run-meta", &[
                    ("run", FluentArg::Num(data.run_id.into())),
                    ("created", FluentArg::Str(data.created_at.clone())),
                    ("representation", FluentArg::Str(data.representation.clone())),
                    ("units", FluentArg::Num(data.n_units as i64)),
                    ("respondents", FluentArg::Num(data.n_respondents as i64)),
                    ("unclassified", FluentArg::Num(data.unclassified as i64)),
                    ("scope", FluentArg::Str(data.scope.clone())),
                ])}
            </p>
            {data.weighting_problem.clone().map(|problem| view! { <WeightingNotice problem viewer=viewer.clone() /> })}
            {filtered.then(|| view! {
                <p class="notice">{l.tr("staff-dashboard-filtered")}</p>
            })}
            {data.regrouped.then(|| view! {
                <p class="notice">{l.tr("staff-dashboard-curated")}</p>
            })}
            <ThemeTable themes=needs months=months.clone() run weighted previous=data.previous_run />
            <p class="exports">
                {l.tr("staff-dashboard-export")}" "
                <a href=format!("/api/v1/runs/{run}/themes.csv") download="">{l.tr("staff-dashboard-export-themes-csv")}</a>
                " · "
                <a href=format!("/api/v1/runs/{run}/themes.json")>{l.tr("staff-dashboard-export-themes-json")}</a>
                " · "
                <a href=format!("/api/v1/runs/{run}/breakdown.csv?by={}", data.filter.by.clone().unwrap_or_else(|| "council_district".to_owned())) download="">{l.tr("staff-dashboard-export-breakdown")}</a>
                " · "
                <a href=format!("/api/v1/runs/{run}/closed.csv") download="">{l.tr("staff-dashboard-export-closed")}</a>
                " · "
                <a href=format!("/api/v1/runs/{run}/audit.json")>{l.tr("staff-dashboard-export-audit")}</a>
                " · "
                <a href=format!("/staff/runs/{run}/report")>{l.tr("staff-dashboard-report")}</a>
                " · "
                <a href=format!("/staff/compare?b={run}")>{l.tr("staff-dashboard-compare")}</a>
                " · "
                <a href=format!("/staff/publications?run={run}")>{l.tr("staff-dashboard-publish")}</a>
            </p>
            <div class="overview-panels">
                <section aria-labelledby="rising-heading">
                    <h2 id="rising-heading">{l.tr("staff-dashboard-rising")}</h2>
                    {if months.len() < 6 {
                        view! { <p>{l.tr_args("staff-dashboard-rising-short", &[("months", FluentArg::Num(months.len() as i64))])}</p> }.into_any()
                    } else if rising.is_empty() {
                        view! { <p>{l.tr_args("staff-dashboard-rising-none", &[("stream", FluentArg::Str(stream_name.clone())), ("from", FluentArg::Str(months[months.len() - 3].clone())), ("to", FluentArg::Str(months[months.len() - 1].clone()))])}</p> }.into_any()
                    } else {
                        view! {
                            <p class="meta">{l.tr_args("staff-dashboard-rising-meta", &[("stream", FluentArg::Str(stream_name.clone()))])}</p>
                            <ul class="rising">
                                {rising.into_iter().map(|(id, name, m)| view! {
                                    <li><a href=format!("/staff/themes/{id}?run={run}")>{name}</a>{l.tr_args("staff-dashboard-rising-counts", &[("recent", FluentArg::Num(m.recent as i64)), ("before", FluentArg::Num(m.before as i64))])}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                {categories.map(|report| view! { <RisingCategories report /> })}
                {(!set_aside.is_empty()).then(|| view! {
                    <section aria-labelledby="aside-heading">
                        <h2 id="aside-heading">{l.tr("staff-dashboard-set-aside")}</h2>
                        <ul>
                            {set_aside.into_iter().map(|t| view! {
                                <li>
                                    <a href=format!("/staff/themes/{}?run={run}", t.id)>{t.name.clone()}</a>
                                    {l.tr_args("staff-dashboard-set-aside-item", &[("status", FluentArg::Str(crate::components::staff::status_name(l, t.status))), ("people", FluentArg::Num(t.respondents as i64))])}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            </div>
            {data.sensitivity.map(|s| view! {
                <h2>{l.tr("staff-dashboard-sensitivity")}</h2>
                <p class="meta">{l.tr_args("staff-dashboard-tau", &[(
                    "tau",
                    FluentArg::Str(s.tau_unweighted_equity.map_or_else(|| "—".to_owned(), |t| format!("{t:.2}"))),
                )])}</p>
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead><tr><th scope="col">{l.tr("staff-col-theme")}</th><th scope="col">{l.tr("staff-dashboard-rank-unweighted")}</th><th scope="col">{l.tr("staff-dashboard-rank-raked")}</th><th scope="col">{l.tr("staff-dashboard-rank-equity")}</th></tr></thead>
                        <tbody>
                            {s.rows.into_iter().map(|(label, u, r, e)| view! {
                                <tr><th scope="row">{label}</th><td>{u}</td><td>{r}</td><td>{e}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {data.breakdown.map(|b| view! {
                <h2>{l.tr_args("staff-dashboard-breakdown", &[("variable", FluentArg::Str(b.variable.replace('_', " ")))])}</h2>
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">{l.tr("staff-col-theme")}</th>
                            {b.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {b.rows.into_iter().map(|(label, cells)| view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    {cells.into_iter().map(|c| view! {
                                        <td>{c.map_or_else(|| l.tr("staff-suppressed"), pct)}</td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <LanguagesPanel lines=data.language_report />
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
) -> impl IntoView {
    let l = use_i18n().staff_locale();
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
    let caption = l.tr(if weighted {
        "staff-dashboard-caption-weighted"
    } else {
        "staff-dashboard-caption-unweighted"
    });
    let since = previous.map_or_else(
        || l.tr("staff-dashboard-since-last"),
        |p| {
            l.tr_args(
                "staff-dashboard-since-run",
                &[("run", FluentArg::Num(p.into()))],
            )
        },
    );
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="overview-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{l.tr("staff-col-rank")}</th>
                        <th scope="col">{l.tr("staff-col-theme")}</th>
                        <th scope="col">{l.tr(if weighted { "staff-col-weighted-share" } else { "staff-col-share" })}</th>
                        <th scope="col">{l.tr("staff-col-priority")}</th>
                        <th scope="col">{l.tr("staff-col-people")}</th>
                        <th scope="col">{l.tr("staff-col-streams")}</th>
                        <th scope="col">{l.tr("staff-col-sources-per-month")}</th>
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
                            l.tr("staff-dashboard-new")
                        } else {
                            match t.rank_change() {
                                Some(0) => l.tr("staff-dashboard-same-rank"),
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
                                    {t.suppressed.clone().map(|s| view! { <span class="meta">{l.tr_args("staff-dashboard-suppressed-why", &[("reason", FluentArg::Str(s))])}</span> })}
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
                                            title=l.tr_args("staff-dashboard-spark-title", &[("theme", FluentArg::Str(t.name.clone()))])
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
