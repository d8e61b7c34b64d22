//! A tower-sessions store on the application's own database (SQLite or PostgreSQL through
//! sea-orm), so sessions survive restarts and work with several server processes. Rows are keyed
//! by the SHA-256 of the session id (a leaked table reveals no usable cookie) and carry the user
//! id, so "sign out everywhere" can delete every session of a user.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use app::store::entities::staff_session;

use super::USER_KEY;

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
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        while self.exists(&record.id).await? {
            record.id = Id::default();
        }
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let user_id = record
            .data
            .get(USER_KEY)
            .and_then(serde_json::Value::as_i64)
            .and_then(|id| i32::try_from(id).ok());
        let row = staff_session::ActiveModel {
            id: Set(key(&record.id)),
            user_id: Set(user_id),
            data: Set(serde_json::to_string(record)
                .map_err(|e| session_store::Error::Encode(e.to_string()))?),
            expires_at: Set(record.expiry_date),
        };
        staff_session::Entity::insert(row)
            .on_conflict(
                OnConflict::column(staff_session::Column::Id)
                    .update_columns([
                        staff_session::Column::UserId,
                        staff_session::Column::Data,
                        staff_session::Column::ExpiresAt,
                    ])
                    .to_owned(),
            )
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
