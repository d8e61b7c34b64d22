//! Published results (strategy staff): publish a curated run, all of it or one survey's part, as
//! a frozen public page (`/results/{id}`), and withdraw a publication. Plain form posts; works
//! without JavaScript. `?run=N` chooses the run in the form (the runs page links here).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::publications::publications_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, use_i18n};
use crate::models::publication::PublicationSummary;

#[component]
pub fn PublicationsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(|| (), |_| publications_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-nav-publications") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let csrf = ctx.csrf.clone();
                        let flash = ctx.flash.clone();
                        let kept = move |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default();
                        let field = ctx.flash.as_ref().and_then(|f| f.field.clone()).unwrap_or_default();
                        let invalid = |f: &str| (field == f).then_some("true");
                        let run = Some(kept("run"))
                            .filter(|r| !r.is_empty())
                            .or_else(|| query.with_untracked(|q| q.get("run")))
                            .unwrap_or_default();
                        let survey = kept("survey");
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>{l.tr("staff-nav-publications")}</h1>
                            <p class="lead">{l.tr("staff-publications-lead")}</p>
                            <FlashMessage flash=ctx.flash.clone() />
                            <h2>{l.tr("staff-publications-publish-run")}</h2>
                            {if page.runs.is_empty() {
                                view! { <p>{l.tr("staff-publications-no-run")}</p> }.into_any()
                            } else {
                                view! {
                                    <form method="post" action="/staff/publications" class="stack-form">
                                        <CsrfField token=csrf.clone() />
                                        <label for="publish-run">{l.tr("staff-filter-run")}</label>
                                        <select id="publish-run" name="run" required aria-invalid=invalid("publish-run")>
                                            {page.runs.iter().map(|(id, label)| {
                                                let value = id.to_string();
                                                let selected = value == run;
                                                view! { <option value=value selected=selected>{label.clone()}</option> }
                                            }).collect_view()}
                                        </select>
                                        <label for="publish-survey">{l.tr("staff-publications-limited-to")}</label>
                                        <select id="publish-survey" name="survey" aria-invalid=invalid("publish-survey")>
                                            <option value="" selected=survey.is_empty()>{l.tr("staff-publications-everything-analysed")}</option>
                                            {page.surveys.iter().map(|(slug, title)| {
                                                let selected = *slug == survey;
                                                view! { <option value=slug.clone() selected=selected>{l.tr_args("staff-publications-the-survey", &[("title", FluentArg::Str(title.clone()))])}</option> }
                                            }).collect_view()}
                                        </select>
                                        <p class="meta">{l.tr("staff-publications-what")}</p>
                                        <button type="submit" class="primary">{l.tr("staff-publications-publish")}</button>
                                    </form>
                                }.into_any()
                            }}
                            <h2>{l.tr("staff-publications-list")}</h2>
                            {if page.publications.is_empty() {
                                view! { <p>{l.tr("staff-publications-none")}</p> }.into_any()
                            } else {
                                view! { <PublicationTable rows=page.publications csrf=csrf.clone() /> }.into_any()
                            }}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
        </StaffPage>
    }
}

/// Every publication with its state, a link to its public page and a withdraw button while live.
#[component]
fn PublicationTable(rows: Vec<PublicationSummary>, csrf: String) -> impl IntoView {
    let l = use_i18n().staff_locale();
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="publications">
                <thead><tr>
                    <th scope="col">{l.tr("staff-publications-col-publication")}</th><th scope="col">{l.tr("staff-filter-run")}</th><th scope="col">{l.tr("staff-publications-limited-to")}</th>
                    <th scope="col">{l.tr("staff-publications-col-published")}</th><th scope="col">{l.tr("staff-publications-col-by")}</th><th scope="col">{l.tr("staff-publications-col-needs")}</th>
                    <th scope="col">{l.tr("staff-publications-col-state")}</th><th scope="col">{l.tr("staff-publications-withdraw")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|p| {
                        let live = p.withdrawn_at.is_none();
                        let page = format!("/results/{}", p.id);
                        let action = format!("/staff/publications/{}/withdraw", p.id);
                        let label = l.tr_args("staff-publications-withdraw-n", &[("id", FluentArg::Num(p.id.into()))]);
                        let survey = p.survey.as_ref().map_or_else(|| l.tr("staff-publications-everything"), |(_, title)| title.clone());
                        let state = match &p.withdrawn_at {
                            None => l.tr("staff-publications-live"),
                            Some(at) => l.tr_args("staff-publications-withdrawn", &[("at", FluentArg::Str(at.clone()))]),
                        };
                        let name = l.tr_args("staff-publications-n", &[("id", FluentArg::Num(p.id.into()))]);
                        view! {
                            <tr>
                                <td>{if live {
                                    view! { <a href=page>{name}</a> }.into_any()
                                } else {
                                    view! { <span>{name}</span> }.into_any()
                                }}</td>
                                <td><a href=format!("/staff/dashboard?run={}", p.run_id)>{l.tr_args("staff-compare-run-n", &[("run", FluentArg::Num(p.run_id.into()))])}</a></td>
                                <td>{survey}</td>
                                <td>{p.published_at.clone()}</td>
                                <td>{p.published_by.clone().unwrap_or_else(|| "—".to_owned())}</td>
                                <td>{p.needs}</td>
                                <td>{state}</td>
                                <td>
                                    {live.then(|| view! {
                                        <form method="post" action=action class="inline-form">
                                            <CsrfField token=csrf.clone() />
                                            <button type="submit" class="link-button" aria-label=label>{l.tr("staff-publications-withdraw")}</button>
                                        </form>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
