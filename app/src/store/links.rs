//! Invitation links to instruments: create (the token is returned once, only its hash stored),
//! list, revoke, check, and claim one use inside the transaction that stores a response, so a
//! single-use link stores one response however many tabs submit at once.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder,
};
use time::OffsetDateTime;

use super::entities::survey_link;
use super::staff::{new_token, token_digest};
use crate::models::links::LinkProblem;

/// A link to make.
#[derive(Debug, Clone, PartialEq)]
pub struct NewLink<'a> {
    pub survey_id: i32,
    pub organization: &'a str,
    /// `None`: any number of responses.
    pub max_uses: Option<i32>,
    pub expires_at: OffsetDateTime,
    pub created_by: Option<i32>,
}

/// Stores a link; returns its id and token (shown once).
pub async fn create(db: &DatabaseConnection, link: NewLink<'_>) -> Result<(i32, String), DbErr> {
    let token = new_token();
    let row = survey_link::ActiveModel {
        survey_id: Set(link.survey_id),
        token_hash: Set(token_digest(&token)),
        organization: Set(link.organization.to_owned()),
        max_uses: Set(link.max_uses),
        uses: Set(0),
        expires_at: Set(link.expires_at),
        revoked_at: Set(None),
        created_by: Set(link.created_by),
        created_at: Set(OffsetDateTime::now_utc()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((row.id, token))
}

/// Every link, newest first.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<survey_link::Model>, DbErr> {
    survey_link::Entity::find()
        .order_by_desc(survey_link::Column::Id)
        .all(db)
        .await
}

/// Revokes link `id`; `false` if it was already revoked or does not exist.
pub async fn revoke(db: &DatabaseConnection, id: i32) -> Result<bool, DbErr> {
    let result = survey_link::Entity::update_many()
        .col_expr(
            survey_link::Column::RevokedAt,
            Expr::value(Some(OffsetDateTime::now_utc())),
        )
        .filter(survey_link::Column::Id.eq(id))
        .filter(survey_link::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Why `link` cannot take a response now, if it cannot.
pub fn problem(link: &survey_link::Model, now: OffsetDateTime) -> Option<LinkProblem> {
    if link.revoked_at.is_some() {
        Some(LinkProblem::Revoked)
    } else if link.expires_at <= now {
        Some(LinkProblem::Expired)
    } else if link.max_uses.is_some_and(|max| link.uses >= max) {
        Some(LinkProblem::UsedUp)
    } else {
        None
    }
}

/// `active`, `expired`, `revoked` or `used up`, for staff.
pub fn status(link: &survey_link::Model, now: OffsetDateTime) -> &'static str {
    match problem(link, now) {
        None => "active",
        Some(LinkProblem::Revoked) => "revoked",
        Some(LinkProblem::Expired) => "expired",
        Some(LinkProblem::UsedUp | LinkProblem::Unknown) => "used up",
    }
}

/// The link `token` opens for survey `survey_id`, or why it does not work.
pub async fn check(
    db: &impl ConnectionTrait,
    survey_id: i32,
    token: &str,
) -> Result<Result<survey_link::Model, LinkProblem>, DbErr> {
    let found = survey_link::Entity::find()
        .filter(survey_link::Column::TokenHash.eq(token_digest(token.trim())))
        .filter(survey_link::Column::SurveyId.eq(survey_id))
        .one(db)
        .await?;
    Ok(match found {
        None => Err(LinkProblem::Unknown),
        Some(link) => match problem(&link, OffsetDateTime::now_utc()) {
            Some(p) => Err(p),
            None => Ok(link),
        },
    })
}

/// Takes one use of `link` if it still works (one statement, so concurrent claims of the last use
/// cannot both succeed).
pub async fn claim(db: &impl ConnectionTrait, link: &survey_link::Model) -> Result<bool, DbErr> {
    let mut update = survey_link::Entity::update_many()
        .col_expr(
            survey_link::Column::Uses,
            Expr::col(survey_link::Column::Uses).add(1),
        )
        .filter(survey_link::Column::Id.eq(link.id))
        .filter(survey_link::Column::RevokedAt.is_null())
        .filter(survey_link::Column::ExpiresAt.gt(OffsetDateTime::now_utc()));
    if let Some(max) = link.max_uses {
        update = update.filter(survey_link::Column::Uses.lt(max));
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// Whether links can point to `survey`: the department and community-organization instruments,
/// once out of draft.
pub fn linkable(survey: &super::surveys::LoadedSurvey) -> bool {
    use crate::models::{Audience, SurveyStatus};
    survey.definition.audience != Audience::Resident
        && SurveyStatus::parse(&survey.survey.status) != Some(SurveyStatus::Draft)
}
