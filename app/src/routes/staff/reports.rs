//! Importing resident reports (311) from the browser (strategy staff): a CSV export with its
//! columns named, or an Open311 `requests.json`. What was read, imported and refused comes back
//! here, refused rows with their line and reason.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::reports::reports_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};

/// Column fields: name, label, help, default.
const COLUMNS: [(&str, &str, &str); 6] = [
    (
        "id_column",
        "Request id column",
        "Unique per request; re-importing the same file then adds nothing twice. Required for CSV.",
    ),
    (
        "text_column",
        "Description column",
        "The resident's own words. Required for CSV.",
    ),
    (
        "category_column",
        "Category column",
        "Optional: the request type.",
    ),
    (
        "date_column",
        "Date column",
        "Optional: when the request was made (dates like 2026-03-14 or 03/14/2026).",
    ),
    ("district_column", "Council district column", "Optional."),
    ("zip_column", "ZIP code column", "Optional."),
];

#[component]
pub fn ReportsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| reports_page());
    view! {
        <Title text="Resident reports (311)" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
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
                            <h1>"Resident reports (311)"</h1>
                            <p class="lead">"Import service requests as their own stream. The file is read row by row; a row that cannot be used is listed with its line and the reason, and the good rows still import."</p>
                            <FlashMessage flash=flash.clone() />
                            {(!refused.is_empty()).then(|| view! {
                                <h2>"Refused rows"</h2>
                                <ul class="refused">{refused.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                            })}
                            <h2>"Import a file"</h2>
                            <form method="post" action="/staff/reports" enctype="multipart/form-data" class="stack-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <label for="report-file">"File"</label>
                                <p class="q-help" id="report-file-help">"A CSV export with a header row, or an Open311 GeoReport v2 requests.json."</p>
                                <input type="file" id="report-file" name="file" required accept=".csv,.json,text/csv,application/json" aria-describedby="report-file-help" aria-invalid=invalid("report-file") />
                                <label for="report-format">"Format"</label>
                                <select id="report-format" name="format">
                                    <option value="" selected=format.is_empty()>"From the file name (.json is Open311)"</option>
                                    <option value="csv" selected=format == "csv">"CSV"</option>
                                    <option value="open311" selected=format == "open311">"Open311 requests.json"</option>
                                </select>
                                <label for="report-source">"Source"</label>
                                <p class="q-help" id="report-source-help">"A short name such as sj311; request ids are unique within a source."</p>
                                <input type="text" id="report-source" name="source" required maxlength="80" value=source aria-describedby="report-source-help" aria-invalid=invalid("report-source") />
                                <fieldset>
                                    <legend>"CSV columns (names as in the header row)"</legend>
                                    {COLUMNS.iter().map(|(name, label, help)| {
                                        let id = format!("report-{name}");
                                        let help_id = format!("{id}-help");
                                        view! {
                                            <label for=id.clone()>{*label}</label>
                                            <p class="q-help" id=help_id.clone()>{*help}</p>
                                            <input type="text" id=id name=*name value=kept(name) aria-describedby=help_id />
                                        }
                                    }).collect_view()}
                                </fieldset>
                                <button type="submit" class="primary">"Import"</button>
                            </form>
                            <h2>"Stored reports"</h2>
                            {if sources.is_empty() {
                                view! { <p>"None yet."</p> }.into_any()
                            } else {
                                view! {
                                    <table>
                                        <thead><tr><th scope="col">"Source"</th><th scope="col">"Reports"</th></tr></thead>
                                        <tbody>{sources.into_iter().map(|(s, n)| view! { <tr><td>{s}</td><td>{n}</td></tr> }).collect_view()}</tbody>
                                    </table>
                                }.into_any()
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
