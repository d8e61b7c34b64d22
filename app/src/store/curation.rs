//! Staff decisions about themes, by stable id: read all at once for a dashboard build, written
//! one decision at a time by the curation forms.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, IntoActiveModel, QueryFilter, TransactionTrait,
};
use time::OffsetDateTime;

use super::entities::{
    approved_quote, department, strategy_goal, theme_curation, theme_goal, theme_split,
    theme_split_member,
};
use super::runs::minute;
use crate::models::curation::{Curation, Split, ThemeDecision};

/// Every decision in force.
pub async fn load(db: &DatabaseConnection) -> Result<Curation, DbErr> {
    let mut goals_of: BTreeMap<String, Vec<i32>> = BTreeMap::new();
    for g in theme_goal::Entity::find().all(db).await? {
        goals_of.entry(g.theme_id).or_default().push(g.goal_id);
    }
    let mut decisions: BTreeMap<String, ThemeDecision> = theme_curation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            let decision = ThemeDecision {
                goal_ids: goals_of.remove(&c.theme_id).unwrap_or_default(),
                theme_id: c.theme_id.clone(),
                name: c.name,
                description: c.description,
                hidden: c.hidden,
                not_a_need: c.not_a_need,
                merged_into: c.merged_into,
                department_id: c.department_id,
                set_in_run: c.set_in_run,
                updated_at: minute(c.updated_at),
            };
            (c.theme_id, decision)
        })
        .collect();
    for (theme_id, goal_ids) in goals_of {
        decisions.insert(
            theme_id.clone(),
            ThemeDecision {
                theme_id,
                goal_ids,
                ..ThemeDecision::default()
            },
        );
    }
    let mut members: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for m in theme_split_member::Entity::find().all(db).await? {
        members.entry(m.split_id).or_default().push(m.unit_id);
    }
    let splits = theme_split::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| Split {
            members: members.remove(&s.id).unwrap_or_default(),
            theme_id: s.theme_id,
            parent_theme_id: s.parent_theme_id,
            run_id: s.run_id,
        })
        .collect();
    let approved: BTreeSet<String> = approved_quote::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|q| q.unit_id)
        .collect();
    let goals = strategy_goal::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let departments = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    Ok(Curation {
        decisions,
        splits,
        approved,
        goals,
        departments,
    })
}

/// Who changed a decision, and in which run.
#[derive(Clone, Copy, Debug)]
pub struct Change {
    pub run: i32,
    pub user: i32,
}

/// The theme's decision row to change (a fresh one when there is none yet), stamped with `change`.
async fn row(
    db: &impl ConnectionTrait,
    theme: &str,
    change: Change,
) -> Result<(theme_curation::ActiveModel, bool), DbErr> {
    let found = theme_curation::Entity::find_by_id(theme.to_owned())
        .one(db)
        .await?;
    let fresh = found.is_none();
    let mut active = match found {
        Some(row) => row.into_active_model(),
        None => theme_curation::ActiveModel {
            theme_id: Set(theme.to_owned()),
            name: Set(None),
            description: Set(None),
            hidden: Set(false),
            not_a_need: Set(false),
            merged_into: Set(None),
            department_id: Set(None),
            ..Default::default()
        },
    };
    active.set_in_run = Set(Some(change.run));
    active.updated_by = Set(Some(change.user));
    active.updated_at = Set(OffsetDateTime::now_utc());
    Ok((active, fresh))
}

async fn save(
    db: &impl ConnectionTrait,
    (active, fresh): (theme_curation::ActiveModel, bool),
) -> Result<(), DbErr> {
    if fresh {
        active.insert(db).await?;
    } else {
        active.update(db).await?;
    }
    Ok(())
}

/// Names and describes a theme (`None` name: back to the generated one).
pub async fn describe(
    db: &DatabaseConnection,
    theme: &str,
    name: Option<String>,
    description: Option<String>,
    change: Change,
) -> Result<(), DbErr> {
    let (mut active, fresh) = row(db, theme, change).await?;
    active.name = Set(name);
    active.description = Set(description);
    save(db, (active, fresh)).await
}

/// Hides a theme or marks it "not a need" (or undoes either).
pub async fn set_status(
    db: &DatabaseConnection,
    theme: &str,
    hidden: bool,
    not_a_need: bool,
    change: Change,
) -> Result<(), DbErr> {
    let (mut active, fresh) = row(db, theme, change).await?;
    active.hidden = Set(hidden);
    active.not_a_need = Set(not_a_need);
    save(db, (active, fresh)).await
}

/// Shows `theme` inside `into` (`None`: on its own again).
pub async fn merge(
    db: &DatabaseConnection,
    theme: &str,
    into: Option<String>,
    change: Change,
) -> Result<(), DbErr> {
    let (mut active, fresh) = row(db, theme, change).await?;
    active.merged_into = Set(into);
    save(db, (active, fresh)).await
}

/// Ties a theme to goals and an owning department.
pub async fn frame(
    db: &DatabaseConnection,
    theme: &str,
    department: Option<i32>,
    goals: &[i32],
    change: Change,
) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    let (mut active, fresh) = row(&txn, theme, change).await?;
    active.department_id = Set(department);
    save(&txn, (active, fresh)).await?;
    theme_goal::Entity::delete_many()
        .filter(theme_goal::Column::ThemeId.eq(theme))
        .exec(&txn)
        .await?;
    if !goals.is_empty() {
        theme_goal::Entity::insert_many(goals.iter().map(|g| theme_goal::ActiveModel {
            theme_id: Set(theme.to_owned()),
            goal_id: Set(*g),
        }))
        .exec(&txn)
        .await?;
    }
    txn.commit().await
}

/// Moves `units` of `parent` into a new theme named `name`; returns its id (`S-001`, …).
pub async fn split(
    db: &DatabaseConnection,
    parent: &str,
    units: &[String],
    name: String,
    change: Change,
) -> Result<String, DbErr> {
    let txn = db.begin().await?;
    let n = theme_split::Entity::find().all(&txn).await?.len();
    let theme_id = format!("S-{:03}", n + 1);
    let split = theme_split::ActiveModel {
        theme_id: Set(theme_id.clone()),
        parent_theme_id: Set(parent.to_owned()),
        run_id: Set(change.run),
        created_by: Set(Some(change.user)),
        created_at: Set(OffsetDateTime::now_utc()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    theme_split_member::Entity::delete_many()
        .filter(theme_split_member::Column::UnitId.is_in(units.iter().cloned()))
        .exec(&txn)
        .await?;
    theme_split_member::Entity::insert_many(units.iter().map(|u| {
        theme_split_member::ActiveModel {
            unit_id: Set(u.clone()),
            split_id: Set(split.id),
        }
    }))
    .exec(&txn)
    .await?;
    let (mut active, fresh) = row(&txn, &theme_id, change).await?;
    active.name = Set(Some(name));
    save(&txn, (active, fresh)).await?;
    txn.commit().await?;
    Ok(theme_id)
}

/// Approves (or withdraws) a quote for reports and public results.
pub async fn approve_quote(
    db: &DatabaseConnection,
    unit: &str,
    theme: &str,
    approved: bool,
    user: i32,
) -> Result<(), DbErr> {
    approved_quote::Entity::delete_by_id(unit.to_owned())
        .exec(db)
        .await?;
    if approved {
        approved_quote::ActiveModel {
            unit_id: Set(unit.to_owned()),
            theme_id: Set(theme.to_owned()),
            approved_by: Set(Some(user)),
            approved_at: Set(OffsetDateTime::now_utc()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
