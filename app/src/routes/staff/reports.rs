//! Importing resident reports (311) from the browser (strategy staff): a CSV export with its
//! columns named, or an Open311 `requests.json`. What was read, imported and refused comes back
//! here, refused rows with their line and reason.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::reports::reports_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::use_i18n;

/// Column fields: name, label key, help key.
const COLUMNS: [(&str, &str, &str); 6] = [
    (
        "id_column",
        "staff-reports-id-column",
        "staff-reports-id-column-help",
    ),
    (
        "text_column",
        "staff-reports-text-column",
        "staff-reports-text-column-help",
    ),
    (
        "category_column",
        "staff-reports-category-column",
        "staff-reports-category-column-help",
    ),
    (
        "date_column",
        "staff-reports-date-column",
        "staff-reports-date-column-help",
    ),
    (
        "district_column",
        "staff-reports-district-column",
        "staff-reports-optional",
    ),
    (
        "zip_column",
        "staff-reports-zip-column",
        "staff-reports-optional",
    ),
];

#[component]
pub fn ReportsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| reports_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-reports-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, sources)) => {
                        let flash = ctx.flash.clone();
                        let kept = {
                            let flash = flash.clone();
                            move |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default()
                        };
                        let field = flash.as_ref().and_then(|f| f.field.clone()).unwrap_or_default();
                        let invalid = |f: &str| (field == f).then_some("true");
                        let refused: Vec<String> = flash
                            .as_ref()
                            .map(|f| f.values.iter().filter(|(k, _)| k.starts_with("refused:")).map(|(_, v)| v.clone()).collect())
                            .unwrap_or_default();
                        let source = Some(kept("source")).filter(|s| !s.is_empty()).unwrap_or_else(|| "311".into());
                        let format = kept("format");
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>{l.tr("staff-reports-title")}</h1>
                            <p class="lead">{l.tr("staff-reports-lead")}</p>
                            <ul class="links">
                                <li><a href="/staff/reports/response-times">{l.tr("staff-response-title")}</a></li>
                                {ctx.viewer.as_ref().is_some_and(|v| v.is(crate::models::staff::ADMINS)).then(|| view! {
                                    <li><a href="/staff/reports/feed">{l.tr("staff-feed-title")}</a></li>
                                })}
                            </ul>
                            <FlashMessage flash=flash.clone() />
                            {(!refused.is_empty()).then(|| view! {
                                <h2>{l.tr("staff-reports-refused")}</h2>
                                <ul class="refused">{refused.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                            })}
                            <h2>{l.tr("staff-reports-import-file")}</h2>
                            <form method="post" action="/staff/reports" enctype="multipart/form-data" class="stack-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <label for="report-file">{l.tr("staff-notes-file")}</label>
                                <p class="q-help" id="report-file-help">{l.tr("staff-reports-file-help")}</p>
                                <input type="file" id="report-file" name="file" required accept=".csv,.json,text/csv,application/json" aria-describedby="report-file-help" aria-invalid=invalid("report-file") />
                                <label for="report-format">{l.tr("staff-reports-format")}</label>
                                <select id="report-format" name="format">
                                    <option value="" selected=format.is_empty()>{l.tr("staff-reports-format-auto")}</option>
                                    <option value="csv" selected=format == "csv">"CSV"</option>
                                    <option value="open311" selected=format == "open311">"Open311 requests.json"</option>
                                </select>
                                <label for="report-source">{l.tr("staff-reports-source")}</label>
                                <p class="q-help" id="report-source-help">{l.tr("staff-reports-source-help")}</p>
                                <input type="text" id="report-source" name="source" required maxlength="80" value=source aria-describedby="report-source-help" aria-invalid=invalid("report-source") />
                                <fieldset>
                                    <legend>{l.tr("staff-reports-columns")}</legend>
                                    {COLUMNS.iter().map(|(name, label, help)| {
                                        let id = format!("report-{name}");
                                        let help_id = format!("{id}-help");
                                        view! {
                                            <label for=id.clone()>{l.tr(label)}</label>
                                            <p class="q-help" id=help_id.clone()>{l.tr(help)}</p>
                                            <input type="text" id=id name=*name value=kept(name) aria-describedby=help_id />
                                        }
                                    }).collect_view()}
                                </fieldset>
                                <button type="submit" class="primary">{l.tr("staff-reports-import")}</button>
                            </form>
                            <h2>{l.tr("staff-reports-stored")}</h2>
                            <p><a href="/staff/reports/trends">{l.tr("staff-trends-link")}</a></p>
                            {if sources.is_empty() {
                                view! { <p>{l.tr("staff-none-yet")}</p> }.into_any()
                            } else {
                                view! {
                                    <table>
                                        <thead><tr><th scope="col">{l.tr("staff-reports-source")}</th><th scope="col">{l.tr("staff-reports-reports")}</th></tr></thead>
                                        <tbody>{sources.into_iter().map(|(s, n)| view! { <tr><td>{s}</td><td>{n}</td></tr> }).collect_view()}</tbody>
                                    </table>
                                }.into_any()
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
