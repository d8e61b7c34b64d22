//! The strategy frame (administrators): the goals of the City's digital strategy, in the order
//! they are shown, and the departments that own themes and actions. Add, rename, reorder,
//! archive or bring back; delete only what nothing refers to. Every form is a plain post that
//! comes back here with a one-time message.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::strategy::strategy_page;
use crate::components::actions::{FieldProblem, problem_on, typed_for};
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};
use crate::models::staff::Flash;
use crate::models::strategy::{
    DESCRIPTION_MAX_CHARS, DepartmentRow, FORM_FIELD, GoalRow, NAME_MAX_CHARS,
};

const PAGE: &str = "/staff/admin/strategy";

#[component]
pub fn StrategyPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| strategy_page());
    view! {
        <Title text="Strategy goals and departments" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let csrf = ctx.csrf.clone();
                        let flash = ctx.flash.clone();
                        let last = page.goals.len();
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>"Strategy goals and departments"</h1>
                            <p class="lead">"Themes are tied to the goals of the City's digital strategy, and owned, with their actions, by departments. Archive what is no longer used: what refers to it keeps it."</p>
                            <FlashMessage flash=ctx.flash.clone() />
                            <h2>"Goals"</h2>
                            <div class="table-scroll" tabindex="0">
                                <table>
                                    <thead><tr>
                                        <th scope="col">"Order"</th><th scope="col">"Goal"</th><th scope="col">"Description"</th>
                                        <th scope="col">"Themes"</th><th scope="col">"State"</th><th scope="col">"Change"</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.goals.into_iter().enumerate().map(|(i, row)| view! {
                                            <GoalLine row first=i == 0 last=i + 1 == last csrf=csrf.clone() flash=flash.clone() />
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h3>"Add a goal"</h3>
                            <GoalForm key="goal-new".to_owned() action=format!("{PAGE}/goals") name=String::new() description=String::new()
                                button="Add the goal" csrf=csrf.clone() flash=flash.clone() />
                            <h2>"Departments"</h2>
                            {if page.departments.is_empty() {
                                view! { <p>"No departments yet."</p> }.into_any()
                            } else {
                                view! {
                                    <div class="table-scroll" tabindex="0">
                                        <table>
                                            <thead><tr>
                                                <th scope="col">"Department"</th><th scope="col">"Themes and actions"</th>
                                                <th scope="col">"State"</th><th scope="col">"Change"</th>
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
                            <h3>"Add a department"</h3>
                            <DepartmentForm key="department-new".to_owned() action=format!("{PAGE}/departments") name=String::new()
                                button="Add the department" csrf=csrf.clone() flash=flash.clone() />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A one-button form posting to `action` (with `field` = `value` when given).
#[component]
fn ButtonForm(
    action: String,
    csrf: String,
    label: String,
    text: &'static str,
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
    let (text, value, verb) = if archived {
        ("Bring back", "0", "Bring back")
    } else {
        ("Archive", "1", "Archive")
    };
    view! {
        <ButtonForm action=format!("{base}/archive") csrf=csrf.clone() label=format!("{verb} “{name}”")
            text field=("archived", value) />
        {(uses == 0).then(|| view! {
            <ButtonForm action=format!("{base}/delete") csrf=csrf.clone() label=format!("Delete “{name}”") text="Delete" />
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
            <td>{if goal.archived { "Archived" } else { "In use" }}</td>
            <td>
                {(!first).then(|| view! {
                    <ButtonForm action=format!("{base}/move") csrf=csrf.clone() label=format!("Move “{}” up", goal.name)
                        text="Up" field=("direction", "up") />
                })}
                {(!last).then(|| view! {
                    <ButtonForm action=format!("{base}/move") csrf=csrf.clone() label=format!("Move “{}” down", goal.name)
                        text="Down" field=("direction", "down") />
                })}
                <KeepOrDrop base=base.clone() name=goal.name.clone() archived=goal.archived uses=row.themes csrf=csrf.clone() />
                <details open=open>
                    <summary>{format!("Edit “{}”", goal.name)}</summary>
                    <GoalForm key action=base name=goal.name description=goal.description
                        button="Save the goal" csrf flash />
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
    button: &'static str,
    csrf: String,
    flash: Option<Flash>,
) -> impl IntoView {
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
            <label for=name_id.clone()>"Name"</label>
            <input type="text" id=name_id.clone() name="name" required maxlength=NAME_MAX_CHARS.to_string()
                value=typed.value("name", &name) aria-invalid=typed.invalid(&name_id)
                aria-describedby=describe(&name_id, &name_problem) />
            <FieldProblem id=name_id.clone() message=name_problem />
            <label for=description_id.clone()>"Description"</label>
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
            <td>{if department.archived { "Archived" } else { "In use" }}</td>
            <td>
                <KeepOrDrop base=base.clone() name=department.name.clone() archived=department.archived uses=row.uses csrf=csrf.clone() />
                <details open=open>
                    <summary>{format!("Rename “{}”", department.name)}</summary>
                    <DepartmentForm key action=base name=department.name button="Save the name" csrf flash />
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
    button: &'static str,
    csrf: String,
    flash: Option<Flash>,
) -> impl IntoView {
    let typed = typed_for(&flash, &key);
    let name_id = format!("{key}-name");
    let problem = problem_on(&flash, &key, &name_id);
    let describe = problem.as_ref().map(|_| format!("{name_id}-problem"));
    view! {
        <form method="post" action=action class="stack-form">
            <CsrfField token=csrf />
            <input type="hidden" name=FORM_FIELD value=key.clone() />
            <label for=name_id.clone()>"Name"</label>
            <input type="text" id=name_id.clone() name="name" required maxlength=NAME_MAX_CHARS.to_string()
                value=typed.value("name", &name) aria-invalid=typed.invalid(&name_id) aria-describedby=describe />
            <FieldProblem id=name_id.clone() message=problem />
            <button type="submit" class="primary">{button}</button>
        </form>
    }
}
