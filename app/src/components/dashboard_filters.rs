//! The dashboard's filter form. A plain GET form without JavaScript (the Apply button reloads
//! the page); once hydrated, every change applies at once: the address changes without a reload,
//! the dashboard fetches the new figures, focus returns to the control that was changed, and a
//! polite live region says what is shown.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;

use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::dashboard::{DashboardData, DashboardFilter};

/// The query parameters the filter form sends, in order.
const FIELDS: [&str; 12] = [
    "run",
    "survey",
    "stream",
    "language",
    "district",
    "goal",
    "department",
    "from",
    "to",
    "by",
    "q",
    "against",
];

/// The filter a dashboard address asks for (empty parameters are no filter).
pub fn filter_of(q: &ParamsMap) -> DashboardFilter {
    let text = |name: &str| q.get(name).filter(|s| !s.trim().is_empty());
    DashboardFilter {
        run: q.get("run").and_then(|r| r.parse().ok()),
        stream: text("stream"),
        language: text("language"),
        survey: text("survey"),
        district: text("district"),
        goal: q.get("goal").and_then(|g| g.parse().ok()),
        department: q.get("department").and_then(|d| d.parse().ok()),
        from: text("from"),
        to: text("to"),
        by: text("by"),
        q: text("q"),
        against: text("against"),
    }
}

/// What a screen reader hears once new figures are shown.
pub fn announcement(data: &DashboardData, l: Locale) -> String {
    let f = &data.filter;
    let mut parts: Vec<String> = Vec::new();
    for (name, value) in [
        ("staff-filter-survey", &f.survey),
        ("staff-filter-stream", &f.stream),
        ("staff-filter-language", &f.language),
        ("staff-filter-district", &f.district),
        ("staff-filter-from", &f.from),
        ("staff-filter-to", &f.to),
    ] {
        if let Some(v) = value {
            parts.push(format!("{} {v}", l.tr(name).to_lowercase()));
        }
    }
    let scope = if parts.is_empty() {
        l.tr("staff-dashboard-everyone")
    } else {
        parts.join(", ")
    };
    l.tr_args(
        "staff-dashboard-updated",
        &[
            ("themes", FluentArg::Num(data.themes.len() as i64)),
            ("run", FluentArg::Num(data.run_id.into())),
            ("scope", FluentArg::Str(scope)),
        ],
    )
}

/// The id of the control to focus again after the figures change.
#[derive(Clone, Copy)]
pub struct Refocus(pub RwSignal<Option<String>>);

/// Moves focus to the element with id `id`, if there is one (browser only).
pub fn focus(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// The query string of the form's current values (browser only).
fn query_of(form: NodeRef<leptos::html::Form>) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let form = form.get_untracked()?;
        let form: &web_sys::HtmlFormElement = form.unchecked_ref();
        let data = web_sys::FormData::new_with_form(form).ok()?;
        let pairs: Vec<String> = FIELDS
            .iter()
            .filter_map(|name| {
                let value = data.get(name).as_string()?;
                (!value.trim().is_empty()).then(|| {
                    format!(
                        "{name}={}",
                        String::from(js_sys::encode_uri_component(&value))
                    )
                })
            })
            .collect();
        Some(pairs.join("&"))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (form, FIELDS);
        None
    }
}

#[component]
pub fn FilterForm(data: DashboardData) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let f = data.filter.clone();
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let (stream, language, survey, district) = (
        value(&f.stream),
        value(&f.language),
        value(&f.survey),
        value(&f.district),
    );
    let by =
        f.by.clone()
            .unwrap_or_else(|| "council_district".to_owned());
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let navigate = leptos_router::hooks::use_navigate();
    let refocus = use_context::<Refocus>();
    let apply = move || {
        if let Some(query) = query_of(form_ref) {
            navigate(
                &format!("/staff/dashboard?{query}"),
                leptos_router::NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let on_change = {
        let apply = apply.clone();
        move |ev: leptos::ev::Event| {
            if let (Some(Refocus(signal)), Some(id)) = (refocus, target_id(&ev)) {
                signal.set(Some(id));
            }
            apply();
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply();
    };
    // Set once the form's handlers are attached in the browser, so that tests (and scripts) can
    // tell a live form from the server-drawn one, where a change does nothing until Apply.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    view! {
        <form method="get" action="/staff/dashboard" class="filter-form" node_ref=form_ref on:change=on_change on:submit=on_submit
            data-live=move || live.get().then_some("true")>
            {f.q.clone().map(|q| view! { <input type="hidden" name="q" value=q /> })}
            {f.against.clone().map(|a| view! { <input type="hidden" name="against" value=a /> })}
            <div class="field">
                <label for="run">{l.tr("staff-filter-run")}</label>
                <select id="run" name="run">
                    {data.runs.iter().map(|r| view! {
                        <option value=r.id.to_string() selected=r.id == data.run_id>{r.label.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="survey">{l.tr("staff-filter-survey")}</label>
                <select id="survey" name="survey">
                    <option value="" selected=survey.is_empty()>{l.tr("staff-filter-all-surveys")}</option>
                    {data.surveys.iter().map(|(slug, title)| view! {
                        <option value=slug.clone() selected=*slug == survey>{title.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="stream">{l.tr("staff-filter-stream")}</label>
                <select id="stream" name="stream">
                    <option value="" selected=stream.is_empty()>{l.tr("staff-filter-all")}</option>
                    {data.streams.iter().map(|s| view! {
                        <option value=s.clone() selected=*s == stream>{s.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="language">{l.tr("staff-filter-language")}</label>
                <select id="language" name="language">
                    <option value="" selected=language.is_empty()>{l.tr("staff-filter-all")}</option>
                    {data.languages.iter().map(|l| view! {
                        <option value=l.clone() selected=*l == language>{l.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="district">{l.tr("staff-filter-district")}</label>
                <select id="district" name="district">
                    <option value="" selected=district.is_empty()>{l.tr("staff-filter-all")}</option>
                    {data.districts.iter().map(|d| view! {
                        <option value=d.clone() selected=*d == district>{l.tr_args("staff-filter-district-n", &[("number", FluentArg::Str(d.clone()))])}</option>
                    }).collect_view()}
                </select>
            </div>
            <IdChoice id="goal" label=l.tr("staff-filter-goal") options=data.goals.clone() chosen=f.goal />
            <IdChoice id="department" label=l.tr("staff-filter-department") options=data.departments.clone() chosen=f.department />
            <div class="field">
                <label for="from">{l.tr("staff-filter-from")}</label>
                <input type="date" id="from" name="from" value=value(&f.from) />
            </div>
            <div class="field">
                <label for="to">{l.tr("staff-filter-to")}</label>
                <input type="date" id="to" name="to" value=value(&f.to) />
            </div>
            <div class="field">
                <label for="by">{l.tr("staff-filter-by")}</label>
                <select id="by" name="by">
                    {data.breakdown_variables.iter().map(|v| view! {
                        <option value=v.clone() selected=*v == by>{v.replace('_', " ")}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="primary">{l.tr("staff-filter-apply")}</button>
        </form>
        {data.filter_problem.clone().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
    }
}

/// A choice among named ids (goals, departments), "All" first.
#[component]
fn IdChoice(
    id: &'static str,
    label: String,
    options: Vec<(i32, String)>,
    chosen: Option<i32>,
) -> impl IntoView {
    let l = use_i18n().staff_locale();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id>
                <option value="" selected=chosen.is_none()>{l.tr("staff-filter-all")}</option>
                {options.into_iter().map(|(value, name)| view! {
                    <option value=value.to_string() selected=chosen == Some(value)>{name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The id of the element an event came from.
fn target_id(ev: &leptos::ev::Event) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        Some(el.id()).filter(|id| !id.is_empty())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}
