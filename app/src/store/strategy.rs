//! The strategy frame administrators keep: the goals of the digital strategy (in their order) and
//! the City's departments. Names are unique whatever their case; something that anything refers
//! to is archived, never deleted, so old themes and actions keep their meaning.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr,
    TransactionTrait,
};
use time::OffsetDateTime;

use super::entities::{department, strategy_goal, theme_action, theme_curation, theme_goal};
use crate::models::strategy::{Department, Goal};

/// Why a change to the strategy frame was not made.
#[derive(Debug, thiserror::Error)]
pub enum StrategyError {
    /// Another goal (or department) already has this name, whatever its case; it is named as
    /// stored.
    #[error("the name is taken by “{0}”")]
    NameTaken(String),
    /// There is no goal (or department) with this id.
    #[error("not found")]
    NotFound,
    /// It cannot be deleted: this many themes or actions refer to it.
    #[error("in use {0} times")]
    InUse(u64),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// A goal as pages see it.
pub fn goal_of(row: strategy_goal::Model) -> Goal {
    Goal {
        id: row.id,
        name: row.name,
        description: row.description,
        position: row.position,
        archived: row.archived,
    }
}

/// A department as pages see it.
pub fn department_of(row: department::Model) -> Department {
    Department {
        id: row.id,
        name: row.name,
        archived: row.archived,
    }
}

/// The goals in their order; archived ones only when asked.
pub async fn goals(db: &DatabaseConnection, include_archived: bool) -> Result<Vec<Goal>, DbErr> {
    let mut query = strategy_goal::Entity::find()
        .order_by_asc(strategy_goal::Column::Position)
        .order_by_asc(strategy_goal::Column::Id);
    if !include_archived {
        query = query.filter(strategy_goal::Column::Archived.eq(false));
    }
    Ok(query.all(db).await?.into_iter().map(goal_of).collect())
}

/// The departments by name; archived ones only when asked.
pub async fn departments(
    db: &DatabaseConnection,
    include_archived: bool,
) -> Result<Vec<Department>, DbErr> {
    let mut query = department::Entity::find().order_by_asc(department::Column::Name);
    if !include_archived {
        query = query.filter(department::Column::Archived.eq(false));
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .map(department_of)
        .collect())
}

/// How many themes are tied to each goal (goals with none are absent).
pub async fn goal_uses(db: &DatabaseConnection) -> Result<HashMap<i32, u64>, DbErr> {
    let rows: Vec<(i32, i64)> = theme_goal::Entity::find()
        .select_only()
        .column(theme_goal::Column::GoalId)
        .column_as(Expr::col(theme_goal::Column::ThemeId).count(), "n")
        .group_by(theme_goal::Column::GoalId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// How many themes and actions each department owns (departments with none are absent).
pub async fn department_uses(db: &DatabaseConnection) -> Result<HashMap<i32, u64>, DbErr> {
    let themes: Vec<Option<i32>> = theme_curation::Entity::find()
        .select_only()
        .column(theme_curation::Column::DepartmentId)
        .filter(theme_curation::Column::DepartmentId.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let actions: Vec<Option<i32>> = theme_action::Entity::find()
        .select_only()
        .column(theme_action::Column::DepartmentId)
        .filter(theme_action::Column::DepartmentId.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut uses = HashMap::new();
    for id in themes.into_iter().chain(actions).flatten() {
        *uses.entry(id).or_insert(0) += 1;
    }
    Ok(uses)
}

/// The stored name equal to `name` whatever its case, other than row `except`'s.
fn taken<'a>(
    names: impl IntoIterator<Item = (i32, &'a str)>,
    name: &str,
    except: Option<i32>,
) -> Option<String> {
    let wanted = name.to_lowercase();
    names
        .into_iter()
        .find(|(id, n)| Some(*id) != except && n.to_lowercase() == wanted)
        .map(|(_, n)| n.to_owned())
}

/// A unique-key violation (two people saving the same name at once) is a taken name.
fn unique(err: DbErr, name: &str) -> StrategyError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => StrategyError::NameTaken(name.to_owned()),
        _ => StrategyError::Db(err),
    }
}

async fn goal_names(db: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, DbErr> {
    strategy_goal::Entity::find()
        .select_only()
        .column(strategy_goal::Column::Id)
        .column(strategy_goal::Column::Name)
        .into_tuple()
        .all(db)
        .await
}

async fn department_names(db: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, DbErr> {
    department::Entity::find()
        .select_only()
        .column(department::Column::Id)
        .column(department::Column::Name)
        .into_tuple()
        .all(db)
        .await
}

fn check_free(
    names: &[(i32, String)],
    name: &str,
    except: Option<i32>,
) -> Result<(), StrategyError> {
    match taken(names.iter().map(|(id, n)| (*id, n.as_str())), name, except) {
        Some(existing) => Err(StrategyError::NameTaken(existing)),
        None => Ok(()),
    }
}

/// Adds a goal at the end of the list.
pub async fn add_goal(
    db: &DatabaseConnection,
    name: &str,
    description: &str,
) -> Result<Goal, StrategyError> {
    let txn = db.begin().await?;
    check_free(&goal_names(&txn).await?, name, None)?;
    let last: Option<i32> = strategy_goal::Entity::find()
        .select_only()
        .column_as(Expr::col(strategy_goal::Column::Position).max(), "p")
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await?
        .flatten();
    let row = strategy_goal::ActiveModel {
        name: Set(name.to_owned()),
        description: Set(description.to_owned()),
        position: Set(last.unwrap_or(0) + 1),
        archived: Set(false),
        created_at: Set(OffsetDateTime::now_utc()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| unique(e, name))?;
    txn.commit().await?;
    Ok(goal_of(row))
}

/// Renames goal `id` and rewrites its description; returns it as it was and as it is.
pub async fn edit_goal(
    db: &DatabaseConnection,
    id: i32,
    name: &str,
    description: &str,
) -> Result<(Goal, Goal), StrategyError> {
    let txn = db.begin().await?;
    let row = strategy_goal::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StrategyError::NotFound)?;
    check_free(&goal_names(&txn).await?, name, Some(id))?;
    let before = goal_of(row.clone());
    let mut active = row.into_active_model();
    active.name = Set(name.to_owned());
    active.description = Set(description.to_owned());
    let after = active.update(&txn).await.map_err(|e| unique(e, name))?;
    txn.commit().await?;
    Ok((before, goal_of(after)))
}

/// Moves goal `id` one place up (`up`) or down the list, renumbering the list 1, 2, 3…; returns
/// the goal and its new position, or `None` when it was already first (or last).
pub async fn move_goal(
    db: &DatabaseConnection,
    id: i32,
    up: bool,
) -> Result<Option<(Goal, i32)>, StrategyError> {
    let txn = db.begin().await?;
    let mut rows = strategy_goal::Entity::find()
        .order_by_asc(strategy_goal::Column::Position)
        .order_by_asc(strategy_goal::Column::Id)
        .all(&txn)
        .await?;
    let at = rows
        .iter()
        .position(|g| g.id == id)
        .ok_or(StrategyError::NotFound)?;
    let to = match (up, at) {
        (true, 0) => return Ok(None),
        (true, at) => at - 1,
        (false, at) if at + 1 >= rows.len() => return Ok(None),
        (false, at) => at + 1,
    };
    rows.swap(at, to);
    let mut moved = None;
    for (position, row) in (1..).zip(rows) {
        if row.id == id {
            moved = Some((goal_of(row.clone()), position));
        }
        if row.position != position {
            strategy_goal::Entity::update_many()
                .col_expr(strategy_goal::Column::Position, Expr::value(position))
                .filter(strategy_goal::Column::Id.eq(row.id))
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(moved)
}

/// Archives (or brings back) goal `id`; returns it as it is now.
pub async fn set_goal_archived(
    db: &DatabaseConnection,
    id: i32,
    archived: bool,
) -> Result<Goal, StrategyError> {
    let row = strategy_goal::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StrategyError::NotFound)?;
    let mut active = row.into_active_model();
    active.archived = Set(archived);
    Ok(goal_of(active.update(db).await?))
}

/// Deletes goal `id` if no theme is tied to it; returns what it was.
pub async fn delete_goal(db: &DatabaseConnection, id: i32) -> Result<Goal, StrategyError> {
    let txn = db.begin().await?;
    let row = strategy_goal::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StrategyError::NotFound)?;
    let uses = theme_goal::Entity::find()
        .filter(theme_goal::Column::GoalId.eq(id))
        .count(&txn)
        .await?;
    if uses > 0 {
        return Err(StrategyError::InUse(uses));
    }
    strategy_goal::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(goal_of(row))
}

/// Adds a department.
pub async fn add_department(
    db: &DatabaseConnection,
    name: &str,
) -> Result<Department, StrategyError> {
    let txn = db.begin().await?;
    check_free(&department_names(&txn).await?, name, None)?;
    let row = department::ActiveModel {
        name: Set(name.to_owned()),
        archived: Set(false),
        created_at: Set(OffsetDateTime::now_utc()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| unique(e, name))?;
    txn.commit().await?;
    Ok(department_of(row))
}

/// Renames department `id`; returns it as it was and as it is.
pub async fn rename_department(
    db: &DatabaseConnection,
    id: i32,
    name: &str,
) -> Result<(Department, Department), StrategyError> {
    let txn = db.begin().await?;
    let row = department::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StrategyError::NotFound)?;
    check_free(&department_names(&txn).await?, name, Some(id))?;
    let before = department_of(row.clone());
    let mut active = row.into_active_model();
    active.name = Set(name.to_owned());
    let after = active.update(&txn).await.map_err(|e| unique(e, name))?;
    txn.commit().await?;
    Ok((before, department_of(after)))
}

/// Archives (or brings back) department `id`; returns it as it is now.
pub async fn set_department_archived(
    db: &DatabaseConnection,
    id: i32,
    archived: bool,
) -> Result<Department, StrategyError> {
    let row = department::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StrategyError::NotFound)?;
    let mut active = row.into_active_model();
    active.archived = Set(archived);
    Ok(department_of(active.update(db).await?))
}

/// Deletes department `id` if no theme or action refers to it; returns what it was.
pub async fn delete_department(
    db: &DatabaseConnection,
    id: i32,
) -> Result<Department, StrategyError> {
    let txn = db.begin().await?;
    let row = department::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StrategyError::NotFound)?;
    let themes = theme_curation::Entity::find()
        .filter(theme_curation::Column::DepartmentId.eq(id))
        .count(&txn)
        .await?;
    let actions = theme_action::Entity::find()
        .filter(theme_action::Column::DepartmentId.eq(id))
        .count(&txn)
        .await?;
    if themes + actions > 0 {
        return Err(StrategyError::InUse(themes + actions));
    }
    department::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(department_of(row))
}

/// Department `id`, if there is one.
pub async fn department(db: &DatabaseConnection, id: i32) -> Result<Option<Department>, DbErr> {
    Ok(department::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(department_of))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_taken_whatever_their_case_except_by_themselves() {
        let names = [(1, "Digital first"), (2, "Inclusion and equity")];
        assert_eq!(
            taken(names, "DIGITAL FIRST", None).as_deref(),
            Some("Digital first")
        );
        assert_eq!(
            taken(names, "digital first", Some(1)),
            None,
            "renaming itself"
        );
        assert_eq!(taken(names, "Digital", None), None);
        assert_eq!(
            taken([(3, "Département Énergie")], "département énergie", None).as_deref(),
            Some("Département Énergie"),
            "not only ASCII"
        );
    }
}
