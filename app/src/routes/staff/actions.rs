//! The actions board (strategy staff): every action, or a department's, or a goal's (the actions
//! of the themes tied to it), grouped by status from proposed to won't do, each with a form to
//! move it on; overdue actions say so in words. Choosing the board is a plain GET form; adding
//! and moving actions are plain form posts that come back here.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::actions::board_page;
use crate::components::actions::{ActionTable, AddActionForm};
use crate::components::staff::{FlashMessage, PageError, StaffNav};
use crate::models::staff::Flash;
use crate::models::strategy::{ActionStatus, ActionsBoard, BoardFilter};

#[component]
pub fn ActionsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| BoardFilter::parse(q.get("department").as_deref(), q.get("goal").as_deref()))
    };
    let data = Resource::new(filter, board_page);
    view! {
        <Title text="Actions" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, board)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>"Actions"</h1>
                        <p class="lead">"What departments will do about the need themes, and where each action stands."</p>
                        <FlashMessage flash=ctx.flash.clone() />
                        <Board board csrf=ctx.csrf flash=ctx.flash />
                    }
                    .into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the board shows, in words.
fn board_title(board: &ActionsBoard) -> String {
    let department = board
        .filter
        .department
        .and_then(|id| board.departments.iter().find(|d| d.id == id))
        .map(|d| format!("department {}", d.name));
    let goal = board
        .filter
        .goal
        .and_then(|id| board.goals.iter().find(|g| g.id == id))
        .map(|g| format!("goal “{}”", g.name));
    match (department, goal) {
        (None, None) => "All actions".to_owned(),
        (Some(d), None) => format!("Actions of {d}"),
        (None, Some(g)) => format!("Actions for {g}"),
        (Some(d), Some(g)) => format!("Actions of {d} for {g}"),
    }
}

#[component]
fn Board(board: ActionsBoard, csrf: String, flash: Option<Flash>) -> impl IntoView {
    let query = board.filter.query();
    let next = format!("/staff/actions{query}");
    let csv = format!("/api/v1/actions.csv{query}");
    let json = format!("/api/v1/actions{query}");
    let title = board_title(&board);
    let total = board.actions.len();
    let overdue = board.actions.iter().filter(|a| a.overdue).count();
    let chosen_department = board.filter.department;
    let chosen_goal = board.filter.goal;
    let offered = board.departments.clone();
    view! {
        <form method="get" action="/staff/actions" class="stack-form" aria-label="Choose a board">
            <label for="board-department">"Department"</label>
            <select id="board-department" name="department">
                <option value="" selected=chosen_department.is_none()>"All departments"</option>
                {board.departments.iter().map(|d| {
                    let name = if d.archived { format!("{} (archived)", d.name) } else { d.name.clone() };
                    view! { <option value=d.id.to_string() selected=chosen_department == Some(d.id)>{name}</option> }
                }).collect_view()}
            </select>
            <label for="board-goal">"Strategy goal"</label>
            <select id="board-goal" name="goal">
                <option value="" selected=chosen_goal.is_none()>"All goals"</option>
                {board.goals.iter().map(|g| {
                    let name = if g.archived { format!("{} (archived)", g.name) } else { g.name.clone() };
                    view! { <option value=g.id.to_string() selected=chosen_goal == Some(g.id)>{name}</option> }
                }).collect_view()}
            </select>
            <button type="submit">"Show the board"</button>
        </form>
        <h2>{title}</h2>
        <p>
            {format!("{total} action{}", if total == 1 { "" } else { "s" })}
            {(overdue > 0).then(|| format!(", {overdue} overdue"))}
            ". Download this board as "<a href=csv>"CSV"</a>" or "<a href=json>"JSON"</a>"."
        </p>
        {ActionStatus::ALL.into_iter().map(|status| {
            let actions: Vec<_> = board.actions.iter().filter(|a| a.status == status).cloned().collect();
            let heading_id = format!("status-{}", status.as_str());
            let labelled_by = heading_id.clone();
            let heading = format!("{} ({})", status.label(), actions.len());
            view! {
                <section aria-labelledby=labelled_by>
                    <h3 id=heading_id>{heading}</h3>
                    {if actions.is_empty() {
                        view! { <p class="meta">"None."</p> }.into_any()
                    } else {
                        view! {
                            <ActionTable
                                actions
                                departments=offered.clone()
                                csrf=csrf.clone()
                                next=next.clone()
                                flash=flash.clone()
                                show_theme=true
                                caption=format!("{}: {}", status.label(), board_title(&board))
                            />
                        }.into_any()
                    }}
                </section>
            }
        }).collect_view()}
        <h2>"Add an action"</h2>
        <AddActionForm theme_id=None departments=board.departments.clone() csrf=csrf.clone() next=next.clone() flash=flash.clone() />
    }
}
