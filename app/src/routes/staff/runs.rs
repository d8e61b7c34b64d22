//! Analysis runs (strategy staff): start one over a chosen scope, follow its progress by stage,
//! cancel it. Once hydrated, the page polls every two seconds while a job is active; without
//! JavaScript a link reloads it (no timed refresh, which WCAG 2.2.1 rules out).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::runs_page;
use crate::components::staff::{
    CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading, stream_name,
};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::Stream;
use crate::models::jobs::{JobStatus, JobView};

#[component]
pub fn RunsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| runs_page());
    let i18n = use_i18n();
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
        <Title text=i18n.staff_tr("staff-nav-runs") />
        <StaffPage>
        <Transition fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
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
                            <h1>{l.tr("staff-nav-runs")}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <p class="meta">{l.tr_args("staff-runs-stored", &[("responses", FluentArg::Num(page.responses as i64)), ("reports", FluentArg::Num(page.reports as i64))])}</p>
                            <h2>{l.tr("staff-runs-start")}</h2>
                            <form method="post" action="/staff/runs" class="stack-form">
                                <CsrfField token=csrf.clone() />
                                <fieldset>
                                    <legend>{l.tr("staff-col-streams")}</legend>
                                    <div class="choices">
                                        {Stream::ALL.into_iter().map(|stream| {
                                            let (value, label) = (stream.as_str(), stream_name(l, stream));
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
                                <label for="from">{l.tr("staff-runs-from")}</label>
                                <input type="date" id="from" name="from" value=from />
                                <label for="to">{l.tr("staff-runs-to")}</label>
                                <input type="date" id="to" name="to" value=to />
                                <fieldset>
                                    <legend>{l.tr("staff-runs-representation")}</legend>
                                    <div class="choices">
                                        <div class="choice">
                                            <input type="radio" id="rep-classical" name="representation" value="classical" checked=!page.semantic_available />
                                            <label for="rep-classical">{l.tr("staff-runs-classical")}</label>
                                        </div>
                                        <div class="choice">
                                            <input type="radio" id="rep-semantic" name="representation" value="semantic" checked=page.semantic_available disabled=!page.semantic_available />
                                            <label for="rep-semantic">
                                                {l.tr(if page.semantic_available { "staff-runs-semantic" } else { "staff-runs-semantic-missing" })}
                                            </label>
                                        </div>
                                    </div>
                                </fieldset>
                                <label for="k">{l.tr("staff-runs-k")}</label>
                                <input type="number" id="k" name="k" min="2" max="60" class="short" value=k />
                                <button type="submit" class="primary">{l.tr("staff-runs-start-button")}</button>
                            </form>
                            <h2>{l.tr("staff-runs-recent")}</h2>
                            {active.then(|| view! {
                                <p class="meta">{l.tr("staff-runs-in-progress")}" " <a href="/staff/runs">{l.tr("staff-runs-reload")}</a></p>
                            })}
                            {if page.jobs.is_empty() {
                                view! { <p>{l.tr("staff-runs-none")}</p> }.into_any()
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
            })
            }}
        </Transition>
        </StaffPage>
    }
}

#[component]
fn JobLine(job: JobView, csrf: String) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let percent = job.percent();
    let label_id = format!("job-{}-label", job.id);
    let cancel = format!("/staff/runs/jobs/{}/cancel", job.id);
    let scope = {
        let o = &job.options;
        let dates = match (&o.from, &o.to) {
            (None, None) => l.tr("staff-runs-all-dates"),
            (f, t) => l.tr_args(
                "staff-runs-dates",
                &[
                    (
                        "from",
                        FluentArg::Str(
                            f.map_or_else(|| l.tr("staff-runs-date-start"), |d| d.to_string()),
                        ),
                    ),
                    (
                        "to",
                        FluentArg::Str(
                            t.map_or_else(|| l.tr("staff-runs-date-now"), |d| d.to_string()),
                        ),
                    ),
                ],
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
                <strong>{l.tr_args("staff-runs-request", &[("id", FluentArg::Num(job.id.into()))])}</strong>
                {format!(" — {}", job_status(l, job.status))}
                {job.cancel_requested.then(|| format!(" {}", l.tr("staff-runs-stopping")))}
            </p>
            <p class="meta">{l.tr_args("staff-runs-job-meta", &[("created", FluentArg::Str(job.created_at.clone())), ("by", FluentArg::Str(job.requested_by.clone().unwrap_or_else(|| "—".into()))), ("scope", FluentArg::Str(scope))])}</p>
            {(job.status == JobStatus::Running).then(|| view! {
                <p>
                    {format!("{}: {percent}%", job.stage.clone().unwrap_or_else(|| l.tr("staff-runs-starting")))}
                    " "
                    <progress max="100" value=percent.to_string() aria-labelledby=label_id.clone()>{format!("{percent}%")}</progress>
                </p>
            })}
            {job.error.clone().map(|e| view! { <p class="form-error">{e}</p> })}
            {job.run_id.map(|id| view! {
                <p>
                    <a href=format!("/staff/dashboard?run={id}")>{l.tr_args("staff-runs-open", &[("run", FluentArg::Num(id.into()))])}</a>
                    " · "
                    <a href=format!("/staff/runs/{id}/report")>{l.tr_args("staff-runs-report", &[("run", FluentArg::Num(id.into()))])}</a>
                    " · "
                    <a href=format!("/staff/publications?run={id}")>{l.tr_args("staff-runs-publish", &[("run", FluentArg::Num(id.into()))])}</a>
                </p>
            })}
            {job.status.is_active().then(|| view! {
                <form method="post" action=cancel class="inline-form">
                    <CsrfField token=csrf />
                    <button type="submit" class="link-button">{l.tr("staff-runs-cancel")}</button>
                </form>
            })}
        </li>
    }
}

/// A job's status in the staff pages' language.
fn job_status(l: Locale, status: JobStatus) -> String {
    l.tr(match status {
        JobStatus::Queued => "staff-job-queued",
        JobStatus::Running => "staff-job-running",
        JobStatus::Succeeded => "staff-job-succeeded",
        JobStatus::Failed => "staff-job-failed",
        JobStatus::Cancelled => "staff-job-cancelled",
    })
}
