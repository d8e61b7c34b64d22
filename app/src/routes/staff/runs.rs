//! Analysis runs (strategy staff): start one over a chosen scope, follow its progress by stage,
//! cancel it. Once hydrated, the page polls every two seconds while a job is active; without
//! JavaScript a link reloads it (no timed refresh, which WCAG 2.2.1 rules out).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::runs_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};
use crate::models::Stream;
use crate::models::jobs::{JobStatus, JobView};

#[component]
pub fn RunsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| runs_page());
    #[cfg(feature = "hydrate")]
    {
        let poll = set_interval_with_handle(
            move || {
                let active = data.with_untracked(|d| {
                    matches!(d, Some(Ok((_, page))) if page.jobs.iter().any(|j| j.status.is_active()))
                });
                if active {
                    data.refetch();
                }
            },
            std::time::Duration::from_secs(2),
        );
        on_cleanup(move || {
            if let Ok(handle) = poll {
                handle.clear();
            }
        });
    }
    view! {
        <Title text="Analysis runs" />
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let csrf = ctx.csrf.clone();
                        let active = page.jobs.iter().any(|j| j.status.is_active());
                        let flash = ctx.flash.clone();
                        let kept = move |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default();
                        let k = kept("k");
                        let from = kept("from");
                        let to = kept("to");
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>"Analysis runs"</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <p class="meta">{format!("{} survey responses and {} imported reports stored.", page.responses, page.reports)}</p>
                            <h2>"Start a run"</h2>
                            <form method="post" action="/staff/runs" class="stack-form">
                                <CsrfField token=csrf.clone() />
                                <fieldset>
                                    <legend>"Streams"</legend>
                                    <div class="choices">
                                        {Stream::ALL.into_iter().map(|stream| {
                                            let (value, label) = (stream.as_str(), stream.label());
                                            let id = format!("stream-{value}");
                                            view! {
                                                <div class="choice">
                                                    <input type="checkbox" id=id.clone() name="streams" value=value checked=true />
                                                    <label for=id>{label}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </div>
                                </fieldset>
                                <label for="from">"From (first day, optional)"</label>
                                <input type="date" id="from" name="from" value=from />
                                <label for="to">"To (last day, optional)"</label>
                                <input type="date" id="to" name="to" value=to />
                                <fieldset>
                                    <legend>"Representation"</legend>
                                    <div class="choices">
                                        <div class="choice">
                                            <input type="radio" id="rep-classical" name="representation" value="classical" checked=!page.semantic_available />
                                            <label for="rep-classical">"Classical (TF-IDF + LSA): fast, keyword-based"</label>
                                        </div>
                                        <div class="choice">
                                            <input type="radio" id="rep-semantic" name="representation" value="semantic" checked=page.semantic_available disabled=!page.semantic_available />
                                            <label for="rep-semantic">
                                                {if page.semantic_available { "Semantic (sentence embeddings): groups by meaning" } else { "Semantic: needs a sentence model (model_dir) configured on the server" }}
                                            </label>
                                        </div>
                                    </div>
                                </fieldset>
                                <label for="k">"Number of themes (leave empty to choose automatically)"</label>
                                <input type="number" id="k" name="k" min="2" max="60" class="short" value=k />
                                <button type="submit" class="primary">"Start the run"</button>
                            </form>
                            <h2>"Recent runs"</h2>
                            {active.then(|| view! {
                                <p class="meta">"A run is in progress; this list follows it by itself when JavaScript is on. " <a href="/staff/runs">"Reload to see its progress"</a></p>
                            })}
                            {if page.jobs.is_empty() {
                                view! { <p>"No runs yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="job-list">
                                        {page.jobs.into_iter().map(|job| view! { <JobLine job csrf=csrf.clone() /> }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn JobLine(job: JobView, csrf: String) -> impl IntoView {
    let percent = job.percent();
    let label_id = format!("job-{}-label", job.id);
    let cancel = format!("/staff/runs/jobs/{}/cancel", job.id);
    let scope = {
        let o = &job.options;
        let dates = match (&o.from, &o.to) {
            (None, None) => "all dates".to_owned(),
            (f, t) => format!(
                "{} to {}",
                f.map_or_else(|| "start".to_owned(), |d| d.to_string()),
                t.map_or_else(|| "now".to_owned(), |d| d.to_string())
            ),
        };
        let k =
            o.k.map_or_else(|| "k auto".to_owned(), |k| format!("k = {k}"));
        format!(
            "{} · {} · {} · {k}",
            o.streams
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            dates,
            o.representation.as_str()
        )
    };
    view! {
        <li class="card job" data-status=job.status.as_str()>
            <p id=label_id.clone()>
                <strong>{format!("Run request {}", job.id)}</strong>
                {format!(" — {}", job.status.as_str())}
                {job.cancel_requested.then_some(" (stopping…)")}
            </p>
            <p class="meta">{format!("{} · by {} · {}", job.created_at, job.requested_by.clone().unwrap_or_else(|| "—".into()), scope)}</p>
            {(job.status == JobStatus::Running).then(|| view! {
                <p>
                    {format!("{}: {percent}%", job.stage.clone().unwrap_or_else(|| "starting".into()))}
                    " "
                    <progress max="100" value=percent.to_string() aria-labelledby=label_id.clone()>{format!("{percent}%")}</progress>
                </p>
            })}
            {job.error.clone().map(|e| view! { <p class="form-error">{e}</p> })}
            {job.run_id.map(|id| view! {
                <p>
                    <a href=format!("/staff/dashboard?run={id}")>{format!("Open run {id} on the dashboard")}</a>
                    " · "
                    <a href=format!("/staff/runs/{id}/report")>{format!("Report of run {id} (“What we heard”, to print)")}</a>
                    " · "
                    <a href=format!("/staff/publications?run={id}")>{format!("Publish run {id}")}</a>
                </p>
            })}
            {job.status.is_active().then(|| view! {
                <form method="post" action=cancel class="inline-form">
                    <CsrfField token=csrf />
                    <button type="submit" class="link-button">"Cancel this run"</button>
                </form>
            })}
        </li>
    }
}
