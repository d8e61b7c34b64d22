//! Administrators' forms for the strategy frame (`/staff/admin/strategy/…`): add, edit, reorder,
//! archive, bring back and delete goals; add, rename, archive, bring back and delete departments.
//! Names are unique whatever their case: a taken name goes back to the form with the field named
//! and what was typed kept. Something that themes or actions refer to is archived, not deleted.
//! Every change is in the audit log.

use axum::Router;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::post;
use serde_json::json;

use app::models::staff::{ADMINS, Flash};
use app::models::strategy::{DESCRIPTION_MAX_CHARS, FORM_FIELD, NAME_MAX_CHARS};
use app::store::AppState;
use app::store::strategy::{self, StrategyError};

use crate::routes::forms::{Posted, Refusal, StaffForm};

const PAGE: &str = "/staff/admin/strategy";
/// The fields kept when a form is sent back.
const KEPT: [&str; 3] = [FORM_FIELD, "name", "description"];

/// The strategy forms' routes, to merge into the application's router.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/admin/strategy/goals", post(add_goal))
        .route("/staff/admin/strategy/goals/{id}", post(edit_goal))
        .route("/staff/admin/strategy/goals/{id}/move", post(move_goal))
        .route(
            "/staff/admin/strategy/goals/{id}/archive",
            post(archive_goal),
        )
        .route("/staff/admin/strategy/goals/{id}/delete", post(delete_goal))
        .route("/staff/admin/strategy/departments", post(add_department))
        .route(
            "/staff/admin/strategy/departments/{id}",
            post(rename_department),
        )
        .route(
            "/staff/admin/strategy/departments/{id}/archive",
            post(archive_department),
        )
        .route(
            "/staff/admin/strategy/departments/{id}/delete",
            post(delete_department),
        )
}

/// Goals or departments: what the messages call them.
#[derive(Clone, Copy)]
enum Kind {
    Goal,
    Department,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Goal => "goal",
            Kind::Department => "department",
        }
    }
}

/// The name posted in `form`, checked; `key` is the form's key (`goal-new`, `department-4`),
/// whose name field has the id `<key>-name`.
fn name_of(form: &StaffForm, kind: Kind, key: &str) -> Result<String, Refusal> {
    let name = form.text("name").trim();
    let field = format!("{key}-name");
    if name.is_empty() {
        return Err(Refusal::on(
            &field,
            format!("Give the {} a name.", kind.noun()),
        ));
    }
    let chars = name.chars().count();
    if chars > NAME_MAX_CHARS {
        return Err(Refusal::on(
            &field,
            format!("Shorten the name to at most {NAME_MAX_CHARS} characters (it has {chars})."),
        ));
    }
    Ok(name.to_owned())
}

/// The description posted in `form`, checked.
fn description_of(form: &StaffForm, key: &str) -> Result<String, Refusal> {
    let description = form.text("description").trim();
    let chars = description.chars().count();
    if chars > DESCRIPTION_MAX_CHARS {
        return Err(Refusal::on(
            &format!("{key}-description"),
            format!(
                "Shorten the description to at most {DESCRIPTION_MAX_CHARS} characters (it has {chars})."
            ),
        ));
    }
    Ok(description.to_owned())
}

/// What a store refusal means for the form with `key`.
fn refusal(err: StrategyError, kind: Kind, key: &str) -> Refusal {
    let noun = kind.noun();
    match err {
        StrategyError::NameTaken(existing) => Refusal::on(
            &format!("{key}-name"),
            format!(
                "Name: there is already a {noun} named “{existing}” (names count as the same whatever their capitals). Choose another name."
            ),
        ),
        StrategyError::NotFound => Refusal::Form(format!("That {noun} no longer exists.")),
        StrategyError::InUse(uses) => Refusal::Form(format!(
            "This {noun} is used by {uses} theme{} or action{}: archive it instead of deleting it.",
            if uses == 1 { "" } else { "s" },
            if uses == 1 { "" } else { "s" },
        )),
        StrategyError::Db(err) => Refusal::from(err),
    }
}

/// Checks the form (token, administrators), runs `change`, and comes back to the page with its
/// message, or with the refusal, the field named and what was typed kept.
async fn handle(
    posted: Posted,
    change: impl AsyncFnOnce(&StaffForm) -> Result<String, Refusal>,
) -> Result<Response, Response> {
    let form = posted.check(ADMINS).await?;
    let outcome = match change(&form).await {
        Ok(message) => {
            // Dashboards show goals' and departments' names: build them again.
            form.state.dashboards.warm_latest();
            Ok(form.redirect(PAGE, Flash::notice(message)).await)
        }
        Err(refusal) => Err(refusal),
    };
    Ok(form.answer(PAGE, &KEPT, outcome).await)
}

/// Whether the form asks to archive (`archived=1`) or to bring back (`0`).
fn archiving(form: &StaffForm) -> Result<bool, Refusal> {
    match form.text("archived") {
        "1" => Ok(true),
        "0" => Ok(false),
        other => Err(Refusal::Form(format!(
            "“{other}” is neither archive (1) nor bring back (0)."
        ))),
    }
}

pub async fn add_goal(posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let key = "goal-new";
        let name = name_of(form, Kind::Goal, key)?;
        let description = description_of(form, key)?;
        let goal = strategy::add_goal(&form.state.db, &name, &description)
            .await
            .map_err(|e| refusal(e, Kind::Goal, key))?;
        form.audit(
            "strategy_goal_added",
            json!({ "goal": goal.id, "name": goal.name, "position": goal.position }),
        )
        .await;
        Ok(format!("Goal “{}” added.", goal.name))
    })
    .await
}

pub async fn edit_goal(Path(id): Path<i32>, posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let key = format!("goal-{id}");
        let name = name_of(form, Kind::Goal, &key)?;
        let description = description_of(form, &key)?;
        let (before, after) = strategy::edit_goal(&form.state.db, id, &name, &description)
            .await
            .map_err(|e| refusal(e, Kind::Goal, &key))?;
        form.audit(
            "strategy_goal_edited",
            json!({ "goal": id, "name": { "from": before.name, "to": after.name }, "description_changed": before.description != after.description }),
        )
        .await;
        Ok(format!("Goal “{}” saved.", after.name))
    })
    .await
}

pub async fn move_goal(Path(id): Path<i32>, posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let up = match form.text("direction") {
            "up" => true,
            "down" => false,
            other => {
                return Err(Refusal::Form(format!(
                    "“{other}” is not a direction: move a goal up or down."
                )));
            }
        };
        let moved = strategy::move_goal(&form.state.db, id, up)
            .await
            .map_err(|e| refusal(e, Kind::Goal, &format!("goal-{id}")))?;
        let Some((goal, position)) = moved else {
            let end = if up { "first" } else { "last" };
            return Ok(format!("That goal is already {end}."));
        };
        form.audit(
            "strategy_goal_moved",
            json!({ "goal": id, "name": goal.name, "to_position": position }),
        )
        .await;
        Ok(format!("Goal “{}” is now number {position}.", goal.name))
    })
    .await
}

pub async fn archive_goal(Path(id): Path<i32>, posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let archived = archiving(form)?;
        let goal = strategy::set_goal_archived(&form.state.db, id, archived)
            .await
            .map_err(|e| refusal(e, Kind::Goal, &format!("goal-{id}")))?;
        let (action, done) = if archived {
            (
                "strategy_goal_archived",
                "archived: it is offered for nothing new",
            )
        } else {
            ("strategy_goal_unarchived", "brought back")
        };
        form.audit(action, json!({ "goal": id, "name": goal.name }))
            .await;
        Ok(format!("Goal “{}” {done}.", goal.name))
    })
    .await
}

pub async fn delete_goal(Path(id): Path<i32>, posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let goal = strategy::delete_goal(&form.state.db, id)
            .await
            .map_err(|e| refusal(e, Kind::Goal, &format!("goal-{id}")))?;
        form.audit(
            "strategy_goal_deleted",
            json!({ "goal": id, "name": goal.name }),
        )
        .await;
        Ok(format!("Goal “{}” deleted.", goal.name))
    })
    .await
}

pub async fn add_department(posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let key = "department-new";
        let name = name_of(form, Kind::Department, key)?;
        let department = strategy::add_department(&form.state.db, &name)
            .await
            .map_err(|e| refusal(e, Kind::Department, key))?;
        form.audit(
            "department_added",
            json!({ "department": department.id, "name": department.name }),
        )
        .await;
        Ok(format!("Department “{}” added.", department.name))
    })
    .await
}

pub async fn rename_department(Path(id): Path<i32>, posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let key = format!("department-{id}");
        let name = name_of(form, Kind::Department, &key)?;
        let (before, after) = strategy::rename_department(&form.state.db, id, &name)
            .await
            .map_err(|e| refusal(e, Kind::Department, &key))?;
        form.audit(
            "department_renamed",
            json!({ "department": id, "name": { "from": before.name, "to": after.name } }),
        )
        .await;
        Ok(format!(
            "Department “{}” renamed “{}”.",
            before.name, after.name
        ))
    })
    .await
}

pub async fn archive_department(Path(id): Path<i32>, posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let archived = archiving(form)?;
        let department = strategy::set_department_archived(&form.state.db, id, archived)
            .await
            .map_err(|e| refusal(e, Kind::Department, &format!("department-{id}")))?;
        let (action, done) = if archived {
            (
                "department_archived",
                "archived: it is offered for nothing new",
            )
        } else {
            ("department_unarchived", "brought back")
        };
        form.audit(action, json!({ "department": id, "name": department.name }))
            .await;
        Ok(format!("Department “{}” {done}.", department.name))
    })
    .await
}

pub async fn delete_department(Path(id): Path<i32>, posted: Posted) -> Result<Response, Response> {
    handle(posted, async |form| {
        let department = strategy::delete_department(&form.state.db, id)
            .await
            .map_err(|e| refusal(e, Kind::Department, &format!("department-{id}")))?;
        form.audit(
            "department_deleted",
            json!({ "department": id, "name": department.name }),
        )
        .await;
        Ok(format!("Department “{}” deleted.", department.name))
    })
    .await
}
