//! How long resident reports take to close (strategy staff): per category, department, council
//! district and equity area, reports closed and still open with the median and 90th percentile
//! of the days from request to close.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::report_feed::response_times_page;
use crate::components::staff::{PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::response_times::{
    HIGH_NEED, NO_ZIP, NONE, OTHER_AREAS, ResponseTime, ResponseTimes, UNMATCHED,
};

fn days(d: Option<f64>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| format!("{d:.1}"))
}

#[component]
pub fn ResponseTimesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| response_times_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-response-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, times)) => {
                        let ResponseTimes { overall, by_category, by_department, by_district, by_equity_area, by_equity_band, equity_index, high_need_threshold } = times;
                        let equity_what = match (equity_index, high_need_threshold) {
                            (Some(index), Some(t)) => l.tr_args("staff-response-equity-what", &[("index", FluentArg::Str(index)), ("threshold", FluentArg::Str(format!("{t}")))]),
                            _ => l.tr("staff-response-equity-none"),
                        };
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <p class="meta"><a href="/staff/reports">{l.tr("staff-reports-title")}</a></p>
                            <h1>{l.tr("staff-response-title")}</h1>
                            <p class="lead">{l.tr("staff-response-lead")}</p>
                            {match overall {
                                None => view! { <p>{l.tr("staff-response-none")}</p> }.into_any(),
                                Some(all) => view! {
                                    <dl class="facts">
                                        <div><dt>{l.tr("staff-response-closed")}</dt><dd id="response-closed">{all.closed}</dd></div>
                                        <div><dt>{l.tr("staff-response-open")}</dt><dd id="response-open">{all.open}</dd></div>
                                        <div><dt>{l.tr("staff-response-median")}</dt><dd id="response-median">{days(all.median_days)}</dd></div>
                                        <div><dt>{l.tr("staff-response-p90")}</dt><dd>{days(all.p90_days)}</dd></div>
                                    </dl>
                                    <Figures id="response-by-category" heading=l.tr("staff-response-by-category") col=l.tr("staff-categories-col-category") rows=by_category l />
                                    <Figures id="response-by-department" heading=l.tr("staff-response-by-department") col=l.tr("staff-categories-col-department") rows=by_department l />
                                    <Figures id="response-by-district" heading=l.tr("staff-response-by-district") col=l.tr("staff-response-district") rows=by_district l />
                                    <h2>{l.tr("staff-response-by-equity")}</h2>
                                    <p>{equity_what}</p>
                                    {(!by_equity_area.is_empty()).then(|| view! {
                                        <Figures id="response-by-equity" heading=String::new() col=l.tr("staff-response-area") rows=by_equity_area l />
                                    })}
                                    {(!by_equity_band.is_empty()).then(|| view! {
                                        <Figures id="response-by-band" heading=l.tr("staff-response-by-band") col=l.tr("staff-response-band") rows=by_equity_band l />
                                    })}
                                }.into_any(),
                            }}
                            <p class="meta">{l.tr("staff-response-how")}</p>
                            <p class="meta"><a href="/api/v1/reports/response-times">"JSON"</a></p>
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

/// A group's name as the page says it.
fn group_name(group: &str, l: Locale) -> String {
    match group {
        NONE => l.tr("staff-response-group-none"),
        HIGH_NEED => l.tr("staff-response-high-need"),
        OTHER_AREAS => l.tr("staff-response-other-areas"),
        UNMATCHED => l.tr("staff-response-unmatched"),
        NO_ZIP => l.tr("staff-response-no-zip"),
        other => other.to_owned(),
    }
}

/// One breakdown as a table.
#[component]
fn Figures(
    id: &'static str,
    heading: String,
    col: String,
    rows: Vec<ResponseTime>,
    l: Locale,
) -> impl IntoView {
    view! {
        {(!heading.is_empty()).then(|| view! { <h2>{heading}</h2> })}
        <div class="table-scroll" tabindex="0">
            <table id=id class="response-times">
                <thead><tr>
                    <th scope="col">{col}</th>
                    <th scope="col">{l.tr("staff-response-closed")}</th>
                    <th scope="col">{l.tr("staff-response-open")}</th>
                    <th scope="col">{l.tr("staff-response-median")}</th>
                    <th scope="col">{l.tr("staff-response-p90")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{group_name(&r.group, l)}</th>
                            <td>{r.closed}</td>
                            <td>{r.open}</td>
                            <td>{days(r.median_days)}</td>
                            <td>{days(r.p90_days)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
