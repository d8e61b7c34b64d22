//! Reports that carry where they stand at their source (Open311 `status`, `updated_datetime`):
//! stored or brought up to date by `(source, external_id)`, never twice.
//!
//! **Closed.** GeoReport v2 has no closed date. A report's `closed_at` is the `updated_datetime` of
//! the first record seen with status `closed`; later records of the still-closed report (a note
//! added, say) keep it. A report seen open again loses it, and gets a new one when it closes again,
//! so the time to close is the time to its last closing. `expected_datetime` is the City's promise,
//! not an outcome, and is not used.

use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, TransactionTrait,
};
use time::OffsetDateTime;

use super::entities::report;
use super::reports::NewReport;

/// Where a report stands at its source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportState {
    /// As given, trimmed and in lower case (Open311: `open` or `closed`).
    pub status: Option<String>,
    pub status_notes: Option<String>,
    pub agency_responsible: Option<String>,
    /// The source's last update (`updated_datetime`).
    pub updated_at: Option<OffsetDateTime>,
}

impl ReportState {
    /// Whether the source says the report is closed.
    pub fn is_closed(&self) -> bool {
        self.status.as_deref() == Some("closed")
    }
}

/// A report with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedReport {
    pub report: NewReport,
    pub state: ReportState,
}

/// What storing a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Upserted {
    pub new: u64,
    pub updated: u64,
    /// Already stored as given (or given older than what is stored).
    pub unchanged: u64,
}

impl std::ops::AddAssign for Upserted {
    fn add_assign(&mut self, other: Upserted) {
        self.new += other.new;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }
}

/// The `closed_at` a report gets from `state`, given what was stored (`previous`: its status and
/// `closed_at`). See the module docs.
pub fn closed_at(
    previous: Option<(Option<&str>, Option<OffsetDateTime>)>,
    state: &ReportState,
) -> Option<OffsetDateTime> {
    if !state.is_closed() {
        return None;
    }
    match previous {
        Some((Some("closed"), Some(kept))) => Some(kept),
        _ => state.updated_at,
    }
}

/// Stores `batch` under `source`: new request ids are inserted, known ones brought up to date
/// when the record differs and is not older than what is stored. In one transaction.
pub async fn upsert_batch(
    db: &DatabaseConnection,
    source: &str,
    batch: Vec<TrackedReport>,
) -> Result<Upserted, DbErr> {
    let mut counts = Upserted::default();
    if batch.is_empty() {
        return Ok(counts);
    }
    // One record per request id: the latest update (the last one given on a tie).
    let given = batch.len() as u64;
    let mut latest: HashMap<String, TrackedReport> = HashMap::new();
    for row in batch {
        match latest.get(&row.report.external_id) {
            Some(kept) if kept.state.updated_at > row.state.updated_at => {}
            _ => {
                latest.insert(row.report.external_id.clone(), row);
            }
        }
    }
    counts.unchanged += given - latest.len() as u64;
    let txn = db.begin().await?;
    let ids: Vec<String> = latest.keys().cloned().collect();
    let stored: HashMap<String, report::Model> = report::Entity::find()
        .filter(report::Column::Source.eq(source))
        .filter(report::Column::ExternalId.is_in(ids))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| (r.external_id.clone(), r))
        .collect();
    let now = OffsetDateTime::now_utc();
    let mut inserts = Vec::new();
    for (id, row) in latest {
        let TrackedReport { report: r, state } = row;
        let Some(old) = stored.get(&id) else {
            let closed = closed_at(None, &state);
            inserts.push(report::ActiveModel {
                source: Set(source.to_owned()),
                external_id: Set(r.external_id),
                text: Set(r.text),
                category: Set(r.category),
                requested_at: Set(r.requested_at),
                district: Set(r.district),
                zip: Set(r.zip),
                imported_at: Set(now),
                status: Set(state.status),
                status_notes: Set(state.status_notes),
                agency_responsible: Set(state.agency_responsible),
                updated_at: Set(state.updated_at),
                closed_at: Set(closed),
                ..Default::default()
            });
            continue;
        };
        if matches!((old.updated_at, state.updated_at), (Some(o), Some(n)) if n < o) {
            counts.unchanged += 1;
            continue;
        }
        let closed = closed_at(Some((old.status.as_deref(), old.closed_at)), &state);
        let district = r.district.or_else(|| old.district.clone());
        let zip = r.zip.or_else(|| old.zip.clone());
        let requested_at = r.requested_at.or(old.requested_at);
        let category = r.category.or_else(|| old.category.clone());
        let same = old.text == r.text
            && old.category == category
            && old.requested_at == requested_at
            && old.district == district
            && old.zip == zip
            && old.status == state.status
            && old.status_notes == state.status_notes
            && old.agency_responsible == state.agency_responsible
            && old.updated_at == state.updated_at
            && old.closed_at == closed;
        if same {
            counts.unchanged += 1;
            continue;
        }
        report::ActiveModel {
            id: Set(old.id),
            text: Set(r.text),
            category: Set(category),
            requested_at: Set(requested_at),
            district: Set(district),
            zip: Set(zip),
            status: Set(state.status),
            status_notes: Set(state.status_notes),
            agency_responsible: Set(state.agency_responsible),
            updated_at: Set(state.updated_at),
            closed_at: Set(closed),
            ..Default::default()
        }
        .update(&txn)
        .await?;
        counts.updated += 1;
    }
    let wanted = inserts.len() as u64;
    if wanted > 0 {
        let inserted = report::Entity::insert_many(inserts)
            .on_conflict(
                OnConflict::columns([report::Column::Source, report::Column::ExternalId])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        counts.new += inserted;
        counts.unchanged += wanted - inserted;
    }
    txn.commit().await?;
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn state(status: &str, updated: OffsetDateTime) -> ReportState {
        ReportState {
            status: Some(status.into()),
            updated_at: Some(updated),
            ..ReportState::default()
        }
    }

    #[test]
    fn the_first_closed_time_is_kept_and_reopening_clears_it() {
        let first = datetime!(2024-03-05 10:00 UTC);
        let later = datetime!(2024-03-08 09:00 UTC);
        assert_eq!(closed_at(None, &state("open", first)), None);
        assert_eq!(closed_at(None, &state("closed", first)), Some(first));
        assert_eq!(
            closed_at(Some((Some("closed"), Some(first))), &state("closed", later)),
            Some(first)
        );
        assert_eq!(
            closed_at(Some((Some("closed"), Some(first))), &state("open", later)),
            None
        );
        assert_eq!(
            closed_at(Some((Some("open"), None)), &state("closed", later)),
            Some(later)
        );
    }
}
