//! The audit log: who did what, when. Append-only.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, QueryOrder,
    QuerySelect,
};

use super::entities::audit_event;
use crate::models::staff::Viewer;

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

/// The latest `limit` events, newest first.
pub async fn latest(db: &DatabaseConnection, limit: u64) -> Result<Vec<audit_event::Model>, DbErr> {
    audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db)
        .await
}
