//! Published results (strategy staff): publish a curated run, all of it or one survey's part, as
//! a frozen public page (`/results/{id}`), and withdraw a publication. Plain form posts; works
//! without JavaScript. `?run=N` chooses the run in the form (the runs page links here).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::publications::publications_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};
use crate::models::publication::PublicationSummary;

#[component]
pub fn PublicationsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(|| (), |_| publications_page());
    view! {
        <Title text="Published results" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
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
                            <h1>"Published results"</h1>
                            <p class="lead">"Publish what residents told us, as staff curated it: the needs with their public names and descriptions, equity-weighted shares, council districts, approved quotes and the actions the City has taken on. A publication is a snapshot: later curation changes nothing until you publish again."</p>
                            <FlashMessage flash=ctx.flash.clone() />
                            <h2>"Publish a run"</h2>
                            {if page.runs.is_empty() {
                                view! { <p>"No analysis run yet: start one on the analysis runs page."</p> }.into_any()
                            } else {
                                view! {
                                    <form method="post" action="/staff/publications" class="stack-form">
                                        <CsrfField token=csrf.clone() />
                                        <label for="publish-run">"Run"</label>
                                        <select id="publish-run" name="run" required aria-invalid=invalid("publish-run")>
                                            {page.runs.iter().map(|(id, label)| {
                                                let value = id.to_string();
                                                let selected = value == run;
                                                view! { <option value=value selected=selected>{label.clone()}</option> }
                                            }).collect_view()}
                                        </select>
                                        <label for="publish-survey">"Limited to"</label>
                                        <select id="publish-survey" name="survey" aria-invalid=invalid("publish-survey")>
                                            <option value="" selected=survey.is_empty()>"Everything the run analysed"</option>
                                            {page.surveys.iter().map(|(slug, title)| {
                                                let selected = *slug == survey;
                                                view! { <option value=slug.clone() selected=selected>{format!("The survey “{title}”")}</option> }
                                            }).collect_view()}
                                        </select>
                                        <p class="meta">"Only needs are published (not hidden themes, nor those set aside as not a need); only quotes staff approved; only actions past “proposed”. Small figures are withheld."</p>
                                        <button type="submit" class="primary">"Publish"</button>
                                    </form>
                                }.into_any()
                            }}
                            <h2>"Publications"</h2>
                            {if page.publications.is_empty() {
                                view! { <p>"Nothing published yet."</p> }.into_any()
                            } else {
                                view! { <PublicationTable rows=page.publications csrf=csrf.clone() /> }.into_any()
                            }}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Every publication with its state, a link to its public page and a withdraw button while live.
#[component]
fn PublicationTable(rows: Vec<PublicationSummary>, csrf: String) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="publications">
                <thead><tr>
                    <th scope="col">"Publication"</th><th scope="col">"Run"</th><th scope="col">"Limited to"</th>
                    <th scope="col">"Published"</th><th scope="col">"By"</th><th scope="col">"Needs"</th>
                    <th scope="col">"State"</th><th scope="col">"Withdraw"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|p| {
                        let live = p.withdrawn_at.is_none();
                        let page = format!("/results/{}", p.id);
                        let action = format!("/staff/publications/{}/withdraw", p.id);
                        let label = format!("Withdraw publication {}", p.id);
                        let survey = p.survey.as_ref().map_or_else(|| "Everything".to_owned(), |(_, title)| title.clone());
                        let state = match &p.withdrawn_at {
                            None => "Live".to_owned(),
                            Some(at) => format!("Withdrawn {at}"),
                        };
                        view! {
                            <tr>
                                <td>{if live {
                                    view! { <a href=page>{format!("Publication {}", p.id)}</a> }.into_any()
                                } else {
                                    view! { <span>{format!("Publication {}", p.id)}</span> }.into_any()
                                }}</td>
                                <td><a href=format!("/staff/dashboard?run={}", p.run_id)>{format!("Run {}", p.run_id)}</a></td>
                                <td>{survey}</td>
                                <td>{p.published_at.clone()}</td>
                                <td>{p.published_by.clone().unwrap_or_else(|| "—".to_owned())}</td>
                                <td>{p.needs}</td>
                                <td>{state}</td>
                                <td>
                                    {live.then(|| view! {
                                        <form method="post" action=action class="inline-form">
                                            <CsrfField token=csrf.clone() />
                                            <button type="submit" class="link-button" aria-label=label>"Withdraw"</button>
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
