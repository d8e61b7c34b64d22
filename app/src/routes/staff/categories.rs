//! The 311 analyst's assistant (strategy staff): the category classifier's cross-validated
//! quality, overall and per category; reports whose given category disagrees with a confident
//! prediction; and the category → department routing administrators keep. Plain form posts;
//! works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::categories::{CategoriesData, categories_page};
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::categories::{
    CategoryRoute, ClassifierRecord, CrossTab, FlaggedReport, SentenceFeatures, Spread,
};
use crate::models::staff::ADMINS;
use crate::models::strategy::Department;

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| categories_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-categories-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let admin = ctx.viewer.as_ref().is_some_and(|v| v.is(ADMINS));
                        let CategoriesData { classifier, flagged, routes, departments, crosstab } = page;
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>{l.tr("staff-categories-title")}</h1>
                            <p class="lead">{l.tr("staff-categories-lead")}</p>
                            <FlashMessage flash=ctx.flash.clone() />
                            <p><a href="/staff/reports/trends">{l.tr("staff-trends-link")}</a></p>
                            <h2>{l.tr("staff-categories-classifier")}</h2>
                            {match classifier {
                                Some(c) => view! { <Quality c l /> }.into_any(),
                                None => view! { <p>{l.tr("staff-categories-untrained")}</p> }.into_any(),
                            }}
                            <form method="post" action="/staff/categories/train" class="stack-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <p class="meta">{l.tr("staff-categories-train-what")}</p>
                                <button type="submit" class="primary">{l.tr("staff-categories-train")}</button>
                            </form>
                            <h2>{l.tr("staff-categories-flagged")}</h2>
                            {if flagged.is_empty() {
                                view! { <p>{l.tr("staff-categories-flagged-none")}</p> }.into_any()
                            } else {
                                view! { <Flagged rows=flagged l /> }.into_any()
                            }}
                            <h2>{l.tr("staff-categories-across")}</h2>
                            {if crosstab.themes.is_empty() {
                                view! { <p>{l.tr("staff-categories-across-none")}</p> }.into_any()
                            } else {
                                view! { <Across tab=crosstab l /> }.into_any()
                            }}
                            <h2>{l.tr("staff-categories-routing")}</h2>
                            <p>{l.tr("staff-categories-routing-what")}</p>
                            {if routes.is_empty() {
                                view! { <p>{l.tr("staff-categories-routing-none")}</p> }.into_any()
                            } else {
                                view! { <Routing rows=routes departments admin csrf=ctx.csrf.clone() l /> }.into_any()
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

/// The latest training's figures and its per-category table.
#[component]
fn Quality(c: ClassifierRecord, l: Locale) -> impl IntoView {
    let q = c.quality;
    let summary = l.tr_args(
        "staff-categories-summary",
        &[
            ("reports", FluentArg::Num(c.reports)),
            ("labelled", FluentArg::Num(c.labelled)),
            ("folds", FluentArg::Num(q.folds as i64)),
            ("judged", FluentArg::Num(q.reports as i64)),
            ("at", FluentArg::Str(c.trained_at.clone())),
            (
                "by",
                FluentArg::Str(
                    c.trained_by
                        .clone()
                        .unwrap_or_else(|| l.tr("staff-categories-command-line")),
                ),
            ),
        ],
    );
    let rare = (!c.too_rare.is_empty()).then(|| {
        let list = c
            .too_rare
            .iter()
            .map(|(name, n)| format!("{name} ({n})"))
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p class="meta">{l.tr_args("staff-categories-too-rare", &[("list", FluentArg::Str(list))])}</p> }
    });
    view! {
        <p>{summary}</p>
        <dl class="facts">
            <div><dt>{l.tr("staff-categories-accuracy")}</dt><dd id="classifier-accuracy">{percent(q.accuracy)}</dd></div>
            <div><dt>{l.tr("staff-categories-macro-f1")}</dt><dd id="classifier-macro-f1">{format!("{:.3}", q.macro_f1)}</dd></div>
            <div><dt>{l.tr("staff-categories-flagged-count")}</dt><dd>{c.flagged}</dd></div>
        </dl>
        <p class="meta">{l.tr_args("staff-categories-how", &[("confidence", FluentArg::Str(percent(c.flag_confidence)))])}</p>
        <p class="meta" id="classifier-sentences">{sentences_note(&l, &c.sentences)}</p>
        {rare}
        <div class="table-scroll" tabindex="0">
            <table class="category-quality">
                <caption>{l.tr("staff-categories-per-category")}</caption>
                <thead><tr>
                    <th scope="col">{l.tr("staff-categories-col-category")}</th>
                    <th scope="col">{l.tr("staff-categories-col-reports")}</th>
                    <th scope="col">{l.tr("staff-categories-col-precision")}</th>
                    <th scope="col">{l.tr("staff-categories-col-recall")}</th>
                    <th scope="col">"F1"</th>
                </tr></thead>
                <tbody>
                    {q.per_category.into_iter().map(|row| view! {
                        <tr>
                            <th scope="row">{row.category}</th>
                            <td>{row.support}</td>
                            <td>{format!("{:.2}", row.precision)}</td>
                            <td>{format!("{:.2}", row.recall)}</td>
                            <td>{format!("{:.2}", row.f1)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Needs that cut across categories, and categories that hold several needs.
#[component]
fn Across(tab: CrossTab, l: Locale) -> impl IntoView {
    let share = |part: i64, of: i64| percent(part as f64 / of.max(1) as f64);
    let rows = move |spreads: Vec<Spread>, caption: String, first: String, class: &'static str| {
        view! {
            <div class="table-scroll" tabindex="0">
                <table class=class>
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{first}</th>
                        <th scope="col">{l.tr("staff-categories-col-reports")}</th>
                        <th scope="col">{l.tr("staff-categories-col-effective")}</th>
                        <th scope="col">{l.tr("staff-categories-col-parts")}</th>
                    </tr></thead>
                    <tbody>
                        {spreads.into_iter().map(|s| {
                            let parts = s
                                .parts
                                .iter()
                                .take(4)
                                .map(|(name, n)| format!("{name} {}", share(*n, s.reports)))
                                .collect::<Vec<_>>()
                                .join(" · ");
                            view! {
                                <tr>
                                    <th scope="row">{s.name}</th>
                                    <td>{s.reports}</td>
                                    <td>{format!("{:.1}", s.effective)}</td>
                                    <td>{parts}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    };
    view! {
        <p>{l.tr("staff-categories-across-what")}</p>
        {rows(tab.themes, l.tr("staff-categories-across-themes"), l.tr("staff-categories-col-theme"), "theme-categories")}
        {rows(tab.categories, l.tr("staff-categories-across-categories"), l.tr("staff-categories-col-category"), "category-themes")}
    }
}

/// Reports whose given category disagrees with a confident prediction.
#[component]
fn Flagged(rows: Vec<FlaggedReport>, l: Locale) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="flagged-reports">
                <thead><tr>
                    <th scope="col">{l.tr("staff-categories-col-report")}</th>
                    <th scope="col">{l.tr("staff-categories-col-given")}</th>
                    <th scope="col">{l.tr("staff-categories-col-predicted")}</th>
                    <th scope="col">{l.tr("staff-categories-col-confidence")}</th>
                    <th scope="col">{l.tr("staff-categories-col-text")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td>{format!("{} {}", r.source, r.external_id)}</td>
                            <td>{r.given}</td>
                            <td>{r.predicted}</td>
                            <td>{percent(r.confidence)}</td>
                            <td>{r.text}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Each category with its department; administrators change it row by row.
#[component]
fn Routing(
    rows: Vec<CategoryRoute>,
    departments: Vec<Department>,
    admin: bool,
    csrf: String,
    l: Locale,
) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="category-routes">
                <thead><tr>
                    <th scope="col">{l.tr("staff-categories-col-category")}</th>
                    <th scope="col">{l.tr("staff-categories-col-reports")}</th>
                    <th scope="col">{l.tr("staff-categories-col-department")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(i, r)| {
                        let none = l.tr("staff-categories-no-department");
                        let cell = if admin {
                            let id = format!("route-department-{i}");
                            let label = l.tr_args("staff-categories-department-of", &[("category", FluentArg::Str(r.category.clone()))]);
                            view! {
                                <form method="post" action="/staff/categories/route" class="inline-form">
                                    <CsrfField token=csrf.clone() />
                                    <input type="hidden" name="category" value=r.category.clone() />
                                    <label for=id.clone() class="visually-hidden">{label}</label>
                                    <select id=id name="department">
                                        <option value="" selected=r.department_id.is_none()>{none}</option>
                                        {departments.iter().map(|d| view! {
                                            <option value=d.id.to_string() selected=r.department_id == Some(d.id)>{d.name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                    " "
                                    <button type="submit">{l.tr("staff-categories-save-route")}</button>
                                </form>
                            }.into_any()
                        } else {
                            view! { <span>{r.department.clone().unwrap_or(none)}</span> }.into_any()
                        };
                        view! {
                            <tr>
                                <th scope="row">{r.category.clone()}</th>
                                <td>{r.reports}</td>
                                <td>{cell}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Whether the training used sentence vectors, in the staff's language.
fn sentences_note(l: &Locale, sentences: &SentenceFeatures) -> String {
    match sentences {
        SentenceFeatures::NoModel => l.tr("staff-categories-sentences-no-model"),
        SentenceFeatures::Used { model, encoded } => l.tr_args(
            "staff-categories-sentences-used",
            &[
                ("model", FluentArg::Str(model.clone())),
                ("encoded", FluentArg::Num(*encoded as i64)),
            ],
        ),
        SentenceFeatures::OverBudget { missing, budget } => l.tr_args(
            "staff-categories-sentences-over-budget",
            &[
                ("missing", FluentArg::Num(*missing as i64)),
                ("budget", FluentArg::Num(*budget as i64)),
            ],
        ),
        SentenceFeatures::Failed { problem } => l.tr_args(
            "staff-categories-sentences-failed",
            &[("problem", FluentArg::Str(problem.clone()))],
        ),
    }
}
