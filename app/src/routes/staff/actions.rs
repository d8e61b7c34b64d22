//! The actions board (strategy staff): every action, or a department's, or a goal's (the actions
//! of the themes tied to it), grouped by status from proposed to won't do, each with a form to
//! move it on; overdue actions say so in words. Choosing the board is a plain GET form; adding
//! and moving actions are plain form posts that come back here.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::actions::board_page;
use crate::components::actions::{ActionTable, AddActionForm, archived_name, status_label};
use crate::components::staff::{FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::staff::Flash;
use crate::models::strategy::{ActionStatus, ActionsBoard, BoardFilter};

#[component]
pub fn ActionsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| BoardFilter::parse(q.get("department").as_deref(), q.get("goal").as_deref()))
    };
    let data = Resource::new(filter, board_page);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-nav-actions") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, board)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>{l.tr("staff-nav-actions")}</h1>
                        <p class="lead">{l.tr("staff-actions-lead")}</p>
                        <FlashMessage flash=ctx.flash.clone() />
                        <Board board csrf=ctx.csrf flash=ctx.flash />
                    }
                    .into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
        </StaffPage>
    }
}

/// What the board shows, in words.
fn board_title(board: &ActionsBoard, l: Locale) -> String {
    let department = board
        .filter
        .department
        .and_then(|id| board.departments.iter().find(|d| d.id == id))
        .map(|d| FluentArg::Str(d.name.clone()));
    let goal = board
        .filter
        .goal
        .and_then(|id| board.goals.iter().find(|g| g.id == id))
        .map(|g| FluentArg::Str(g.name.clone()));
    match (department, goal) {
        (None, None) => l.tr("staff-actions-all"),
        (Some(d), None) => l.tr_args("staff-actions-of", &[("department", d)]),
        (None, Some(g)) => l.tr_args("staff-actions-for", &[("goal", g)]),
        (Some(d), Some(g)) => l.tr_args("staff-actions-of-for", &[("department", d), ("goal", g)]),
    }
}

#[component]
fn Board(board: ActionsBoard, csrf: String, flash: Option<Flash>) -> impl IntoView {
    let query = board.filter.query();
    let next = format!("/staff/actions{query}");
    let csv = format!("/api/v1/actions.csv{query}");
    let json = format!("/api/v1/actions{query}");
    let l = use_i18n().staff_locale();
    let title = board_title(&board, l);
    let total = board.actions.len();
    let overdue = board.actions.iter().filter(|a| a.overdue).count();
    let chosen_department = board.filter.department;
    let chosen_goal = board.filter.goal;
    let offered = board.departments.clone();
    view! {
        <form method="get" action="/staff/actions" class="stack-form" aria-label=l.tr("staff-actions-choose-board")>
            <label for="board-department">{l.tr("staff-filter-department")}</label>
            <select id="board-department" name="department">
                <option value="" selected=chosen_department.is_none()>{l.tr("staff-actions-all-departments")}</option>
                {board.departments.iter().map(|d| {
                    let name = archived_name(l, &d.name, d.archived);
                    view! { <option value=d.id.to_string() selected=chosen_department == Some(d.id)>{name}</option> }
                }).collect_view()}
            </select>
            <label for="board-goal">{l.tr("staff-actions-strategy-goal")}</label>
            <select id="board-goal" name="goal">
                <option value="" selected=chosen_goal.is_none()>{l.tr("staff-actions-all-goals")}</option>
                {board.goals.iter().map(|g| {
                    let name = archived_name(l, &g.name, g.archived);
                    view! { <option value=g.id.to_string() selected=chosen_goal == Some(g.id)>{name}</option> }
                }).collect_view()}
            </select>
            <button type="submit">{l.tr("staff-actions-show-board")}</button>
        </form>
        <h2>{title}</h2>
        <p>
            {l.tr_args("staff-actions-count", &[("count", FluentArg::Num(total as i64))])}
            {(overdue > 0).then(|| l.tr_args("staff-actions-overdue-count", &[("count", FluentArg::Num(overdue as i64))]))}
            ". "{l.tr("staff-actions-download")}" "<a href=csv>"CSV"</a>" "{l.tr("staff-or")}" "<a href=json>"JSON"</a>"."
        </p>
        {ActionStatus::ALL.into_iter().map(|status| {
            let actions: Vec<_> = board.actions.iter().filter(|a| a.status == status).cloned().collect();
            let heading_id = format!("status-{}", status.as_str());
            let labelled_by = heading_id.clone();
            let heading = format!("{} ({})", status_label(l, status), actions.len());
            view! {
                <section aria-labelledby=labelled_by>
                    <h3 id=heading_id>{heading}</h3>
                    {if actions.is_empty() {
                        view! { <p class="meta">{l.tr("staff-none")}</p> }.into_any()
                    } else {
                        view! {
                            <ActionTable
                                actions
                                departments=offered.clone()
                                csrf=csrf.clone()
                                next=next.clone()
                                flash=flash.clone()
                                show_theme=true
                                caption=format!("{}: {}", status_label(l, status), board_title(&board, l))
                            />
                        }.into_any()
                    }}
                </section>
            }
        }).collect_view()}
        <h2>{l.tr("staff-actions-add")}</h2>
        <AddActionForm theme_id=None departments=board.departments.clone() csrf=csrf.clone() next=next.clone() flash=flash.clone() />
    }
}
