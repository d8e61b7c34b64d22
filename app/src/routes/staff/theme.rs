//! One theme's page (`/staff/themes/{id}?run=N`): its name (staff's, or made from its answers)
//! and where that came from, its figures, month chart, quotes (with approval), breakdown and
//! closed-question row, its sources a page at a time, and its actions; and for staff, the forms
//! that curate it: name and description, status, merge, split, goals and department. Every form
//! is a plain POST with the CSRF token that comes back here with a message.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::actions::theme_actions;
use crate::api::themes::theme_page;
use crate::components::actions::ThemeActions;
use crate::components::chart::MonthColumns;
use crate::components::share_bar::{pct, with_interval};
use crate::components::staff::{
    CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading, status_name,
};
use crate::i18n::{FluentArg, use_i18n};
use crate::models::curation::{NameSource, ThemeStatus};
use crate::models::dashboard::{Direction, filled, movement};
use crate::models::staff::{Flash, Typed};
use crate::models::theme_page::ThemeDetail;

#[component]
pub fn ThemePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let (run, page) = query.with(|q| {
            (
                q.get("run").and_then(|r| r.parse().ok()),
                q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
            )
        });
        (run, id, page)
    };
    let i18n = use_i18n();
    let data = Resource::new(args, |(run, id, page)| theme_page(run, id, page));
    let actions = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        theme_actions,
    );
    view! {
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match (data.await, actions.await) {
                    (Ok((ctx, Some(detail))), Ok((list, departments))) => {
                        let next = format!("/staff/themes/{}?run={}", detail.theme.id, detail.run_id);
                        view! {
                            <Title text=l.tr_args("staff-theme-page-title", &[("theme", FluentArg::Str(detail.theme.name.clone()))]) />
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <div class="staff-wide">
                                <p class="meta"><a href=format!("/staff/dashboard?run={}", detail.run_id)>{l.tr_args("staff-theme-back", &[("run", FluentArg::Num(detail.run_id.into()))])}</a></p>
                                <h1>{detail.theme.name.clone()}</h1>
                                <FlashMessage flash=ctx.flash.clone() />
                                <div class="theme-layout">
                                    <div>
                                        <ThemeFacts detail=detail.clone() csrf=ctx.csrf.clone() />
                                        <ThemeSources detail=detail.clone() csrf=ctx.csrf.clone() flash=ctx.flash.clone() />
                                    </div>
                                    <div>
                                        {match ctx.flash.clone() {
                                            Some(flash) => view! { <ThemeActions theme_id=detail.theme.id.clone() actions=list departments csrf=ctx.csrf.clone() next flash /> }.into_any(),
                                            None => view! { <ThemeActions theme_id=detail.theme.id.clone() actions=list departments csrf=ctx.csrf.clone() next /> }.into_any(),
                                        }}
                                        <Curation detail=detail.clone() csrf=ctx.csrf.clone() flash=ctx.flash.clone() />
                                    </div>
                                </div>
                            </div>
                        }
                        .into_any()
                    }
                    (Ok((ctx, None)), _) => view! {
                        <Title text=l.tr("staff-theme-none") />
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>{l.tr("staff-theme-none")}</h1>
                        <p>{l.tr("staff-theme-none-body")}" "<a href="/staff/dashboard">{l.tr("staff-theme-see-all")}</a></p>
                    }
                    .into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
        </StaffPage>
    }
}

/// Where the theme's name comes from, what it is, its figures, chart and quotes.
#[component]
fn ThemeFacts(detail: ThemeDetail, csrf: String) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let t = detail.theme.clone();
    let run = detail.run_id;
    let keywords = FluentArg::Str(t.keywords.join(", "));
    let named = match &t.named_by {
        NameSource::Generated => {
            l.tr_args("staff-theme-named-generated", &[("keywords", keywords)])
        }
        NameSource::Staff { run: Some(r), at } if *r != run => l.tr_args(
            "staff-theme-named-carried",
            &[
                ("run", FluentArg::Num((*r).into())),
                ("at", FluentArg::Str(at.clone())),
                ("keywords", keywords),
            ],
        ),
        NameSource::Staff { at, .. } => l.tr_args(
            "staff-theme-named-staff",
            &[("at", FluentArg::Str(at.clone())), ("keywords", keywords)],
        ),
    };
    let counts = filled(&t.trend, &detail.months);
    let moved = movement(&counts).map(|m| {
        let way = l.tr(match m.direction {
            Direction::Rising => "staff-theme-rising",
            Direction::Falling => "staff-theme-falling",
            Direction::Steady => "staff-theme-steady",
        });
        l.tr_args(
            "staff-theme-trend",
            &[
                ("way", FluentArg::Str(way)),
                ("recent", FluentArg::Num(m.recent as i64)),
                ("before", FluentArg::Num(m.before as i64)),
            ],
        )
    });
    let months = detail.months.clone();
    let chart = (months.len() >= 2).then(|| {
        let description = l.tr_args(
            "staff-theme-chart-desc",
            &[
                ("from", FluentArg::Str(months[0].clone())),
                ("to", FluentArg::Str(months[months.len() - 1].clone())),
                ("counts", FluentArg::Str(months.iter().zip(&counts).map(|(m, n)| format!("{m} {n}")).collect::<Vec<_>>().join(", "))),
            ],
        );
        view! { <MonthColumns id=format!("trend-{}", t.id) title=l.tr_args("staff-dashboard-spark-title", &[("theme", FluentArg::Str(t.name.clone()))]) description months=months.clone() counts=counts.clone() /> }
    });
    view! {
        <p class="named-by meta">{format!("{} · ", t.id)}{named}</p>
        {t.description.clone().map(|d| view! { <p class="theme-description">{d}</p> })}
        {(t.status != ThemeStatus::Need).then(|| view! { <p class="notice">{l.tr_args("staff-theme-set-aside", &[("status", FluentArg::Str(status_name(l, t.status)))])}</p> })}
        {t.split_from.clone().map(|p| view! { <p class="meta">{l.tr_args("staff-theme-split-from", &[("theme", FluentArg::Str(p))])}</p> })}
        {(!t.merged.is_empty()).then(|| view! {
            <p class="meta">{l.tr_args("staff-theme-shown-with", &[("themes", FluentArg::Str(t.merged.iter().map(|(id, label)| format!("{id} ({label})")).collect::<Vec<_>>().join(", ")))])}</p>
        })}
        <dl class="facts">
            <dt>{l.tr("staff-col-rank")}</dt><dd>{t.rank.map_or_else(|| l.tr("staff-theme-not-ranked"), |r| format!("#{r}"))}</dd>
            <dt>{l.tr("staff-col-people")}</dt><dd>{l.tr_args("staff-theme-people", &[("people", FluentArg::Num(t.respondents as i64)), ("share", FluentArg::Str(pct(t.share)))])}</dd>
            {t.weighted_share.map(|e| view! { <dt>{l.tr("staff-col-weighted-share")}</dt><dd>{l.tr_args("staff-theme-weighted-share", &[("share", FluentArg::Str(with_interval(&e)))])}</dd> })}
            {t.priority.map(|e| view! { <dt>{l.tr("staff-col-priority")}</dt><dd>{match (e.lower, e.upper) { (Some(lo), Some(hi)) => format!("{:.3} ({lo:.3} – {hi:.3})", e.value), _ => format!("{:.3}", e.value) }}</dd> })}
            {t.suppressed.clone().map(|s| view! { <dt>{l.tr("staff-theme-weighted-figures")}</dt><dd>{l.tr_args("staff-theme-suppressed", &[("reason", FluentArg::Str(s))])}</dd> })}
            {detail.weighting_problem.clone().map(|p| view! { <dt>{l.tr("staff-nav-weighting")}</dt><dd>{l.tr_args("staff-theme-not-weighted", &[("problem", FluentArg::Str(p))])}</dd> })}
            <dt>{l.tr("staff-theme-by-stream")}</dt><dd>{t.by_stream.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(" · ")}</dd>
            <dt>{l.tr("staff-theme-languages")}</dt><dd>{t.languages.iter().map(|(l, n)| format!("{l} {n}")).collect::<Vec<_>>().join(" · ")}</dd>
            <dt>{l.tr("staff-filter-department")}</dt><dd>{t.department.clone().unwrap_or_else(|| l.tr("staff-theme-none-yet"))}</dd>
            <dt>{l.tr("staff-theme-goals")}</dt><dd>{if t.goals.is_empty() { l.tr("staff-theme-none-yet") } else { t.goals.join(" · ") }}</dd>
            {moved.map(|m| view! { <dt>{l.tr("staff-theme-trend-label")}</dt><dd>{m}</dd> })}
        </dl>
        {chart}
        <h2>{l.tr("staff-theme-quotes")}</h2>
        <p class="meta">{l.tr("staff-theme-quotes-help")}</p>
        {t.quotes.into_iter().map(|q| {
            let id = t.id.clone();
            let csrf = csrf.clone();
            view! {
                <figure class="quote">
                    <blockquote lang=q.lang.clone()>{q.text}</blockquote>
                    <figcaption class="meta">
                        {match q.link { Some(href) => view! { <a href=href>{q.source.clone()}</a> }.into_any(), None => q.source.clone().into_any() }}
                        {l.tr_args("staff-theme-quote-meta", &[("lang", FluentArg::Str(q.lang.clone())), ("approved", FluentArg::Str(l.tr(if q.approved { "staff-theme-approved" } else { "staff-theme-not-approved" })))])}
                    </figcaption>
                    <form method="post" action=format!("/staff/themes/{id}/quotes") class="inline-form">
                        <CsrfField token=csrf />
                        <input type="hidden" name="run" value=run.to_string() />
                        <input type="hidden" name="unit" value=q.unit.clone() />
                        <input type="hidden" name="approved" value=if q.approved { "0" } else { "1" } />
                        <button type="submit" class="link-button">{l.tr(if q.approved { "staff-theme-withdraw-approval" } else { "staff-theme-approve" })}</button>
                    </form>
                </figure>
            }
        }).collect_view()}
        {detail.breakdown.map(|(variable, cells)| view! {
            <h2>{l.tr_args("staff-theme-breakdown", &[("variable", FluentArg::Str(variable.replace('_', " ")))])}</h2>
            <div class="table-scroll" tabindex="0"><table>
                <thead><tr>{cells.iter().map(|(c, _)| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                <tbody><tr>{cells.into_iter().map(|(_, v)| view! { <td>{v.map_or_else(|| l.tr("staff-suppressed"), pct)}</td> }).collect_view()}</tr></tbody>
            </table></div>
        })}
        {detail.crosstab.filter(|x| !x.rows.is_empty()).map(|x| view! {
            <h2>{l.tr_args("staff-theme-answers-to", &[("question", FluentArg::Str(x.prompt.clone()))])}</h2>
            <div class="table-scroll" tabindex="0"><table>
                <thead><tr>{x.columns.iter().map(|c| view! { <th scope="col">{c.label.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>{x.rows.into_iter().map(|(_, cells)| view! {
                    <tr>{cells.into_iter().map(|v| view! { <td>{v.map_or_else(|| l.tr("staff-suppressed"), pct)}</td> }).collect_view()}</tr>
                }).collect_view()}</tbody>
            </table></div>
        })}
    }
}

/// The theme's sources, a page at a time, with boxes to split some off into a new theme.
#[component]
fn ThemeSources(detail: ThemeDetail, csrf: String, flash: Option<Flash>) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let typed = Typed::from(&flash);
    let (id, run, page, pages) = (
        detail.theme.id.clone(),
        detail.run_id,
        detail.page,
        detail.pages(),
    );
    let link = move |p: usize| format!("/staff/themes/{id}?run={run}&page={p}");
    view! {
        <h2 id="sources">{l.tr_args("staff-theme-sources", &[("count", FluentArg::Num(detail.total_sources as i64))])}</h2>
        <form method="post" action=format!("/staff/themes/{}/split", detail.theme.id)>
            <CsrfField token=csrf />
            <input type="hidden" name="run" value=run.to_string() />
            <ul class="source-list">
                {detail.sources.into_iter().map(|s| {
                    let box_id = format!("unit-{}", s.unit.replace(':', "-"));
                    view! {
                        <li>
                            <input type="checkbox" name="unit" value=s.unit.clone() id=box_id.clone() />
                            <label for=box_id>{s.text}<span class="meta">{format!(" — {}", s.source)}</span></label>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <label for="split-name">{l.tr("staff-theme-split-label")}</label>
            <input type="text" id="split-name" name="split-name" maxlength="80" value=typed.value("split-name", "") aria-invalid=typed.invalid("split-name") />
            <button type="submit" class="primary">{l.tr("staff-theme-split")}</button>
        </form>
        {(pages > 1).then(|| view! {
            <nav aria-label=l.tr("staff-theme-source-pages") class="actions">
                {(page > 1).then(|| view! { <a href=link(page - 1)>{l.tr("staff-previous")}</a> })}
                <span>{l.tr_args("staff-page-of", &[("page", FluentArg::Num(page as i64)), ("pages", FluentArg::Num(pages as i64))])}</span>
                {(page < pages).then(|| view! { <a href=link(page + 1)>{l.tr("staff-next")}</a> })}
            </nav>
        })}
    }
}

/// The curation forms.
#[component]
fn Curation(detail: ThemeDetail, csrf: String, flash: Option<Flash>) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let typed = Typed::from(&flash);
    let t = detail.theme.clone();
    let run = detail.run_id.to_string();
    let action = |what: &str| format!("/staff/themes/{}/{what}", t.id);
    let staff_name = match &t.named_by {
        NameSource::Staff { .. } => t.name.clone(),
        NameSource::Generated => String::new(),
    };
    let hidden =
        |name: &'static str, value: String| view! { <input type="hidden" name=name value=value /> };
    view! {
        <section class="curation" aria-labelledby="curate-heading">
            <h2 id="curate-heading">{l.tr("staff-theme-curate")}</h2>
            <p class="meta">{l.tr("staff-theme-curate-help")}</p>
            <form method="post" action=action("describe") class="stack-form">
                <CsrfField token=csrf.clone() />
                {hidden("run", run.clone())}
                <label for="theme-name">{l.tr("staff-theme-name")}</label>
                <input type="text" id="theme-name" name="name" maxlength="80" value=typed.value("name", &staff_name) placeholder=t.name.clone() aria-invalid=typed.invalid("theme-name") aria-describedby="theme-name-hint" />
                <p id="theme-name-hint" class="meta">{l.tr("staff-theme-name-hint")}</p>
                <label for="theme-description">{l.tr("staff-theme-description")}</label>
                <textarea id="theme-description" name="description" maxlength="1000" aria-invalid=typed.invalid("theme-description")>{typed.value("description", t.description.as_deref().unwrap_or_default())}</textarea>
                <button type="submit" class="primary">{l.tr("staff-theme-save-name")}</button>
            </form>
            <form method="post" action=action("frame") class="stack-form">
                <CsrfField token=csrf.clone() />
                {hidden("run", run.clone())}
                <fieldset id="theme-goals">
                    <legend>{l.tr("staff-theme-strategy-goals")}</legend>
                    <div class="choices">
                        {detail.goals.iter().map(|(id, name, on)| {
                            let box_id = format!("goal-{id}");
                            view! {
                                <div class="choice">
                                    <input type="checkbox" name="goal" value=id.to_string() id=box_id.clone() checked=*on />
                                    <label for=box_id>{name.clone()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <label for="theme-department">{l.tr("staff-theme-owning-department")}</label>
                <select id="theme-department" name="department" aria-invalid=typed.invalid("theme-department")>
                    <option value="">{l.tr("staff-theme-none-yet-option")}</option>
                    {detail.departments.iter().map(|(id, name, on)| view! { <option value=id.to_string() selected=*on>{name.clone()}</option> }).collect_view()}
                </select>
                <button type="submit" class="primary">{l.tr("staff-theme-save-goals")}</button>
            </form>
            <form method="post" action=action("status") class="stack-form">
                <CsrfField token=csrf.clone() />
                {hidden("run", run.clone())}
                <label for="theme-status">{l.tr("staff-theme-show-as")}</label>
                <select id="theme-status" name="status">
                    <option value="need" selected=t.status == ThemeStatus::Need>{l.tr("staff-theme-as-need")}</option>
                    <option value="hidden" selected=t.status == ThemeStatus::Hidden>{l.tr("staff-theme-as-hidden")}</option>
                    <option value="not_a_need" selected=t.status == ThemeStatus::NotANeed>{l.tr("staff-theme-as-not-a-need")}</option>
                </select>
                <button type="submit" class="primary">{l.tr("staff-theme-save-status")}</button>
            </form>
            <form method="post" action=action("merge") class="stack-form">
                <CsrfField token=csrf.clone() />
                {hidden("run", run.clone())}
                <label for="merge-into">{l.tr("staff-theme-merge-into")}</label>
                <select id="merge-into" name="into" aria-invalid=typed.invalid("merge-into")>
                    {detail.others.iter().map(|(id, name)| view! { <option value=id.clone()>{format!("{name} ({id})")}</option> }).collect_view()}
                </select>
                <button type="submit" class="primary">{l.tr("staff-theme-merge")}</button>
            </form>
            {t.merged.iter().map(|(id, label)| view! {
                <form method="post" action=action("merge") class="inline-form">
                    <CsrfField token=csrf.clone() />
                    {hidden("run", run.clone())}
                    <input type="hidden" name="apart" value=id.clone() />
                    <button type="submit" class="link-button">{l.tr_args("staff-theme-unmerge", &[("theme", FluentArg::Str(format!("{id} ({label})")))])}</button>
                </form>
            }).collect_view()}
        </section>
    }
}
