//! The print-ready "What we heard" report of one run (`/staff/runs/{id}/report`): what was
//! analysed, the needs in priority order (a static SVG chart and a table), each theme with its
//! description and quotes, how the themes were found and weighted, and how to read it. The
//! stylesheet's `@media print` rules drop the navigation and forms, break pages between sections
//! and print links as text, so the browser's Print command makes the PDF.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::report::run_report;
use crate::components::chart::{Bar, BarChart};
use crate::components::staff::{FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::compare::percent;
use crate::models::dashboard::Estimate;
use crate::models::report::{ReportData, ReportMethod, ReportTheme};

/// A weighted share with its interval, for people.
fn with_interval(l: Locale, e: &Estimate) -> String {
    match (e.lower, e.upper) {
        (Some(lo), Some(hi)) => l.tr_args(
            "staff-report-interval",
            &[
                ("share", FluentArg::Str(percent(e.value))),
                ("lower", FluentArg::Str(percent(lo))),
                ("upper", FluentArg::Str(percent(hi))),
            ],
        ),
        _ => percent(e.value),
    }
}

/// Survey variables for people: `council district, age band and tenure`.
fn in_words(l: Locale, variables: &[String]) -> String {
    let words: Vec<String> = variables.iter().map(|v| v.replace('_', " ")).collect();
    match words.as_slice() {
        [] => l.tr("staff-report-configured-margins"),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), l.tr("staff-and")),
    }
}

#[component]
pub fn RunReportPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, |text| async move {
        match text.trim().parse::<i32>() {
            Ok(id) => run_report(id)
                .await
                .map(|(ctx, report)| (ctx, Some(id), report)),
            // Still sign-in checked and with the page's context, but no run to look up.
            Err(_) => run_report(0).await.map(|(ctx, _)| (ctx, None, None)),
        }
    });
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-report-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, asked, report)) => view! {
                        <div class="no-print">
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <FlashMessage flash=ctx.flash.clone() />
                        </div>
                        {match (asked, report) {
                            (_, Some(r)) => view! { <Report r /> }.into_any(),
                            (Some(id), None) => view! {
                                <h1>{l.tr("staff-report-title")}</h1>
                                <p class="form-error" role="alert">{l.tr_args("staff-report-no-run", &[("run", FluentArg::Num(id.into()))])}" "<a href="/staff/runs">{l.tr("staff-report-see-runs")}</a></p>
                            }.into_any(),
                            (None, None) => view! {
                                <h1>{l.tr("staff-report-title")}</h1>
                                <p class="form-error" role="alert">{l.tr_args("staff-report-not-a-number", &[("text", FluentArg::Str(id()))])}" "<a href="/staff/runs">{l.tr("staff-report-see-runs")}</a></p>
                            }.into_any(),
                        }}
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
fn Report(r: ReportData) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let weighted = r.weighted();
    let bars: Vec<Bar> = r
        .themes
        .iter()
        .map(|t| match (weighted, &t.weighted_share) {
            (true, Some(e)) => Bar {
                label: t.title.clone(),
                value: e.value,
                lower: e.lower,
                upper: e.upper,
            },
            _ => Bar {
                label: t.title.clone(),
                value: t.share,
                lower: None,
                upper: None,
            },
        })
        .collect();
    let (chart_title, chart_desc) = if weighted {
        (
            l.tr("staff-report-chart-weighted"),
            l.tr("staff-report-chart-weighted-desc"),
        )
    } else {
        (
            l.tr("staff-report-chart-unweighted"),
            l.tr("staff-report-chart-unweighted-desc"),
        )
    };
    let run = r.run_id;
    view! {
        <article class="report">
            <header class="report-title">
                <h1>{l.tr("staff-report-title")}</h1>
                <p class="lead">{l.tr_args("staff-report-lead", &[("run", FluentArg::Num(run.into())), ("created", FluentArg::Str(r.created_at.clone()))])}</p>
                <p class="no-print meta">
                    {l.tr("staff-report-print")}" "
                    <a href=format!("/staff/dashboard?run={run}")>{l.tr("staff-report-open-dashboard")}</a>
                </p>
            </header>
            <section class="report-section" aria-labelledby="analysed">
                <h2 id="analysed">{l.tr("staff-report-analysed")}</h2>
                <dl class="facts">
                    <dt>{l.tr("staff-report-scope")}</dt><dd>{r.scope.clone()}</dd>
                    <dt>{l.tr("staff-report-text")}</dt><dd>{l.tr_args("staff-report-text-value", &[("units", FluentArg::Num(r.n_units as i64)), ("respondents", FluentArg::Num(r.n_respondents as i64)), ("unclassified", FluentArg::Num(r.unclassified as i64))])}</dd>
                    <dt>{l.tr("staff-theme-languages")}</dt><dd>{r.languages.iter().map(|(l, n)| format!("{l}: {n}")).collect::<Vec<_>>().join(" · ")}</dd>
                </dl>
                <table class="report-streams">
                    <caption>{l.tr("staff-report-by-source")}</caption>
                    <thead><tr><th scope="col">{l.tr("staff-reports-source")}</th><th scope="col">{l.tr("staff-report-people-docs")}</th></tr></thead>
                    <tbody>
                        {r.streams.iter().map(|(s, n)| view! { <tr><th scope="row">{s.clone()}</th><td>{*n}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </section>
            <section class="report-section" aria-labelledby="needs">
                <h2 id="needs">{l.tr("staff-report-needs")}</h2>
                <BarChart id="report-chart".to_owned() title=chart_title description=chart_desc bars />
                <div class="table-scroll" tabindex="0">
                    <table class="report-ranking">
                        <caption>{l.tr(if weighted { "staff-report-ranked-weighted" } else { "staff-report-ranked-unweighted" })}</caption>
                        <thead><tr>
                            <th scope="col">{l.tr("staff-col-rank")}</th>
                            <th scope="col">{l.tr("staff-col-theme")}</th>
                            <th scope="col">{l.tr("staff-report-weighted-share")}</th>
                            <th scope="col">{l.tr("staff-report-people-docs")}</th>
                        </tr></thead>
                        <tbody>
                            {r.themes.iter().enumerate().map(|(i, t)| view! {
                                <tr>
                                    <td>{t.rank.map_or_else(|| if weighted { "–".to_owned() } else { (i + 1).to_string() }, |r| r.to_string())}</td>
                                    <th scope="row">{t.title.clone()}</th>
                                    <td>{match (&t.weighted_share, &t.suppressed) {
                                        (Some(e), _) => with_interval(l, e),
                                        (None, Some(_)) => l.tr("staff-report-withheld"),
                                        (None, None) => l.tr("staff-report-not-weighted"),
                                    }}</td>
                                    <td>{format!("{} ({})", t.respondents, percent(t.share))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <section class="report-section" aria-labelledby="themes">
                <h2 id="themes">{l.tr("staff-report-themes")}</h2>
                {r.themes.clone().into_iter().enumerate().map(|(i, t)| view! { <ThemeSection t position=i + 1 weighted /> }).collect_view()}
            </section>
            <MethodSection method=r.method.clone() />
            <section class="report-section" aria-labelledby="reading">
                <h2 id="reading">{l.tr("staff-report-reading")}</h2>
                <ul>
                    <li>{l.tr("staff-report-reading-theme")}</li>
                    <li>{l.tr(if weighted { "staff-report-reading-weighted" } else { "staff-report-reading-unweighted" })}</li>
                    {weighted.then(|| view! {
                        <li>{l.tr("staff-report-reading-interval")}</li>
                    })}
                    <li>{l.tr("staff-report-reading-sources")}</li>
                    <li>{l.tr("staff-report-reading-withheld")}</li>
                </ul>
            </section>
        </article>
    }
}

#[component]
fn ThemeSection(t: ReportTheme, position: usize, weighted: bool) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let heading_id = format!("theme-{}", t.id);
    let labelled_by = heading_id.clone();
    let figure = match (&t.weighted_share, &t.suppressed) {
        (Some(e), _) => l.tr_args(
            "staff-report-theme-weighted",
            &[("share", FluentArg::Str(with_interval(l, e)))],
        ),
        (None, Some(why)) => l.tr_args(
            "staff-report-theme-withheld",
            &[("reason", FluentArg::Str(why.clone()))],
        ),
        (None, None) => String::new(),
    };
    let place = match (t.rank, weighted) {
        (Some(r), _) => format!("{r}. "),
        (None, false) => format!("{position}. "),
        (None, true) => String::new(),
    };
    view! {
        <section class="report-theme" aria-labelledby=labelled_by>
            <h3 id=heading_id>{place}{t.title.clone()}</h3>
            <p class="meta">{l.tr_args("staff-report-theme-people", &[("people", FluentArg::Num(t.respondents as i64)), ("share", FluentArg::Str(percent(t.share)))])}{if figure.is_empty() { "" } else { " · " }}{figure}</p>
            {t.description.clone().map(|d| view! { <p class="theme-description">{d}</p> })}
            {if t.quotes.is_empty() {
                view! { <p class="meta">{l.tr("staff-report-no-quote")}</p> }.into_any()
            } else {
                t.quotes.into_iter().map(|q| view! {
                    <figure class="quote">
                        <blockquote lang=q.lang.clone()>{q.text}</blockquote>
                        <figcaption class="meta">{q.source.clone()}{l.tr_args("staff-report-written-in", &[("lang", FluentArg::Str(q.lang.clone()))])}</figcaption>
                    </figure>
                }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
fn MethodSection(method: ReportMethod) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let found = match method.representation.as_str() {
        "semantic" => l.tr_args(
            "staff-report-method-semantic",
            &[(
                "model",
                FluentArg::Str(
                    method
                        .encoder
                        .clone()
                        .unwrap_or_else(|| l.tr("staff-report-configured")),
                ),
            )],
        ),
        _ => l.tr("staff-report-method-classical"),
    };
    let k = if method.k_automatic {
        l.tr_args(
            "staff-report-k-auto",
            &[("k", FluentArg::Num(method.k as i64))],
        )
    } else {
        l.tr_args(
            "staff-report-k-fixed",
            &[("k", FluentArg::Num(method.k as i64))],
        )
    };
    view! {
        <section class="report-section" aria-labelledby="method">
            <h2 id="method">{l.tr("staff-report-method")}</h2>
            <h3>{l.tr("staff-report-finding")}</h3>
            <p>{found}" "{k}" "{l.tr_args("staff-report-seed", &[("seed", FluentArg::Str(method.seed.to_string()))])}</p>
            <h3>{l.tr("staff-nav-weighting")}</h3>
            {match method.weighting {
                Some(w) => view! {
                    <p>{l.tr_args(
                        "staff-report-raking",
                        &[("respondents", FluentArg::Num(w.respondents as i64)), ("variables", FluentArg::Str(in_words(l, &w.raking_variables)))],
                    )}
                    " "
                    {match &w.equity_index {
                        Some(index) => l.tr_args("staff-report-equity", &[("index", FluentArg::Str(index.clone()))]),
                        None => l.tr("staff-report-no-equity"),
                    }}
                    " "
                    {l.tr_args("staff-report-design-effect", &[("deff", FluentArg::Str(format!("{:.2}", w.design_effect))), ("n", FluentArg::Str(format!("{:.0}", w.effective_n)))])}</p>
                    <p>{w.suppression_rule.clone()}</p>
                    {if w.suppressed.is_empty() {
                        view! { <p>{l.tr("staff-report-none-withheld")}</p> }.into_any()
                    } else {
                        view! {
                            <p>{l.tr("staff-report-withheld-list")}</p>
                            <ul>{w.suppressed.into_iter().map(|(title, why)| view! { <li>{format!("{title}: {why}")}</li> }).collect_view()}</ul>
                        }.into_any()
                    }}
                }.into_any(),
                None => view! {
                    <p>{l.tr_args(
                        "staff-report-unweighted-run",
                        &[("problem", FluentArg::Str(method.weighting_problem.clone().unwrap_or_else(|| l.tr("staff-report-no-config"))))],
                    )}</p>
                }.into_any(),
            }}
        </section>
    }
}
