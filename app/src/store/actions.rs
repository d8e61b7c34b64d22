//! What the City will do about a theme: actions by theme stable id, with an owning department, a
//! status, dates and a public summary. Read per theme (the theme page) or as a board (all
//! actions, a department's, a goal's: those of the themes tied to it through `theme_goal`). Every
//! change of status is recorded (`action_status_change`) for the public feed.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use time::{Date, OffsetDateTime};

use super::entities::{department, theme_action, theme_curation, theme_goal};
use super::publications;
use super::runs::minute;
use crate::models::strategy::{ActionInput, ActionStatus, ActionView, BoardFilter};

/// Today in UTC, the day "overdue" is measured against.
pub fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// Whether an action due on `due` with `status` is overdue on `today`.
pub fn overdue(status: ActionStatus, due: Option<Date>, today: Date) -> bool {
    !status.closed() && due.is_some_and(|due| due < today)
}

/// The stored status, read (a row written by hand with an unknown status shows as proposed).
fn status_of(row: &theme_action::Model) -> ActionStatus {
    row.status.parse().unwrap_or_else(|err| {
        tracing::warn!(action = row.id, %err, "an action with an unknown status");
        ActionStatus::Proposed
    })
}

/// Rows as pages see them: department and theme names looked up, overdue worked out.
async fn views(
    db: &DatabaseConnection,
    rows: Vec<theme_action::Model>,
) -> Result<Vec<ActionView>, DbErr> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let departments: HashMap<i32, String> = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let themes: Vec<String> = rows.iter().map(|r| r.theme_id.clone()).collect();
    let names: HashMap<String, String> = theme_curation::Entity::find()
        .filter(theme_curation::Column::ThemeId.is_in(themes))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| Some((c.theme_id, c.name?)))
        .collect();
    let today = today();
    Ok(rows
        .into_iter()
        .map(|row| {
            let status = status_of(&row);
            ActionView {
                id: row.id,
                theme_name: names.get(&row.theme_id).cloned(),
                department: row
                    .department_id
                    .and_then(|id| departments.get(&id).cloned()),
                overdue: overdue(status, row.due_on, today),
                theme_id: row.theme_id,
                title: row.title,
                department_id: row.department_id,
                status,
                starts_on: row.starts_on.map(|d| d.to_string()),
                due_on: row.due_on.map(|d| d.to_string()),
                public_summary: row.public_summary,
                updated_at: minute(row.updated_at),
            }
        })
        .collect())
}

/// Soonest due first (undated last), then oldest first.
fn in_board_order(rows: &mut [theme_action::Model]) {
    rows.sort_by_key(|r| (r.due_on.is_none(), r.due_on, r.id));
}

/// The actions on theme `theme_id`.
pub async fn for_theme(db: &DatabaseConnection, theme_id: &str) -> Result<Vec<ActionView>, DbErr> {
    let mut rows = theme_action::Entity::find()
        .filter(theme_action::Column::ThemeId.eq(theme_id))
        .order_by_asc(theme_action::Column::Id)
        .all(db)
        .await?;
    in_board_order(&mut rows);
    views(db, rows).await
}

/// The actions a board shows (see [`BoardFilter`]).
pub async fn board(
    db: &DatabaseConnection,
    filter: &BoardFilter,
) -> Result<Vec<ActionView>, DbErr> {
    let mut query = theme_action::Entity::find();
    if let Some(id) = filter.department {
        query = query.filter(theme_action::Column::DepartmentId.eq(id));
    }
    if let Some(goal) = filter.goal {
        let themes: Vec<String> = theme_goal::Entity::find()
            .select_only()
            .column(theme_goal::Column::ThemeId)
            .filter(theme_goal::Column::GoalId.eq(goal))
            .into_tuple()
            .all(db)
            .await?;
        query = query.filter(theme_action::Column::ThemeId.is_in(themes));
    }
    let mut rows = query.all(db).await?;
    in_board_order(&mut rows);
    views(db, rows).await
}

/// Action `id` as pages see it.
pub async fn get(db: &DatabaseConnection, id: i32) -> Result<Option<ActionView>, DbErr> {
    let Some(row) = theme_action::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Ok(views(db, vec![row]).await?.pop())
}

/// Stores a new action by `by`; returns it.
pub async fn create(
    db: &DatabaseConnection,
    input: &ActionInput,
    by: i32,
) -> Result<ActionView, DbErr> {
    let now = OffsetDateTime::now_utc();
    let row = theme_action::ActiveModel {
        theme_id: Set(input.theme_id.clone()),
        title: Set(input.title.clone()),
        department_id: Set(input.department_id),
        status: Set(input.status.as_str().to_owned()),
        starts_on: Set(input.starts_on),
        due_on: Set(input.due_on),
        public_summary: Set(input.public_summary.clone()),
        updated_by: Set(Some(by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    views(db, vec![row])
        .await?
        .pop()
        .ok_or_else(|| DbErr::RecordNotInserted)
}

/// Rewrites action `id` (its theme stays) by `by`; returns it as it was and as it is, or `None`
/// if there is no such action.
pub async fn update(
    db: &DatabaseConnection,
    id: i32,
    input: &ActionInput,
    by: i32,
) -> Result<Option<(ActionView, ActionView)>, DbErr> {
    let Some(row) = theme_action::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let was = status_of(&row);
    let mut active = row.clone().into_active_model();
    active.title = Set(input.title.clone());
    active.department_id = Set(input.department_id);
    active.status = Set(input.status.as_str().to_owned());
    active.starts_on = Set(input.starts_on);
    active.due_on = Set(input.due_on);
    active.public_summary = Set(input.public_summary.clone());
    active.updated_by = Set(Some(by));
    active.updated_at = Set(OffsetDateTime::now_utc());
    let txn = db.begin().await?;
    let after = active.update(&txn).await?;
    publications::record_status_change(&txn, id, was, input.status, by).await?;
    txn.commit().await?;
    let mut both = views(db, vec![row, after]).await?.into_iter();
    Ok(both.next().zip(both.next()))
}

/// Moves action `id` to `status` by `by`; returns it with the status it had, or `None` if there
/// is no such action.
pub async fn move_status(
    db: &DatabaseConnection,
    id: i32,
    status: ActionStatus,
    by: i32,
) -> Result<Option<(ActionView, ActionStatus)>, DbErr> {
    let Some(row) = theme_action::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let was = status_of(&row);
    let mut active = row.into_active_model();
    active.status = Set(status.as_str().to_owned());
    active.updated_by = Set(Some(by));
    active.updated_at = Set(OffsetDateTime::now_utc());
    let txn = db.begin().await?;
    let after = active.update(&txn).await?;
    publications::record_status_change(&txn, id, was, status, by).await?;
    txn.commit().await?;
    Ok(views(db, vec![after]).await?.pop().map(|v| (v, was)))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn only_open_actions_past_their_due_date_are_overdue() {
        let today = date!(2027 - 03 - 10);
        let past = Some(date!(2027 - 03 - 09));
        assert!(overdue(ActionStatus::InProgress, past, today));
        assert!(overdue(ActionStatus::Proposed, past, today));
        assert!(!overdue(ActionStatus::Done, past, today));
        assert!(!overdue(ActionStatus::WontDo, past, today));
        assert!(
            !overdue(ActionStatus::Planned, Some(today), today),
            "due today is not late"
        );
        assert!(!overdue(ActionStatus::Planned, None, today));
    }
}
