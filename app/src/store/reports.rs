//! Imported resident reports: idempotent batch inserts and what analysis runs read.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::entities::report;

/// One report ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReport {
    /// The source's own request id (unique within `source`).
    pub external_id: String,
    pub text: String,
    pub category: Option<String>,
    pub requested_at: Option<time::OffsetDateTime>,
    pub district: Option<String>,
    pub zip: Option<String>,
}

/// Stores `batch` under `source`, skipping request ids already stored; returns how many were new.
pub async fn insert_batch(
    db: &DatabaseConnection,
    source: &str,
    batch: Vec<NewReport>,
) -> Result<u64, DbErr> {
    if batch.is_empty() {
        return Ok(0);
    }
    let now = time::OffsetDateTime::now_utc();
    let rows = batch.into_iter().map(|r| report::ActiveModel {
        source: Set(source.to_owned()),
        external_id: Set(r.external_id),
        text: Set(r.text),
        category: Set(r.category),
        requested_at: Set(r.requested_at),
        district: Set(r.district),
        zip: Set(r.zip),
        imported_at: Set(now),
        ..Default::default()
    });
    report::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([report::Column::Source, report::Column::ExternalId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await
}

/// Reports with id ≤ `up_to` (all when `None`), oldest first.
pub async fn for_analysis(
    db: &DatabaseConnection,
    up_to: Option<i64>,
) -> Result<Vec<report::Model>, DbErr> {
    let mut query = report::Entity::find().order_by_asc(report::Column::Id);
    if let Some(last) = up_to {
        query = query.filter(report::Column::Id.lte(last));
    }
    query.all(db).await
}

/// How many reports each source holds, by source name.
pub async fn counts_by_source(db: &DatabaseConnection) -> Result<Vec<(String, i64)>, DbErr> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::{Expr, ExprTrait};

    report::Entity::find()
        .select_only()
        .column(report::Column::Source)
        .column_as(Expr::col(report::Column::Id).count(), "n")
        .group_by(report::Column::Source)
        .order_by_asc(report::Column::Source)
        .into_tuple::<(String, i64)>()
        .all(db)
        .await
}
