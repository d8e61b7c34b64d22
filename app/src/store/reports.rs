//! Imported resident reports: idempotent batch inserts and what analysis runs read.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect,
};
use time::OffsetDateTime;

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

/// What an analysis run reads of a report.
#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct ReportForAnalysis {
    pub id: i64,
    pub external_id: String,
    pub text: String,
    pub requested_at: Option<OffsetDateTime>,
    pub imported_at: OffsetDateTime,
    pub district: Option<String>,
}

impl ReportForAnalysis {
    /// When it was requested, or imported when the source had no date.
    pub fn at(&self) -> OffsetDateTime {
        self.requested_at.unwrap_or(self.imported_at)
    }
}

/// Reports read per query by [`for_analysis`].
const ANALYSIS_PAGE: u64 = 20_000;

/// Reports with id ≤ `up_to` (all when `None`), oldest first: only what a run reads, a page at a
/// time, so that a million reports are not held twice (as rows, then as values) while loading.
pub async fn for_analysis(
    db: &DatabaseConnection,
    up_to: Option<i64>,
) -> Result<Vec<ReportForAnalysis>, DbErr> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let mut query = report::Entity::find()
            .select_only()
            .columns([
                report::Column::Id,
                report::Column::ExternalId,
                report::Column::Text,
                report::Column::RequestedAt,
                report::Column::ImportedAt,
                report::Column::District,
            ])
            .order_by_asc(report::Column::Id)
            .limit(ANALYSIS_PAGE);
        if let Some(last) = up_to {
            query = query.filter(report::Column::Id.lte(last));
        }
        if let Some(after) = after {
            query = query.filter(report::Column::Id.gt(after));
        }
        let page = query.into_model::<ReportForAnalysis>().all(db).await?;
        let full = page.len() as u64 == ANALYSIS_PAGE;
        after = page.last().map(|r| r.id);
        out.extend(page);
        if !full {
            return Ok(out);
        }
    }
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
