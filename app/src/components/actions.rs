//! Actions on themes, the pieces the theme page and the actions board share: a table of actions
//! each with a form to move its status and one to edit it, and the form to add an action. Plain
//! HTML forms posting to `/staff/actions…` with the form token and the page to come back to
//! (`next`); a refused form comes back with its field marked and what was typed kept.

use leptos::prelude::*;

use crate::components::staff::CsrfField;
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::staff::{Flash, Typed};
use crate::models::strategy::{
    ActionStatus, ActionView, Department, FORM_FIELD, SUMMARY_MAX_CHARS, TITLE_MAX_CHARS,
    action_field,
};

/// The state of form `key` after a redirect: what was typed and the field that is wrong, if that
/// form was the one posted and refused.
pub fn typed_for(flash: &Option<Flash>, key: &str) -> Typed {
    let posted = flash
        .as_ref()
        .filter(|f| f.value(FORM_FIELD) == key)
        .cloned();
    Typed::from(&posted)
}

/// The message on the field with id `id`, if the refusal was about it.
pub fn problem_on(flash: &Option<Flash>, key: &str, id: &str) -> Option<String> {
    flash
        .as_ref()
        .filter(|f| f.error && f.value(FORM_FIELD) == key && f.field.as_deref() == Some(id))
        .map(|f| f.message.clone())
}

/// Leptos 0.8 writes `<textarea>` children to the HTML unescaped (see `components::question`):
/// escaped on the server, so a summary holding `</textarea><script>` stays text.
fn textarea_text(text: String) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text
    }
}

/// An action status's name in the staff pages' language.
pub fn status_label(l: Locale, status: ActionStatus) -> String {
    l.tr(match status {
        ActionStatus::Proposed => "staff-action-proposed",
        ActionStatus::Planned => "staff-action-planned",
        ActionStatus::InProgress => "staff-action-in-progress",
        ActionStatus::Done => "staff-action-done",
        ActionStatus::WontDo => "staff-action-wont-do",
    })
}

/// A department or goal's name, marked when archived.
pub fn archived_name(l: Locale, name: &str, archived: bool) -> String {
    if archived {
        l.tr_args(
            "staff-archived-name",
            &[("name", FluentArg::Str(name.to_owned()))],
        )
    } else {
        name.to_owned()
    }
}

/// A field's problem, under it, for `aria-describedby`.
#[component]
pub fn FieldProblem(id: String, message: Option<String>) -> impl IntoView {
    message.map(|m| {
        let id = format!("{id}-problem");
        view! { <p class="form-error" id=id>{m}</p> }
    })
}

/// A theme's actions and the form to add one: the theme page's actions section.
#[component]
pub fn ThemeActions(
    theme_id: String,
    actions: Vec<ActionView>,
    departments: Vec<Department>,
    csrf: String,
    next: String,
    /// The page's one-time message, so a refused form keeps what was typed.
    #[prop(optional)]
    flash: Option<Flash>,
) -> impl IntoView {
    let l = use_i18n().staff_locale();
    view! {
        <section aria-labelledby="theme-actions-title">
            <h2 id="theme-actions-title">{l.tr("staff-nav-actions")}</h2>
            {if actions.is_empty() {
                view! { <p>{l.tr("staff-actions-none-on-theme")}</p> }.into_any()
            } else {
                view! {
                    <ActionTable
                        actions
                        departments=departments.clone()
                        csrf=csrf.clone()
                        next=next.clone()
                        flash=flash.clone()
                        show_theme=false
                        caption=l.tr_args("staff-actions-on-theme", &[("theme", FluentArg::Str(theme_id.clone()))])
                    />
                }
                .into_any()
            }}
            <h3>{l.tr("staff-actions-add")}</h3>
            <AddActionForm theme_id=Some(theme_id) departments csrf next flash />
        </section>
    }
}

/// A table of actions, each with a status-move form and an edit form.
#[component]
pub fn ActionTable(
    actions: Vec<ActionView>,
    departments: Vec<Department>,
    csrf: String,
    next: String,
    flash: Option<Flash>,
    /// Whether to show the theme column (boards), or not (the theme's own page).
    show_theme: bool,
    caption: String,
) -> impl IntoView {
    let l = use_i18n().staff_locale();
    view! {
        <div class="table-scroll" tabindex="0">
            <table>
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        {show_theme.then(|| view! { <th scope="col">{l.tr("staff-col-theme")}</th> })}
                        <th scope="col">{l.tr("staff-actions-col-action")}</th>
                        <th scope="col">{l.tr("staff-filter-department")}</th>
                        <th scope="col">{l.tr("staff-actions-col-status")}</th>
                        <th scope="col">{l.tr("staff-actions-col-start")}</th>
                        <th scope="col">{l.tr("staff-actions-col-due")}</th>
                        <th scope="col">{l.tr("staff-actions-col-summary")}</th>
                        <th scope="col">{l.tr("staff-actions-col-change")}</th>
                    </tr>
                </thead>
                <tbody>
                    {actions
                        .into_iter()
                        .map(|action| {
                            view! {
                                <ActionRow
                                    action
                                    departments=departments.clone()
                                    csrf=csrf.clone()
                                    next=next.clone()
                                    flash=flash.clone()
                                    show_theme
                                />
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ActionRow(
    action: ActionView,
    departments: Vec<Department>,
    csrf: String,
    next: String,
    flash: Option<Flash>,
    show_theme: bool,
) -> impl IntoView {
    let theme_href = format!("/staff/themes/{}", action.theme_id);
    let theme = match &action.theme_name {
        Some(name) => format!("{} {name}", action.theme_id),
        None => action.theme_id.clone(),
    };
    let due = action.due_on.clone().unwrap_or_default();
    let overdue = action.overdue;
    let l = use_i18n().staff_locale();
    view! {
        <tr>
            {show_theme.then(|| view! { <td><a href=theme_href>{theme}</a></td> })}
            <th scope="row">{action.title.clone()}</th>
            <td>{action.department.clone().unwrap_or_else(|| "—".to_owned())}</td>
            <td>{status_label(l, action.status)}</td>
            <td>{action.starts_on.clone().unwrap_or_default()}</td>
            <td>
                {due}
                {overdue.then(|| view! { " " <strong class="form-error">{l.tr("staff-actions-overdue")}</strong> })}
            </td>
            <td>{action.public_summary.clone()}</td>
            <td>
                <MoveForm action=action.clone() csrf=csrf.clone() next=next.clone() />
                <EditActionForm action departments csrf next flash />
            </td>
        </tr>
    }
}

/// The small form that moves an action to another status.
#[component]
pub fn MoveForm(action: ActionView, csrf: String, next: String) -> impl IntoView {
    let id = format!("move-{}", action.id);
    let post = format!("/staff/actions/{}/status", action.id);
    let l = use_i18n().staff_locale();
    let label = l.tr_args(
        "staff-actions-status-of",
        &[("title", FluentArg::Str(action.title.clone()))],
    );
    view! {
        <form method="post" action=post class="inline-form">
            <CsrfField token=csrf />
            <input type="hidden" name="next" value=next />
            <label for=id.clone() class="visually-hidden">{label}</label>
            <select id=id name="status">
                {ActionStatus::ALL
                    .into_iter()
                    .map(|s| {
                        view! { <option value=s.as_str() selected=s == action.status>{status_label(l, s)}</option> }
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="link-button">{l.tr("staff-actions-move")}</button>
        </form>
    }
}

/// An action's fields (the theme id only when the form has no theme of its own).
#[component]
fn ActionFields(
    key: String,
    /// Whether to ask for the theme id.
    ask_theme: bool,
    stored: Option<ActionView>,
    departments: Vec<Department>,
    flash: Option<Flash>,
) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let typed = typed_for(&flash, &key);
    let id = |field: &str| action_field(&key, field);
    let problem = |field: &str| problem_on(&flash, &key, &action_field(&key, field));
    let describe = |field: &str| problem(field).map(|_| format!("{}-problem", id(field)));
    let stored_text = |get: fn(&ActionView) -> String| stored.as_ref().map(get).unwrap_or_default();
    let value = |name: &str, get: fn(&ActionView) -> String| typed.value(name, &stored_text(get));
    let department = value("department", |a| {
        a.department_id.map(|d| d.to_string()).unwrap_or_default()
    });
    let status = value("status", |a| a.status.as_str().to_owned());
    // An archived department stays on the actions it owns but is offered for nothing new.
    let offered: Vec<Department> = departments
        .into_iter()
        .filter(|d| !d.archived || d.id.to_string() == department)
        .collect();
    view! {
        {ask_theme.then(|| view! {
            <label for=id("theme")>{l.tr("staff-actions-theme-id")}</label>
            <input type="text" id=id("theme") name="theme_id" required maxlength="32" class="short"
                value=value("theme_id", |a| a.theme_id.clone())
                aria-invalid=typed.invalid(&id("theme")) aria-describedby=describe("theme") />
            <FieldProblem id=id("theme") message=problem("theme") />
        })}
        <label for=id("title")>{l.tr("staff-actions-title")}</label>
        <input type="text" id=id("title") name="title" required maxlength=TITLE_MAX_CHARS.to_string()
            value=value("title", |a| a.title.clone())
            aria-invalid=typed.invalid(&id("title")) aria-describedby=describe("title") />
        <FieldProblem id=id("title") message=problem("title") />
        <label for=id("department")>{l.tr("staff-theme-owning-department")}</label>
        <select id=id("department") name="department"
            aria-invalid=typed.invalid(&id("department")) aria-describedby=describe("department")>
            <option value="" selected=department.is_empty()>{l.tr("staff-theme-none-yet-option")}</option>
            {offered
                .into_iter()
                .map(|d| {
                    let selected = d.id.to_string() == department;
                    let name = archived_name(l, &d.name, d.archived);
                    view! { <option value=d.id.to_string() selected=selected>{name}</option> }
                })
                .collect_view()}
        </select>
        <FieldProblem id=id("department") message=problem("department") />
        <label for=id("status")>{l.tr("staff-actions-col-status")}</label>
        <select id=id("status") name="status"
            aria-invalid=typed.invalid(&id("status")) aria-describedby=describe("status")>
            {ActionStatus::ALL
                .into_iter()
                .map(|s| {
                    let selected = s.as_str() == status || (status.is_empty() && s == ActionStatus::Proposed);
                    view! { <option value=s.as_str() selected=selected>{status_label(l, s)}</option> }
                })
                .collect_view()}
        </select>
        <FieldProblem id=id("status") message=problem("status") />
        <label for=id("starts")>{l.tr("staff-actions-start-date")}</label>
        <input type="date" id=id("starts") name="starts_on" class="short"
            value=value("starts_on", |a| a.starts_on.clone().unwrap_or_default())
            aria-invalid=typed.invalid(&id("starts")) aria-describedby=describe("starts") />
        <FieldProblem id=id("starts") message=problem("starts") />
        <label for=id("due")>{l.tr("staff-actions-due-date")}</label>
        <input type="date" id=id("due") name="due_on" class="short"
            value=value("due_on", |a| a.due_on.clone().unwrap_or_default())
            aria-invalid=typed.invalid(&id("due")) aria-describedby=describe("due") />
        <FieldProblem id=id("due") message=problem("due") />
        <label for=id("summary")>{l.tr_args("staff-actions-summary-label", &[("max", FluentArg::Num(SUMMARY_MAX_CHARS as i64))])}</label>
        <textarea id=id("summary") name="public_summary" rows="3" maxlength=SUMMARY_MAX_CHARS.to_string()
            aria-invalid=typed.invalid(&id("summary")) aria-describedby=describe("summary")>{textarea_text(value("public_summary", |a| a.public_summary.clone()))}</textarea>
        <FieldProblem id=id("summary") message=problem("summary") />
    }
}

/// The form that adds an action: to `theme_id`, or (on a board) to the theme whose id is typed.
#[component]
pub fn AddActionForm(
    theme_id: Option<String>,
    departments: Vec<Department>,
    csrf: String,
    next: String,
    flash: Option<Flash>,
) -> impl IntoView {
    let ask_theme = theme_id.is_none();
    let l = use_i18n().staff_locale();
    view! {
        <form method="post" action="/staff/actions" class="stack-form" aria-label=l.tr("staff-actions-add")>
            <CsrfField token=csrf />
            <input type="hidden" name="next" value=next />
            <input type="hidden" name=FORM_FIELD value="new" />
            {theme_id.map(|t| view! { <input type="hidden" name="theme_id" value=t /> })}
            <ActionFields key="new".to_owned() ask_theme stored=None departments flash />
            <button type="submit" class="primary">{l.tr("staff-actions-add-button")}</button>
        </form>
    }
}

/// An action's edit form, folded away until opened (open when it came back with a problem).
#[component]
fn EditActionForm(
    action: ActionView,
    departments: Vec<Department>,
    csrf: String,
    next: String,
    flash: Option<Flash>,
) -> impl IntoView {
    let key = action.id.to_string();
    let open = flash
        .as_ref()
        .is_some_and(|f| f.error && f.value(FORM_FIELD) == key);
    let post = format!("/staff/actions/{}", action.id);
    let l = use_i18n().staff_locale();
    let summary = l.tr_args(
        "staff-actions-edit",
        &[("title", FluentArg::Str(action.title.clone()))],
    );
    view! {
        <details open=open>
            <summary>{summary}</summary>
            <form method="post" action=post class="stack-form">
                <CsrfField token=csrf />
                <input type="hidden" name="next" value=next />
                <input type="hidden" name=FORM_FIELD value=key.clone() />
                <ActionFields key ask_theme=false stored=Some(action) departments flash />
                <button type="submit" class="primary">{l.tr("staff-actions-save")}</button>
            </form>
        </details>
    }
}
