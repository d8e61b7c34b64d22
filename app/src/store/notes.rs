//! Interview-note documents: pending uploads awaiting their uploader's confirmation, confirmed
//! documents and their passages, deletion, and what analysis runs read. Owners see only their
//! own documents ([`owned`], [`list_owned`]); staff read every confirmed one.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use time::{Date, OffsetDateTime};

use super::entities::{note_document, note_passage};

pub const PENDING: &str = "pending";
pub const CONFIRMED: &str = "confirmed";

/// An upload read, split and redacted, ready to preview.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDocument {
    pub owner_id: i32,
    pub organization: String,
    pub community: String,
    pub interview_date: Date,
    pub interviewee_role: String,
    pub language: String,
    pub filename: String,
    pub format: String,
    pub bytes: i64,
    pub passages: Vec<String>,
    /// Redaction counts by kind.
    pub redactions: serde_json::Value,
}

/// Stores `doc` as pending (its passages kept as the preview); returns its id.
pub async fn create_pending(db: &DatabaseConnection, doc: NewDocument) -> Result<i32, DbErr> {
    let row = note_document::ActiveModel {
        owner_id: Set(doc.owner_id),
        organization: Set(doc.organization),
        community: Set(doc.community),
        interview_date: Set(doc.interview_date),
        interviewee_role: Set(doc.interviewee_role),
        language: Set(doc.language),
        filename: Set(doc.filename),
        format: Set(doc.format),
        bytes: Set(doc.bytes),
        status: Set(PENDING.to_owned()),
        passages: Set(i32::try_from(doc.passages.len()).unwrap_or(i32::MAX)),
        preview: Set(Some(serde_json::json!(doc.passages))),
        redactions: Set(doc.redactions),
        created_at: Set(OffsetDateTime::now_utc()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// How many documents (pending or confirmed) `owner` has.
pub async fn count_owned(db: &DatabaseConnection, owner: i32) -> Result<u64, DbErr> {
    note_document::Entity::find()
        .filter(note_document::Column::OwnerId.eq(owner))
        .count(db)
        .await
}

/// `owner`'s documents, newest first.
pub async fn list_owned(
    db: &DatabaseConnection,
    owner: i32,
) -> Result<Vec<note_document::Model>, DbErr> {
    note_document::Entity::find()
        .filter(note_document::Column::OwnerId.eq(owner))
        .order_by_desc(note_document::Column::Id)
        .all(db)
        .await
}

/// Document `id` if `owner` uploaded it.
pub async fn owned(
    db: &DatabaseConnection,
    owner: i32,
    id: i32,
) -> Result<Option<note_document::Model>, DbErr> {
    Ok(get(db, id).await?.filter(|d| d.owner_id == owner))
}

pub async fn get(db: &DatabaseConnection, id: i32) -> Result<Option<note_document::Model>, DbErr> {
    note_document::Entity::find_by_id(id).one(db).await
}

/// Every confirmed document, newest first.
pub async fn list_confirmed(db: &DatabaseConnection) -> Result<Vec<note_document::Model>, DbErr> {
    note_document::Entity::find()
        .filter(note_document::Column::Status.eq(CONFIRMED))
        .order_by_desc(note_document::Column::Id)
        .all(db)
        .await
}

/// Every confirmed document, by id.
async fn confirmed_by_id(
    db: &DatabaseConnection,
) -> Result<HashMap<i32, note_document::Model>, DbErr> {
    Ok(list_confirmed(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect())
}

/// A document's passages: stored ones once confirmed, the preview while pending.
pub async fn passages(
    db: &DatabaseConnection,
    doc: &note_document::Model,
) -> Result<Vec<String>, DbErr> {
    if let Some(preview) = &doc.preview {
        return Ok(serde_json::from_value(preview.clone()).unwrap_or_default());
    }
    Ok(note_passage::Entity::find()
        .filter(note_passage::Column::DocumentId.eq(doc.id))
        .order_by_asc(note_passage::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.text)
        .collect())
}

/// Confirms a pending document: its previewed passages become analysable. `false` if it was
/// not pending (already confirmed, or gone).
pub async fn confirm(db: &DatabaseConnection, doc: &note_document::Model) -> Result<bool, DbErr> {
    let Some(preview) = &doc.preview else {
        return Ok(false);
    };
    let passages: Vec<String> = serde_json::from_value(preview.clone()).unwrap_or_default();
    let txn = db.begin().await?;
    let claimed = note_document::Entity::update_many()
        .col_expr(note_document::Column::Status, CONFIRMED.into())
        .col_expr(
            note_document::Column::ConfirmedAt,
            Some(OffsetDateTime::now_utc()).into(),
        )
        .col_expr(
            note_document::Column::Preview,
            Option::<serde_json::Value>::None.into(),
        )
        .filter(note_document::Column::Id.eq(doc.id))
        .filter(note_document::Column::Status.eq(PENDING))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(false);
    }
    for chunk in passages
        .into_iter()
        .enumerate()
        .collect::<Vec<_>>()
        .chunks(500)
    {
        note_passage::Entity::insert_many(chunk.iter().map(|(i, text)| {
            note_passage::ActiveModel {
                document_id: Set(doc.id),
                position: Set(i32::try_from(*i).unwrap_or(i32::MAX)),
                text: Set(text.clone()),
                ..Default::default()
            }
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// Deletes document `id` and its passages.
pub async fn delete(db: &DatabaseConnection, id: i32) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    delete_in(&txn, id).await?;
    txn.commit().await
}

async fn delete_in(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    note_passage::Entity::delete_many()
        .filter(note_passage::Column::DocumentId.eq(id))
        .exec(db)
        .await?;
    note_document::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Deletes pending uploads created before `before` (never confirmed); returns how many.
pub async fn delete_stale_pending(
    db: &DatabaseConnection,
    before: OffsetDateTime,
) -> Result<u64, DbErr> {
    Ok(note_document::Entity::delete_many()
        .filter(note_document::Column::Status.eq(PENDING))
        .filter(note_document::Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// One passage as analysis reads it, with its document's metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageForAnalysis {
    pub id: i64,
    pub document_id: i32,
    pub text: String,
    pub language: String,
    pub interview_date: Date,
}

/// Confirmed passages with id ≤ `up_to` (all when `None`), in id order.
pub async fn for_analysis(
    db: &DatabaseConnection,
    up_to: Option<i64>,
) -> Result<Vec<PassageForAnalysis>, DbErr> {
    let documents = confirmed_by_id(db).await?;
    let mut query = note_passage::Entity::find().order_by_asc(note_passage::Column::Id);
    if let Some(last) = up_to {
        query = query.filter(note_passage::Column::Id.lte(last));
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| {
            let doc = documents.get(&p.document_id)?;
            Some(PassageForAnalysis {
                id: p.id,
                document_id: p.document_id,
                text: p.text,
                language: doc.language.clone(),
                interview_date: doc.interview_date,
            })
        })
        .collect())
}

/// Where a passage comes from, for dashboard counts and quote links.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageOrigin {
    pub document_id: i32,
    pub position: i32,
    pub filename: String,
    pub organization: String,
    pub interview_date: Date,
}

/// Origins of the confirmed passages with id ≤ `up_to`, by passage id.
pub async fn origins(
    db: &DatabaseConnection,
    up_to: i64,
) -> Result<HashMap<i64, PassageOrigin>, DbErr> {
    let documents = confirmed_by_id(db).await?;
    Ok(note_passage::Entity::find()
        .select_only()
        .columns([
            note_passage::Column::Id,
            note_passage::Column::DocumentId,
            note_passage::Column::Position,
        ])
        .filter(note_passage::Column::Id.lte(up_to))
        .into_tuple::<(i64, i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, document_id, position)| {
            let doc = documents.get(&document_id)?;
            Some((
                id,
                PassageOrigin {
                    document_id,
                    position,
                    filename: doc.filename.clone(),
                    organization: doc.organization.clone(),
                    interview_date: doc.interview_date,
                },
            ))
        })
        .collect())
}

/// `2 phone numbers, 1 e-mail address`, or `none`, from stored redaction counts.
pub fn describe_redactions(counts: &serde_json::Value) -> String {
    const KINDS: [(&str, &str, &str); 5] = [
        ("emails", "e-mail address", "e-mail addresses"),
        ("urls", "web address", "web addresses"),
        ("phones", "phone number", "phone numbers"),
        ("addresses", "street address", "street addresses"),
        ("digit_runs", "long number", "long numbers"),
    ];
    let parts: Vec<String> = KINDS
        .iter()
        .filter_map(|(key, one, many)| {
            let n = counts.get(key)?.as_u64().filter(|n| *n > 0)?;
            Some(format!("{n} {}", if n == 1 { one } else { many }))
        })
        .collect();
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(", ")
    }
}

/// A document as its pages list it.
pub fn row(
    doc: &note_document::Model,
    uploaded_by: Option<String>,
) -> crate::models::notes::NoteRow {
    crate::models::notes::NoteRow {
        id: doc.id,
        filename: doc.filename.clone(),
        format: doc.format.clone(),
        organization: doc.organization.clone(),
        community: doc.community.clone(),
        interview_date: doc.interview_date.to_string(),
        interviewee_role: doc.interviewee_role.clone(),
        language: doc.language.clone(),
        status: doc.status.clone(),
        passages: doc.passages,
        redactions: describe_redactions(&doc.redactions),
        uploaded_at: super::runs::minute(doc.created_at),
        uploaded_by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redactions_read_for_people() {
        let counts = serde_json::json!({"emails": 1, "urls": 0, "phones": 2, "addresses": 0, "digit_runs": 0});
        assert_eq!(
            describe_redactions(&counts),
            "1 e-mail address, 2 phone numbers"
        );
        assert_eq!(describe_redactions(&serde_json::json!({})), "none");
    }
}
