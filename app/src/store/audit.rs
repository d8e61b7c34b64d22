//! The audit log: who did what, when. Append-only, with one exception: failed and refused
//! sign-in attempts (anyone can make them, as fast as they like) are counted into summary rows,
//! one per action and e-mail address every [`ATTEMPT_WINDOW_MINUTES`], at most
//! [`ATTEMPT_ADDRESSES`] addresses a window and one row for all further ones. [`latest`] lists
//! them apart from the real events, so a flood of attempts never pushes those out of view.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::{Value, json};

use super::entities::audit_event;
use crate::models::staff::Viewer;
pub use crate::models::staff::{ATTEMPT_WINDOW_MINUTES, ATTEMPTS_LISTED};

/// The actions recorded through [`note_attempt`].
pub const ATTEMPT_ACTIONS: [&str; 2] = ["sign_in_failed", "sign_in_limited"];
/// How many e-mail addresses get their own summary row per action and window.
pub const ATTEMPT_ADDRESSES: usize = 20;

/// Appends an event by `actor` (None: the system or an anonymous visitor).
pub async fn record(
    db: &DatabaseConnection,
    actor: Option<&Viewer>,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        at: Set(time::OffsetDateTime::now_utc()),
        actor_id: Set(actor.map(|a| a.id)),
        actor_email: Set(actor.map(|a| a.email.clone())),
        action: Set(action.to_owned()),
        detail: Set(detail),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// [`record`] for request handlers: a failure to write the audit log is logged as an error, and
/// the action it records (already done) still answers the user.
pub async fn note(
    db: &DatabaseConnection,
    actor: Option<&Viewer>,
    action: &str,
    detail: serde_json::Value,
) {
    if let Err(err) = record(db, actor, action, detail).await {
        tracing::error!(%action, error = %err, "writing the audit log");
    }
}

/// Counts an anonymous sign-in attempt for `email` (one of [`ATTEMPT_ACTIONS`]): into this
/// window's row for the address, a new row with `detail` if there is none yet, or, once
/// [`ATTEMPT_ADDRESSES`] addresses have rows in this window, into one row for all others.
/// Each row's detail gains `attempts` and `last` (when the latest attempt was).
pub async fn record_attempt(
    db: &DatabaseConnection,
    action: &str,
    email: &str,
    detail: Value,
) -> Result<(), DbErr> {
    let now = time::OffsetDateTime::now_utc();
    let since = now - time::Duration::minutes(ATTEMPT_WINDOW_MINUTES);
    let window = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .filter(audit_event::Column::At.gte(since))
        .order_by_desc(audit_event::Column::Id)
        .limit(u64::try_from(ATTEMPT_ADDRESSES).unwrap_or(u64::MAX) * 2 + 2)
        .all(db)
        .await?;
    let others = |e: &audit_event::Model| e.detail.get("others") == Some(&Value::Bool(true));
    let full = window.iter().filter(|e| !others(e)).count() >= ATTEMPT_ADDRESSES;
    let same_address =
        |e: &audit_event::Model| e.detail.get("email").and_then(Value::as_str) == Some(email);
    let row = window
        .iter()
        .find(|e| !others(e) && same_address(e))
        .or_else(|| window.iter().find(|e| full && others(e)));
    let last = super::runs::minute(now);
    match row {
        Some(row) => {
            let mut detail = row.detail.clone();
            let attempts = detail.get("attempts").and_then(Value::as_u64).unwrap_or(1);
            if let Some(map) = detail.as_object_mut() {
                map.insert("attempts".into(), json!(attempts.saturating_add(1)));
                map.insert("last".into(), json!(last));
            }
            let mut active = row.clone().into_active_model();
            active.detail = Set(detail);
            active.update(db).await?;
        }
        None => {
            let mut detail = if full {
                json!({ "others": true })
            } else {
                detail
            };
            if let Some(map) = detail.as_object_mut() {
                map.insert("attempts".into(), json!(1));
                map.insert("last".into(), json!(last));
            }
            record(db, None, action, detail).await?;
        }
    }
    Ok(())
}

/// [`record_attempt`] for request handlers: a failure is logged, the answer goes out anyway.
pub async fn note_attempt(db: &DatabaseConnection, action: &str, email: &str, detail: Value) {
    if let Err(err) = record_attempt(db, action, email, detail).await {
        tracing::error!(%action, error = %err, "writing the audit log");
    }
}

/// The latest `limit` events, newest first, with the latest [`ATTEMPTS_LISTED`] summaries of
/// sign-in attempts among them: however many attempts there were, the events are all there.
pub async fn latest(db: &DatabaseConnection, limit: u64) -> Result<Vec<audit_event::Model>, DbErr> {
    let mut events = audit_event::Entity::find()
        .filter(audit_event::Column::Action.is_not_in(ATTEMPT_ACTIONS))
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let attempts = audit_event::Entity::find()
        .filter(audit_event::Column::Action.is_in(ATTEMPT_ACTIONS))
        .order_by_desc(audit_event::Column::Id)
        .limit(ATTEMPTS_LISTED.min(limit))
        .all(db)
        .await?;
    events.extend(attempts);
    events.sort_by_key(|e| std::cmp::Reverse(e.id));
    Ok(events)
}
