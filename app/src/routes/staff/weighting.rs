//! Equity weighting set up in the browser (administrators): upload the population margins (and
//! optionally an equity index and a ZIP crosswalk) with the command line's options, see what the
//! weights would be on the current respondents, then activate the draft or discard it; every
//! stored version with who stored it and whether it is in force, any of them can be put back.
//! The forms post plainly to `server/src/routes/weighting.rs`.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::weighting::{DraftRow, VersionRow, WeightingPreview, weighting_page};
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::staff::Typed;

/// The options: form name, field id, label key, help key ("" for none), the command line's
/// default.
const OPTIONS: [(&str, &str, &str, &str, &str); 8] = [
    (
        "index_name",
        "weighting-index-name",
        "staff-weighting-index-name",
        "staff-weighting-index-name-help",
        "unspecified",
    ),
    (
        "scale_min",
        "weighting-scale-min",
        "staff-weighting-scale-min",
        "staff-weighting-scale-min-help",
        "2",
    ),
    (
        "scale_max",
        "weighting-scale-max",
        "staff-weighting-scale-max",
        "",
        "10",
    ),
    (
        "strength",
        "weighting-strength",
        "staff-weighting-strength",
        "staff-weighting-strength-help",
        "1",
    ),
    (
        "trim_floor",
        "weighting-trim-floor",
        "staff-weighting-trim-floor",
        "staff-weighting-trim-floor-help",
        "0.2",
    ),
    (
        "trim_cap",
        "weighting-trim-cap",
        "staff-weighting-trim-cap",
        "staff-weighting-trim-cap-help",
        "5",
    ),
    (
        "replicates",
        "weighting-replicates",
        "staff-weighting-replicates",
        "staff-weighting-replicates-help",
        "500",
    ),
    (
        "seed",
        "weighting-seed",
        "staff-weighting-seed",
        "staff-weighting-seed-help",
        "42",
    ),
];

/// A weight range relative to the mean, in the staff pages' language.
fn range(l: Locale, min: f64, max: f64) -> String {
    l.tr_args(
        "staff-weighting-range-value",
        &[
            ("min", FluentArg::Str(times(min))),
            ("max", FluentArg::Str(times(max))),
        ],
    )
}

fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn times(x: f64) -> String {
    format!("{x:.2}×")
}

#[component]
pub fn WeightingPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| weighting_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-weighting-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let typed = Typed::from(&ctx.flash);
                        let csrf = ctx.csrf.clone();
                        let in_force = page.versions.iter().find(|v| v.active).map(|v| v.version);
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>{l.tr("staff-weighting-title")}</h1>
                            <p class="lead">
                                {l.tr("staff-weighting-lead")}" "
                                {match in_force {
                                    Some(v) => l.tr_args("staff-weighting-in-force", &[("version", FluentArg::Num(v.into()))]),
                                    None => l.tr("staff-weighting-none-in-force"),
                                }}
                            </p>
                            <FlashMessage flash=ctx.flash.clone() />
                            <UploadForm csrf=csrf.clone() typed=typed />
                            <h2>{l.tr("staff-weighting-drafts")}</h2>
                            {if page.drafts.is_empty() {
                                view! { <p>{l.tr("staff-weighting-no-draft")}</p> }.into_any()
                            } else {
                                page.drafts.into_iter().map(|d| view! { <Draft draft=d csrf=csrf.clone() /> }).collect_view().into_any()
                            }}
                            <h2>{l.tr("staff-weighting-versions")}</h2>
                            <Versions versions=page.versions csrf=csrf />
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

/// The upload form, with what was typed when it came back with a problem.
#[component]
fn UploadForm(csrf: String, typed: Typed) -> impl IntoView {
    let healthier = typed.checked("higher_is_healthier", false);
    let l = use_i18n().staff_locale();
    view! {
        <h2>{l.tr("staff-weighting-upload")}</h2>
        <p class="q-help">
            {l.tr("staff-weighting-upload-help")}
        </p>
        <form method="post" action="/staff/admin/weighting" enctype="multipart/form-data" class="stack-form weighting-form">
            <CsrfField token=csrf />
            <fieldset>
                <legend>{l.tr("staff-weighting-files")}</legend>
                <label for="weighting-margins">{l.tr("staff-weighting-margins")}</label>
                <p class="q-help" id="weighting-margins-help">{l.tr("staff-weighting-margins-help")}</p>
                <input type="file" id="weighting-margins" name="margins" required accept=".csv,text/csv" aria-describedby="weighting-margins-help" aria-invalid=typed.invalid("weighting-margins") />
                <label for="weighting-equity">{l.tr("staff-weighting-equity")}</label>
                <p class="q-help" id="weighting-equity-help">{l.tr("staff-weighting-equity-help")}</p>
                <input type="file" id="weighting-equity" name="equity" accept=".csv,text/csv" aria-describedby="weighting-equity-help" aria-invalid=typed.invalid("weighting-equity") />
                <label for="weighting-crosswalk">{l.tr("staff-weighting-crosswalk")}</label>
                <p class="q-help" id="weighting-crosswalk-help">{l.tr("staff-weighting-crosswalk-help")}</p>
                <input type="file" id="weighting-crosswalk" name="crosswalk" accept=".csv,text/csv" aria-describedby="weighting-crosswalk-help" aria-invalid=typed.invalid("weighting-crosswalk") />
            </fieldset>
            <fieldset>
                <legend>{l.tr("staff-weighting-options")}</legend>
                {OPTIONS.iter().map(|(name, id, label, help, default)| {
                    let help_id = format!("{id}-help");
                    let mode = match *name {
                        "index_name" => "text",
                        "replicates" | "seed" => "numeric",
                        _ => "decimal",
                    };
                    view! {
                        <label for=*id>{l.tr(label)}</label>
                        {(!help.is_empty()).then(|| view! { <p class="q-help" id=help_id.clone()>{l.tr(help)}</p> })}
                        <input type="text" inputmode=mode id=*id name=*name value=typed.value(name, default)
                            aria-describedby=(!help.is_empty()).then(|| help_id.clone())
                            aria-invalid=typed.invalid(id) />
                    }
                }).collect_view()}
                <div class="check">
                    <input type="checkbox" id="weighting-healthier" name="higher_is_healthier" value="on" checked=healthier />
                    <label for="weighting-healthier">{l.tr("staff-weighting-healthier")}</label>
                </div>
            </fieldset>
            <button type="submit" class="primary">{l.tr("staff-weighting-check")}</button>
        </form>
    }
}

/// A draft with its preview and its two buttons.
#[component]
fn Draft(draft: DraftRow, csrf: String) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let heading = l.tr_args(
        "staff-weighting-draft-heading",
        &[
            ("at", FluentArg::Str(draft.uploaded_at.clone())),
            ("by", FluentArg::Str(draft.uploaded_by.clone())),
        ],
    );
    let activate = format!("/staff/admin/weighting/drafts/{}/activate", draft.id);
    let discard = format!("/staff/admin/weighting/drafts/{}/discard", draft.id);
    let same = draft.same_as.map(|v| {
        view! { <p class="notice">{l.tr_args("staff-weighting-same-as", &[("version", FluentArg::Num(v.into()))])}</p> }
    });
    view! {
        <section class="weighting-draft" aria-label=heading.clone()>
            <h3>{heading.clone()}</h3>
            <p class="meta">{l.tr_args("staff-weighting-draft-meta", &[("source", FluentArg::Str(draft.source.clone())), ("index", FluentArg::Str(draft.index_name.clone()))])}</p>
            {same}
            {match draft.preview {
                Some(preview) => view! { <Preview preview /> }.into_any(),
                None => view! { <p>{l.tr("staff-weighting-no-preview")}</p> }.into_any(),
            }}
            <form method="post" action=activate class="inline-form">
                <CsrfField token=csrf.clone() />
                <button type="submit" class="primary">{l.tr("staff-weighting-activate")}</button>
            </form>
            " "
            <form method="post" action=discard class="inline-form">
                <CsrfField token=csrf />
                <button type="submit">{l.tr("staff-weighting-discard")}</button>
            </form>
        </section>
    }
}

/// What the weights would be on the respondents stored at upload time.
#[component]
fn Preview(preview: WeightingPreview) -> impl IntoView {
    let l = use_i18n().staff_locale();
    if let Some(problem) = preview.problem.clone() {
        return view! {
            <h4>{l.tr("staff-weighting-preview")}</h4>
            <p class="notice">{l.tr_args("staff-weighting-preview-problem", &[("problem", FluentArg::Str(problem)), ("respondents", FluentArg::Num(preview.respondents as i64))])}</p>
        }
        .into_any();
    }
    let equity = preview.equity_design_effect.map(|deff| {
        view! {
            <tr><th scope="row">{l.tr("staff-weighting-deff-equity")}</th><td>{format!("{deff:.2}")}</td></tr>
            <tr><th scope="row">{l.tr("staff-weighting-range-equity")}</th><td>{range(l, preview.equity_min_weight.unwrap_or_default(), preview.equity_max_weight.unwrap_or_default())}</td></tr>
        }
    });
    view! {
        <h4>{l.tr_args("staff-weighting-preview-on", &[("respondents", FluentArg::Num(preview.respondents as i64))])}</h4>
        <div class="table-scroll" tabindex="0">
            <table>
                <caption>{l.tr("staff-weighting-weights")}</caption>
                <tbody>
                    <tr><th scope="row">{l.tr("staff-weighting-deff")}</th><td>{l.tr_args("staff-weighting-deff-value", &[("deff", FluentArg::Str(format!("{:.2}", preview.design_effect))), ("n", FluentArg::Str(format!("{:.0}", preview.effective_n)))])}</td></tr>
                    <tr><th scope="row">{l.tr("staff-weighting-range")}</th><td>{range(l, preview.min_weight, preview.max_weight)}</td></tr>
                    <tr><th scope="row">{l.tr("staff-weighting-trimmed")}</th><td>{l.tr_args("staff-weighting-trimmed-value", &[("share", FluentArg::Str(percent(preview.trimmed_share)))])}</td></tr>
                    <tr><th scope="row">{l.tr("staff-weighting-margins-met")}</th><td>{l.tr_args(if preview.converged { "staff-weighting-met-yes" } else { "staff-weighting-met-no" }, &[("error", FluentArg::Str(percent(preview.max_margin_error)))])}</td></tr>
                    {equity}
                </tbody>
            </table>
        </div>
        {preview.variables.into_iter().map(|v| {
            let caption = l.tr_args("staff-weighting-fit-on", &[("variable", FluentArg::Str(v.name.clone()))]);
            let notes = (v.missing > 0 || !v.merged.is_empty()).then(|| {
                let mut parts = Vec::new();
                if v.missing > 0 {
                    parts.push(l.tr_args("staff-weighting-missing", &[("count", FluentArg::Num(v.missing as i64))]));
                }
                if !v.merged.is_empty() {
                    parts.push(l.tr_args("staff-weighting-merged", &[("categories", FluentArg::Str(v.merged.join("; ")))]));
                }
                view! { <p class="meta">{format!("{}: {}.", v.name, parts.join("; "))}</p> }
            });
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <caption>{caption}</caption>
                        <thead><tr>
                            <th scope="col">{l.tr("staff-weighting-category")}</th><th scope="col">{l.tr("staff-col-respondents")}</th>
                            <th scope="col">{l.tr("staff-weighting-population-share")}</th><th scope="col">{l.tr("staff-weighting-sample-share")}</th><th scope="col">{l.tr("staff-col-weighted-share")}</th>
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
    let l = use_i18n().staff_locale();
    if versions.is_empty() {
        return view! { <p>{l.tr("staff-weighting-no-version")}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" tabindex="0">
            <table>
                <thead><tr>
                    <th scope="col">{l.tr("staff-weighting-version")}</th><th scope="col">{l.tr("staff-weighting-stored")}</th><th scope="col">{l.tr("staff-weighting-files")}</th>
                    <th scope="col">{l.tr("staff-weighting-index")}</th><th scope="col">{l.tr("staff-weighting-in-force-col")}</th><th scope="col">{l.tr("staff-weighting-configuration")}</th>
                </tr></thead>
                <tbody>
                    {versions.into_iter().map(|v| {
                        let json = format!("/staff/admin/weighting/versions/{}/config.json", v.version);
                        let activate = format!("/staff/admin/weighting/versions/{}/activate", v.version);
                        let label = l.tr_args("staff-weighting-put-in-force", &[("version", FluentArg::Num(v.version.into()))]);
                        let index = if v.has_equity { v.index_name.clone() } else { l.tr("staff-weighting-raking-only") };
                        let state = match (v.active, v.last_activated.as_ref()) {
                            (true, Some(a)) => l.tr_args("staff-weighting-in-force-since", &[("at", FluentArg::Str(a.clone()))]),
                            (true, None) => l.tr("staff-weighting-state-in-force"),
                            (false, Some(a)) => l.tr_args("staff-weighting-last-in-force", &[("at", FluentArg::Str(a.clone()))]),
                            (false, None) => l.tr("staff-weighting-state-no"),
                        };
                        view! {
                            <tr>
                                <th scope="row">{format!("v{}", v.version)}</th>
                                <td>{l.tr_args("staff-weighting-stored-by", &[("at", FluentArg::Str(v.stored_at.clone())), ("by", FluentArg::Str(v.stored_by.clone()))])}</td>
                                <td>{v.source.clone()}</td>
                                <td>{index}</td>
                                <td>
                                    {state}
                                    {(!v.active).then(|| view! {
                                        <form method="post" action=activate class="inline-form">
                                            <CsrfField token=csrf.clone() />
                                            " "
                                            <button type="submit" class="link-button" aria-label=label>{l.tr("staff-weighting-activate")}</button>
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
