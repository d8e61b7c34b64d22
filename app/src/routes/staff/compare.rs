//! Compare runs: two analysis runs side by side (each theme's share and rank in both, the change
//! and movement), the themes that appeared, went, merged or split, and every theme's share in
//! every run as a small line with the numbers in a table. The run pickers are a plain GET form,
//! so it works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::compare::compare_runs;
use crate::components::sparkline::Sparkline;
use crate::components::staff::{FlashMessage, PageError, StaffNav};
use crate::models::compare::{
    Basis, ComparePage as CompareData, CompareQuery, Comparison, History, LoneTheme, Regrouping,
    RunHeading, ThemeRef, percent, points,
};
use crate::models::dashboard::RunChoice;

fn share_text(share: Option<f64>) -> String {
    share.map_or_else(|| "suppressed".to_owned(), percent)
}

fn rank_text(rank: Option<usize>) -> String {
    rank.map_or_else(|| "–".to_owned(), |r| r.to_string())
}

fn run_name(run: &RunHeading) -> String {
    format!("Run {} ({})", run.id, run.created_at)
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            query.with(|q| CompareQuery {
                a: q.get("a"),
                b: q.get("b"),
            })
        },
        compare_runs,
    );
    view! {
        <Title text="Compare runs" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>"Compare runs"</h1>
                        <FlashMessage flash=ctx.flash.clone() />
                        <Compare page />
                    }
                    .into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RunPicker(
    name: &'static str,
    label: &'static str,
    runs: Vec<RunChoice>,
    selected: Option<i32>,
    invalid: bool,
) -> impl IntoView {
    let id = format!("compare-{name}");
    view! {
        <div>
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-invalid=invalid.then_some("true") aria-describedby=invalid.then_some("compare-problem")>
                {runs.into_iter().map(|r| view! {
                    <option value=r.id.to_string() selected=selected == Some(r.id)>{r.label}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Compare(page: CompareData) -> impl IntoView {
    let problem = page.problem.clone();
    // The field the problem names (`a: …`, `b: …`), to mark it.
    let names = |field: &str| {
        problem
            .as_deref()
            .is_some_and(|p| p.starts_with(&format!("{field}:")) || p.starts_with("a and b"))
    };
    let (bad_a, bad_b) = (names("a"), names("b"));
    if page.runs.len() < 2 {
        return view! {
            <p class="notice">{format!(
                "Comparing needs two analysis runs; there {}. ",
                if page.runs.len() == 1 { "is one" } else { "are none yet" }
            )}<a href="/staff/runs">"Start a run"</a></p>
        }
        .into_any();
    }
    view! {
        <form class="filter-form" method="get" action="/staff/compare">
            <RunPicker name="a" label="Run A (earlier)" runs=page.runs.clone() selected=page.a invalid=bad_a />
            <RunPicker name="b" label="Run B (later)" runs=page.runs.clone() selected=page.b invalid=bad_b />
            <button type="submit" class="primary">"Compare"</button>
        </form>
        {problem.map(|p| view! { <p class="form-error" role="alert" id="compare-problem">{p}</p> })}
        {page.comparison.map(|c| view! { <ComparisonView c /> })}
    }
    .into_any()
}

#[component]
fn ComparisonView(c: Comparison) -> impl IntoView {
    let basis_note = match c.basis {
        Basis::Weighted => format!(
            "Shares are the {}, with small cells suppressed as on the dashboard.",
            c.basis.describe()
        ),
        Basis::Unweighted => {
            let unweighted: Vec<String> = [&c.a, &c.b]
                .iter()
                .filter(|r| !r.weighted)
                .map(|r| format!("run {}", r.id))
                .collect();
            format!(
                "Shares are the {}: {} not equity-weighted, so weighted shares cannot be compared.",
                c.basis.describe(),
                if unweighted.len() == 1 {
                    format!("{} is", unweighted[0])
                } else {
                    format!("{} are", unweighted.join(" and "))
                }
            )
        }
    };
    let (a, b) = (c.a.id, c.b.id);
    view! {
        <p class="meta">
            {format!("A: {} · B: {}. ", run_name(&c.a), run_name(&c.b))}
            {basis_note}
        </p>
        <p class="exports">
            <a href=format!("/api/v1/compare?a={a}&b={b}")>"This comparison (JSON)"</a>
            " · "
            <a href=format!("/staff/runs/{a}/report")>{format!("Report of run {a}")}</a>
            " · "
            <a href=format!("/staff/runs/{b}/report")>{format!("Report of run {b}")}</a>
        </p>
        <h2>"Themes in both runs"</h2>
        {if c.matched.is_empty() {
            view! { <p>"No theme kept its id from run A to run B."</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table class="compare-table">
                        <caption class="visually-hidden">{format!("Themes in both runs: share and rank in run {a} and run {b}")}</caption>
                        <thead><tr>
                            <th scope="col">"Theme"</th>
                            <th scope="col">{format!("Share in A (run {a})")}</th>
                            <th scope="col">{format!("Share in B (run {b})")}</th>
                            <th scope="col">"Change"</th>
                            <th scope="col">"Rank in A"</th>
                            <th scope="col">"Rank in B"</th>
                            <th scope="col">"Movement"</th>
                        </tr></thead>
                        <tbody>
                            {c.matched.into_iter().map(|t| {
                                let change = t.change_points().map_or_else(|| "–".to_owned(), points);
                                view! {
                                    <tr>
                                        <th scope="row">{t.title.clone()}<span class="meta">{format!(" {}", t.id)}</span>
                                            {t.note.clone().map(|n| view! { <br /><span class="meta">{n}</span> })}
                                        </th>
                                        <td>{share_text(t.share_a)}</td>
                                        <td>{share_text(t.share_b)}</td>
                                        <td>{change}</td>
                                        <td>{rank_text(t.rank_a)}</td>
                                        <td>{rank_text(t.rank_b)}</td>
                                        <td><span aria-hidden="true">{t.movement()}</span><span class="visually-hidden">{t.movement_words()}</span></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <h2>"New themes"</h2>
        <p class="meta">"In run B, not in run A."</p>
        <LoneList themes=c.appeared none="No new themes." badge="new" />
        <h2>"Gone themes"</h2>
        <p class="meta">"In run A, not in run B."</p>
        <LoneList themes=c.gone none="No theme went." badge="gone" />
        <h2>"Merged and split themes"</h2>
        <p class="meta">"Read from the answers both runs analysed: themes merged when at least a quarter of each went into one theme of run B; a theme split when at least a quarter of it went to each of several."</p>
        <RegroupList merged=c.merged split=c.split />
        <HistoryTable history=c.history />
    }
}

#[component]
fn LoneList(themes: Vec<LoneTheme>, none: &'static str, badge: &'static str) -> impl IntoView {
    if themes.is_empty() {
        return view! { <p>{none}</p> }.into_any();
    }
    view! {
        <ul class="lone-themes">
            {themes.into_iter().map(|t| view! {
                <li>
                    <span class=format!("badge badge-{badge}")>{badge}</span>" "
                    {t.title}<span class="meta">{format!(" {}", t.id)}</span>
                    {format!(" · {}{}", share_text(t.share), t.rank.map(|r| format!(", rank {r}")).unwrap_or_default())}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn names(themes: &[ThemeRef]) -> String {
    themes
        .iter()
        .map(|t| format!("{} ({})", t.title, t.id))
        .collect::<Vec<_>>()
        .join(" and ")
}

#[component]
fn RegroupList(merged: Vec<Regrouping>, split: Vec<Regrouping>) -> impl IntoView {
    if merged.is_empty() && split.is_empty() {
        return view! { <p>"No theme merged or split."</p> }.into_any();
    }
    let merged = merged
        .into_iter()
        .map(|m| {
            let parts = m
                .overlap
                .iter()
                .map(|p| percent(*p))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <li><span class="badge badge-merged">"merged"</span>" "
                    {format!("{} went into {} ({parts} of each)", names(&m.from), names(&m.into))}
                </li>
            }
        })
        .collect_view();
    let split = split
        .into_iter()
        .map(|s| {
            let part = s.overlap.first().copied().map(percent).unwrap_or_default();
            view! {
                <li><span class="badge badge-split">"split"</span>" "
                    {format!("{} split into {} ({part} of it)", names(&s.from), names(&s.into))}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="lone-themes">{merged}{split}</ul> }.into_any()
}

#[component]
fn HistoryTable(history: History) -> impl IntoView {
    let max = history
        .lines
        .iter()
        .flat_map(|l| l.shares.iter().flatten())
        .fold(0.0f64, |m, v| m.max(*v));
    let runs = history.runs.clone();
    view! {
        <h2>"Every theme across all runs"</h2>
        <p class="meta">{format!(
            "Each theme's {} in every run, oldest first; a gap means the theme was not in that run or its share was suppressed.",
            history.basis.describe()
        )}</p>
        <div class="table-scroll" tabindex="0">
            <table class="history-table">
                <caption class="visually-hidden">"Share of every theme in every run"</caption>
                <thead><tr>
                    <th scope="col">"Theme"</th>
                    <th scope="col">"Line"</th>
                    {runs.iter().map(|r| view! { <th scope="col">{format!("Run {}", r.id)}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {history.lines.into_iter().map(|line| {
                        let spoken = runs
                            .iter()
                            .zip(&line.shares)
                            .map(|(r, s)| format!("run {} {}", r.id, s.map_or_else(|| "none".to_owned(), percent)))
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! {
                            <tr>
                                <th scope="row">{line.title.clone()}<span class="meta">{format!(" {}", line.id)}</span></th>
                                <td>
                                    <Sparkline
                                        id=format!("line-{}", line.id)
                                        title=format!("{}: share by run", line.title)
                                        description=format!("{spoken}.")
                                        values=line.shares.clone()
                                        max
                                    />
                                </td>
                                {line.shares.iter().map(|s| view! { <td>{s.map_or_else(|| "—".to_owned(), percent)}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
