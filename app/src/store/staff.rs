//! Staff accounts and invitations: the queries behind sign-in, the users page and `needscope admin`.
//! Passwords are hashed by the caller (the server crate); this module only stores PHC strings.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use super::entities::{staff_invitation, staff_session, staff_user};
use crate::models::staff::{Role, Viewer};

/// How long an invitation link stays valid.
pub const INVITATION_TTL: Duration = Duration::days(7);

/// Trims and lower-cases an e-mail address, or says what is wrong with it.
pub fn normalize_email(raw: &str) -> Result<String, &'static str> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err("Enter an e-mail address.");
    }
    if email.len() > 254 {
        return Err("The e-mail address is longer than 254 characters.");
    }
    match email.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@') =>
        {
            Ok(email)
        }
        _ => Err("Enter an e-mail address like name@example.org."),
    }
}

/// Checks a display name.
pub fn check_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim();
    match name.chars().count() {
        0 => Err("Enter your name."),
        n if n > 120 => Err("The name is longer than 120 characters."),
        _ => Ok(name.to_owned()),
    }
}

/// Minimum password length (NIST SP 800-63B: at least 8; we ask for 12).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Checks a new password.
pub fn check_password(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(format!(
            "The password needs at least {MIN_PASSWORD_CHARS} characters (it has {n})."
        ));
    }
    if n > 256 {
        return Err("The password is longer than 256 characters.".to_owned());
    }
    Ok(())
}

/// The viewer of an account row, if the row is usable (known role, not disabled).
pub fn viewer_of(user: &staff_user::Model) -> Option<Viewer> {
    if user.disabled_at.is_some() {
        return None;
    }
    Some(Viewer {
        id: user.id,
        email: user.email.clone(),
        name: user.display_name.clone(),
        role: Role::parse(&user.role)?,
        organization: user.organization.clone(),
    })
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("an account with the e-mail address {0} already exists")]
    EmailTaken(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// A new account.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub organization: Option<&'a str>,
    pub password_hash: String,
}

/// Creates an account (the e-mail address must already be normalized).
pub async fn create_user<C: sea_orm::ConnectionTrait>(
    db: &C,
    user: NewUser<'_>,
) -> Result<staff_user::Model, CreateUserError> {
    if find_by_email(db, user.email).await?.is_some() {
        return Err(CreateUserError::EmailTaken(user.email.to_owned()));
    }
    Ok(staff_user::ActiveModel {
        email: Set(user.email.to_owned()),
        display_name: Set(user.name.to_owned()),
        role: Set(user.role.as_str().to_owned()),
        organization: Set(user.organization.map(str::to_owned)),
        password_hash: Set(user.password_hash),
        created_at: Set(OffsetDateTime::now_utc()),
        disabled_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn find_by_email<C: sea_orm::ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<staff_user::Model>, DbErr> {
    staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(email))
        .one(db)
        .await
}

pub async fn get(db: &DatabaseConnection, id: i32) -> Result<Option<staff_user::Model>, DbErr> {
    staff_user::Entity::find_by_id(id).one(db).await
}

/// Every account, oldest first.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<staff_user::Model>, DbErr> {
    staff_user::Entity::find()
        .order_by_asc(staff_user::Column::Id)
        .all(db)
        .await
}

/// Number of enabled administrators.
pub async fn active_admins(db: &DatabaseConnection) -> Result<u64, DbErr> {
    staff_user::Entity::find()
        .filter(staff_user::Column::Role.eq(Role::Administrator.as_str()))
        .filter(staff_user::Column::DisabledAt.is_null())
        .count(db)
        .await
}

/// Changes an account's role and disabled flag.
pub async fn update(
    db: &DatabaseConnection,
    user: staff_user::Model,
    role: Role,
    disabled: bool,
) -> Result<staff_user::Model, DbErr> {
    let was_disabled = user.disabled_at;
    let mut row: staff_user::ActiveModel = user.into();
    row.role = Set(role.as_str().to_owned());
    row.disabled_at = Set(match (disabled, was_disabled) {
        (true, Some(at)) => Some(at),
        (true, None) => Some(OffsetDateTime::now_utc()),
        (false, _) => None,
    });
    row.update(db).await
}

/// Deletes every session of `user_id` ("sign out everywhere"); returns how many.
pub async fn delete_sessions(db: &DatabaseConnection, user_id: i32) -> Result<u64, DbErr> {
    Ok(staff_session::Entity::delete_many()
        .filter(staff_session::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// SHA-256 of an invitation token, hex: only this is stored.
pub fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh unguessable token (244 random bits).
pub fn new_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// Creates an invitation and returns its token (shown once, never stored).
pub async fn invite(
    db: &DatabaseConnection,
    email: &str,
    role: Role,
    organization: Option<&str>,
    by: &Viewer,
) -> Result<String, DbErr> {
    let token = new_token();
    let now = OffsetDateTime::now_utc();
    staff_invitation::ActiveModel {
        token_sha256: Set(token_digest(&token)),
        email: Set(email.to_owned()),
        role: Set(role.as_str().to_owned()),
        organization: Set(organization.map(str::to_owned)),
        created_by: Set(by.id),
        created_at: Set(now),
        expires_at: Set(now + INVITATION_TTL),
        accepted_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Why an invitation link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationProblem {
    Unknown,
    Expired,
    Revoked,
    Used,
}

impl InvitationProblem {
    pub fn message(self) -> &'static str {
        match self {
            InvitationProblem::Unknown => {
                "This invitation link is not valid. Check that you copied all of it, or ask your administrator for a new one."
            }
            InvitationProblem::Expired => {
                "This invitation link has expired. Ask your administrator for a new one."
            }
            InvitationProblem::Revoked => {
                "This invitation was withdrawn. Ask your administrator if you still need an account."
            }
            InvitationProblem::Used => {
                "This invitation has already been used. Sign in with the account it created."
            }
        }
    }
}

/// The invitation behind `token`, if it can still be accepted.
pub async fn open_invitation(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Result<staff_invitation::Model, InvitationProblem>, DbErr> {
    let Some(inv) = staff_invitation::Entity::find()
        .filter(staff_invitation::Column::TokenSha256.eq(token_digest(token)))
        .one(db)
        .await?
    else {
        return Ok(Err(InvitationProblem::Unknown));
    };
    Ok(if inv.accepted_at.is_some() {
        Err(InvitationProblem::Used)
    } else if inv.revoked_at.is_some() {
        Err(InvitationProblem::Revoked)
    } else if inv.expires_at < OffsetDateTime::now_utc() {
        Err(InvitationProblem::Expired)
    } else {
        Ok(inv)
    })
}

/// Creates the invited account and marks the invitation used, atomically.
pub async fn accept(
    db: &DatabaseConnection,
    invitation: staff_invitation::Model,
    name: &str,
    password_hash: String,
) -> Result<staff_user::Model, CreateUserError> {
    let txn = db.begin().await?;
    let role = Role::parse(&invitation.role).unwrap_or(Role::Partner);
    let user = create_user(
        &txn,
        NewUser {
            email: &invitation.email,
            name,
            role,
            organization: invitation.organization.as_deref(),
            password_hash,
        },
    )
    .await?;
    let mut row: staff_invitation::ActiveModel = invitation.into();
    row.accepted_at = Set(Some(OffsetDateTime::now_utc()));
    row.update(&txn).await?;
    txn.commit().await?;
    Ok(user)
}

/// Invitations not yet accepted, revoked or expired, newest first.
pub async fn open_invitations(
    db: &DatabaseConnection,
) -> Result<Vec<staff_invitation::Model>, DbErr> {
    staff_invitation::Entity::find()
        .filter(staff_invitation::Column::AcceptedAt.is_null())
        .filter(staff_invitation::Column::RevokedAt.is_null())
        .filter(staff_invitation::Column::ExpiresAt.gt(OffsetDateTime::now_utc()))
        .order_by_desc(staff_invitation::Column::Id)
        .all(db)
        .await
}

/// Withdraws an invitation; false when there was nothing open to withdraw.
pub async fn revoke(db: &DatabaseConnection, id: i32) -> Result<bool, DbErr> {
    let Some(inv) = staff_invitation::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    if inv.accepted_at.is_some() || inv.revoked_at.is_some() {
        return Ok(false);
    }
    let mut row: staff_invitation::ActiveModel = inv.into();
    row.revoked_at = Set(Some(OffsetDateTime::now_utc()));
    row.update(db).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized_or_refused_with_a_reason() {
        assert_eq!(
            normalize_email("  Ana.Lopez@SanJoseCA.gov ").as_deref(),
            Ok("ana.lopez@sanjoseca.gov")
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.org",
            "ana@localhost",
            "a b@x.org",
            "a@x.org.",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn passwords_need_twelve_characters() {
        assert!(check_password("short").is_err());
        assert!(check_password("correct horse battery").is_ok());
    }

    #[test]
    fn tokens_are_fresh_and_only_their_digest_is_kept() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_digest(&a).len(), 64);
        assert_ne!(token_digest(&a), a);
    }
}
