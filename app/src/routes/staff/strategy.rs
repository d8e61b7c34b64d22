//! The strategy frame (administrators): the goals of the City's digital strategy, in the order
//! they are shown, and the departments that own themes and actions. Add, rename, reorder,
//! archive or bring back; delete only what nothing refers to. Every form is a plain post that
//! comes back here with a one-time message.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::strategy::strategy_page;
use crate::components::actions::{FieldProblem, problem_on, typed_for};
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::staff::Flash;
use crate::models::strategy::{
    DESCRIPTION_MAX_CHARS, DepartmentRow, FORM_FIELD, GoalRow, NAME_MAX_CHARS,
};

const PAGE: &str = "/staff/admin/strategy";

/// `key` with the thing's name, in the staff pages' language.
fn named(l: Locale, key: &str, name: &str) -> String {
    l.tr_args(key, &[("name", FluentArg::Str(name.to_owned()))])
}

#[component]
pub fn StrategyPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| strategy_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-strategy-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let csrf = ctx.csrf.clone();
                        let flash = ctx.flash.clone();
                        let last = page.goals.len();
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>{l.tr("staff-strategy-title")}</h1>
                            <p class="lead">{l.tr("staff-strategy-lead")}</p>
                            <FlashMessage flash=ctx.flash.clone() />
                            <h2>{l.tr("staff-theme-goals")}</h2>
                            <div class="table-scroll" tabindex="0">
                                <table>
                                    <thead><tr>
                                        <th scope="col">{l.tr("staff-strategy-order")}</th><th scope="col">{l.tr("staff-filter-goal")}</th><th scope="col">{l.tr("staff-theme-description")}</th>
                                        <th scope="col">{l.tr("staff-strategy-themes")}</th><th scope="col">{l.tr("staff-publications-col-state")}</th><th scope="col">{l.tr("staff-actions-col-change")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.goals.into_iter().enumerate().map(|(i, row)| view! {
                                            <GoalLine row first=i == 0 last=i + 1 == last csrf=csrf.clone() flash=flash.clone() />
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h3>{l.tr("staff-strategy-add-goal")}</h3>
                            <GoalForm key="goal-new".to_owned() action=format!("{PAGE}/goals") name=String::new() description=String::new()
                                button=l.tr("staff-strategy-add-goal-button") csrf=csrf.clone() flash=flash.clone() />
                            <h2>{l.tr("staff-strategy-departments")}</h2>
                            {if page.departments.is_empty() {
                                view! { <p>{l.tr("staff-strategy-no-departments")}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="table-scroll" tabindex="0">
                                        <table>
                                            <thead><tr>
                                                <th scope="col">{l.tr("staff-filter-department")}</th><th scope="col">{l.tr("staff-strategy-themes-actions")}</th>
                                                <th scope="col">{l.tr("staff-publications-col-state")}</th><th scope="col">{l.tr("staff-actions-col-change")}</th>
                                            </tr></thead>
                                            <tbody>
                                                {page.departments.into_iter().map(|row| view! {
                                                    <DepartmentLine row csrf=csrf.clone() flash=flash.clone() />
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any()
                            }}
                            <h3>{l.tr("staff-strategy-add-department")}</h3>
                            <DepartmentForm key="department-new".to_owned() action=format!("{PAGE}/departments") name=String::new()
                                button=l.tr("staff-strategy-add-department-button") csrf=csrf.clone() flash=flash.clone() />
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

/// A one-button form posting to `action` (with `field` = `value` when given).
#[component]
fn ButtonForm(
    action: String,
    csrf: String,
    label: String,
    text: String,
    #[prop(optional)] field: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline-form">
            <CsrfField token=csrf />
            {field.map(|(name, value)| view! { <input type="hidden" name=name value=value /> })}
            <button type="submit" class="link-button" aria-label=label>{text}</button>
        </form>
    }
}

/// Archive or bring back, and delete when nothing refers to it.
#[component]
fn KeepOrDrop(
    base: String,
    name: String,
    archived: bool,
    uses: u64,
    csrf: String,
) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let (text, value, label) = if archived {
        (
            l.tr("staff-strategy-bring-back"),
            "0",
            named(l, "staff-strategy-bring-back-named", &name),
        )
    } else {
        (
            l.tr("staff-strategy-archive"),
            "1",
            named(l, "staff-strategy-archive-named", &name),
        )
    };
    view! {
        <ButtonForm action=format!("{base}/archive") csrf=csrf.clone() label
            text field=("archived", value) />
        {(uses == 0).then(|| view! {
            <ButtonForm action=format!("{base}/delete") csrf=csrf.clone() label=named(l, "staff-strategy-delete-named", &name) text=l.tr("staff-strategy-delete") />
        })}
    }
}

#[component]
fn GoalLine(
    row: GoalRow,
    first: bool,
    last: bool,
    csrf: String,
    flash: Option<Flash>,
) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let goal = row.goal;
    let base = format!("{PAGE}/goals/{}", goal.id);
    let key = format!("goal-{}", goal.id);
    let open = flash
        .as_ref()
        .is_some_and(|f| f.error && f.value(FORM_FIELD) == key);
    view! {
        <tr>
            <td>{goal.position}</td>
            <th scope="row">{goal.name.clone()}</th>
            <td>{goal.description.clone()}</td>
            <td>{row.themes}</td>
            <td>{l.tr(if goal.archived { "staff-strategy-archived" } else { "staff-strategy-in-use" })}</td>
            <td>
                {(!first).then(|| view! {
                    <ButtonForm action=format!("{base}/move") csrf=csrf.clone() label=named(l, "staff-strategy-move-up", &goal.name)
                        text=l.tr("staff-strategy-up") field=("direction", "up") />
                })}
                {(!last).then(|| view! {
                    <ButtonForm action=format!("{base}/move") csrf=csrf.clone() label=named(l, "staff-strategy-move-down", &goal.name)
                        text=l.tr("staff-strategy-down") field=("direction", "down") />
                })}
                <KeepOrDrop base=base.clone() name=goal.name.clone() archived=goal.archived uses=row.themes csrf=csrf.clone() />
                <details open=open>
                    <summary>{named(l, "staff-strategy-edit", &goal.name)}</summary>
                    <GoalForm key action=base name=goal.name description=goal.description
                        button=l.tr("staff-strategy-save-goal") csrf flash />
                </details>
            </td>
        </tr>
    }
}

/// The form adding a goal (`key` `goal-new`) or editing one (`goal-<id>`).
#[component]
fn GoalForm(
    key: String,
    action: String,
    name: String,
    description: String,
    button: String,
    csrf: String,
    flash: Option<Flash>,
) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let typed = typed_for(&flash, &key);
    let name_id = format!("{key}-name");
    let description_id = format!("{key}-description");
    let name_problem = problem_on(&flash, &key, &name_id);
    let description_problem = problem_on(&flash, &key, &description_id);
    let describe = |id: &str, p: &Option<String>| p.as_ref().map(|_| format!("{id}-problem"));
    view! {
        <form method="post" action=action class="stack-form">
            <CsrfField token=csrf />
            <input type="hidden" name=FORM_FIELD value=key.clone() />
            <label for=name_id.clone()>{l.tr("staff-theme-name")}</label>
            <input type="text" id=name_id.clone() name="name" required maxlength=NAME_MAX_CHARS.to_string()
                value=typed.value("name", &name) aria-invalid=typed.invalid(&name_id)
                aria-describedby=describe(&name_id, &name_problem) />
            <FieldProblem id=name_id.clone() message=name_problem />
            <label for=description_id.clone()>{l.tr("staff-theme-description")}</label>
            <textarea id=description_id.clone() name="description" rows="2" maxlength=DESCRIPTION_MAX_CHARS.to_string()
                aria-invalid=typed.invalid(&description_id)
                aria-describedby=describe(&description_id, &description_problem)>{escaped(typed.value("description", &description))}</textarea>
            <FieldProblem id=description_id.clone() message=description_problem />
            <button type="submit" class="primary">{button}</button>
        </form>
    }
}

/// `<textarea>` text escaped on the server (Leptos writes its children unescaped; see
/// `components::question`).
fn escaped(text: String) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text
    }
}

#[component]
fn DepartmentLine(row: DepartmentRow, csrf: String, flash: Option<Flash>) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let department = row.department;
    let base = format!("{PAGE}/departments/{}", department.id);
    let key = format!("department-{}", department.id);
    let open = flash
        .as_ref()
        .is_some_and(|f| f.error && f.value(FORM_FIELD) == key);
    view! {
        <tr>
            <th scope="row">{department.name.clone()}</th>
            <td>{row.uses}</td>
            <td>{l.tr(if department.archived { "staff-strategy-archived" } else { "staff-strategy-in-use" })}</td>
            <td>
                <KeepOrDrop base=base.clone() name=department.name.clone() archived=department.archived uses=row.uses csrf=csrf.clone() />
                <details open=open>
                    <summary>{named(l, "staff-strategy-rename", &department.name)}</summary>
                    <DepartmentForm key action=base name=department.name button=l.tr("staff-strategy-save-name") csrf flash />
                </details>
            </td>
        </tr>
    }
}

/// The form adding a department (`key` `department-new`) or renaming one (`department-<id>`).
#[component]
fn DepartmentForm(
    key: String,
    action: String,
    name: String,
    button: String,
    csrf: String,
    flash: Option<Flash>,
) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let typed = typed_for(&flash, &key);
    let name_id = format!("{key}-name");
    let problem = problem_on(&flash, &key, &name_id);
    let describe = problem.as_ref().map(|_| format!("{name_id}-problem"));
    view! {
        <form method="post" action=action class="stack-form">
            <CsrfField token=csrf />
            <input type="hidden" name=FORM_FIELD value=key.clone() />
            <label for=name_id.clone()>{l.tr("staff-theme-name")}</label>
            <input type="text" id=name_id.clone() name="name" required maxlength=NAME_MAX_CHARS.to_string()
                value=typed.value("name", &name) aria-invalid=typed.invalid(&name_id) aria-describedby=describe />
            <FieldProblem id=name_id.clone() message=problem />
            <button type="submit" class="primary">{button}</button>
        </form>
    }
}
