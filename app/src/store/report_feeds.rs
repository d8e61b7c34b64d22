//! Open311 feeds: their settings (kept by administrators) and the state each pull leaves.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::entities::report_feed;
use crate::models::report_feed::{FeedView, key_hint};

/// A feed's settings as an administrator sets them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSettings {
    pub source: String,
    pub base_url: String,
    pub jurisdiction_id: Option<String>,
    /// `None`: keep the stored key; `Some("")`: remove it; else the new key.
    pub api_key: Option<String>,
    pub interval_minutes: i32,
    pub enabled: bool,
}

/// What one pull did, to remember with its feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullRecord {
    pub at: OffsetDateTime,
    pub ok: bool,
    pub outcome: String,
    pub new: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub refused: i64,
    /// The new cursor (`None`: keep the old one).
    pub cursor: Option<OffsetDateTime>,
}

/// Takes (or renews) feed `id`'s pull lease for `owner` until `until`, unless another process
/// holds a lease that has not run out. `true` if `owner` holds it now.
pub async fn take_lease(
    db: &DatabaseConnection,
    id: i32,
    owner: &str,
    until: OffsetDateTime,
) -> Result<bool, DbErr> {
    let free = Condition::any()
        .add(report_feed::Column::LeaseUntil.is_null())
        .add(report_feed::Column::LeaseUntil.lt(OffsetDateTime::now_utc()))
        .add(report_feed::Column::LeaseOwner.eq(owner));
    let taken = report_feed::Entity::update_many()
        .col_expr(report_feed::Column::LeaseOwner, Expr::value(owner))
        .col_expr(report_feed::Column::LeaseUntil, Expr::value(until))
        .filter(report_feed::Column::Id.eq(id))
        .filter(free)
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Gives feed `id`'s pull lease back, if `owner` still holds it.
pub async fn release_lease(db: &DatabaseConnection, id: i32, owner: &str) -> Result<(), DbErr> {
    report_feed::Entity::update_many()
        .col_expr(report_feed::Column::LeaseOwner, Expr::value(None::<String>))
        .col_expr(
            report_feed::Column::LeaseUntil,
            Expr::value(None::<OffsetDateTime>),
        )
        .filter(report_feed::Column::Id.eq(id))
        .filter(report_feed::Column::LeaseOwner.eq(owner))
        .exec(db)
        .await?;
    Ok(())
}

/// Every feed, oldest first.
pub async fn all(db: &DatabaseConnection) -> Result<Vec<report_feed::Model>, DbErr> {
    report_feed::Entity::find()
        .order_by_asc(report_feed::Column::Id)
        .all(db)
        .await
}

pub async fn get(db: &DatabaseConnection, id: i32) -> Result<Option<report_feed::Model>, DbErr> {
    report_feed::Entity::find_by_id(id).one(db).await
}

/// The feed the staff page keeps (the first one), if any.
pub async fn first(db: &DatabaseConnection) -> Result<Option<report_feed::Model>, DbErr> {
    report_feed::Entity::find()
        .order_by_asc(report_feed::Column::Id)
        .one(db)
        .await
}

/// Stores `settings` in feed `id` (`None`: a new feed); returns its id.
pub async fn save(
    db: &DatabaseConnection,
    id: Option<i32>,
    settings: FeedSettings,
    by: Option<i32>,
) -> Result<i32, DbErr> {
    let now = OffsetDateTime::now_utc();
    let mut row = report_feed::ActiveModel {
        source: Set(settings.source),
        base_url: Set(settings.base_url),
        jurisdiction_id: Set(settings.jurisdiction_id),
        interval_minutes: Set(settings.interval_minutes),
        enabled: Set(settings.enabled),
        updated_at: Set(now),
        updated_by: Set(by),
        ..Default::default()
    };
    if let Some(key) = settings.api_key {
        row.api_key = Set(Some(key).filter(|k| !k.is_empty()));
    }
    match id {
        Some(id) => {
            row.id = Set(id);
            Ok(row.update(db).await?.id)
        }
        None => {
            if row.api_key.is_not_set() {
                row.api_key = Set(None);
            }
            row.last_new = Set(0);
            row.last_updated = Set(0);
            row.last_unchanged = Set(0);
            row.last_refused = Set(0);
            Ok(row.insert(db).await?.id)
        }
    }
}

/// Remembers what a pull of feed `id` did.
pub async fn record_pull(db: &DatabaseConnection, id: i32, pull: PullRecord) -> Result<(), DbErr> {
    let mut row = report_feed::ActiveModel {
        id: Set(id),
        last_pull_at: Set(Some(pull.at)),
        last_ok: Set(Some(pull.ok)),
        last_outcome: Set(Some(pull.outcome)),
        last_new: Set(pull.new),
        last_updated: Set(pull.updated),
        last_unchanged: Set(pull.unchanged),
        last_refused: Set(pull.refused),
        ..Default::default()
    };
    if let Some(cursor) = pull.cursor {
        row.cursor = Set(Some(cursor));
    }
    row.update(db).await?;
    Ok(())
}

/// Whether feed `f` is due for a scheduled pull at `now`.
pub fn due(f: &report_feed::Model, now: OffsetDateTime) -> bool {
    f.enabled
        && f.last_pull_at.is_none_or(|at| {
            now - at >= time::Duration::minutes(i64::from(f.interval_minutes.max(1)))
        })
}

fn rfc3339(t: Option<OffsetDateTime>) -> Option<String> {
    t.and_then(|t| t.format(&Rfc3339).ok())
}

/// The feed as a page shows it (the API key only as a hint).
pub fn view(f: report_feed::Model) -> FeedView {
    FeedView {
        id: f.id,
        source: f.source,
        base_url: f.base_url,
        jurisdiction_id: f.jurisdiction_id,
        api_key_hint: f.api_key.as_deref().map(key_hint),
        interval_minutes: f.interval_minutes,
        enabled: f.enabled,
        cursor: rfc3339(f.cursor),
        last_pull_at: rfc3339(f.last_pull_at),
        last_ok: f.last_ok,
        last_outcome: f.last_outcome,
        last_new: f.last_new,
        last_updated: f.last_updated,
        last_unchanged: f.last_unchanged,
        last_refused: f.last_refused,
    }
}
