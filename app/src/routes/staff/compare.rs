//! Compare runs: two analysis runs side by side (each theme's share and rank in both, the change
//! and movement), the themes that appeared, went, merged or split, and every theme's share in
//! every run as a small line with the numbers in a table. The run pickers are a plain GET form,
//! so it works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::compare::compare_runs;
use crate::components::sparkline::Sparkline;
use crate::components::staff::{FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::compare::{
    Basis, ComparePage as CompareData, CompareQuery, Comparison, History, LoneTheme, Regrouping,
    RunHeading, ThemeRef, percent, points,
};
use crate::models::dashboard::RunChoice;

fn share_text(l: Locale, share: Option<f64>) -> String {
    share.map_or_else(|| l.tr("staff-suppressed"), percent)
}

fn rank_text(rank: Option<usize>) -> String {
    rank.map_or_else(|| "–".to_owned(), |r| r.to_string())
}

fn run_name(l: Locale, run: &RunHeading) -> String {
    l.tr_args(
        "staff-compare-run-name",
        &[
            ("run", FluentArg::Num(run.id.into())),
            ("created", FluentArg::Str(run.created_at.clone())),
        ],
    )
}

/// What the shares are, in the staff pages' language.
fn basis_text(l: Locale, basis: Basis) -> String {
    l.tr(match basis {
        Basis::Weighted => "staff-compare-basis-weighted",
        Basis::Unweighted => "staff-compare-basis-unweighted",
    })
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
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-nav-compare") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>{l.tr("staff-nav-compare")}</h1>
                        <FlashMessage flash=ctx.flash.clone() />
                        <Compare page />
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
fn RunPicker(
    name: &'static str,
    label: String,
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
    let l = use_i18n().staff_locale();
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
            <p class="notice">{l.tr_args("staff-compare-needs-two", &[("count", FluentArg::Num(page.runs.len() as i64))])}" "<a href="/staff/runs">{l.tr("staff-runs-start")}</a></p>
        }
        .into_any();
    }
    view! {
        <form class="filter-form" method="get" action="/staff/compare">
            <RunPicker name="a" label=l.tr("staff-compare-run-a") runs=page.runs.clone() selected=page.a invalid=bad_a />
            <RunPicker name="b" label=l.tr("staff-compare-run-b") runs=page.runs.clone() selected=page.b invalid=bad_b />
            <button type="submit" class="primary">{l.tr("staff-compare-button")}</button>
        </form>
        {problem.map(|p| view! { <p class="form-error" role="alert" id="compare-problem">{p}</p> })}
        {page.comparison.map(|c| view! { <ComparisonView c /> })}
    }
    .into_any()
}

#[component]
fn ComparisonView(c: Comparison) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let basis_note = match c.basis {
        Basis::Weighted => l.tr_args(
            "staff-compare-basis-note-weighted",
            &[("basis", FluentArg::Str(basis_text(l, c.basis)))],
        ),
        Basis::Unweighted => {
            let unweighted: Vec<String> = [&c.a, &c.b]
                .iter()
                .filter(|r| !r.weighted)
                .map(|r| r.id.to_string())
                .collect();
            l.tr_args(
                "staff-compare-basis-note-unweighted",
                &[
                    ("basis", FluentArg::Str(basis_text(l, c.basis))),
                    ("count", FluentArg::Num(unweighted.len() as i64)),
                    (
                        "runs",
                        FluentArg::Str(unweighted.join(&format!(" {} ", l.tr("staff-and")))),
                    ),
                ],
            )
        }
    };
    let (a, b) = (c.a.id, c.b.id);
    view! {
        <p class="meta">
            {format!("A: {} · B: {}. ", run_name(l, &c.a), run_name(l, &c.b))}
            {basis_note}
        </p>
        <p class="exports">
            <a href=format!("/api/v1/compare?a={a}&b={b}")>{l.tr("staff-compare-json")}</a>
            " · "
            <a href=format!("/staff/runs/{a}/report")>{l.tr_args("staff-compare-report-of", &[("run", FluentArg::Num(a.into()))])}</a>
            " · "
            <a href=format!("/staff/runs/{b}/report")>{l.tr_args("staff-compare-report-of", &[("run", FluentArg::Num(b.into()))])}</a>
        </p>
        <h2>{l.tr("staff-compare-both")}</h2>
        {if c.matched.is_empty() {
            view! { <p>{l.tr("staff-compare-none-kept")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table class="compare-table">
                        <caption class="visually-hidden">{l.tr_args("staff-compare-both-caption", &[("a", FluentArg::Num(a.into())), ("b", FluentArg::Num(b.into()))])}</caption>
                        <thead><tr>
                            <th scope="col">{l.tr("staff-col-theme")}</th>
                            <th scope="col">{l.tr_args("staff-compare-share-a", &[("run", FluentArg::Num(a.into()))])}</th>
                            <th scope="col">{l.tr_args("staff-compare-share-b", &[("run", FluentArg::Num(b.into()))])}</th>
                            <th scope="col">{l.tr("staff-compare-change")}</th>
                            <th scope="col">{l.tr("staff-compare-rank-a")}</th>
                            <th scope="col">{l.tr("staff-compare-rank-b")}</th>
                            <th scope="col">{l.tr("staff-compare-movement")}</th>
                        </tr></thead>
                        <tbody>
                            {c.matched.into_iter().map(|t| {
                                let change = t.change_points().map_or_else(|| "–".to_owned(), points);
                                view! {
                                    <tr>
                                        <th scope="row">{t.title.clone()}<span class="meta">{format!(" {}", t.id)}</span>
                                            {t.note.clone().map(|n| view! { <br /><span class="meta">{n}</span> })}
                                        </th>
                                        <td>{share_text(l, t.share_a)}</td>
                                        <td>{share_text(l, t.share_b)}</td>
                                        <td>{change}</td>
                                        <td>{rank_text(t.rank_a)}</td>
                                        <td>{rank_text(t.rank_b)}</td>
                                        <td><span aria-hidden="true">{t.movement()}</span><span class="visually-hidden">{movement_words(l, t.places_up())}</span></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <h2>{l.tr("staff-compare-new")}</h2>
        <p class="meta">{l.tr("staff-compare-new-help")}</p>
        <LoneList themes=c.appeared none=l.tr("staff-compare-no-new") badge="new" />
        <h2>{l.tr("staff-compare-gone")}</h2>
        <p class="meta">{l.tr("staff-compare-gone-help")}</p>
        <LoneList themes=c.gone none=l.tr("staff-compare-no-gone") badge="gone" />
        <h2>{l.tr("staff-compare-regrouped")}</h2>
        <p class="meta">{l.tr("staff-compare-regrouped-help")}</p>
        <RegroupList merged=c.merged split=c.split />
        <HistoryTable history=c.history />
    }
}

#[component]
fn LoneList(themes: Vec<LoneTheme>, none: String, badge: &'static str) -> impl IntoView {
    let l = use_i18n().staff_locale();
    if themes.is_empty() {
        return view! { <p>{none}</p> }.into_any();
    }
    view! {
        <ul class="lone-themes">
            {themes.into_iter().map(|t| view! {
                <li>
                    <span class=format!("badge badge-{badge}")>{l.tr(if badge == "new" { "staff-compare-badge-new" } else { "staff-compare-badge-gone" })}</span>" "
                    {t.title}<span class="meta">{format!(" {}", t.id)}</span>
                    {format!(" · {}{}", share_text(l, t.share), t.rank.map(|r| l.tr_args("staff-compare-rank-n", &[("rank", FluentArg::Num(r as i64))])).unwrap_or_default())}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn names(l: Locale, themes: &[ThemeRef]) -> String {
    themes
        .iter()
        .map(|t| format!("{} ({})", t.title, t.id))
        .collect::<Vec<_>>()
        .join(&format!(" {} ", l.tr("staff-and")))
}

/// How far a theme moved, in words (for screen readers).
fn movement_words(l: Locale, places_up: Option<i64>) -> String {
    match places_up {
        Some(0) => l.tr("staff-compare-same-rank"),
        Some(n) if n > 0 => l.tr_args("staff-compare-up", &[("places", FluentArg::Num(n))]),
        Some(n) => l.tr_args("staff-compare-down", &[("places", FluentArg::Num(-n))]),
        None => l.tr("staff-compare-not-ranked"),
    }
}

#[component]
fn RegroupList(merged: Vec<Regrouping>, split: Vec<Regrouping>) -> impl IntoView {
    let l = use_i18n().staff_locale();
    if merged.is_empty() && split.is_empty() {
        return view! { <p>{l.tr("staff-compare-no-regrouping")}</p> }.into_any();
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
                <li><span class="badge badge-merged">{l.tr("staff-compare-badge-merged")}</span>" "
                    {l.tr_args("staff-compare-merged", &[("from", FluentArg::Str(names(l, &m.from))), ("into", FluentArg::Str(names(l, &m.into))), ("parts", FluentArg::Str(parts))])}
                </li>
            }
        })
        .collect_view();
    let split = split
        .into_iter()
        .map(|s| {
            let part = s.overlap.first().copied().map(percent).unwrap_or_default();
            view! {
                <li><span class="badge badge-split">{l.tr("staff-compare-badge-split")}</span>" "
                    {l.tr_args("staff-compare-split", &[("from", FluentArg::Str(names(l, &s.from))), ("into", FluentArg::Str(names(l, &s.into))), ("part", FluentArg::Str(part))])}
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
    let l = use_i18n().staff_locale();
    view! {
        <h2>{l.tr("staff-compare-history")}</h2>
        <p class="meta">{l.tr_args("staff-compare-history-help", &[("basis", FluentArg::Str(basis_text(l, history.basis)))])}</p>
        <div class="table-scroll" tabindex="0">
            <table class="history-table">
                <caption class="visually-hidden">{l.tr("staff-compare-history-caption")}</caption>
                <thead><tr>
                    <th scope="col">{l.tr("staff-col-theme")}</th>
                    <th scope="col">{l.tr("staff-compare-line")}</th>
                    {runs.iter().map(|r| view! { <th scope="col">{l.tr_args("staff-compare-run-n", &[("run", FluentArg::Num(r.id.into()))])}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {history.lines.into_iter().map(|line| {
                        let spoken = runs
                            .iter()
                            .zip(&line.shares)
                            .map(|(r, s)| format!("{} {}", l.tr_args("staff-compare-run-spoken", &[("run", FluentArg::Num(r.id.into()))]), s.map_or_else(|| l.tr("staff-compare-none-share"), percent)))
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! {
                            <tr>
                                <th scope="row">{line.title.clone()}<span class="meta">{format!(" {}", line.id)}</span></th>
                                <td>
                                    <Sparkline
                                        id=format!("line-{}", line.id)
                                        title=l.tr_args("staff-compare-share-by-run", &[("theme", FluentArg::Str(line.title.clone()))])
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
