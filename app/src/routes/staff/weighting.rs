//! Equity weighting set up in the browser (administrators): upload the population margins (and
//! optionally an equity index and a ZIP crosswalk) with the command line's options, see what the
//! weights would be on the current respondents, then activate the draft or discard it; every
//! stored version with who stored it and whether it is in force, any of them can be put back.
//! The forms post plainly to `server/src/routes/weighting.rs`.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::weighting::{DraftRow, VersionRow, WeightingPreview, weighting_page};
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};
use crate::models::staff::Typed;

/// The options: form name, field id, label, help, the command line's default.
const OPTIONS: [(&str, &str, &str, &str, &str); 8] = [
    (
        "index_name",
        "weighting-index-name",
        "Equity index name and vintage",
        "Stored with every run, e.g. “San José Equity Index 2023”.",
        "unspecified",
    ),
    (
        "scale_min",
        "weighting-scale-min",
        "Lowest score of the index scale",
        "San José's Equity Index runs from 2 to 10.",
        "2",
    ),
    (
        "scale_max",
        "weighting-scale-max",
        "Highest score of the index scale",
        "",
        "10",
    ),
    (
        "strength",
        "weighting-strength",
        "Strength α of the equity multiplier",
        "Weight multiplier g = 1 + α · need, from 0 (no equity lean) to 10.",
        "1",
    ),
    (
        "trim_floor",
        "weighting-trim-floor",
        "Trim floor (× mean weight)",
        "No weight below this multiple of the mean, from 0 to below 1.",
        "0.2",
    ),
    (
        "trim_cap",
        "weighting-trim-cap",
        "Trim cap (× mean weight)",
        "No weight above this multiple of the mean, above 1.",
        "5",
    ),
    (
        "replicates",
        "weighting-replicates",
        "Bootstrap replicates",
        "For the intervals: 0 (none) or 2 to 10000.",
        "500",
    ),
    (
        "seed",
        "weighting-seed",
        "Bootstrap seed",
        "The same seed gives the same intervals.",
        "42",
    ),
];

fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn times(x: f64) -> String {
    format!("{x:.2}×")
}

#[component]
pub fn WeightingPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| weighting_page());
    view! {
        <Title text="Equity weighting" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let typed = Typed::from(&ctx.flash);
                        let csrf = ctx.csrf.clone();
                        let in_force = page.versions.iter().find(|v| v.active).map(|v| v.version);
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>"Equity weighting"</h1>
                            <p class="lead">
                                "Resident answers are weighted to the city's population (raking on the margins) and toward the areas the equity index says need it most. "
                                {match in_force {
                                    Some(v) => format!("Version {v} is in force: the next analysis run uses it."),
                                    None => "No version is in force yet: runs are not equity-weighted.".to_owned(),
                                }}
                            </p>
                            <FlashMessage flash=ctx.flash.clone() />
                            <UploadForm csrf=csrf.clone() typed=typed />
                            <h2>"Drafts"</h2>
                            {if page.drafts.is_empty() {
                                view! { <p>"No draft waiting. An upload that passes the checks appears here with its preview."</p> }.into_any()
                            } else {
                                page.drafts.into_iter().map(|d| view! { <Draft draft=d csrf=csrf.clone() /> }).collect_view().into_any()
                            }}
                            <h2>"Versions"</h2>
                            <Versions versions=page.versions csrf=csrf />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The upload form, with what was typed when it came back with a problem.
#[component]
fn UploadForm(csrf: String, typed: Typed) -> impl IntoView {
    let healthier = typed.checked("higher_is_healthier", false);
    view! {
        <h2>"Upload a configuration"</h2>
        <p class="q-help">
            "CSV files with a header row, UTF-8, at most 4 MB each (templates: analysis/templates/). A file with a problem is refused with its line and column and nothing changes; the options you typed are kept, but the browser forgets the chosen files, so choose them again. A good upload becomes a draft: it is not in force until you activate it."
        </p>
        <form method="post" action="/staff/admin/weighting" enctype="multipart/form-data" class="stack-form weighting-form">
            <CsrfField token=csrf />
            <fieldset>
                <legend>"Files"</legend>
                <label for="weighting-margins">"Population margins (required)"</label>
                <p class="q-help" id="weighting-margins-help">"variable,category,share or variable,category,population — e.g. council_district,3,0.1."</p>
                <input type="file" id="weighting-margins" name="margins" required accept=".csv,text/csv" aria-describedby="weighting-margins-help" aria-invalid=typed.invalid("weighting-margins") />
                <label for="weighting-equity">"Equity index (optional)"</label>
                <p class="q-help" id="weighting-equity-help">"area,score — one score per council district, tract or ZIP."</p>
                <input type="file" id="weighting-equity" name="equity" accept=".csv,text/csv" aria-describedby="weighting-equity-help" aria-invalid=typed.invalid("weighting-equity") />
                <label for="weighting-crosswalk">"ZIP crosswalk (optional, needs an equity index)"</label>
                <p class="q-help" id="weighting-crosswalk-help">"zip,area or zip,area,ratio — for residents who give only a ZIP code (HUD-USPS RES_RATIO as ratio)."</p>
                <input type="file" id="weighting-crosswalk" name="crosswalk" accept=".csv,text/csv" aria-describedby="weighting-crosswalk-help" aria-invalid=typed.invalid("weighting-crosswalk") />
            </fieldset>
            <fieldset>
                <legend>"Options (the defaults are the command line's)"</legend>
                {OPTIONS.iter().map(|(name, id, label, help, default)| {
                    let help_id = format!("{id}-help");
                    let mode = match *name {
                        "index_name" => "text",
                        "replicates" | "seed" => "numeric",
                        _ => "decimal",
                    };
                    view! {
                        <label for=*id>{*label}</label>
                        {(!help.is_empty()).then(|| view! { <p class="q-help" id=help_id.clone()>{*help}</p> })}
                        <input type="text" inputmode=mode id=*id name=*name value=typed.value(name, default)
                            aria-describedby=(!help.is_empty()).then(|| help_id.clone())
                            aria-invalid=typed.invalid(id) />
                    }
                }).collect_view()}
                <div class="check">
                    <input type="checkbox" id="weighting-healthier" name="higher_is_healthier" value="on" checked=healthier />
                    <label for="weighting-healthier">"A higher score means less need (e.g. the Healthy Places Index)"</label>
                </div>
            </fieldset>
            <button type="submit" class="primary">"Check and preview"</button>
        </form>
    }
}

/// A draft with its preview and its two buttons.
#[component]
fn Draft(draft: DraftRow, csrf: String) -> impl IntoView {
    let heading = format!(
        "Draft uploaded {} by {}",
        draft.uploaded_at, draft.uploaded_by
    );
    let activate = format!("/staff/admin/weighting/drafts/{}/activate", draft.id);
    let discard = format!("/staff/admin/weighting/drafts/{}/discard", draft.id);
    let same = draft.same_as.map(|v| {
        view! { <p class="notice">{format!("This is the same configuration as version {v}: activating puts version {v} back in force.")}</p> }
    });
    view! {
        <section class="weighting-draft" aria-label=heading.clone()>
            <h3>{heading.clone()}</h3>
            <p class="meta">{format!("{} · index: {}", draft.source, draft.index_name)}</p>
            {same}
            {match draft.preview {
                Some(preview) => view! { <Preview preview /> }.into_any(),
                None => view! { <p>"No preview was stored for this draft."</p> }.into_any(),
            }}
            <form method="post" action=activate class="inline-form">
                <CsrfField token=csrf.clone() />
                <button type="submit" class="primary">"Activate"</button>
            </form>
            " "
            <form method="post" action=discard class="inline-form">
                <CsrfField token=csrf />
                <button type="submit">"Discard"</button>
            </form>
        </section>
    }
}

/// What the weights would be on the respondents stored at upload time.
#[component]
fn Preview(preview: WeightingPreview) -> impl IntoView {
    if let Some(problem) = preview.problem.clone() {
        return view! {
            <h4>"Preview"</h4>
            <p class="notice">{format!("{problem} ({} resident respondents).", preview.respondents)}</p>
        }
        .into_any();
    }
    let equity = preview.equity_design_effect.map(|deff| {
        view! {
            <tr><th scope="row">"Design effect, raked × equity"</th><td>{format!("{deff:.2}")}</td></tr>
            <tr><th scope="row">"Weight range, raked × equity"</th><td>{format!("{} to {} the mean", times(preview.equity_min_weight.unwrap_or_default()), times(preview.equity_max_weight.unwrap_or_default()))}</td></tr>
        }
    });
    view! {
        <h4>{format!("Preview on the {} resident respondents stored at upload", preview.respondents)}</h4>
        <div class="table-scroll" tabindex="0">
            <table>
                <caption>"Weights"</caption>
                <tbody>
                    <tr><th scope="row">"Design effect (Kish)"</th><td>{format!("{:.2} (effective sample {:.0})", preview.design_effect, preview.effective_n)}</td></tr>
                    <tr><th scope="row">"Weight range"</th><td>{format!("{} to {} the mean", times(preview.min_weight), times(preview.max_weight))}</td></tr>
                    <tr><th scope="row">"Trimmed"</th><td>{percent(preview.trimmed_share)}" of respondents"</td></tr>
                    <tr><th scope="row">"Margins met"</th><td>{if preview.converged { format!("yes (largest error {})", percent(preview.max_margin_error)) } else { format!("no: largest error {}", percent(preview.max_margin_error)) }}</td></tr>
                    {equity}
                </tbody>
            </table>
        </div>
        {preview.variables.into_iter().map(|v| {
            let caption = format!("Fit on {}", v.name);
            let notes = (v.missing > 0 || !v.merged.is_empty()).then(|| {
                let mut parts = Vec::new();
                if v.missing > 0 {
                    parts.push(format!("{} did not answer (kept, neutral)", v.missing));
                }
                if !v.merged.is_empty() {
                    parts.push(format!("merged for too few respondents: {}", v.merged.join("; ")));
                }
                view! { <p class="meta">{format!("{}: {}.", v.name, parts.join("; "))}</p> }
            });
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <caption>{caption}</caption>
                        <thead><tr>
                            <th scope="col">"Category"</th><th scope="col">"Respondents"</th>
                            <th scope="col">"Population share"</th><th scope="col">"Sample share"</th><th scope="col">"Weighted share"</th>
                        </tr></thead>
                        <tbody>
                            {v.cells.into_iter().map(|c| view! {
                                <tr>
                                    <th scope="row">{c.category}</th>
                                    <td>{c.respondents}</td>
                                    <td>{percent(c.population_share)}</td>
                                    <td>{percent(c.sample_share)}</td>
                                    <td>{percent(c.weighted_share)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {notes}
            }
        }).collect_view()}
    }
    .into_any()
}

/// Every stored version, newest first.
#[component]
fn Versions(versions: Vec<VersionRow>, csrf: String) -> impl IntoView {
    if versions.is_empty() {
        return view! { <p>"No version stored yet."</p> }.into_any();
    }
    view! {
        <div class="table-scroll" tabindex="0">
            <table>
                <thead><tr>
                    <th scope="col">"Version"</th><th scope="col">"Stored"</th><th scope="col">"Files"</th>
                    <th scope="col">"Index"</th><th scope="col">"In force"</th><th scope="col">"Configuration"</th>
                </tr></thead>
                <tbody>
                    {versions.into_iter().map(|v| {
                        let json = format!("/staff/admin/weighting/versions/{}/config.json", v.version);
                        let activate = format!("/staff/admin/weighting/versions/{}/activate", v.version);
                        let label = format!("Put version {} in force", v.version);
                        let index = if v.has_equity { v.index_name.clone() } else { "none (raking only)".to_owned() };
                        let state = if v.active {
                            "in force".to_owned()
                        } else {
                            v.last_activated.as_ref().map(|a| format!("no (last in force {a})")).unwrap_or_else(|| "no".to_owned())
                        };
                        let state = if v.active {
                            v.last_activated.as_ref().map(|a| format!("{state} since {a}")).unwrap_or(state)
                        } else {
                            state
                        };
                        view! {
                            <tr>
                                <th scope="row">{format!("v{}", v.version)}</th>
                                <td>{format!("{} by {}", v.stored_at, v.stored_by)}</td>
                                <td>{v.source.clone()}</td>
                                <td>{index}</td>
                                <td>
                                    {state}
                                    {(!v.active).then(|| view! {
                                        <form method="post" action=activate class="inline-form">
                                            <CsrfField token=csrf.clone() />
                                            " "
                                            <button type="submit" class="link-button" aria-label=label>"Activate"</button>
                                        </form>
                                    })}
                                </td>
                                <td><a href=json rel="external">{format!("JSON (sha256 {}…)", v.sha256)}</a></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
