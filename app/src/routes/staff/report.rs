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
use crate::components::staff::{FlashMessage, PageError, StaffNav};
use crate::models::compare::percent;
use crate::models::dashboard::Estimate;
use crate::models::report::{ReportData, ReportMethod, ReportTheme};

/// A weighted share with its interval, for people.
fn with_interval(e: &Estimate) -> String {
    match (e.lower, e.upper) {
        (Some(lo), Some(hi)) => format!(
            "{} (90% interval {} – {})",
            percent(e.value),
            percent(lo),
            percent(hi)
        ),
        _ => percent(e.value),
    }
}

/// Survey variables for people: `council district, age band and tenure`.
fn in_words(variables: &[String]) -> String {
    let words: Vec<String> = variables.iter().map(|v| v.replace('_', " ")).collect();
    match words.as_slice() {
        [] => "the configured margins".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
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
    view! {
        <Title text="What we heard" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, asked, report)) => view! {
                        <div class="no-print">
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <FlashMessage flash=ctx.flash.clone() />
                        </div>
                        {match (asked, report) {
                            (_, Some(r)) => view! { <Report r /> }.into_any(),
                            (Some(id), None) => view! {
                                <h1>"What we heard"</h1>
                                <p class="form-error" role="alert">{format!("There is no analysis run {id}. ")}<a href="/staff/runs">"See the runs"</a></p>
                            }.into_any(),
                            (None, None) => view! {
                                <h1>"What we heard"</h1>
                                <p class="form-error" role="alert">{format!("“{}” is not a run number. ", id())}<a href="/staff/runs">"See the runs"</a></p>
                            }.into_any(),
                        }}
                    }
                    .into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(r: ReportData) -> impl IntoView {
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
            "Share of residents raising each need, weighted",
            "Horizontal bars, one per theme in priority order, raked × equity weighted shares; lines show 90% intervals. Themes whose weighted figures are withheld show their unweighted share without a line.",
        )
    } else {
        (
            "Share of people raising each need, unweighted",
            "Horizontal bars, one per theme, largest first.",
        )
    };
    let run = r.run_id;
    view! {
        <article class="report">
            <header class="report-title">
                <h1>"What we heard"</h1>
                <p class="lead">{format!("The needs residents and partners raised, from analysis run {run} ({}).", r.created_at)}</p>
                <p class="no-print meta">
                    "To print this report or save it as a PDF, use your browser's Print command; navigation and buttons are left out of the printout. "
                    <a href=format!("/staff/dashboard?run={run}")>"Open this run on the dashboard"</a>
                </p>
            </header>
            <section class="report-section" aria-labelledby="analysed">
                <h2 id="analysed">"What was analysed"</h2>
                <dl class="facts">
                    <dt>"Scope"</dt><dd>{r.scope.clone()}</dd>
                    <dt>"Text analysed"</dt><dd>{format!("{} answers, passages and reports from {} people, documents and reports; {} fitted no theme", r.n_units, r.n_respondents, r.unclassified)}</dd>
                    <dt>"Languages"</dt><dd>{r.languages.iter().map(|(l, n)| format!("{l}: {n}")).collect::<Vec<_>>().join(" · ")}</dd>
                </dl>
                <table class="report-streams">
                    <caption>"Who is counted, by source"</caption>
                    <thead><tr><th scope="col">"Source"</th><th scope="col">"People, documents or reports"</th></tr></thead>
                    <tbody>
                        {r.streams.iter().map(|(s, n)| view! { <tr><th scope="row">{s.clone()}</th><td>{*n}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </section>
            <section class="report-section" aria-labelledby="needs">
                <h2 id="needs">"Needs in priority order"</h2>
                <BarChart id="report-chart".to_owned() title=chart_title.to_owned() description=chart_desc.to_owned() bars />
                <div class="table-scroll" tabindex="0">
                    <table class="report-ranking">
                        <caption>{if weighted { "Themes ranked by equity-weighted priority" } else { "Themes by how many people raised them" }}</caption>
                        <thead><tr>
                            <th scope="col">"Rank"</th>
                            <th scope="col">"Theme"</th>
                            <th scope="col">"Weighted share of residents"</th>
                            <th scope="col">"People, documents or reports"</th>
                        </tr></thead>
                        <tbody>
                            {r.themes.iter().enumerate().map(|(i, t)| view! {
                                <tr>
                                    <td>{t.rank.map_or_else(|| if weighted { "–".to_owned() } else { (i + 1).to_string() }, |r| r.to_string())}</td>
                                    <th scope="row">{t.title.clone()}</th>
                                    <td>{match (&t.weighted_share, &t.suppressed) {
                                        (Some(e), _) => with_interval(e),
                                        (None, Some(_)) => "withheld (too few to publish)".to_owned(),
                                        (None, None) => "not weighted".to_owned(),
                                    }}</td>
                                    <td>{format!("{} ({})", t.respondents, percent(t.share))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <section class="report-section" aria-labelledby="themes">
                <h2 id="themes">"What people told us, theme by theme"</h2>
                {r.themes.clone().into_iter().enumerate().map(|(i, t)| view! { <ThemeSection t position=i + 1 weighted /> }).collect_view()}
            </section>
            <MethodSection method=r.method.clone() />
            <section class="report-section" aria-labelledby="reading">
                <h2 id="reading">"How to read this"</h2>
                <ul>
                    <li>"A theme is a need many people described in their own words; its name sums up what they wrote. The quotes are theirs, in the language they wrote in, with personal details removed."</li>
                    <li>{if weighted {
                        "The share is the part of residents who raised the need, weighted so that the people who answered stand for the City's population and lean toward the areas the City's equity index marks as most in need. One person can raise several needs, so shares add up to more than 100%."
                    } else {
                        "This run is not weighted: the share is the part of the people, documents and reports analysed that raised the need, and says nothing yet about the City's population as a whole. One person can raise several needs, so shares add up to more than 100%."
                    }}</li>
                    {weighted.then(|| view! {
                        <li>"The 90% interval is the range the share would likely fall in if other residents like these had answered: when two themes' intervals overlap, their order is not certain."</li>
                    })}
                    <li>"Interview notes, department leaders, community organizations and 311 reports are counted as their own sources, never mixed into residents' shares."</li>
                    <li>"Figures drawn from too few people are withheld, so nobody can be singled out."</li>
                </ul>
            </section>
        </article>
    }
}

#[component]
fn ThemeSection(t: ReportTheme, position: usize, weighted: bool) -> impl IntoView {
    let heading_id = format!("theme-{}", t.id);
    let labelled_by = heading_id.clone();
    let figure = match (&t.weighted_share, &t.suppressed) {
        (Some(e), _) => format!("{} of residents, weighted", with_interval(e)),
        (None, Some(why)) => format!("weighted share withheld: {why}"),
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
            <p class="meta">{format!("{} people, documents or reports ({} of those analysed){}{}", t.respondents, percent(t.share), if figure.is_empty() { "" } else { " · " }, figure)}</p>
            {t.description.clone().map(|d| view! { <p class="theme-description">{d}</p> })}
            {if t.quotes.is_empty() {
                view! { <p class="meta">"No quote approved for this theme yet (staff approve quotes on the theme's page)."</p> }.into_any()
            } else {
                t.quotes.into_iter().map(|q| view! {
                    <figure class="quote">
                        <blockquote lang=q.lang.clone()>{q.text}</blockquote>
                        <figcaption class="meta">{format!("{} · written in {}", q.source, q.lang)}</figcaption>
                    </figure>
                }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
fn MethodSection(method: ReportMethod) -> impl IntoView {
    let found = match method.representation.as_str() {
        "semantic" => format!(
            "Answers were turned into sentence embeddings with the {} model, which places answers with the same meaning close together across wording and language, and grouped with k-means.",
            method.encoder.clone().unwrap_or_else(|| "configured".to_owned())
        ),
        _ => "Answers were compared by the words they use (TF-IDF, reduced with latent semantic analysis) and grouped with k-means.".to_owned(),
    };
    let k = if method.k_automatic {
        format!(
            "The number of themes, {}, was chosen automatically: the number whose themes stay most stable when the answers are resampled.",
            method.k
        )
    } else {
        format!("Staff fixed the number of themes at {}.", method.k)
    };
    view! {
        <section class="report-section" aria-labelledby="method">
            <h2 id="method">"How we did this"</h2>
            <h3>"Finding the themes"</h3>
            <p>{found}" "{k}{format!(" Answers far from every theme were left unclassified rather than forced into one. The run can be repeated exactly (random seed {}).", method.seed)}</p>
            <h3>"Weighting"</h3>
            {match method.weighting {
                Some(w) => view! {
                    <p>{format!(
                        "{} residents' answers were weighted. Raking adjusted their weights until the respondents matched the City's population by {}.",
                        w.respondents,
                        in_words(&w.raking_variables)
                    )}
                    {match &w.equity_index {
                        Some(index) => format!(" Each weight was then multiplied by a factor from the area equity index ({index}), so that areas of greater need count more."),
                        None => " No equity index was configured, so every area counts the same.".to_owned(),
                    }}
                    {format!(" The weights' design effect is {:.2}: the answers carry as much information as {:.0} unweighted ones.", w.design_effect, w.effective_n)}</p>
                    <p>{w.suppression_rule.clone()}</p>
                    {if w.suppressed.is_empty() {
                        view! { <p>"No theme's figures were withheld."</p> }.into_any()
                    } else {
                        view! {
                            <p>"Withheld in this run:"</p>
                            <ul>{w.suppressed.into_iter().map(|(title, why)| view! { <li>{format!("{title}: {why}")}</li> }).collect_view()}</ul>
                        }.into_any()
                    }}
                }.into_any(),
                None => view! {
                    <p>{format!(
                        "This run is not equity-weighted ({}); themes are ordered by how many people raised them.",
                        method.weighting_problem.clone().unwrap_or_else(|| "no weighting configuration".to_owned())
                    )}</p>
                }.into_any(),
            }}
        </section>
    }
}
