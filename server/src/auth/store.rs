//! A tower-sessions store on the application's own database (SQLite or PostgreSQL through
//! sea-orm), so sessions survive restarts and work with several server processes. Rows are keyed
//! by the SHA-256 of the session id (a leaked table reveals no usable cookie) and carry the user
//! id, so "sign out everywhere" can delete every session of a user.
//!
//! A deleted session stays deleted: only [`SessionStore::create`] inserts a row (a session new in
//! this request, or one whose id was just cycled); [`SessionStore::save`] only updates one, so a
//! request still in flight when its session was ended cannot bring it back. Rows hold only what
//! is worth keeping: a session whose data is empty is deleted rather than saved, and one with no
//! signed-in user (a flash message for the sign-in page) expires after
//! [`ANONYMOUS_MINUTES`].

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use app::store::entities::staff_session;

use super::USER_KEY;

/// How long a session without a signed-in user is kept (it holds a message for the next page).
pub const ANONYMOUS_MINUTES: i64 = 10;

/// What a record's row holds.
struct Row {
    user_id: Option<i32>,
    data: String,
    expires_at: OffsetDateTime,
}

impl Row {
    fn of(record: &Record) -> session_store::Result<Row> {
        let user_id = record
            .data
            .get(USER_KEY)
            .and_then(serde_json::Value::as_i64)
            .and_then(|id| i32::try_from(id).ok());
        let expires_at = match user_id {
            Some(_) => record.expiry_date,
            None => record
                .expiry_date
                .min(OffsetDateTime::now_utc() + time::Duration::minutes(ANONYMOUS_MINUTES)),
        };
        let data = serde_json::to_string(record)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        Ok(Row {
            user_id,
            data,
            expires_at,
        })
    }
}

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

fn backend(err: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

fn key(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> DbSessionStore {
        DbSessionStore { db }
    }

    /// Deletes expired sessions; returns how many.
    pub async fn delete_expired(&self) -> Result<u64, sea_orm::DbErr> {
        Ok(staff_session::Entity::delete_many()
            .filter(staff_session::Column::ExpiresAt.lt(OffsetDateTime::now_utc()))
            .exec(&self.db)
            .await?
            .rows_affected)
    }

    async fn exists(&self, id: &Id) -> session_store::Result<bool> {
        Ok(staff_session::Entity::find_by_id(key(id))
            .one(&self.db)
            .await
            .map_err(backend)?
            .is_some())
    }
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    /// Inserts a session new in this request (or with a freshly cycled id); nothing for an empty
    /// one.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        while self.exists(&record.id).await? {
            record.id = Id::default();
        }
        if record.data.is_empty() {
            return Ok(());
        }
        let row = Row::of(record)?;
        staff_session::Entity::insert(staff_session::ActiveModel {
            id: Set(key(&record.id)),
            user_id: Set(row.user_id),
            data: Set(row.data),
            expires_at: Set(row.expires_at),
        })
        .exec_without_returning(&self.db)
        .await
        .map_err(backend)?;
        Ok(())
    }

    /// Updates a session loaded at the start of this request. If it was deleted meanwhile (signed
    /// out everywhere, ended by an administrator, expired) it stays deleted. An emptied session is
    /// deleted.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        if record.data.is_empty() {
            return self.delete(&record.id).await;
        }
        let row = Row::of(record)?;
        staff_session::Entity::update_many()
            .col_expr(staff_session::Column::UserId, Expr::value(row.user_id))
            .col_expr(staff_session::Column::Data, Expr::value(row.data))
            .col_expr(
                staff_session::Column::ExpiresAt,
                Expr::value(row.expires_at),
            )
            .filter(staff_session::Column::Id.eq(key(&record.id)))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(row) = staff_session::Entity::find_by_id(key(id))
            .filter(staff_session::Column::ExpiresAt.gt(OffsetDateTime::now_utc()))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let record: Record = serde_json::from_str(&row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(record))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        staff_session::Entity::delete_by_id(key(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
