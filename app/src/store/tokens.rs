//! Personal API tokens: create (the token is returned once, only its SHA-256 stored, as for
//! invitation links), list and revoke a staff member's own tokens, revoke all of an account's, and
//! authenticate a `Bearer` token for `/api/v1` as the account that owns it.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use time::{Duration, OffsetDateTime};

use super::entities::{api_token, staff_user};
use super::staff::{new_token, token_digest, viewer_of};
use crate::models::staff::Viewer;

/// `last_used_at` is written at most this often per token.
pub const LAST_USED_GRANULARITY: Duration = Duration::minutes(1);

/// Why a bearer token does not authenticate. [`TokenProblem::message`] is what the API answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    Unknown,
    Revoked,
    Expired,
    /// The owner's account is disabled (or no longer has a known role).
    AccountDisabled,
}

impl TokenProblem {
    pub fn message(self) -> &'static str {
        match self {
            TokenProblem::Unknown => "unknown token",
            TokenProblem::Revoked => "token revoked",
            TokenProblem::Expired => "token expired",
            TokenProblem::AccountDisabled => "account disabled",
        }
    }
}

/// Checks a token's name.
pub fn check_name(raw: &str) -> Result<String, String> {
    use crate::models::tokens::MAX_NAME_CHARS;
    let name = raw.trim();
    match name.chars().count() {
        0 => Err("Name the token, for example after the script that uses it.".to_owned()),
        n if n > MAX_NAME_CHARS => Err(format!(
            "Shorten the name to at most {MAX_NAME_CHARS} characters (it has {n})."
        )),
        _ => Ok(name.to_owned()),
    }
}

/// Stores a token for `user_id`; returns its id and the token (shown once, never stored).
pub async fn create(
    db: &DatabaseConnection,
    user_id: i32,
    name: &str,
    expires_at: Option<OffsetDateTime>,
) -> Result<(i32, String), DbErr> {
    let token = new_token();
    let row = api_token::ActiveModel {
        user_id: Set(user_id),
        name: Set(name.to_owned()),
        token_hash: Set(token_digest(&token)),
        created_at: Set(OffsetDateTime::now_utc()),
        last_used_at: Set(None),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((row.id, token))
}

/// The tokens of `user_id`, newest first.
pub async fn list(db: &DatabaseConnection, user_id: i32) -> Result<Vec<api_token::Model>, DbErr> {
    api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await
}

/// Why `token` cannot be used now, if it cannot.
pub fn problem(token: &api_token::Model, now: OffsetDateTime) -> Option<TokenProblem> {
    if token.revoked_at.is_some() {
        Some(TokenProblem::Revoked)
    } else if token.expires_at.is_some_and(|at| at <= now) {
        Some(TokenProblem::Expired)
    } else {
        None
    }
}

/// `active`, `expired` or `revoked`, for the account page.
pub fn status(token: &api_token::Model, now: OffsetDateTime) -> &'static str {
    match problem(token, now) {
        None => "active",
        Some(TokenProblem::Revoked) => "revoked",
        Some(_) => "expired",
    }
}

/// Revokes token `id` of `user_id` (nobody revokes another's token this way); returns its name,
/// or `None` if it is not theirs, does not exist or was already revoked.
pub async fn revoke(
    db: &DatabaseConnection,
    user_id: i32,
    id: i32,
) -> Result<Option<String>, DbErr> {
    let Some(token) = api_token::Entity::find_by_id(id)
        .filter(api_token::Column::UserId.eq(user_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let revoked = api_token::Entity::update_many()
        .col_expr(
            api_token::Column::RevokedAt,
            Expr::value(Some(OffsetDateTime::now_utc())),
        )
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok((revoked.rows_affected == 1).then_some(token.name))
}

/// Revokes every token of `user_id` not yet revoked (account disabled, sign out everywhere);
/// returns how many.
pub async fn revoke_all(db: &DatabaseConnection, user_id: i32) -> Result<u64, DbErr> {
    Ok(api_token::Entity::update_many()
        .col_expr(
            api_token::Column::RevokedAt,
            Expr::value(Some(OffsetDateTime::now_utc())),
        )
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

/// A token that authenticated: who it acts for, and which token it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authenticated {
    pub viewer: Viewer,
    pub token_id: i32,
}

/// The account `token` acts for, or why it does not; notes the use (at most once per
/// [`LAST_USED_GRANULARITY`]).
pub async fn authenticate(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Result<Authenticated, TokenProblem>, DbErr> {
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_digest(token.trim())))
        .find_also_related(staff_user::Entity)
        .one(db)
        .await?;
    let (token, owner) = match found {
        None => return Ok(Err(TokenProblem::Unknown)),
        Some((token, owner)) => (token, owner),
    };
    let now = OffsetDateTime::now_utc();
    if let Some(problem) = problem(&token, now) {
        return Ok(Err(problem));
    }
    let Some(viewer) = owner.as_ref().and_then(viewer_of) else {
        return Ok(Err(TokenProblem::AccountDisabled));
    };
    if token
        .last_used_at
        .is_none_or(|at| now - at >= LAST_USED_GRANULARITY)
    {
        touch(db, token.id, now).await?;
    }
    Ok(Ok(Authenticated {
        viewer,
        token_id: token.id,
    }))
}

/// Notes that token `id` was used at `now`.
async fn touch(db: &DatabaseConnection, id: i32, now: OffsetDateTime) -> Result<(), DbErr> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(Some(now)))
        .filter(api_token::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
