//! Published results: storing a frozen [`PublicResults`] snapshot, withdrawing it, and reading
//! what the public may see (live publications only, with no staff names) and what staff see
//! (every publication, with who published it). Also the public history of the actions a live
//! publication lists ([`action_updates`]), read from `action_status_change`, which
//! [`super::actions`] writes on every change of status.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::entities::{action_status_change, publication, staff_user, theme_action};
use crate::models::publication::{ActionUpdate, PublicResults, Publication, PublicationSummary};
use crate::models::strategy::ActionStatus;

/// RFC 3339 in UTC (`2026-11-29T10:04:00Z`).
fn rfc3339(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    at.format(&Rfc3339).unwrap_or_else(|_| at.to_string())
}

/// The stored snapshot, read (a snapshot that no longer reads is logged and skipped).
fn results_of(row: &publication::Model) -> Option<PublicResults> {
    serde_json::from_str(&row.snapshot)
        .inspect_err(|err| {
            tracing::error!(publication = row.id, %err, "a stored publication does not read");
        })
        .ok()
}

fn survey_of(row: &publication::Model) -> Option<(String, String)> {
    let slug = row.survey_slug.clone()?;
    let title = row.survey_title.clone().unwrap_or_else(|| slug.clone());
    Some((slug, title))
}

/// The summary of `row` as staff see it (`by`: the publisher's name).
fn summary(
    row: &publication::Model,
    results: Option<&PublicResults>,
    by: Option<String>,
) -> PublicationSummary {
    PublicationSummary {
        id: row.id,
        run_id: row.run_id,
        survey: survey_of(row),
        published_at: rfc3339(row.published_at),
        withdrawn_at: row.withdrawn_at.map(rfc3339),
        published_by: by,
        needs: results.map_or(0, |r| r.needs.len()),
    }
}

/// The summary of a live `row` as the public sees it: no staff names, no withdrawal.
fn public_summary(row: &publication::Model, results: &PublicResults) -> PublicationSummary {
    PublicationSummary {
        withdrawn_at: None,
        published_by: None,
        ..summary(row, Some(results), None)
    }
}

/// Stores `results` of run `run_id` (limited to `survey`, slug and title) as published by
/// `user`; returns the publication's id.
pub async fn publish(
    db: &DatabaseConnection,
    run_id: i32,
    survey: Option<(String, String)>,
    results: &PublicResults,
    user: i32,
) -> Result<i32, DbErr> {
    let snapshot = serde_json::to_string(results).map_err(|err| DbErr::Json(err.to_string()))?;
    let (slug, title) = survey.unzip();
    let row = publication::ActiveModel {
        run_id: Set(run_id),
        survey_slug: Set(slug),
        survey_title: Set(title),
        snapshot: Set(snapshot),
        published_by: Set(Some(user)),
        published_at: Set(OffsetDateTime::now_utc()),
        withdrawn_at: Set(None),
        withdrawn_by: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Withdraws publication `id` by `user`; `false` when there is no such publication or it was
/// already withdrawn.
pub async fn withdraw(db: &DatabaseConnection, id: i32, user: i32) -> Result<bool, DbErr> {
    let Some(row) = publication::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    if row.withdrawn_at.is_some() {
        return Ok(false);
    }
    let mut active = row.into_active_model();
    active.withdrawn_at = Set(Some(OffsetDateTime::now_utc()));
    active.withdrawn_by = Set(Some(user));
    active.update(db).await?;
    Ok(true)
}

/// Every publication, newest first, with who published it (staff only).
pub async fn list(db: &DatabaseConnection) -> Result<Vec<PublicationSummary>, DbErr> {
    let rows = publication::Entity::find()
        .order_by_desc(publication::Column::PublishedAt)
        .order_by_desc(publication::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = staff_user::Entity::find()
        .filter(staff_user::Column::Id.is_in(rows.iter().filter_map(|r| r.published_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .iter()
        .map(|row| {
            let by = row.published_by.and_then(|id| names.get(&id).cloned());
            summary(row, results_of(row).as_ref(), by)
        })
        .collect())
}

/// Live publications' rows, newest first.
async fn live_rows(db: &DatabaseConnection) -> Result<Vec<publication::Model>, DbErr> {
    publication::Entity::find()
        .filter(publication::Column::WithdrawnAt.is_null())
        .order_by_desc(publication::Column::PublishedAt)
        .order_by_desc(publication::Column::Id)
        .all(db)
        .await
}

/// Live publications, newest first, as the public sees them.
pub async fn live_list(db: &DatabaseConnection) -> Result<Vec<PublicationSummary>, DbErr> {
    Ok(live_rows(db)
        .await?
        .iter()
        .filter_map(|row| Some(public_summary(row, &results_of(row)?)))
        .collect())
}

/// A live `row` with its content and the current status of the actions it lists.
async fn with_content(
    db: &DatabaseConnection,
    row: &publication::Model,
) -> Result<Option<Publication>, DbErr> {
    let Some(results) = results_of(row) else {
        return Ok(None);
    };
    let published: HashMap<i32, ActionStatus> = results
        .needs
        .iter()
        .flat_map(|n| n.actions.iter().map(|a| (a.id, a.status)))
        .collect();
    let mut live_status: Vec<(i32, ActionStatus)> = if published.is_empty() {
        Vec::new()
    } else {
        theme_action::Entity::find()
            .filter(theme_action::Column::Id.is_in(published.keys().copied()))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|a| {
                let now: ActionStatus = a.status.parse().ok()?;
                (published.get(&a.id) != Some(&now)).then_some((a.id, now))
            })
            .collect()
    };
    live_status.sort_by_key(|(id, _)| *id);
    Ok(Some(Publication {
        summary: public_summary(row, &results),
        results,
        live_status,
    }))
}

/// Publication `id` as the public sees it; `None` when it is unknown or withdrawn.
pub async fn get_live(db: &DatabaseConnection, id: i32) -> Result<Option<Publication>, DbErr> {
    match publication::Entity::find_by_id(id).one(db).await? {
        Some(row) if row.withdrawn_at.is_none() => with_content(db, &row).await,
        _ => Ok(None),
    }
}

/// The newest live publication: of survey `slug`, or (`None`) the newest one not limited to a
/// survey.
pub async fn latest_live(
    db: &DatabaseConnection,
    survey: Option<&str>,
) -> Result<Option<Publication>, DbErr> {
    let mut query = publication::Entity::find().filter(publication::Column::WithdrawnAt.is_null());
    query = match survey {
        Some(slug) => query.filter(publication::Column::SurveySlug.eq(slug)),
        None => query.filter(publication::Column::SurveySlug.is_null()),
    };
    let rows = query
        .order_by_desc(publication::Column::PublishedAt)
        .order_by_desc(publication::Column::Id)
        .all(db)
        .await?;
    for row in &rows {
        if let Some(publication) = with_content(db, row).await? {
            return Ok(Some(publication));
        }
    }
    Ok(None)
}

/// An action as a live publication lists it.
struct Listed {
    publication: i32,
    published_at: OffsetDateTime,
    title: String,
    theme_id: String,
    theme_name: String,
}

/// The newest `limit` status changes of actions listed in a live publication, made after that
/// publication was published, newest first. A change is credited to the newest live publication
/// that listed the action before the change.
pub async fn action_updates(
    db: &DatabaseConnection,
    limit: u64,
) -> Result<Vec<ActionUpdate>, DbErr> {
    let mut listed: HashMap<i32, Vec<Listed>> = HashMap::new();
    // Newest first, so the first publication found for a change is the newest before it.
    for row in live_rows(db).await? {
        let Some(results) = results_of(&row) else {
            continue;
        };
        for need in &results.needs {
            for action in &need.actions {
                listed.entry(action.id).or_default().push(Listed {
                    publication: row.id,
                    published_at: row.published_at,
                    title: action.title.clone(),
                    theme_id: need.theme_id.clone(),
                    theme_name: need.name.clone(),
                });
            }
        }
    }
    if listed.is_empty() {
        return Ok(Vec::new());
    }
    let changes = action_status_change::Entity::find()
        .filter(action_status_change::Column::ActionId.is_in(listed.keys().copied()))
        .order_by_desc(action_status_change::Column::ChangedAt)
        .order_by_desc(action_status_change::Column::Id)
        .all(db)
        .await?;
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok(changes
        .into_iter()
        .filter_map(|change| {
            let by = listed
                .get(&change.action_id)?
                .iter()
                .find(|l| l.published_at < change.changed_at)?;
            Some(ActionUpdate {
                action_id: change.action_id,
                title: by.title.clone(),
                theme_id: by.theme_id.clone(),
                theme_name: by.theme_name.clone(),
                from: change.from_status.parse().ok()?,
                to: change.to_status.parse().ok()?,
                at: rfc3339(change.changed_at),
                publication_id: by.publication,
            })
        })
        .take(limit)
        .collect())
}

/// Records that action `action` went from `from` to `to` by `by` (nothing when it did not
/// change).
pub async fn record_status_change(
    db: &impl sea_orm::ConnectionTrait,
    action: i32,
    from: ActionStatus,
    to: ActionStatus,
    by: i32,
) -> Result<(), DbErr> {
    if from == to {
        return Ok(());
    }
    action_status_change::ActiveModel {
        action_id: Set(action),
        from_status: Set(from.as_str().to_owned()),
        to_status: Set(to.as_str().to_owned()),
        changed_at: Set(OffsetDateTime::now_utc()),
        changed_by: Set(Some(by)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
