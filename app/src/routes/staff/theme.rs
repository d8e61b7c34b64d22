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
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};
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
    let data = Resource::new(args, |(run, id, page)| theme_page(run, id, page));
    let actions = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        theme_actions,
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match (data.await, actions.await) {
                    (Ok((ctx, Some(detail))), Ok((list, departments))) => {
                        let next = format!("/staff/themes/{}?run={}", detail.theme.id, detail.run_id);
                        view! {
                            <Title text=format!("{} · theme", detail.theme.name) />
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <div class="staff-wide">
                                <p class="meta"><a href=format!("/staff/dashboard?run={}", detail.run_id)>{format!("← All themes of run {}", detail.run_id)}</a></p>
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
                        <Title text="No such theme" />
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>"No such theme"</h1>
                        <p>"This run has no theme with that id (it may have been merged into another). "<a href="/staff/dashboard">"See all themes"</a>"."</p>
                    }
                    .into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Where the theme's name comes from, what it is, its figures, chart and quotes.
#[component]
fn ThemeFacts(detail: ThemeDetail, csrf: String) -> impl IntoView {
    let t = detail.theme.clone();
    let run = detail.run_id;
    let named = match &t.named_by {
        NameSource::Generated => format!(
            "Name made from the theme's own answers. Keywords: {}.",
            t.keywords.join(", ")
        ),
        NameSource::Staff { run: Some(r), at } if *r != run => format!(
            "Named by staff in run {r} ({at}), carried to this run. Keywords: {}.",
            t.keywords.join(", ")
        ),
        NameSource::Staff { at, .. } => format!(
            "Named by staff ({at}). Keywords: {}.",
            t.keywords.join(", ")
        ),
    };
    let counts = filled(&t.trend, &detail.months);
    let moved = movement(&counts).map(|m| {
        let way = match m.direction {
            Direction::Rising => "rising",
            Direction::Falling => "falling",
            Direction::Steady => "steady",
        };
        format!(
            "{way}: {} sources in the last three months, {} in the three before",
            m.recent, m.before
        )
    });
    let months = detail.months.clone();
    let chart = (months.len() >= 2).then(|| {
        let description = format!(
            "Columns, one per month from {} to {}: {}.",
            months[0],
            months[months.len() - 1],
            months.iter().zip(&counts).map(|(m, n)| format!("{m} {n}")).collect::<Vec<_>>().join(", "),
        );
        view! { <MonthColumns id=format!("trend-{}", t.id) title=format!("{}: sources per month", t.name) description months=months.clone() counts=counts.clone() /> }
    });
    view! {
        <p class="named-by meta">{format!("{} · ", t.id)}{named}</p>
        {t.description.clone().map(|d| view! { <p class="theme-description">{d}</p> })}
        {(t.status != ThemeStatus::Need).then(|| view! { <p class="notice">{format!("Set aside by staff: {}. It is not ranked.", t.status.as_str())}</p> })}
        {t.split_from.clone().map(|p| view! { <p class="meta">{format!("Split off theme {p} by staff.")}</p> })}
        {(!t.merged.is_empty()).then(|| view! {
            <p class="meta">{format!("Shown with: {}.", t.merged.iter().map(|(id, label)| format!("{id} ({label})")).collect::<Vec<_>>().join(", "))}</p>
        })}
        <dl class="facts">
            <dt>"Rank"</dt><dd>{t.rank.map_or_else(|| "not ranked".to_owned(), |r| format!("#{r}"))}</dd>
            <dt>"People"</dt><dd>{format!("{} ({} of those analysed)", t.respondents, pct(t.share))}</dd>
            {t.weighted_share.map(|e| view! { <dt>"Weighted share"</dt><dd>{format!("{} — 90% interval in brackets", with_interval(&e))}</dd> })}
            {t.priority.map(|e| view! { <dt>"Priority"</dt><dd>{match (e.lower, e.upper) { (Some(lo), Some(hi)) => format!("{:.3} ({lo:.3} – {hi:.3})", e.value), _ => format!("{:.3}", e.value) }}</dd> })}
            {t.suppressed.clone().map(|s| view! { <dt>"Weighted figures"</dt><dd>{format!("suppressed: {s}")}</dd> })}
            {detail.weighting_problem.clone().map(|p| view! { <dt>"Weighting"</dt><dd>{format!("not weighted: {p}")}</dd> })}
            <dt>"By stream"</dt><dd>{t.by_stream.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(" · ")}</dd>
            <dt>"Languages"</dt><dd>{t.languages.iter().map(|(l, n)| format!("{l} {n}")).collect::<Vec<_>>().join(" · ")}</dd>
            <dt>"Department"</dt><dd>{t.department.clone().unwrap_or_else(|| "none yet".to_owned())}</dd>
            <dt>"Goals"</dt><dd>{if t.goals.is_empty() { "none yet".to_owned() } else { t.goals.join(" · ") }}</dd>
            {moved.map(|m| view! { <dt>"Trend"</dt><dd>{m}</dd> })}
        </dl>
        {chart}
        <h2>"What people wrote"</h2>
        <p class="meta">"Approved quotes may appear in the “What we heard” report and public results."</p>
        {t.quotes.into_iter().map(|q| {
            let id = t.id.clone();
            let csrf = csrf.clone();
            view! {
                <figure class="quote">
                    <blockquote lang=q.lang.clone()>{q.text}</blockquote>
                    <figcaption class="meta">
                        {match q.link { Some(href) => view! { <a href=href>{q.source.clone()}</a> }.into_any(), None => q.source.clone().into_any() }}
                        {format!(" · written in {} · {}", q.lang, if q.approved { "approved" } else { "not approved" })}
                    </figcaption>
                    <form method="post" action=format!("/staff/themes/{id}/quotes") class="inline-form">
                        <CsrfField token=csrf />
                        <input type="hidden" name="run" value=run.to_string() />
                        <input type="hidden" name="unit" value=q.unit.clone() />
                        <input type="hidden" name="approved" value=if q.approved { "0" } else { "1" } />
                        <button type="submit" class="link-button">{if q.approved { "Withdraw approval" } else { "Approve this quote" }}</button>
                    </form>
                </figure>
            }
        }).collect_view()}
        {detail.breakdown.map(|(variable, cells)| view! {
            <h2>{format!("By {} (raked × equity)", variable.replace('_', " "))}</h2>
            <div class="table-scroll" tabindex="0"><table>
                <thead><tr>{cells.iter().map(|(c, _)| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                <tbody><tr>{cells.into_iter().map(|(_, v)| view! { <td>{v.map_or_else(|| "suppressed".to_owned(), pct)}</td> }).collect_view()}</tr></tbody>
            </table></div>
        })}
        {detail.crosstab.filter(|x| !x.rows.is_empty()).map(|x| view! {
            <h2>{format!("Answers to “{}”", x.prompt)}</h2>
            <div class="table-scroll" tabindex="0"><table>
                <thead><tr>{x.columns.iter().map(|c| view! { <th scope="col">{c.label.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>{x.rows.into_iter().map(|(_, cells)| view! {
                    <tr>{cells.into_iter().map(|v| view! { <td>{v.map_or_else(|| "suppressed".to_owned(), pct)}</td> }).collect_view()}</tr>
                }).collect_view()}</tbody>
            </table></div>
        })}
    }
}

/// The theme's sources, a page at a time, with boxes to split some off into a new theme.
#[component]
fn ThemeSources(detail: ThemeDetail, csrf: String, flash: Option<Flash>) -> impl IntoView {
    let typed = Typed::from(&flash);
    let (id, run, page, pages) = (
        detail.theme.id.clone(),
        detail.run_id,
        detail.page,
        detail.pages(),
    );
    let link = move |p: usize| format!("/staff/themes/{id}?run={run}&page={p}");
    view! {
        <h2 id="sources">{format!("Sources ({})", detail.total_sources)}</h2>
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
            <label for="split-name">"Split the ticked answers off into a new theme named"</label>
            <input type="text" id="split-name" name="split-name" maxlength="80" value=typed.value("split-name", "") aria-invalid=typed.invalid("split-name") />
            <button type="submit" class="primary">"Split off"</button>
        </form>
        {(pages > 1).then(|| view! {
            <nav aria-label="Source pages" class="actions">
                {(page > 1).then(|| view! { <a href=link(page - 1)>"← Previous"</a> })}
                <span>{format!("Page {page} of {pages}")}</span>
                {(page < pages).then(|| view! { <a href=link(page + 1)>"Next →"</a> })}
            </nav>
        })}
    }
}

/// The curation forms.
#[component]
fn Curation(detail: ThemeDetail, csrf: String, flash: Option<Flash>) -> impl IntoView {
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
            <h2 id="curate-heading">"Curate this theme"</h2>
            <p class="meta">"Changes are kept by theme id, carry to the next runs and are written to the audit log. The logged run is not changed."</p>
            <form method="post" action=action("describe") class="stack-form">
                <CsrfField token=csrf.clone() />
                {hidden("run", run.clone())}
                <label for="theme-name">"Name"</label>
                <input type="text" id="theme-name" name="name" maxlength="80" value=typed.value("name", &staff_name) placeholder=t.name.clone() aria-invalid=typed.invalid("theme-name") aria-describedby="theme-name-hint" />
                <p id="theme-name-hint" class="meta">"Leave empty to use the name made from the answers."</p>
                <label for="theme-description">"Description"</label>
                <textarea id="theme-description" name="description" maxlength="1000" aria-invalid=typed.invalid("theme-description")>{typed.value("description", t.description.as_deref().unwrap_or_default())}</textarea>
                <button type="submit" class="primary">"Save name and description"</button>
            </form>
            <form method="post" action=action("frame") class="stack-form">
                <CsrfField token=csrf.clone() />
                {hidden("run", run.clone())}
                <fieldset id="theme-goals">
                    <legend>"Strategy goals"</legend>
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
                <label for="theme-department">"Owning department"</label>
                <select id="theme-department" name="department" aria-invalid=typed.invalid("theme-department")>
                    <option value="">"None yet"</option>
                    {detail.departments.iter().map(|(id, name, on)| view! { <option value=id.to_string() selected=*on>{name.clone()}</option> }).collect_view()}
                </select>
                <button type="submit" class="primary">"Save goals and department"</button>
            </form>
            <form method="post" action=action("status") class="stack-form">
                <CsrfField token=csrf.clone() />
                {hidden("run", run.clone())}
                <label for="theme-status">"Show this theme as"</label>
                <select id="theme-status" name="status">
                    <option value="need" selected=t.status == ThemeStatus::Need>"A need (ranked)"</option>
                    <option value="hidden" selected=t.status == ThemeStatus::Hidden>"Hidden from the overview"</option>
                    <option value="not_a_need" selected=t.status == ThemeStatus::NotANeed>"Not a need (thanks, off-topic)"</option>
                </select>
                <button type="submit" class="primary">"Save status"</button>
            </form>
            <form method="post" action=action("merge") class="stack-form">
                <CsrfField token=csrf.clone() />
                {hidden("run", run.clone())}
                <label for="merge-into">"Show this theme inside"</label>
                <select id="merge-into" name="into" aria-invalid=typed.invalid("merge-into")>
                    {detail.others.iter().map(|(id, name)| view! { <option value=id.clone()>{format!("{name} ({id})")}</option> }).collect_view()}
                </select>
                <button type="submit" class="primary">"Merge"</button>
            </form>
            {t.merged.iter().map(|(id, label)| view! {
                <form method="post" action=action("merge") class="inline-form">
                    <CsrfField token=csrf.clone() />
                    {hidden("run", run.clone())}
                    <input type="hidden" name="apart" value=id.clone() />
                    <button type="submit" class="link-button">{format!("Show {id} ({label}) on its own again")}</button>
                </form>
            }).collect_view()}
        </section>
    }
}
